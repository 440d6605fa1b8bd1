// A retracted relation is deleted, so that no query counts it, and its
// whole state is kept on a RETRACT :Revision, with who, when and why. Its
// fields are sorted: the order keys() gives is Neo4j's storage order.
MATCH (a:Entity {id: $from})-[r]->(b:Entity {id: $to})
WHERE type(r) = $type
WITH r, properties(r) AS before, COLLECT { UNWIND keys(r) AS k WITH k WHERE NOT k IN $skip RETURN k ORDER BY k } AS fields
CREATE (rev:Revision {of: $of, action: 'RETRACT', at: $at, by: $by, reason: $reason, fields: fields})
FOREACH (k IN fields | SET rev['earlier.' + k] = before[k])
DELETE r
RETURN properties(rev) AS props
