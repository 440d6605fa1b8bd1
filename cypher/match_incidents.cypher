// The incidents a filter selects: $conditions and $program are a compiled
// filter (see cypher/list.go). Queries about them FOLLOW this one. A retracted
// claim (retractedAt set) counts for nothing here.
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
      OR EXISTS { MATCH (n)<-[r:REPORTED|DENIED|RESPONDED]-(a:Actor) WHERE (a.id = c.value OR r.onBehalfOf = c.value) AND r.retractedAt IS NULL }
    WHEN 'perpetrator' THEN EXISTS { MATCH (n)<-[:CARRIED_OUT]-(a:Actor) WHERE a.id = c.value }
    WHEN 'stance' THEN EXISTS { MATCH (n)<-[r]-(:Actor) WHERE type(r) = c.value AND r.retractedAt IS NULL }
    // A spokesperson reports as the kind of organisation it speaks for, too.
    WHEN 'reporterKind' THEN EXISTS {
      MATCH (n)<-[r:REPORTED]-(a:Actor)
      WHERE r.retractedAt IS NULL AND (a.kind = c.value OR EXISTS { MATCH (o:Entity {id: r.onBehalfOf}) WHERE o.kind = c.value })
    }
    WHEN 'tollFrom' THEN EXISTS { MATCH (n)<-[r:REPORTED]-() WHERE coalesce(r.civiliansKilledMax, r.civiliansKilledMin) >= c.value AND r.retractedAt IS NULL }
    WHEN 'tollTo' THEN EXISTS { MATCH (n)<-[r:REPORTED]-() WHERE coalesce(r.civiliansKilledMin, r.civiliansKilledMax) <= c.value AND r.retractedAt IS NULL }
    // The rule of strikegraph.Contested: a civilian toll reported, and a denial.
    WHEN 'contested' THEN c.value = (
      EXISTS {
        MATCH (n)<-[r:REPORTED]-()
        WHERE r.retractedAt IS NULL AND (r.civiliansKilledText IS NOT NULL OR r.childrenKilledText IS NOT NULL
           OR r.womenKilledText IS NOT NULL OR r.injuredText IS NOT NULL)
      }
      AND EXISTS { MATCH (n)<-[d:DENIED]-() WHERE d.retractedAt IS NULL })
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
