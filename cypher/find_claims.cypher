// A page of claims: see find_incidents.cypher for the parameters.
MATCH (speaker:Actor)-[r:REPORTED|DENIED|RESPONDED]->(incident:Incident)
WITH speaker, r, incident, [c IN $conditions | CASE c.op
    WHEN 'all' THEN true
    WHEN 'id' THEN r.id IN c.value
    WHEN 'retracted' THEN (r.retractedAt IS NOT NULL) = c.value
    WHEN 'stance' THEN type(r) IN c.value
    WHEN 'speaker' THEN speaker.id = c.value OR r.onBehalfOf = c.value
    WHEN 'speakerKind' THEN speaker.kind IN c.value
    WHEN 'incident' THEN incident.id = c.value
    WHEN 'article' THEN r.article = c.value
    WHEN 'place' THEN EXISTS {
      MATCH (incident)-[:LOCATED_IN|LOCATED_NEAR]->(:Place)-[:LOCATED_IN]->*(p:Place)
      WHERE p.id = c.value
    }
    WHEN 'dateFrom' THEN incident.date >= c.value
    WHEN 'dateTo' THEN incident.date <= c.value
    WHEN 'tollFrom' THEN coalesce(r.civiliansKilledMax, r.civiliansKilledMin) >= c.value
    WHEN 'tollTo' THEN coalesce(r.civiliansKilledMin, r.civiliansKilledMax) <= c.value
    WHEN 'denies' THEN r.denies IN c.value
    WHEN 'response' THEN r.response IN c.value
    WHEN 'quote' THEN toLower(r.quote) CONTAINS c.value
  END] AS outcome
// Run the filter's postfix program over the outcomes: see strikegraph.Filter.
WHERE coalesce(reduce(stack = [], i IN $program | CASE i
    WHEN -1 THEN stack[..-2] + [stack[-2] AND stack[-1]]
    WHEN -2 THEN stack[..-2] + [stack[-2] OR stack[-1]]
    WHEN -3 THEN stack[..-1] + [NOT stack[-1]]
    ELSE stack + [coalesce(outcome[i], false)]
  END)[0], true)
WITH speaker, r, incident, [s IN $sort | CASE s.field
    WHEN 'incidentDate' THEN incident.date
    WHEN 'civilianToll' THEN coalesce(r.civiliansKilledMax, r.civiliansKilledMin)
  END] AS key
// Up to three sort keys, each ascending or descending, values missing last;
// then by the incident's date; then id.
ORDER BY
  key[0] IS NULL, CASE WHEN $sort[0].desc THEN null ELSE key[0] END, CASE WHEN $sort[0].desc THEN key[0] END DESC,
  key[1] IS NULL, CASE WHEN $sort[1].desc THEN null ELSE key[1] END, CASE WHEN $sort[1].desc THEN key[1] END DESC,
  key[2] IS NULL, CASE WHEN $sort[2].desc THEN null ELSE key[2] END, CASE WHEN $sort[2].desc THEN key[2] END DESC,
  incident.date IS NULL, incident.date, r.id
WITH collect({speaker: speaker.id, stance: type(r), incident: incident.id, props: properties(r)}) AS matched
WITH matched, size(matched) AS total
WITH matched, total, coalesce($start, CASE WHEN total - $limit > $lo THEN total - $limit ELSE $lo END) AS start
RETURN total, start, matched[start..start + $limit] AS rows
