MATCH (n:Incident)
RETURN n, null AS publisher
ORDER BY n.date IS NULL, n.date, n.id
