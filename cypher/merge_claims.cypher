UNWIND $rows AS row
MATCH (speaker:Entity {id: row.speaker}), (incident:Incident {id: row.incident})
MERGE (speaker)-[r:$(row.stance) {id: row.id}]->(incident)
SET r = row.props
