MATCH (n:Article)
OPTIONAL MATCH (n)-[:PUBLISHED_BY]->(publisher:Outlet)
RETURN n, publisher.id AS publisher
ORDER BY n.id
