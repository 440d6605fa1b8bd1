// AFTER an incident filter, which binds n (see incident_where.go)
// Per $by ('DAY', 'WEEK' or 'MONTH'): incidents and the sums of their civilian
// toll ranges (the rule of strikegraph.CivilianToll). Rows of kind PERIOD,
// IMPRECISE or UNDATED count the incidents in no bucket.
WITH n, CASE
    WHEN n.scope = 'PERIOD' THEN 'PERIOD'
    WHEN n.date IS NULL THEN 'UNDATED'
    WHEN n.datePrecision IN ['DAY', 'APPROXIMATE'] OR ($by = 'MONTH' AND n.datePrecision = 'MONTH') THEN 'BUCKET'
    ELSE 'IMPRECISE'
  END AS kind
WITH n, kind, CASE WHEN kind = 'BUCKET' THEN CASE $by
    WHEN 'DAY' THEN n.date
    WHEN 'WEEK' THEN date.truncate('week', n.date)
    WHEN 'MONTH' THEN date.truncate('month', n.date)
  END END AS bucket
CALL (n) {
  OPTIONAL MATCH (n)<-[r:REPORTED]-()
  WHERE r.civiliansKilledText IS NOT NULL AND r.retractedAt IS NULL
  RETURN min(coalesce(r.civiliansKilledMin, r.civiliansKilledMax)) AS lowest,
         max(coalesce(r.civiliansKilledMax, r.civiliansKilledMin)) AS highest,
         count(r) AS reports
}
RETURN kind, toString(bucket) AS bucket, count(n) AS incidents, sum(reports) AS reports,
       sum(lowest) AS lowest, sum(highest) AS highest, count(lowest) AS withToll
ORDER BY bucket
