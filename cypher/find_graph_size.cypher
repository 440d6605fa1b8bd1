// The whole graph's size: its entities, and the edges between them.
CALL () { MATCH (n:Entity) RETURN count(n) AS totalNodes }
CALL () { MATCH (:Entity)-[r]->(:Entity) RETURN count(r) AS totalEdges }
RETURN totalNodes, totalEdges
