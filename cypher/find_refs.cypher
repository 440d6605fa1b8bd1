UNWIND $ids AS id
MATCH (n:Entity {id: id})
RETURN id, labels(n) AS labels, n.kind AS kind, n.text AS text
