// For each place: incidents located in or near it (IN, NEAR), in or near a
// place that lies within it (WITHIN), or in or near a place near it (NEARBY).
// Where one incident qualifies several ways, the closest way wins.
UNWIND $ids AS id
MATCH (place:Entity:Place {id: id})
CALL (place) {
    MATCH (place)<-[r:LOCATED_IN|LOCATED_NEAR]-(incident:Incident)
    RETURN incident, CASE type(r) WHEN 'LOCATED_IN' THEN 'IN' ELSE 'NEAR' END AS proximity, place AS via, CASE type(r) WHEN 'LOCATED_IN' THEN 0 ELSE 1 END AS rank
  UNION
    MATCH (place)<-[:LOCATED_IN]-+(inner:Place)<-[:LOCATED_IN|LOCATED_NEAR]-(incident:Incident)
    RETURN incident, 'WITHIN' AS proximity, inner AS via, 2 AS rank
  UNION
    MATCH (place)-[:LOCATED_NEAR]-(nearby:Place)<-[:LOCATED_IN|LOCATED_NEAR]-(incident:Incident)
    RETURN incident, 'NEARBY' AS proximity, nearby AS via, 3 AS rank
}
WITH id, incident, proximity, via, rank
ORDER BY rank, via.id
WITH id, incident, head(collect({proximity: proximity, via: via.id})) AS best
ORDER BY id, incident.date IS NULL, incident.date, incident.id
RETURN id AS key, incident.id AS incident, best.proximity AS proximity, best.via AS via
