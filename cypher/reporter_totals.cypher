// AFTER an incident filter, which binds n (see incident_where.go)
// Per source (an actor, or the organisation its spokesperson speaks for): the
// incidents it reported, and the sums of its own civilian toll range for each.
// PERIOD incidents are left out: their cumulative figures count strikes again.
// With $subordinates, a report also counts for every other actor its speaker
// or its onBehalfOf is a subordinate of (see find_subordinates.cypher:
// PART_OF or LEADS at most 6 edges away, or a spokesperson of one of them),
// but the speaker itself.
MATCH (n)<-[r:REPORTED]-(speaker:Actor)
WHERE n.scope <> 'PERIOD' AND r.retractedAt IS NULL
WITH n, r, speaker
CALL (r, speaker) {
  RETURN coalesce(r.onBehalfOf, speaker.id) AS source
  UNION
  // Walk up from the speaker, what it speaks for and its onBehalfOf.
  WITH r, speaker WHERE $subordinates
  OPTIONAL MATCH (behalf:Actor:Entity {id: r.onBehalfOf})
  UNWIND [a IN [speaker, behalf] + [(speaker)-[:SPEAKS_FOR]->(o:Actor) | o] WHERE a IS NOT NULL] AS x
  MATCH (x)-[:PART_OF|LEADS]->{0,6}(g:Actor)
  WHERE g <> speaker
  RETURN g.id AS source
}
WITH n, source, r
WITH source, n, count(r) AS reports,
     min(CASE WHEN r.civiliansKilledText IS NOT NULL THEN coalesce(r.civiliansKilledMin, r.civiliansKilledMax) END) AS lowest,
     max(CASE WHEN r.civiliansKilledText IS NOT NULL THEN coalesce(r.civiliansKilledMax, r.civiliansKilledMin) END) AS highest
WITH source, count(n) AS incidents, sum(reports) AS reports, sum(lowest) AS lowest, sum(highest) AS highest, count(lowest) AS withToll
RETURN source, incidents, reports, lowest, highest, withToll
ORDER BY incidents DESC, reports DESC, source
LIMIT $first
