// A page of incidents. $conditions and $program are a compiled filter, $sort
// the order, $start/$lo/$limit the page: see cypher/list.go.
MATCH (n:Incident)
WITH n, [c IN $conditions | CASE c.op
    WHEN 'all' THEN true
    WHEN 'id' THEN n.id IN c.value
    WHEN 'scope' THEN n.scope IN c.value
    WHEN 'dateFrom' THEN n.date >= c.value
    WHEN 'dateTo' THEN n.date <= c.value
    WHEN 'place' THEN EXISTS {
      MATCH (n)-[:LOCATED_IN|LOCATED_NEAR]->(:Place)-[:LOCATED_IN]->*(p:Place)
      WHERE p.id = c.value
    }
    WHEN 'actor' THEN EXISTS { MATCH (n)<-[:CARRIED_OUT]-(a:Actor) WHERE a.id = c.value }
      OR EXISTS { MATCH (n)-[:TARGETED]->(a:Actor) WHERE a.id = c.value }
      OR EXISTS { MATCH (n)<-[r:REPORTED|DENIED|RESPONDED]-(a:Actor) WHERE a.id = c.value OR r.onBehalfOf = c.value }
    WHEN 'perpetrator' THEN EXISTS { MATCH (n)<-[:CARRIED_OUT]-(a:Actor) WHERE a.id = c.value }
    WHEN 'stance' THEN EXISTS { MATCH (n)<-[r]-(:Actor) WHERE type(r) = c.value }
    // A spokesperson reports as the kind of organisation it speaks for, too.
    WHEN 'reporterKind' THEN EXISTS {
      MATCH (n)<-[r:REPORTED]-(a:Actor)
      WHERE a.kind = c.value OR EXISTS { MATCH (o:Actor {id: r.onBehalfOf}) WHERE o.kind = c.value }
    }
    WHEN 'tollFrom' THEN EXISTS { MATCH (n)<-[r:REPORTED]-() WHERE coalesce(r.civiliansKilledMax, r.civiliansKilledMin) >= c.value }
    WHEN 'tollTo' THEN EXISTS { MATCH (n)<-[r:REPORTED]-() WHERE coalesce(r.civiliansKilledMin, r.civiliansKilledMax) <= c.value }
    // The rule of strikegraph.Contested: a civilian toll reported, and a denial.
    WHEN 'contested' THEN c.value = (
      EXISTS {
        MATCH (n)<-[r:REPORTED]-()
        WHERE r.civiliansKilledText IS NOT NULL OR r.childrenKilledText IS NOT NULL
           OR r.womenKilledText IS NOT NULL OR r.injuredText IS NOT NULL
      }
      AND EXISTS { (n)<-[:DENIED]-() })
    WHEN 'text' THEN any(k IN n.nameKeys WHERE k CONTAINS c.value.key)
      OR toLower(n.target) CONTAINS c.value.lower OR toLower(n.description) CONTAINS c.value.lower
  END] AS outcome
// Run the filter's postfix program over the outcomes: see strikegraph.Filter.
WHERE coalesce(reduce(stack = [], i IN $program | CASE i
    WHEN -1 THEN stack[..-2] + [stack[-2] AND stack[-1]]
    WHEN -2 THEN stack[..-2] + [stack[-2] OR stack[-1]]
    WHEN -3 THEN stack[..-1] + [NOT stack[-1]]
    ELSE stack + [coalesce(outcome[i], false)]
  END)[0], true)
WITH n, [s IN $sort | CASE s.field
    WHEN 'date' THEN n.date
    WHEN 'name' THEN toLower(n.name)
    WHEN 'civilianToll' THEN COLLECT {
      MATCH (n)<-[r:REPORTED]-()
      WHERE r.civiliansKilledText IS NOT NULL
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
