// A page of the incidents ACLED rows made, in id order after $after: each
// with its record (the article the row was written out as) and the
// incident's relations that the record states. The ids of the prefix sort
// between $prefix and $end, so the id index seeks the page and gives its
// order: a page costs its own size, whatever the graph's.
MATCH (n:Entity)
WHERE n.id > $after AND n.id < $end AND n:Incident
MATCH (record:Entity {id: n.id + $record})
WHERE record:Article
WITH n, record
ORDER BY n.id
LIMIT $limit
CALL (n, record) {
  MATCH (n)-[r:LOCATED_IN|LOCATED_NEAR|CARRIED_OUT|TARGETED]-(other:Entity)
  WHERE record.id IN r.sources
  RETURN collect({type: type(r), from: startNode(r).id, to: endNode(r).id}) AS relations
}
RETURN n, record, relations
ORDER BY n.id
