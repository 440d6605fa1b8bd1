// Creates edges between entities the graph holds: relations as
// upsert_relations writes them, and claims (an edge from the speaker to the
// incident, typed by its stance) as upsert_claims does. A row whose ends are
// not both found creates nothing; the caller compares the count.
UNWIND $rows AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
CREATE (a)-[r:$(row.type)]->(b)
SET r = row.props
RETURN count(*) AS n
