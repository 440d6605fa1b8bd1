// Entities by spelling key: see strikegraph.FulltextQuery for $query.
CALL db.index.fulltext.queryNodes('entity_names', $query) YIELD node, score
WHERE $labels IS NULL OR any(l IN labels(node) WHERE l IN $labels)
RETURN node AS n, [(node)-[:PUBLISHED_BY]->(o:Actor) | o.id][0] AS publisher, score
ORDER BY score DESC, node.name, node.id
LIMIT $first
