// The entities created or changed after $since, oldest change first, at
// most $limit: the change feed of subscriptions, read from the updatedAt
// index.
MATCH (n:Entity) WHERE n.updatedAt > $since
WITH n ORDER BY n.updatedAt, n.id LIMIT $limit
OPTIONAL MATCH (n)-[:PUBLISHED_BY]->(publisher:Actor)
RETURN n, publisher.id AS publisher
