// AFTER an incident filter, which binds n (see incident_where.go)
// Per belligerent: the incidents it is said to have carried out, the sums of
// their civilian toll ranges across every source, and those it denied. PERIOD
// incidents are left out: their cumulative figures count strikes again.
// With $subordinates, a belligerent is also said to carry out what any actor
// PART_OF it or that LEADS it carried out, directly or through others at
// most 6 edges away (strikegraph.MaxSubordinateDepth, as in
// find_subordinates.cypher), and to deny what they or their spokespeople
// denied.
MATCH (n)<-[:CARRIED_OUT]-(p:Actor)
WHERE n.scope <> 'PERIOD'
CALL (p) {
  RETURN p AS g
  UNION
  MATCH (p)-[:PART_OF|LEADS]->{1,6}(g:Actor)
  WHERE $subordinates
  RETURN g
}
WITH DISTINCT n, g
CALL (n) {
  // The rule of strikegraph.CivilianToll (docs/tolls.md): a figure for some
  // of n's parts only (the settlements it is LOCATED_IN) is left out, but
  // one source's figures for disjoint parts that are every part are summed.
  WITH n, [(n)-[:LOCATED_IN]->(p:Place) WHERE p.kind IN $settlements | p.id] AS parts
  OPTIONAL MATCH (n)<-[r:REPORTED]-(s)
  WHERE r.civiliansKilledText IS NOT NULL AND r.retractedAt IS NULL
  WITH parts, r, coalesce(r.onBehalfOf, s.id) AS source, [x IN parts WHERE x IN coalesce(r.places, [])] AS covered,
       [coalesce(r.civiliansKilledMin, r.civiliansKilledMax), coalesce(r.civiliansKilledMax, r.civiliansKilledMin)] AS figure
  WITH parts, r, source, figure, CASE WHEN size(covered) > 0 AND size(covered) < size(parts) THEN covered END AS partOf
  WITH parts, source, count(r) AS reports,
       collect(CASE WHEN r IS NOT NULL AND partOf IS NULL THEN figure END) AS wholes,
       collect(CASE WHEN partOf IS NOT NULL THEN {parts: partOf, figure: figure} END) AS partials
  WITH parts, reports, wholes, partials, reduce(a = [], p IN partials | a + p.parts) AS covered
  WITH reports, wholes + CASE WHEN size(partials) > 0 AND size(covered) = size(parts) AND all(x IN parts WHERE x IN covered)
      THEN [[reduce(a = 0, p IN partials | a + p.figure[0]), reduce(a = 0, p IN partials | a + p.figure[1])]] ELSE [] END AS figures
  WITH sum(reports) AS reports, reduce(a = [], fs IN collect(figures) | a + fs) AS figures
  RETURN reports,
         reduce(m = null, f IN figures | CASE WHEN m IS NULL OR f[0] < m THEN f[0] ELSE m END) AS lowest,
         reduce(m = null, f IN figures | CASE WHEN m IS NULL OR f[1] > m THEN f[1] ELSE m END) AS highest
}
WITH g, n, lowest, highest,
     EXISTS { MATCH (n)<-[d:DENIED]-(s:Actor) WHERE d.retractedAt IS NULL AND (s.id = g.id OR d.onBehalfOf = g.id OR
       $subordinates AND EXISTS { MATCH (x:Actor)-[:PART_OF|LEADS]->{0,6}(g) WHERE x = s OR x.id = d.onBehalfOf OR (s)-[:SPEAKS_FOR]->(x) }) } AS denied
WITH g, count(n) AS incidents, sum(lowest) AS lowest, sum(highest) AS highest, count(lowest) AS withToll,
     count(CASE WHEN denied THEN 1 END) AS denied
RETURN g.id AS belligerent, incidents, lowest, highest, withToll, denied
ORDER BY incidents DESC, belligerent
LIMIT $first
