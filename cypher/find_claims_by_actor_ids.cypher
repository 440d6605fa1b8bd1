// What the actor said, and what its spokespeople said on its behalf.
UNWIND $ids AS id
MATCH (actor:Entity {id: id})
CALL (actor) {
    MATCH (actor)-[r:REPORTED|DENIED|RESPONDED]->(incident:Incident)
    RETURN actor AS speaker, r, incident
  UNION
    MATCH (actor)<-[:SPEAKS_FOR]-(speaker:Entity)-[r:REPORTED|DENIED|RESPONDED]->(incident:Incident)
    WHERE r.onBehalfOf = actor.id
    RETURN speaker, r, incident
}
RETURN id AS key, speaker.id AS speaker, type(r) AS stance, incident.id AS incident, properties(r) AS props
ORDER BY key, r.id
