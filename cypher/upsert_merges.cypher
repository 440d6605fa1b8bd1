// Merge records carried by a document, as exported from another graph.
UNWIND $rows AS row
MERGE (m:Merge {id: row.id})
  ON CREATE SET m.created_ = true
WITH m, row, m.created_ IS NOT NULL AS created, properties(m) AS before
SET m = row.props
RETURN row.i AS i, CASE WHEN created THEN 'CREATED' WHEN before = row.props THEN 'UNCHANGED' ELSE 'UPDATED' END AS outcome
