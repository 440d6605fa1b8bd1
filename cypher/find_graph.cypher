// The whole graph's size, and the ids of its first $maxNodes entities by id.
CALL () { MATCH (n:Entity) RETURN count(n) AS totalNodes }
CALL () { MATCH (:Entity)-[r]->(:Entity) RETURN count(r) AS totalEdges }
CALL () {
  MATCH (n:Entity)
  WITH n ORDER BY n.id LIMIT $maxNodes
  RETURN collect(n.id) AS ids
}
RETURN totalNodes, totalEdges, ids
