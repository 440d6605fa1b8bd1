UNWIND $ids AS id
CALL (id) {
    MATCH (speaker:Entity)-[r:REPORTED]->(incident:Incident) WHERE r.article = id RETURN speaker, r, incident
  UNION
    MATCH (speaker:Entity)-[r:DENIED]->(incident:Incident) WHERE r.article = id RETURN speaker, r, incident
  UNION
    MATCH (speaker:Entity)-[r:RESPONDED]->(incident:Incident) WHERE r.article = id RETURN speaker, r, incident
}
RETURN id AS key, speaker.id AS speaker, type(r) AS stance, incident.id AS incident, properties(r) AS props
ORDER BY key, r.id
