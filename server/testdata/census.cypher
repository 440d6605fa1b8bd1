// What a graph holds, for comparing two imports of the same rows: how many
// nodes of each label set and edges of each type, and how many of them
// hold each property key.
MATCH (n)
UNWIND [''] + keys(n) AS key
RETURN labels(n) AS labels, key, count(*) AS count
UNION ALL
MATCH ()-[r]->()
UNWIND [''] + keys(r) AS key
RETURN [type(r)] AS labels, key, count(*) AS count
