UNWIND $ids AS id
MATCH (n:Entity {id: id})-[r]-(other:Entity)
WHERE NOT r:REPORTED|DENIED|RESPONDED
RETURN id, type(r) AS type, startNode(r) = n AS out, other.id AS other, properties(r) AS props
ORDER BY id, type, other
