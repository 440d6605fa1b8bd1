// The entities within $depth edges of $ids, nearest first, cut at $maxNodes,
// and the edges between those returned; the totals count the whole
// neighbourhood. Each level is every entity one edge away from the level
// before, each once, so the search costs at most $depth passes over the
// neighbourhood's edges however many paths join it. An entity's distance is
// the first level it is in. Three levels: 3 is strikegraph.MaxNetworkDepth,
// and $depth leaves the deeper ones empty. With a time window ($from, $to),
// incidents dated outside it or undated are not reached.
MATCH (s:Entity) WHERE s.id IN $ids
WITH collect(s) AS level0
CALL (level0) {
  UNWIND CASE WHEN $depth >= 1 THEN level0 ELSE [] END AS a
  MATCH (a)-[r]-(b:Entity)
  WHERE ($types IS NULL OR type(r) IN $types)
    AND (NOT b:Incident OR (($from IS NULL OR b.date >= $from) AND ($to IS NULL OR b.date <= $to)))
  RETURN collect(DISTINCT b) AS level1
}
CALL (level1) {
  UNWIND CASE WHEN $depth >= 2 THEN level1 ELSE [] END AS a
  MATCH (a)-[r]-(b:Entity)
  WHERE ($types IS NULL OR type(r) IN $types)
    AND (NOT b:Incident OR (($from IS NULL OR b.date >= $from) AND ($to IS NULL OR b.date <= $to)))
  RETURN collect(DISTINCT b) AS level2
}
CALL (level2) {
  UNWIND CASE WHEN $depth >= 3 THEN level2 ELSE [] END AS a
  MATCH (a)-[r]-(b:Entity)
  WHERE ($types IS NULL OR type(r) IN $types)
    AND (NOT b:Incident OR (($from IS NULL OR b.date >= $from) AND ($to IS NULL OR b.date <= $to)))
  RETURN collect(DISTINCT b) AS level3
}
UNWIND [n IN level0 | {n: n, d: 0}] + [n IN level1 | {n: n, d: 1}]
  + [n IN level2 | {n: n, d: 2}] + [n IN level3 | {n: n, d: 3}] AS reached
WITH reached.n AS n, min(reached.d) AS d
// Cut at $maxNodes, the kept nodes are those nearest the start, and of one
// distance the most connected: the hubs an investigator looks for, each
// joined to the start through nodes kept before it.
ORDER BY d, COUNT { (n)--() } DESC, n.id
WITH collect(n) AS nodes, size([x IN collect(d) WHERE x = 0]) AS starts
// A list used with IN is hashed once, so each test below is quick.
WITH nodes, starts, [n IN nodes | n.id] AS ids, nodes[..$maxNodes] AS kept
CALL (nodes, ids) {
  UNWIND nodes AS a
  MATCH (a)-[r]->(b:Entity)
  WHERE b.id IN ids AND ($types IS NULL OR type(r) IN $types)
  RETURN count(r) AS totalEdges
}
// A row for each node kept ($i its place) and each edge between them, not
// one row holding them all: Neo4j keeps a row in its transaction's memory
// until it is sent, and one row of a busy monitor's neighbourhood took a
// third of it. The caller puts the edges in order.
CALL (kept) {
  UNWIND range(0, size(kept) - 1) AS i
  WITH i, kept[i] AS n
  RETURN i, n, COLLECT { MATCH (n)-[:PUBLISHED_BY]->(o:Actor) RETURN o.id }[0] AS publisher, null AS edge
  UNION ALL
  WITH kept, [n IN kept | n.id] AS keptIDs
  UNWIND kept AS a
  MATCH (a)-[r]->(b:Entity)
  WHERE b.id IN keptIDs AND ($types IS NULL OR type(r) IN $types)
  RETURN null AS i, null AS n, null AS publisher, {type: type(r), from: a.id, to: b.id, props: properties(r)} AS edge
}
RETURN starts, size(nodes) AS totalNodes, totalEdges, i, n, publisher, edge
