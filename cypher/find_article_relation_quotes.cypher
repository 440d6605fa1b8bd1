// The relations an article states, each with the quotes it takes from it
// (sources and quotes are parallel lists), so that a new text of the article
// can be checked against them. No index holds a list's members: this reads
// every relationship, which only an article's new text asks for.
MATCH (a)-[r]->(b)
WHERE $id IN r.sources
RETURN a.id + '|' + type(r) + '|' + b.id AS id,
       [i IN range(0, size(r.sources) - 1) WHERE r.sources[i] = $id AND r.quotes[i] <> '' | r.quotes[i]] AS quotes
ORDER BY id
