// Writing a property takes the node's write lock, held until the transaction
// ends; the property itself is gone again at once.
UNWIND $ids AS id
MATCH (n:Entity {id: id})
SET n.lock_ = true
REMOVE n.lock_
WITH n
OPTIONAL MATCH (n)-[:PUBLISHED_BY]->(publisher:Actor)
RETURN n, publisher.id AS publisher
