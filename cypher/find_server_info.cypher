CALL dbms.components() YIELD name, versions, edition
WHERE name = 'Neo4j Kernel'
CALL db.info() YIELD name AS database
RETURN versions[0] AS version, edition, database
