// Entities are merged on their id and written whole. What a document says of
// an entity is hashed: an equal hash leaves the entity, and its updatedAt, as
// they were. Who created it, and when, are kept.
UNWIND $rows AS row
MERGE (n:Entity {id: row.id})
  ON CREATE SET n.created_ = true
WITH n, row, n.created_ IS NOT NULL AS created, n.hash AS old,
     n.createdAt AS createdAt, n.createdBy AS createdBy
WITH n, row, createdAt, createdBy, CASE
    WHEN created THEN 'CREATED'
    WHEN old = row.hash THEN 'UNCHANGED'
    WHEN $createOnly THEN 'CONFLICT'
    ELSE 'UPDATED'
  END AS outcome
FOREACH (_ IN CASE WHEN outcome IN ['CREATED', 'UPDATED'] THEN [1] ELSE [] END |
  SET n = row.props, n:$(row.labels), n.hash = row.hash,
      n.createdAt = coalesce(createdAt, $at), n.createdBy = coalesce(createdBy, $by),
      n.updatedAt = $at, n.updatedBy = $by)
RETURN row.i AS i, outcome
