// Constraints and indexes, applied at every start; each is IF NOT EXISTS.
// Every node is an :Entity with a unique id, whatever else it is.
CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE;
// Claims are edges; their ids are unique per stance.
CREATE CONSTRAINT reported_id IF NOT EXISTS FOR ()-[r:REPORTED]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT denied_id IF NOT EXISTS FOR ()-[r:DENIED]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT responded_id IF NOT EXISTS FOR ()-[r:RESPONDED]-() REQUIRE r.id IS UNIQUE;
// An article's claims are found by the article id on the edge.
CREATE INDEX reported_article IF NOT EXISTS FOR ()-[r:REPORTED]-() ON (r.article);
CREATE INDEX denied_article IF NOT EXISTS FOR ()-[r:DENIED]-() ON (r.article);
CREATE INDEX responded_article IF NOT EXISTS FOR ()-[r:RESPONDED]-() ON (r.article);
// The claims that update a claim are found by its id in updates.
CREATE INDEX reported_updates IF NOT EXISTS FOR ()-[r:REPORTED]-() ON (r.updates);
CREATE INDEX denied_updates IF NOT EXISTS FOR ()-[r:DENIED]-() ON (r.updates);
CREATE INDEX responded_updates IF NOT EXISTS FOR ()-[r:RESPONDED]-() ON (r.updates);
CREATE INDEX incident_date IF NOT EXISTS FOR (n:Incident) ON (n.date);
// A scope and a date range (strikes of a half-year) seek both at once: a
// count reads only what it counts.
CREATE INDEX incident_scope_date IF NOT EXISTS FOR (n:Incident) ON (n.scope, n.date);
// Names are found by their keys (strikegraph.NameKey), one token per spelling.
// Names are found by their keys (strikegraph.NameKey), one token per spelling,
// and by the keys of their words.
DROP INDEX entity_name_keys IF EXISTS;
CREATE FULLTEXT INDEX entity_names IF NOT EXISTS FOR (n:Entity) ON EACH [n.nameKeys, n.wordKeys]
  OPTIONS {indexConfig: {`fulltext.analyzer`: 'whitespace'}};
// What an actor relayed is found by its id in a claim's via, one token per
// id (a list cannot be in a range index).
CREATE FULLTEXT INDEX claim_via IF NOT EXISTS FOR ()-[r:REPORTED|DENIED|RESPONDED]-() ON EACH [r.via]
  OPTIONS {indexConfig: {`fulltext.analyzer`: 'keyword'}};
// Searches around a point seek places by distance.
CREATE POINT INDEX place_location IF NOT EXISTS FOR (n:Place) ON (n.location);
// A merge of two entities is recorded as a :Merge node, found by either id.
CREATE CONSTRAINT merge_id IF NOT EXISTS FOR (m:Merge) REQUIRE m.id IS UNIQUE;
CREATE INDEX merge_kept IF NOT EXISTS FOR (m:Merge) ON (m.kept);
CREATE INDEX merge_merged IF NOT EXISTS FOR (m:Merge) ON (m.merged);

// The change feed of subscriptions reads what was recorded or changed since
// a moment (find_claims_recorded_since, find_entities_changed_since).
CREATE INDEX reported_created IF NOT EXISTS FOR ()-[r:REPORTED]-() ON (r.createdAt);
CREATE INDEX denied_created IF NOT EXISTS FOR ()-[r:DENIED]-() ON (r.createdAt);
CREATE INDEX responded_created IF NOT EXISTS FOR ()-[r:RESPONDED]-() ON (r.createdAt);
CREATE INDEX entity_updated IF NOT EXISTS FOR (n:Entity) ON (n.updatedAt);
// Each change leaves a :Revision, found by the id of what changed.
CREATE INDEX revision_of IF NOT EXISTS FOR (r:Revision) ON (r.of);
