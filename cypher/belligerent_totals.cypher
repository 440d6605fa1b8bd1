// AFTER an incident filter, which binds n (see incident_where.go)
// Per belligerent: the incidents it is said to have carried out, the sums of
// their civilian toll ranges across every source, and those it denied. PERIOD
// incidents are left out: their cumulative figures count strikes again.
MATCH (n)<-[:CARRIED_OUT]-(g:Actor)
WHERE n.scope <> 'PERIOD'
WITH n, g
CALL (n) {
  OPTIONAL MATCH (n)<-[r:REPORTED]-()
  WHERE r.civiliansKilledText IS NOT NULL AND r.retractedAt IS NULL
  RETURN min(coalesce(r.civiliansKilledMin, r.civiliansKilledMax)) AS lowest,
         max(coalesce(r.civiliansKilledMax, r.civiliansKilledMin)) AS highest
}
WITH g, n, lowest, highest,
     EXISTS { MATCH (n)<-[d:DENIED]-(s:Actor) WHERE (s.id = g.id OR d.onBehalfOf = g.id) AND d.retractedAt IS NULL } AS denied
WITH g, count(n) AS incidents, sum(lowest) AS lowest, sum(highest) AS highest, count(lowest) AS withToll,
     count(CASE WHEN denied THEN 1 END) AS denied
RETURN g.id AS belligerent, incidents, lowest, highest, withToll, denied
ORDER BY incidents DESC, belligerent
LIMIT $first
