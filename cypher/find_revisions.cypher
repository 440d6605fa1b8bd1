// Revisions are found by the id of what changed, newest first.
UNWIND $ids AS id
MATCH (rev:Revision {of: id})
RETURN properties(rev) AS props
ORDER BY rev.at DESC
