// Likely duplicates, for review: places, or named actors, whose names or
// aliases fold to one key (nameKeys), and incidents of one day, of DAY
// precision, located in or near one place. Anonymous actors ("residents of
// Hajin", "a medical official") are one per report, and share names. Entities that share more than one key, or
// more than one place, are one candidate, under the least key. It reads
// every place, actor and located incident: a heavy read.
CALL () {
  MATCH (n:Place:Entity)
  UNWIND n.nameKeys AS key
  WITH key, n ORDER BY n.id
  WITH key, collect(DISTINCT n.id) AS ids
  WHERE size(ids) > 1
  RETURN 'SAME_NAME' AS reason, key, ids
  UNION ALL
  MATCH (n:Actor:Entity)
  WHERE NOT n.anonymous
  UNWIND n.nameKeys AS key
  WITH key, n ORDER BY n.id
  WITH key, collect(DISTINCT n.id) AS ids
  WHERE size(ids) > 1
  RETURN 'SAME_NAME' AS reason, key, ids
  UNION ALL
  MATCH (p:Place:Entity)<-[:LOCATED_IN|LOCATED_NEAR]-(n:Incident)
  WHERE n.datePrecision = 'DAY'
  WITH p, n ORDER BY n.id
  WITH p, n.date AS day, collect(DISTINCT n.id) AS ids
  WHERE size(ids) > 1
  RETURN 'SAME_DAY_AND_PLACE' AS reason, p.id + ' ' + toString(day) AS key, ids
}
WITH reason, ids, min(key) AS key
RETURN reason, key, ids
ORDER BY reason, key
LIMIT $first
