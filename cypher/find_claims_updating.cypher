// The standing claims that name each id in updates: the same source's later
// statements. One branch per stance, each on its updates index.
UNWIND $ids AS id
CALL (id) {
  MATCH (speaker:Entity)-[r:REPORTED {updates: id}]->(incident:Incident) RETURN speaker, r, incident
  UNION ALL
  MATCH (speaker:Entity)-[r:DENIED {updates: id}]->(incident:Incident) RETURN speaker, r, incident
  UNION ALL
  MATCH (speaker:Entity)-[r:RESPONDED {updates: id}]->(incident:Incident) RETURN speaker, r, incident
}
WITH id, speaker, r, incident WHERE r.retractedAt IS NULL
RETURN id AS of, speaker.id AS speaker, type(r) AS stance, incident.id AS incident, properties(r) AS props
ORDER BY of, r.statedOnValue, r.id
