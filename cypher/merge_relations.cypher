// One edge per (from, type, to), listing every article that states it, with
// the quote from each at the same position in quotes ("" where none).
UNWIND $rows AS row
MATCH (a:Entity {id: row.from}), (b:Entity {id: row.to})
// One MERGE per type, each with its type written out: Neo4j 5.26 plans a
// MERGE of a dynamic type, $(row.type), as a scan of every relationship.
FOREACH (_ IN CASE row.type WHEN 'LOCATED_IN' THEN [1] ELSE [] END |       MERGE (a)-[:LOCATED_IN]->(b))
FOREACH (_ IN CASE row.type WHEN 'LOCATED_NEAR' THEN [1] ELSE [] END |     MERGE (a)-[:LOCATED_NEAR]->(b))
FOREACH (_ IN CASE row.type WHEN 'BORDERS' THEN [1] ELSE [] END |          MERGE (a)-[:BORDERS]->(b))
FOREACH (_ IN CASE row.type WHEN 'PART_OF' THEN [1] ELSE [] END |          MERGE (a)-[:PART_OF]->(b))
FOREACH (_ IN CASE row.type WHEN 'POSSIBLY_SAME_AS' THEN [1] ELSE [] END | MERGE (a)-[:POSSIBLY_SAME_AS]->(b))
FOREACH (_ IN CASE row.type WHEN 'CARRIED_OUT' THEN [1] ELSE [] END |      MERGE (a)-[:CARRIED_OUT]->(b))
FOREACH (_ IN CASE row.type WHEN 'TARGETED' THEN [1] ELSE [] END |         MERGE (a)-[:TARGETED]->(b))
FOREACH (_ IN CASE row.type WHEN 'SPEAKS_FOR' THEN [1] ELSE [] END |       MERGE (a)-[:SPEAKS_FOR]->(b))
FOREACH (_ IN CASE row.type WHEN 'LEADS' THEN [1] ELSE [] END |            MERGE (a)-[:LEADS]->(b))
FOREACH (_ IN CASE row.type WHEN 'BACKS' THEN [1] ELSE [] END |            MERGE (a)-[:BACKS]->(b))
FOREACH (_ IN CASE row.type WHEN 'ALLIED_WITH' THEN [1] ELSE [] END |      MERGE (a)-[:ALLIED_WITH]->(b))
FOREACH (_ IN CASE row.type WHEN 'FIGHTS' THEN [1] ELSE [] END |           MERGE (a)-[:FIGHTS]->(b))
FOREACH (_ IN CASE row.type WHEN 'CONTROLS' THEN [1] ELSE [] END |         MERGE (a)-[:CONTROLS]->(b))
FOREACH (_ IN CASE row.type WHEN 'PUBLISHED_BY' THEN [1] ELSE [] END |     MERGE (a)-[:PUBLISHED_BY]->(b))
FOREACH (_ IN CASE row.type WHEN 'CITES' THEN [1] ELSE [] END |            MERGE (a)-[:CITES]->(b))
// A pattern comprehension expands from a; a MATCH here was planned as a scan
// of every relationship.
WITH row, [(a)-[r]->(b) WHERE type(r) = row.type | r][0] AS r
WITH r, row, coalesce(r.sources, []) AS sources, coalesce(r.quotes, []) AS quotes
SET r.sources = CASE WHEN row.article IS NULL OR row.article IN sources THEN sources ELSE sources + row.article END,
    r.quotes = CASE
      WHEN row.article IS NULL THEN quotes
      WHEN row.article IN sources THEN [i IN range(0, size(sources) - 1) | CASE WHEN sources[i] = row.article THEN row.quote ELSE quotes[i] END]
      ELSE quotes + row.quote
    END,
    r.role = coalesce(row.role, r.role),
    r.distanceKm = coalesce(row.distanceKm, r.distanceKm),
    r.note = coalesce(row.note, r.note)
