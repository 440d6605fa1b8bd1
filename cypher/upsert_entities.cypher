// Entities are merged on their id and written whole. What a document says of
// an entity is hashed: an equal hash leaves the entity, and its updatedAt, as
// they were. Who created it, and when, are kept. An update leaves a
// :Revision with the earlier values of the fields it changed (see
// revision.go); $skip are the fields derived or kept by the write itself.
// What this same write wrote before (an import writes every batch under one
// author and time) is not history: an import is one write.
UNWIND $rows AS row
MERGE (n:Entity {id: row.id})
  ON CREATE SET n.created_ = true
WITH n, row, n.created_ IS NOT NULL AS created, n.hash AS old,
     n.createdAt AS createdAt, n.createdBy AS createdBy, properties(n) AS before
WITH n, row, createdAt, createdBy, before, CASE
    WHEN created THEN 'CREATED'
    WHEN old = row.hash THEN 'UNCHANGED'
    WHEN $createOnly THEN 'CONFLICT'
    ELSE 'UPDATED'
  END AS outcome
FOREACH (_ IN CASE WHEN outcome IN ['CREATED', 'UPDATED'] THEN [1] ELSE [] END |
  SET n = row.props, n:$(row.labels), n.hash = row.hash,
      n.createdAt = coalesce(createdAt, $at), n.createdBy = coalesce(createdBy, $by),
      n.updatedAt = $at, n.updatedBy = $by)
WITH n, row, outcome, before
CALL (row, outcome, before) {
  WITH * WHERE outcome = 'UPDATED' AND NOT (before.updatedAt = $at AND before.updatedBy = $by)
  WITH row, before, [k IN keys(row.props) + [k IN keys(before) WHERE NOT k IN keys(row.props)]
                     WHERE NOT k IN $skip AND NOT coalesce(before[k] = row.props[k], false)] AS fields
  CREATE (rev:Revision {of: row.id, action: $action, at: $at, by: $by, reason: $reason, fields: fields})
  FOREACH (k IN fields | SET rev['earlier.' + k] = before[k])
}
RETURN row.i AS i, outcome
