// One edge per (from, type, to), listing every article that states it, with
// the quote, note and role from each at the same position in quotes, notes
// and roles ("" where none). A gazetteer fact, stated by no article, keeps
// its role and note in role and note.
//
// $rows holds the rows of each type under its name, and no two rows of one
// edge (writeRows sends a second row of an edge in a statement of its own):
// so each row reads its edge as the statements before it left it, and the
// rows need not be written one by one, which cost a subquery a row. Each
// type has its MERGE written out: Neo4j 5.26 plans a MERGE of a dynamic
// type, $(row.type), as a scan of every relationship; a branch a row, picked
// by the row's type, cost each row every branch.
CALL () {
  UNWIND $rows.LOCATED_IN AS row MATCH (a:Entity {id: row.from}), (b:Entity {id: row.to})
  MERGE (a)-[r:LOCATED_IN]->(b) ON CREATE SET r.created_ = true RETURN row, r
  UNION ALL
  UNWIND $rows.LOCATED_NEAR AS row MATCH (a:Entity {id: row.from}), (b:Entity {id: row.to})
  MERGE (a)-[r:LOCATED_NEAR]->(b) ON CREATE SET r.created_ = true RETURN row, r
  UNION ALL
  UNWIND $rows.BORDERS AS row MATCH (a:Entity {id: row.from}), (b:Entity {id: row.to})
  MERGE (a)-[r:BORDERS]->(b) ON CREATE SET r.created_ = true RETURN row, r
  UNION ALL
  UNWIND $rows.PART_OF AS row MATCH (a:Entity {id: row.from}), (b:Entity {id: row.to})
  MERGE (a)-[r:PART_OF]->(b) ON CREATE SET r.created_ = true RETURN row, r
  UNION ALL
  UNWIND $rows.POSSIBLY_SAME_AS AS row MATCH (a:Entity {id: row.from}), (b:Entity {id: row.to})
  MERGE (a)-[r:POSSIBLY_SAME_AS]->(b) ON CREATE SET r.created_ = true RETURN row, r
  UNION ALL
  UNWIND $rows.CARRIED_OUT AS row MATCH (a:Entity {id: row.from}), (b:Entity {id: row.to})
  MERGE (a)-[r:CARRIED_OUT]->(b) ON CREATE SET r.created_ = true RETURN row, r
  UNION ALL
  UNWIND $rows.TARGETED AS row MATCH (a:Entity {id: row.from}), (b:Entity {id: row.to})
  MERGE (a)-[r:TARGETED]->(b) ON CREATE SET r.created_ = true RETURN row, r
  UNION ALL
  UNWIND $rows.SPEAKS_FOR AS row MATCH (a:Entity {id: row.from}), (b:Entity {id: row.to})
  MERGE (a)-[r:SPEAKS_FOR]->(b) ON CREATE SET r.created_ = true RETURN row, r
  UNION ALL
  UNWIND $rows.LEADS AS row MATCH (a:Entity {id: row.from}), (b:Entity {id: row.to})
  MERGE (a)-[r:LEADS]->(b) ON CREATE SET r.created_ = true RETURN row, r
  UNION ALL
  UNWIND $rows.BACKS AS row MATCH (a:Entity {id: row.from}), (b:Entity {id: row.to})
  MERGE (a)-[r:BACKS]->(b) ON CREATE SET r.created_ = true RETURN row, r
  UNION ALL
  UNWIND $rows.ALLIED_WITH AS row MATCH (a:Entity {id: row.from}), (b:Entity {id: row.to})
  MERGE (a)-[r:ALLIED_WITH]->(b) ON CREATE SET r.created_ = true RETURN row, r
  UNION ALL
  UNWIND $rows.FIGHTS AS row MATCH (a:Entity {id: row.from}), (b:Entity {id: row.to})
  MERGE (a)-[r:FIGHTS]->(b) ON CREATE SET r.created_ = true RETURN row, r
  UNION ALL
  UNWIND $rows.CONTROLS AS row MATCH (a:Entity {id: row.from}), (b:Entity {id: row.to})
  MERGE (a)-[r:CONTROLS]->(b) ON CREATE SET r.created_ = true RETURN row, r
  UNION ALL
  UNWIND $rows.PUBLISHED_BY AS row MATCH (a:Entity {id: row.from}), (b:Entity {id: row.to})
  MERGE (a)-[r:PUBLISHED_BY]->(b) ON CREATE SET r.created_ = true RETURN row, r
  UNION ALL
  UNWIND $rows.CITES AS row MATCH (a:Entity {id: row.from}), (b:Entity {id: row.to})
  MERGE (a)-[r:CITES]->(b) ON CREATE SET r.created_ = true RETURN row, r
}
WITH r, row, r.created_ IS NOT NULL AS created, properties(r) AS before,
     coalesce(r.sources, []) AS sources, coalesce(r.quotes, []) AS quotes,
     coalesce(r.notes, [s IN coalesce(r.sources, []) | '']) AS notes,
     coalesce(r.roles, [s IN coalesce(r.sources, []) | '']) AS roles
