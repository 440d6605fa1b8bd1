// Places within $meters of $point, nearest first; the point index answers the
// distance predicate. $exclude is the place searched around, if any.
MATCH (n:Place)
WHERE point.distance(n.location, $point) <= $meters AND n.id <> $exclude
WITH n, point.distance(n.location, $point) AS meters
ORDER BY meters, n.id
LIMIT $first
RETURN n, null AS publisher, meters
