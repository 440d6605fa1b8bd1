// A page of actors: see find_incidents.cypher for the parameters.
MATCH (n:Actor)
WITH n, [c IN $conditions | CASE c.op
    WHEN 'all' THEN true
    WHEN 'id' THEN n.id IN c.value
    WHEN 'kind' THEN n.kind IN c.value
    WHEN 'partOf' THEN EXISTS { MATCH (n)-[:PART_OF]->+(g:Actor) WHERE g.id = c.value }
    WHEN 'stance' THEN EXISTS { MATCH (n)-[r]->(:Incident) WHERE type(r) = c.value }
      OR EXISTS { MATCH (n)<-[:SPEAKS_FOR]-(:Actor)-[r]->(:Incident) WHERE type(r) = c.value AND r.onBehalfOf = n.id }
    WHEN 'text' THEN any(k IN n.nameKeys WHERE k CONTAINS c.value.key)
      OR toLower(n.description) CONTAINS c.value.lower
  END] AS outcome
// Run the filter's postfix program over the outcomes: see strikegraph.Filter.
WHERE coalesce(reduce(stack = [], i IN $program | CASE i
    WHEN -1 THEN stack[..-2] + [stack[-2] AND stack[-1]]
    WHEN -2 THEN stack[..-2] + [stack[-2] OR stack[-1]]
    WHEN -3 THEN stack[..-1] + [NOT stack[-1]]
    ELSE stack + [coalesce(outcome[i], false)]
  END)[0], true)
WITH n, [s IN $sort | CASE s.field WHEN 'name' THEN toLower(n.name) END] AS key
// Up to three sort keys, each ascending or descending, values missing last;
// then by name; then id.
ORDER BY
  key[0] IS NULL, CASE WHEN $sort[0].desc THEN null ELSE key[0] END, CASE WHEN $sort[0].desc THEN key[0] END DESC,
  key[1] IS NULL, CASE WHEN $sort[1].desc THEN null ELSE key[1] END, CASE WHEN $sort[1].desc THEN key[1] END DESC,
  key[2] IS NULL, CASE WHEN $sort[2].desc THEN null ELSE key[2] END, CASE WHEN $sort[2].desc THEN key[2] END DESC,
  toLower(n.name), n.id
WITH collect(n) AS matched
WITH matched, size(matched) AS total
WITH matched, total, coalesce($start, CASE WHEN total - $limit > $lo THEN total - $limit ELSE $lo END) AS start
RETURN total, start, [n IN matched[start..start + $limit] | {n: n}] AS rows
