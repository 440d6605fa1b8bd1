// Claims are recreated whole on the kept entity; their ids stay. Each stance
// has its CREATE written out, as in upsert_claims. Each leaves a :Revision
// naming the end it had before.
UNWIND $rows AS row
MATCH (speaker:Entity {id: row.speaker}), (incident:Entity:Incident {id: row.incident})
CALL (row, speaker, incident) {
  WITH * WHERE row.stance = 'REPORTED'
  CREATE (speaker)-[r:REPORTED]->(incident)
  RETURN r
UNION
  WITH * WHERE row.stance = 'DENIED'
  CREATE (speaker)-[r:DENIED]->(incident)
  RETURN r
UNION
  WITH * WHERE row.stance = 'RESPONDED'
  CREATE (speaker)-[r:RESPONDED]->(incident)
  RETURN r
}
SET r = row.props, r.updatedAt = $at, r.updatedBy = $by
FOREACH (f IN CASE WHEN row.speaker = $kept THEN ['speaker'] ELSE ['incident'] END |
  CREATE (rev:Revision {of: row.props.id, action: $action, at: $at, by: $by, reason: $reason, fields: [f]})
  SET rev['earlier.' + f] = $merged)
RETURN count(r) AS moved
