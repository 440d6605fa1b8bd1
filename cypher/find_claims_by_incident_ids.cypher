UNWIND $ids AS id
MATCH (speaker:Entity)-[r:REPORTED|DENIED|RESPONDED]->(incident:Entity:Incident {id: id})
RETURN id AS key, speaker.id AS speaker, type(r) AS stance, incident.id AS incident, properties(r) AS props
ORDER BY key, r.id
