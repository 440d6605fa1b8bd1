// A page of the whole graph's entities: the first $limit after $after in id
// order, read from the id index in its order, each with an article's
// publisher, as find_neighbourhood gives them, but without what no network
// shows: an article's text and the search keys, most of what a page holds.
MATCH (n:Entity) WHERE n.id > $after
WITH n ORDER BY n.id LIMIT $limit
RETURN n.id AS id, {labels: labels(n), props: n {.*, text: null, nameKeys: null, wordKeys: null}} AS n,
  COLLECT { MATCH (n)-[:PUBLISHED_BY]->(o:Actor) RETURN o.id }[0] AS publisher
