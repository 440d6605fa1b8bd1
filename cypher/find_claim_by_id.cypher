MATCH (speaker:Entity)-[r:REPORTED|DENIED|RESPONDED {id: $id}]->(incident:Incident)
RETURN speaker.id AS speaker, type(r) AS stance, incident.id AS incident, properties(r) AS props
