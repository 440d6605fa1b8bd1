// The edges out of a page of the whole graph's entities, the first $limit
// after $after in id order, each entity's as Neo4j keeps them: a row for
// each edge, and one with no edge for each entity, so that the page's last
// id tells where the next one starts. Nothing is sorted but the entities,
// which the id index gives in order, so rows leave as they are read.
MATCH (a:Entity) WHERE a.id > $after
WITH a ORDER BY a.id LIMIT $limit
CALL (a) {
  MATCH (a)-[r]->(b:Entity)
  RETURN {type: type(r), from: a.id, to: b.id, props: properties(r)} AS edge
  UNION ALL
  RETURN null AS edge
}
RETURN a.id AS id, edge
