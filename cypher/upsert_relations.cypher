// One edge per (from, type, to), listing every article that states it, with
// the quote, note and role from each at the same position in quotes, notes
// and roles ("" where none). A gazetteer fact, stated by no article, keeps
// its role and note in role and note.
UNWIND $rows AS row
// Row by row: each row reads the edge as the rows before it left it, so that
// several articles stating one edge in one batch are all kept. Outside a
// subquery every row would read the edge as it was before any of them.
CALL (row) {
  MATCH (a:Entity {id: row.from}), (b:Entity {id: row.to})
  // One MERGE per type, each with its type written out: Neo4j 5.26 plans a
  // MERGE of a dynamic type, $(row.type), as a scan of every relationship.
  // The MERGE gives the edge as it is, after any concurrent write of it that
  // the MERGE waited for: looked up again, the edge was found by a plan that,
  // made while the graph was small, expanded every edge of an actor for each
  // of its rows.
  CALL (row, a, b) {
    WITH * WHERE row.type = 'LOCATED_IN' MERGE (a)-[r:LOCATED_IN]->(b) ON CREATE SET r.created_ = true RETURN r
    UNION ALL
    WITH * WHERE row.type = 'LOCATED_NEAR' MERGE (a)-[r:LOCATED_NEAR]->(b) ON CREATE SET r.created_ = true RETURN r
    UNION ALL
    WITH * WHERE row.type = 'BORDERS' MERGE (a)-[r:BORDERS]->(b) ON CREATE SET r.created_ = true RETURN r
    UNION ALL
    WITH * WHERE row.type = 'PART_OF' MERGE (a)-[r:PART_OF]->(b) ON CREATE SET r.created_ = true RETURN r
    UNION ALL
    WITH * WHERE row.type = 'POSSIBLY_SAME_AS' MERGE (a)-[r:POSSIBLY_SAME_AS]->(b) ON CREATE SET r.created_ = true RETURN r
    UNION ALL
    WITH * WHERE row.type = 'CARRIED_OUT' MERGE (a)-[r:CARRIED_OUT]->(b) ON CREATE SET r.created_ = true RETURN r
    UNION ALL
    WITH * WHERE row.type = 'TARGETED' MERGE (a)-[r:TARGETED]->(b) ON CREATE SET r.created_ = true RETURN r
    UNION ALL
    WITH * WHERE row.type = 'SPEAKS_FOR' MERGE (a)-[r:SPEAKS_FOR]->(b) ON CREATE SET r.created_ = true RETURN r
    UNION ALL
    WITH * WHERE row.type = 'LEADS' MERGE (a)-[r:LEADS]->(b) ON CREATE SET r.created_ = true RETURN r
    UNION ALL
    WITH * WHERE row.type = 'BACKS' MERGE (a)-[r:BACKS]->(b) ON CREATE SET r.created_ = true RETURN r
    UNION ALL
    WITH * WHERE row.type = 'ALLIED_WITH' MERGE (a)-[r:ALLIED_WITH]->(b) ON CREATE SET r.created_ = true RETURN r
    UNION ALL
    WITH * WHERE row.type = 'FIGHTS' MERGE (a)-[r:FIGHTS]->(b) ON CREATE SET r.created_ = true RETURN r
    UNION ALL
    WITH * WHERE row.type = 'CONTROLS' MERGE (a)-[r:CONTROLS]->(b) ON CREATE SET r.created_ = true RETURN r
    UNION ALL
    WITH * WHERE row.type = 'PUBLISHED_BY' MERGE (a)-[r:PUBLISHED_BY]->(b) ON CREATE SET r.created_ = true RETURN r
    UNION ALL
    WITH * WHERE row.type = 'CITES' MERGE (a)-[r:CITES]->(b) ON CREATE SET r.created_ = true RETURN r
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
  WITH r, row, CASE
      WHEN created THEN 'CREATED'
      WHEN before = properties(r) THEN 'UNCHANGED'
      ELSE 'UPDATED'
    END AS outcome
  SET r.createdAt = coalesce(r.createdAt, $at), r.createdBy = coalesce(r.createdBy, $by),
      r.updatedAt = CASE outcome WHEN 'UNCHANGED' THEN r.updatedAt ELSE $at END,
      r.updatedBy = CASE outcome WHEN 'UNCHANGED' THEN r.updatedBy ELSE $by END
  RETURN outcome
}
RETURN row.i AS i, outcome
