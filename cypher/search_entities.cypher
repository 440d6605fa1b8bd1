CALL db.index.fulltext.queryNodes('entity_name_keys', $key) YIELD node, score
RETURN node AS n, null AS publisher
ORDER BY score DESC, node.name
LIMIT 100
