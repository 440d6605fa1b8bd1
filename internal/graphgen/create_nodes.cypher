// Creates entities whose ids the graph does not hold yet (the entity_id
// constraint fails the transaction otherwise), each written whole: its
// properties as upsert_entities writes them, and its labels besides Entity.
UNWIND $rows AS row
CREATE (n:Entity)
SET n = row.props, n:$(row.labels)
RETURN count(*) AS n
