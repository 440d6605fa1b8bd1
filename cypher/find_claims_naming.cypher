// The claims that name an entity in their properties: on whose behalf, via
// whom, where.
MATCH (speaker:Entity)-[r:REPORTED|DENIED|RESPONDED]->(incident:Incident)
WHERE r.onBehalfOf = $id OR $id IN r.via OR $id IN r.places
RETURN speaker.id AS speaker, type(r) AS stance, incident.id AS incident, properties(r) AS props
