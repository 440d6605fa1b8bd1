// The floor of the import benchmarks (import_bench_test.go): the graph an
// import writes, written by plain UNWIND … MERGE statements, one per label
// set and per relationship type, each MERGE on the constrained key
// (Entity.id) or between nodes found by it. No hashes compared, no outcome
// read back, no reference checked: what an import of the same rows cannot
// go faster than. Each statement follows the "// floor: NAME" line that
// names it.

// floor: Entity:Place
UNWIND $rows AS row
MERGE (n:Entity:Place {id: row.id})
SET n += row.props, n.createdAt = $at, n.createdBy = $by, n.updatedAt = $at, n.updatedBy = $by;

// floor: Entity:Article
UNWIND $rows AS row
MERGE (n:Entity:Article {id: row.id})
SET n += row.props, n.createdAt = $at, n.createdBy = $by, n.updatedAt = $at, n.updatedBy = $by;

// floor: Entity:Incident
UNWIND $rows AS row
MERGE (n:Entity:Incident {id: row.id})
SET n += row.props, n.createdAt = $at, n.createdBy = $by, n.updatedAt = $at, n.updatedBy = $by;

// floor: Entity:Actor:ArmedGroup
UNWIND $rows AS row
MERGE (n:Entity:Actor:ArmedGroup {id: row.id})
SET n += row.props, n.createdAt = $at, n.createdBy = $by, n.updatedAt = $at, n.updatedBy = $by;

// floor: Entity:Actor:MonitoringOrganisation
UNWIND $rows AS row
MERGE (n:Entity:Actor:MonitoringOrganisation {id: row.id})
SET n += row.props, n.createdAt = $at, n.createdBy = $by, n.updatedAt = $at, n.updatedBy = $by;

// floor: Entity:Actor:Outlet
UNWIND $rows AS row
MERGE (n:Entity:Actor:Outlet {id: row.id})
SET n += row.props, n.createdAt = $at, n.createdBy = $by, n.updatedAt = $at, n.updatedBy = $by;

// floor: Entity:Actor:Person
UNWIND $rows AS row
MERGE (n:Entity:Actor:Person {id: row.id})
SET n += row.props, n.createdAt = $at, n.createdBy = $by, n.updatedAt = $at, n.updatedBy = $by;

// floor: Entity:Actor:Person:Spokesperson
UNWIND $rows AS row
MERGE (n:Entity:Actor:Person:Spokesperson {id: row.id})
SET n += row.props, n.createdAt = $at, n.createdBy = $by, n.updatedAt = $at, n.updatedBy = $by;

// floor: LOCATED_IN
UNWIND $rows AS row
MATCH (a:Entity {id: row.from}), (b:Entity {id: row.to})
MERGE (a)-[r:LOCATED_IN]->(b)
SET r += row.props, r.createdAt = $at, r.createdBy = $by, r.updatedAt = $at, r.updatedBy = $by;

// floor: LOCATED_NEAR
UNWIND $rows AS row
MATCH (a:Entity {id: row.from}), (b:Entity {id: row.to})
MERGE (a)-[r:LOCATED_NEAR]->(b)
SET r += row.props, r.createdAt = $at, r.createdBy = $by, r.updatedAt = $at, r.updatedBy = $by;

// floor: BORDERS
UNWIND $rows AS row
MATCH (a:Entity {id: row.from}), (b:Entity {id: row.to})
MERGE (a)-[r:BORDERS]->(b)
SET r += row.props, r.createdAt = $at, r.createdBy = $by, r.updatedAt = $at, r.updatedBy = $by;

// floor: PART_OF
UNWIND $rows AS row
MATCH (a:Entity {id: row.from}), (b:Entity {id: row.to})
MERGE (a)-[r:PART_OF]->(b)
SET r += row.props, r.createdAt = $at, r.createdBy = $by, r.updatedAt = $at, r.updatedBy = $by;

// floor: POSSIBLY_SAME_AS
UNWIND $rows AS row
MATCH (a:Entity {id: row.from}), (b:Entity {id: row.to})
MERGE (a)-[r:POSSIBLY_SAME_AS]->(b)
SET r += row.props, r.createdAt = $at, r.createdBy = $by, r.updatedAt = $at, r.updatedBy = $by;

