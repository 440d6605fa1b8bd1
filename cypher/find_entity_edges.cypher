// Every edge of one entity, to move it to another.
MATCH (n:Entity {id: $id})-[r]-(other:Entity)
RETURN type(r) AS type, startNode(r) = n AS out, other.id AS other, properties(r) AS props
