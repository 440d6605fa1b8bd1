UNWIND $ids AS id
MATCH (n:Entity {id: id})
OPTIONAL MATCH (n)-[:PUBLISHED_BY]->(publisher:Outlet)
RETURN n, publisher.id AS publisher
