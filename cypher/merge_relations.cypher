// One edge per (from, type, to), listing every article that states it, with
// the quote from each at the same position in quotes ("" where none).
UNWIND $rows AS row
MATCH (a:Entity {id: row.from}), (b:Entity {id: row.to})
MERGE (a)-[r:$(row.type)]->(b)
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