// floor: CARRIED_OUT
UNWIND $rows AS row
MATCH (a:Entity {id: row.from}), (b:Entity {id: row.to})
MERGE (a)-[r:CARRIED_OUT]->(b)
SET r += row.props, r.createdAt = $at, r.createdBy = $by, r.updatedAt = $at, r.updatedBy = $by;

// floor: TARGETED
UNWIND $rows AS row
MATCH (a:Entity {id: row.from}), (b:Entity {id: row.to})
MERGE (a)-[r:TARGETED]->(b)
SET r += row.props, r.createdAt = $at, r.createdBy = $by, r.updatedAt = $at, r.updatedBy = $by;

// floor: SPEAKS_FOR
UNWIND $rows AS row
MATCH (a:Entity {id: row.from}), (b:Entity {id: row.to})
MERGE (a)-[r:SPEAKS_FOR]->(b)
SET r += row.props, r.createdAt = $at, r.createdBy = $by, r.updatedAt = $at, r.updatedBy = $by;

// floor: LEADS
UNWIND $rows AS row
MATCH (a:Entity {id: row.from}), (b:Entity {id: row.to})
MERGE (a)-[r:LEADS]->(b)
SET r += row.props, r.createdAt = $at, r.createdBy = $by, r.updatedAt = $at, r.updatedBy = $by;

// floor: BACKS
UNWIND $rows AS row
MATCH (a:Entity {id: row.from}), (b:Entity {id: row.to})
MERGE (a)-[r:BACKS]->(b)
SET r += row.props, r.createdAt = $at, r.createdBy = $by, r.updatedAt = $at, r.updatedBy = $by;

// floor: ALLIED_WITH
UNWIND $rows AS row
MATCH (a:Entity {id: row.from}), (b:Entity {id: row.to})
MERGE (a)-[r:ALLIED_WITH]->(b)
SET r += row.props, r.createdAt = $at, r.createdBy = $by, r.updatedAt = $at, r.updatedBy = $by;

// floor: FIGHTS
UNWIND $rows AS row
MATCH (a:Entity {id: row.from}), (b:Entity {id: row.to})
MERGE (a)-[r:FIGHTS]->(b)
SET r += row.props, r.createdAt = $at, r.createdBy = $by, r.updatedAt = $at, r.updatedBy = $by;

// floor: CONTROLS
UNWIND $rows AS row
MATCH (a:Entity {id: row.from}), (b:Entity {id: row.to})
MERGE (a)-[r:CONTROLS]->(b)
SET r += row.props, r.createdAt = $at, r.createdBy = $by, r.updatedAt = $at, r.updatedBy = $by;

// floor: PUBLISHED_BY
UNWIND $rows AS row
MATCH (a:Entity {id: row.from}), (b:Entity {id: row.to})
MERGE (a)-[r:PUBLISHED_BY]->(b)
SET r += row.props, r.createdAt = $at, r.createdBy = $by, r.updatedAt = $at, r.updatedBy = $by;

// floor: CITES
UNWIND $rows AS row
MATCH (a:Entity {id: row.from}), (b:Entity {id: row.to})
MERGE (a)-[r:CITES]->(b)
SET r += row.props, r.createdAt = $at, r.createdBy = $by, r.updatedAt = $at, r.updatedBy = $by;

// floor: REPORTED
UNWIND $rows AS row
MATCH (a:Entity {id: row.speaker}), (b:Entity {id: row.incident})
MERGE (a)-[r:REPORTED {id: row.id}]->(b)
SET r += row.props, r.createdAt = $at, r.createdBy = $by, r.updatedAt = $at, r.updatedBy = $by;

// floor: DENIED
UNWIND $rows AS row
MATCH (a:Entity {id: row.speaker}), (b:Entity {id: row.incident})
MERGE (a)-[r:DENIED {id: row.id}]->(b)
SET r += row.props, r.createdAt = $at, r.createdBy = $by, r.updatedAt = $at, r.updatedBy = $by;

// floor: RESPONDED
UNWIND $rows AS row
MATCH (a:Entity {id: row.speaker}), (b:Entity {id: row.incident})
MERGE (a)-[r:RESPONDED {id: row.id}]->(b)
SET r += row.props, r.createdAt = $at, r.createdBy = $by, r.updatedAt = $at, r.updatedBy = $by;
