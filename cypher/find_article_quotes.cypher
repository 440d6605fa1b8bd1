// The claims quoted from an article, retracted or not: each quote must stand
// in its text. One branch per stance, each on its article index.
CALL () {
  MATCH ()-[r:REPORTED {article: $id}]->() RETURN r
  UNION ALL
  MATCH ()-[r:DENIED {article: $id}]->() RETURN r
  UNION ALL
  MATCH ()-[r:RESPONDED {article: $id}]->() RETURN r
}
RETURN r.id AS id, r.quote AS quote
ORDER BY id
