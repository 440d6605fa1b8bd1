// FOLLOWS match_incidents
// A page of the incidents selected: $sort is the order, $start/$lo/$limit the
// page (see cypher/list.go).
WITH n, [s IN $sort | CASE s.field
    WHEN 'date' THEN n.date
    WHEN 'name' THEN toLower(n.name)
    WHEN 'civilianToll' THEN COLLECT {
      MATCH (n)<-[r:REPORTED]-()
      WHERE r.civiliansKilledText IS NOT NULL AND r.retractedAt IS NULL
      RETURN coalesce(r.civiliansKilledMax, r.civiliansKilledMin) AS toll
      ORDER BY toll DESC LIMIT 1
    }[0]
  END] AS key
// Up to three sort keys, each ascending or descending, values missing last;
// then the default order, oldest first; then id.
ORDER BY
  key[0] IS NULL, CASE WHEN $sort[0].desc THEN null ELSE key[0] END, CASE WHEN $sort[0].desc THEN key[0] END DESC,
  key[1] IS NULL, CASE WHEN $sort[1].desc THEN null ELSE key[1] END, CASE WHEN $sort[1].desc THEN key[1] END DESC,
  key[2] IS NULL, CASE WHEN $sort[2].desc THEN null ELSE key[2] END, CASE WHEN $sort[2].desc THEN key[2] END DESC,
  n.date IS NULL, n.date, n.id
WITH collect(n) AS matched
WITH matched, size(matched) AS total
WITH matched, total, coalesce($start, CASE WHEN total - $limit > $lo THEN total - $limit ELSE $lo END) AS start
RETURN total, start, [n IN matched[start..start + $limit] | {n: n}] AS rows
