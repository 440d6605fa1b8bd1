UNWIND $ids AS id
MATCH (m:Merge {kept: id})
RETURN id, properties(m) AS props
ORDER BY m.at
