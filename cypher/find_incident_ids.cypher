// AFTER an incident filter, which binds n (see incident_where.go)
// The ids of the first $limit incidents selected, by id, and how many there are.
WITH n ORDER BY n.id
WITH collect(n.id) AS ids
RETURN size(ids) AS total, ids[..$limit] AS ids
