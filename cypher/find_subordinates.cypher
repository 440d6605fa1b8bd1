// The subordinates of each actor of $ids (strikegraph.MaxSubordinateDepth,
// 6, is the bound below): the actors that are PART_OF it or LEAD it,
// directly or through others at most 6 edges away (a coalition's leading
// state and that state's commands), and the spokespeople of it and of each
// of them. A path repeats no edge, so a cycle ends it.
UNWIND $ids AS id
MATCH (x:Actor:Entity {id: id})
CALL (x) {
  MATCH (m:Actor)-[:PART_OF|LEADS]->{0,6}(x)
  RETURN collect(DISTINCT m) AS orgs
}
CALL (orgs) {
  UNWIND orgs AS o
  MATCH (p:Actor)-[:SPEAKS_FOR]->(o)
  RETURN collect(DISTINCT p) AS people
}
RETURN id, [m IN orgs + [p IN people WHERE NOT p IN orgs] WHERE m <> x | m.id] AS subordinates
