UNWIND $rows AS row
MERGE (n:Entity {id: row.id})
SET n = row.props, n:Article
WITH n, row
WHERE row.publisher IS NOT NULL
MATCH (publisher:Entity:Outlet {id: row.publisher})
MERGE (n)-[:PUBLISHED_BY]->(publisher)
