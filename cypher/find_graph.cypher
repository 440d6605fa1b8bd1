// The whole graph's size, and the ids of its $maxNodes most connected
// entities (of equal degree, by id): cut there, it keeps its hubs and the
// edges between them, where the first ids by id were all articles, with no
// edge between them.
CALL () { MATCH (n:Entity) RETURN count(n) AS totalNodes }
CALL () { MATCH (:Entity)-[r]->(:Entity) RETURN count(r) AS totalEdges }
CALL () {
  MATCH (n:Entity)
  WITH n, COUNT { (n)--() } AS degree
  ORDER BY degree DESC, n.id
  LIMIT $maxNodes
  RETURN collect(n.id) AS ids
}
RETURN totalNodes, totalEdges, ids
