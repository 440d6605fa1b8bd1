// A claim is an edge from its speaker to its incident, typed by its stance.
// Each stance has its MERGE written out: Neo4j 5.26 plans a MERGE of a
// dynamic type, $(row.stance), as a scan of every relationship. The claim is
// written whole when its hash differs; who created it and any retraction are
// kept, and a retraction a document carries is recorded. An update, and a
// retraction a document brings, leave a :Revision as in upsert_entities.
UNWIND $rows AS row
MATCH (speaker:Entity {id: row.speaker}), (incident:Entity:Incident {id: row.incident})
CALL (row, speaker, incident) {
  WITH * WHERE row.stance = 'REPORTED'
  MERGE (speaker)-[r:REPORTED {id: row.id}]->(incident) ON CREATE SET r.created_ = true
  RETURN r
UNION
  WITH * WHERE row.stance = 'DENIED'
  MERGE (speaker)-[r:DENIED {id: row.id}]->(incident) ON CREATE SET r.created_ = true
  RETURN r
UNION
  WITH * WHERE row.stance = 'RESPONDED'
  MERGE (speaker)-[r:RESPONDED {id: row.id}]->(incident) ON CREATE SET r.created_ = true
  RETURN r
}
WITH r, row, r.created_ IS NOT NULL AS created, r.hash AS old, r.createdAt AS createdAt, r.createdBy AS createdBy, properties(r) AS before,
     coalesce(r.retractedAt, row.retractedAt) AS retractedAt, coalesce(r.retractedBy, row.retractedBy) AS retractedBy,
     coalesce(r.retractionReason, row.retractionReason) AS retractionReason
WITH r, row, createdAt, createdBy, before, retractedAt, retractedBy, retractionReason, CASE
    WHEN created THEN 'CREATED'
    WHEN old = row.hash THEN 'UNCHANGED'
    WHEN $createOnly THEN 'CONFLICT'
    ELSE 'UPDATED'
  END AS outcome
FOREACH (_ IN CASE WHEN outcome IN ['CREATED', 'UPDATED'] THEN [1] ELSE [] END |
  SET r = row.props, r.hash = row.hash,
      r.createdAt = coalesce(createdAt, $at), r.createdBy = coalesce(createdBy, $by),
      r.updatedAt = $at, r.updatedBy = $by)
FOREACH (_ IN CASE WHEN r.retractedAt IS NULL AND retractedAt IS NOT NULL THEN [1] ELSE [] END |
  SET r.retractedAt = retractedAt, r.retractedBy = retractedBy, r.retractionReason = retractionReason)
WITH r, row, outcome, before
CALL (row, outcome, before) {
  WITH * WHERE outcome = 'UPDATED' AND NOT (before.updatedAt = $at AND before.updatedBy = $by)
  WITH row, before, [k IN keys(row.props) + [k IN keys(before) WHERE NOT k IN keys(row.props)]
                     WHERE NOT k IN $skip AND NOT coalesce(before[k] = row.props[k], false)] AS fields
  CREATE (rev:Revision {of: row.id, action: $action, at: $at, by: $by, reason: $reason, fields: fields})
  FOREACH (k IN fields | SET rev['earlier.' + k] = before[k])
}
CALL (row, before) {
  WITH * WHERE before.retractedAt IS NULL AND row.retractedAt IS NOT NULL
  CREATE (:Revision {of: row.id, action: 'RETRACT', at: row.retractedAt, by: row.retractedBy, reason: row.retractionReason,
                     fields: ['retractedAt', 'retractedBy', 'retractionReason']})
}
RETURN row.i AS i, outcome
