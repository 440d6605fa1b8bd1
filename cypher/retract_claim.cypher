// A retraction is recorded once: retracting again keeps the first one.
MATCH (speaker:Entity)-[r:REPORTED|DENIED|RESPONDED {id: $id}]->(incident:Incident)
SET r.retractedAt = coalesce(r.retractedAt, $at),
    r.retractedBy = coalesce(r.retractedBy, $by),
    r.retractionReason = coalesce(r.retractionReason, $reason)
RETURN speaker.id AS speaker, type(r) AS stance, incident.id AS incident, properties(r) AS props
