MATCH (n:Place)
RETURN n, null AS publisher
ORDER BY n.name
