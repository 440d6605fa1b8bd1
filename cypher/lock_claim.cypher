// Writing a property takes the claim's write lock, held until the
// transaction ends; the property itself is gone again at once.
MATCH (speaker:Entity)-[r:REPORTED|DENIED|RESPONDED {id: $id}]->(incident:Incident)
SET r.lock_ = true
REMOVE r.lock_
RETURN speaker.id AS speaker, type(r) AS stance, incident.id AS incident, properties(r) AS props
