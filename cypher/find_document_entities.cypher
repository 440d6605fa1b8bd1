// A page of the entities of one kind ($label), for an export of the whole
// graph as one document: the first $limit after $after in id order, read
// from the id index in its order. An article's publisher is its first
// PUBLISHED_BY edge's other end, by id: the edge the article's publisher
// field states (find_document_relations leaves it out).
MATCH (n:Entity) WHERE n.id > $after AND $label IN labels(n)
WITH n ORDER BY n.id LIMIT $limit
RETURN n.id AS id, n,
  CASE WHEN n:Article THEN COLLECT { MATCH (n)-[:PUBLISHED_BY]->(o:Entity) RETURN o.id ORDER BY o.id LIMIT 1 }[0] END AS publisher
