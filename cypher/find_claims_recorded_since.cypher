// The claims recorded after $since, oldest first, at most $limit: the change
// feed of subscriptions, read from each stance's createdAt index.
CALL () {
  MATCH (speaker:Entity)-[r:REPORTED]->(incident:Incident) WHERE r.createdAt > $since RETURN speaker, r, incident
  UNION ALL
  MATCH (speaker:Entity)-[r:DENIED]->(incident:Incident) WHERE r.createdAt > $since RETURN speaker, r, incident
  UNION ALL
  MATCH (speaker:Entity)-[r:RESPONDED]->(incident:Incident) WHERE r.createdAt > $since RETURN speaker, r, incident
}
WITH speaker, r, incident ORDER BY r.createdAt, r.id LIMIT $limit
RETURN speaker.id AS speaker, type(r) AS stance, incident.id AS incident, properties(r) AS props
