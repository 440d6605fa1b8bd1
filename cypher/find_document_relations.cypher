// Every edge but claims, for an export of the whole graph as one document.
// It expands from each entity: matching the edges alone is planned as a scan
// of every relationship.
MATCH (a:Entity)
CALL (a) {
  MATCH (a)-[r]->(b:Entity)
  WHERE NOT r:REPORTED|DENIED|RESPONDED
  RETURN r, b
}
RETURN a.id AS from, type(r) AS type, b.id AS to, properties(r) AS props
ORDER BY from, type, to
