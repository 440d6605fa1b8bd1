// Every entity, for an export of the whole graph as one document.
MATCH (n:Entity)
RETURN n
ORDER BY n.id
