// The shortest paths between two entities, over every edge in either
// direction. A variable length cannot be a parameter: 8 is
// strikegraph.MaxPathLength, and $maxLength filters what the search finds.
MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
MATCH p = allShortestPaths((a)-[*..8]-(b))
WITH p
WHERE length(p) <= $maxLength
LIMIT $limit
RETURN [n IN nodes(p) | n.id] AS nodes,
  [r IN relationships(p) | {type: type(r), from: startNode(r).id, to: endNode(r).id, props: properties(r)}] AS edges
