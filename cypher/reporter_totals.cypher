// AFTER an incident filter, which binds n (see incident_where.go)
// Per source (an actor, or the organisation its spokesperson speaks for): the
// incidents it reported, and the sums of its own civilian toll range for each.
// PERIOD incidents are left out: their cumulative figures count strikes again.
MATCH (n)<-[r:REPORTED]-(speaker:Actor)
WHERE n.scope <> 'PERIOD' AND r.retractedAt IS NULL
WITH n, r, speaker
WITH n, coalesce(r.onBehalfOf, speaker.id) AS source, r
WITH source, n, count(r) AS reports,
     min(CASE WHEN r.civiliansKilledText IS NOT NULL THEN coalesce(r.civiliansKilledMin, r.civiliansKilledMax) END) AS lowest,
     max(CASE WHEN r.civiliansKilledText IS NOT NULL THEN coalesce(r.civiliansKilledMax, r.civiliansKilledMin) END) AS highest
WITH source, count(n) AS incidents, sum(reports) AS reports, sum(lowest) AS lowest, sum(highest) AS highest, count(lowest) AS withToll
RETURN source, incidents, reports, lowest, highest, withToll
ORDER BY incidents DESC, reports DESC, source
LIMIT $first
