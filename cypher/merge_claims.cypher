// One MERGE per stance, each with its type written out: Neo4j 5.26 plans a
// MERGE of a dynamic type, $(row.stance), as a scan of every relationship.
UNWIND $rows AS row
MATCH (speaker:Entity {id: row.speaker}), (incident:Entity:Incident {id: row.incident})
FOREACH (_ IN CASE row.stance WHEN 'REPORTED' THEN [1] ELSE [] END |
  MERGE (speaker)-[r:REPORTED {id: row.id}]->(incident) SET r = row.props)
FOREACH (_ IN CASE row.stance WHEN 'DENIED' THEN [1] ELSE [] END |
  MERGE (speaker)-[r:DENIED {id: row.id}]->(incident) SET r = row.props)
FOREACH (_ IN CASE row.stance WHEN 'RESPONDED' THEN [1] ELSE [] END |
  MERGE (speaker)-[r:RESPONDED {id: row.id}]->(incident) SET r = row.props)
