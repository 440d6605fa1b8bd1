UNWIND $ids AS id
MATCH (n:Entity {id: id})
OPTIONAL MATCH (n)-[:PUBLISHED_BY]->(publisher:Actor)
RETURN n, publisher.id AS publisher
