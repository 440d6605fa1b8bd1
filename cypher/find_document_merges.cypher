// Every merge record, for an export of the whole graph as one document.
MATCH (m:Merge)
RETURN properties(m) AS props
ORDER BY m.id