WITH r, row, created, before, sources, quotes, notes, roles,
     CASE WHEN row.article IS NULL THEN -1 ELSE coalesce([i IN range(0, size(sources) - 1) WHERE sources[i] = row.article][0], size(sources)) END AS at
REMOVE r.created_
SET r.sources = CASE WHEN at = -1 OR at < size(sources) THEN sources ELSE sources + row.article END,
    r.quotes = CASE WHEN at = -1 THEN quotes ELSE [i IN range(0, size(sources)) WHERE i < size(sources) OR i = at | CASE WHEN i = at THEN row.quote ELSE quotes[i] END] END,
    r.notes = CASE WHEN at = -1 THEN notes ELSE [i IN range(0, size(sources)) WHERE i < size(sources) OR i = at | CASE WHEN i = at THEN coalesce(row.note, '') ELSE notes[i] END] END,
    r.roles = CASE WHEN at = -1 THEN roles ELSE [i IN range(0, size(sources)) WHERE i < size(sources) OR i = at | CASE WHEN i = at THEN coalesce(row.role, '') ELSE roles[i] END] END,
    r.role = CASE WHEN at = -1 THEN coalesce(row.role, r.role) ELSE r.role END,
    r.note = CASE WHEN at = -1 THEN coalesce(row.note, r.note) ELSE r.note END,
    r.distanceKm = coalesce(row.distanceKm, r.distanceKm)
WITH r, row, before, CASE
    WHEN created THEN 'CREATED'
    WHEN before = properties(r) THEN 'UNCHANGED'
    ELSE 'UPDATED'
  END AS outcome
SET r.createdAt = coalesce(r.createdAt, $at), r.createdBy = coalesce(r.createdBy, $by),
    r.updatedAt = CASE outcome WHEN 'UNCHANGED' THEN r.updatedAt ELSE $at END,
    r.updatedBy = CASE outcome WHEN 'UNCHANGED' THEN r.updatedBy ELSE $by END
// An update leaves a :Revision, as in upsert_entities.
WITH r, row, outcome, before, properties(r) AS after
CALL (row, outcome, before, after) {
  WITH * WHERE outcome = 'UPDATED' AND NOT (before.updatedAt = $at AND before.updatedBy = $by)
  WITH row, before, [k IN keys(after) + [k IN keys(before) WHERE NOT k IN keys(after)]
                     WHERE NOT k IN $skip AND NOT coalesce(before[k] = after[k], false)] AS fields
  CREATE (rev:Revision {of: row.from + '|' + row.type + '|' + row.to, action: $action, at: $at, by: $by, reason: $reason, fields: fields})
  FOREACH (k IN fields | SET rev['earlier.' + k] = before[k])
}
RETURN row.i AS i, outcome
