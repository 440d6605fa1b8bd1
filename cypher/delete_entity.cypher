MATCH (n:Entity {id: $id})
DETACH DELETE n
