// Incidents located in or near places within $meters of $point, nearest
// first, each once: by the closest of its places.
MATCH (place:Place)
WHERE point.distance(place.location, $point) <= $meters
MATCH (place)<-[:LOCATED_IN|LOCATED_NEAR]-(n:Incident)
WITH n, place, point.distance(place.location, $point) AS meters
ORDER BY meters, place.id
WITH n, head(collect({place: place.id, meters: meters})) AS closest
RETURN n, null AS publisher, closest.place AS place, closest.meters AS meters
ORDER BY meters, n.id
LIMIT $first
