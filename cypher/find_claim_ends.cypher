// What each claim id already stands for: a claim keeps its stance, speaker
// and incident for life.
UNWIND $ids AS id
MATCH (speaker:Entity)-[r:REPORTED|DENIED|RESPONDED {id: id}]->(incident:Incident)
RETURN id, type(r) AS stance, speaker.id AS speaker, incident.id AS incident
