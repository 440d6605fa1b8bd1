// Every claim, retracted ones too, for an export of the whole graph as one
// document.
MATCH (speaker:Entity)-[r:REPORTED|DENIED|RESPONDED]->(incident:Incident)
RETURN speaker.id AS speaker, type(r) AS stance, incident.id AS incident, properties(r) AS props
ORDER BY r.id
