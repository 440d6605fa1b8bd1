// What each claim id already stands for: a claim keeps its stance, speaker
// and incident for life. One branch per stance, each told to seek its id
// index: planned while a graph has few claims, one pattern of all three
// types scanned the REPORTED index for every id, and an import slowed as the
// graph grew.
UNWIND $ids AS id
CALL (id) {
  MATCH (speaker:Entity)-[r:REPORTED {id: id}]->(incident:Incident) USING INDEX SEEK r:REPORTED(id)
  RETURN speaker, r, incident
  UNION ALL
  MATCH (speaker:Entity)-[r:DENIED {id: id}]->(incident:Incident) USING INDEX SEEK r:DENIED(id)
  RETURN speaker, r, incident
  UNION ALL
  MATCH (speaker:Entity)-[r:RESPONDED {id: id}]->(incident:Incident) USING INDEX SEEK r:RESPONDED(id)
  RETURN speaker, r, incident
}
RETURN id, type(r) AS stance, speaker.id AS speaker, incident.id AS incident, r.onBehalfOf AS onBehalfOf
