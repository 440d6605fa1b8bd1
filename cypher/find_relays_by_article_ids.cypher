// The relays each article records (strikegraph.Relay): every actor a
// standing claim's via names relays the claim's source, and the article's
// publisher relays every actor the article CITES. One branch per stance,
// each on its article index.
UNWIND $ids AS id
MATCH (a:Article:Entity {id: id})
CALL (a) {
  MATCH (a)-[:PUBLISHED_BY]->(p:Actor), (a)-[:CITES]->(x:Actor)
  RETURN p.id AS relayer, x.id AS source
  UNION
  MATCH (s:Actor)-[r:REPORTED {article: a.id}]->() WHERE r.retractedAt IS NULL
  UNWIND r.via AS v RETURN v AS relayer, coalesce(r.onBehalfOf, s.id) AS source
  UNION
  MATCH (s:Actor)-[r:DENIED {article: a.id}]->() WHERE r.retractedAt IS NULL
  UNWIND r.via AS v RETURN v AS relayer, coalesce(r.onBehalfOf, s.id) AS source
  UNION
  MATCH (s:Actor)-[r:RESPONDED {article: a.id}]->() WHERE r.retractedAt IS NULL
  UNWIND r.via AS v RETURN v AS relayer, coalesce(r.onBehalfOf, s.id) AS source
}
RETURN a.id AS article, relayer, source
ORDER BY article, relayer, source
