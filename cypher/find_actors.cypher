MATCH (n:Actor)
WHERE $kind IS NULL OR n.kind = $kind
RETURN n, null AS publisher
ORDER BY n.name
