// Where a merged id went: the latest merge of it.
MATCH (m:Merge {merged: $merged})
RETURN properties(m) AS props
ORDER BY m.at DESC
LIMIT 1
