// A retraction is recorded once: retracting again keeps the first one. The
// first leaves a RETRACT :Revision, in the same transaction.
MATCH (speaker:Entity)-[r:REPORTED|DENIED|RESPONDED {id: $id}]->(incident:Incident)
WITH speaker, r, incident, r.retractedAt IS NULL AS first
SET r.retractedAt = coalesce(r.retractedAt, $at),
    r.retractedBy = coalesce(r.retractedBy, $by),
    r.retractionReason = coalesce(r.retractionReason, $reason)
FOREACH (_ IN CASE WHEN first THEN [1] ELSE [] END |
  CREATE (:Revision {of: $id, action: 'RETRACT', at: $at, by: $by, reason: $reason,
                     fields: ['retractedAt', 'retractedBy', 'retractionReason']}))
RETURN speaker.id AS speaker, type(r) AS stance, incident.id AS incident, properties(r) AS props
