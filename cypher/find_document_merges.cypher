// A page of the merge records, the first $limit after $after in id order,
// for an export of the whole graph as one document.
MATCH (m:Merge) WHERE m.id > $after
WITH m ORDER BY m.id LIMIT $limit
RETURN m.id AS id, properties(m) AS props
