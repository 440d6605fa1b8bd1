// The incidents dated $day, of DAY precision, located in or near the place
// $place, but $except: what locating $except there may duplicate.
MATCH (:Entity {id: $place})<-[:LOCATED_IN|LOCATED_NEAR]-(n:Incident)
WHERE n.date = $day AND n.datePrecision = 'DAY' AND n.id <> $except
RETURN DISTINCT n.id AS id
ORDER BY id
LIMIT 20
