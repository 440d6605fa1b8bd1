// Every edge but claims out of a page of entities, the first $limit after
// $after in id order, for an export of the whole graph as one document: by
// type, then the other end's id; an entity with none gives one row with no
// edge, so that the page's last id tells where the next one starts.
// publisher says whether the edge is the one an article's publisher field
// states (see find_document_entities).
MATCH (a:Entity) WHERE a.id > $after
WITH a ORDER BY a.id LIMIT $limit
OPTIONAL MATCH (a)-[r]->(b:Entity)
WHERE NOT r:REPORTED|DENIED|RESPONDED
RETURN a.id AS id, type(r) AS type, b.id AS to, properties(r) AS props,
  a:Article AND type(r) = 'PUBLISHED_BY'
    AND b.id = COLLECT { MATCH (a)-[:PUBLISHED_BY]->(o:Entity) RETURN o.id ORDER BY o.id LIMIT 1 }[0] AS publisher
ORDER BY id, type, to
