package corpus_test

import (
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/strikegraph/strikegraph/corpus"
	"github.com/strikegraph/strikegraph/internal/graphtest"
	"github.com/strikegraph/strikegraph/neo4jtest"
)

func TestMain(m *testing.M) { neo4jtest.Main(m) }

// TestLoadGenerated loads 10,000 generated incidents into Neo4j: the graph
// holds exactly what the documents define, and nothing dangles.
func TestLoadGenerated(t *testing.T) {
	const n = 10000
	start := time.Now()
	g := graphtest.Generated(t, n)
	t.Logf("loaded %d incidents in %v", n, time.Since(start).Round(time.Millisecond))

	want := map[string]int{} // node label or edge type → count
	var docs int
	for d := range corpus.Documents(corpus.Config{Seed: 1, Incidents: n}) {
		docs++
		want["Incident"] += len(d.Incidents)
		want["Place"] += len(d.Places)
		want["Actor"] += len(d.Actors)
		want["Article"] += len(d.Articles)
		want["PUBLISHED_BY"] += len(d.Articles)
		for _, c := range d.Claims {
			want[string(c.Stance)]++
		}
		for _, r := range d.Relations {
			want[string(r.Type)]++ // each (from, type, to) is generated once
		}
	}
	rows := func(q string) []*neo4j.Record {
		t.Helper()
		res, err := neo4j.ExecuteQuery(t.Context(), g.Target.Driver, q, nil, neo4j.EagerResultTransformer,
			neo4j.ExecuteQueryWithDatabase(g.Target.Database))
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		return res.Records
	}
	count := func(q string) int { return int(rows(q)[0].Values[0].(int64)) }
	got := map[string]int{}
	for _, q := range []string{
		"MATCH (n:Entity) UNWIND labels(n) AS label RETURN label, count(*)",
		"MATCH ()-[r]->() RETURN type(r), count(r)",
	} {
		for _, rec := range rows(q) {
			got[rec.Values[0].(string)] = int(rec.Values[1].(int64))
		}
	}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s: %d in the graph, %d generated", k, got[k], w)
		}
	}
	t.Logf("%d documents; %d nodes, %d edges; by label and type: %v", docs,
		count("MATCH (n) RETURN count(n)"), count("MATCH ()-[r]->() RETURN count(r)"), got)
	if got["Incident"] != n || got["REPORTED"]+got["DENIED"]+got["RESPONDED"] < n {
		t.Errorf("%d incidents and %d claims; want %d and at least as many claims", got["Incident"], got["REPORTED"]+got["DENIED"]+got["RESPONDED"], n)
	}

	for what, q := range map[string]string{
		"claims whose article is missing": `MATCH ()-[r:REPORTED|DENIED|RESPONDED]->()
			WHERE NOT EXISTS { MATCH (a:Entity {id: r.article}) WHERE a:Article } RETURN count(r)`,
		"claims naming a missing actor": `MATCH ()-[r:REPORTED|DENIED|RESPONDED]->()
			UNWIND r.via + coalesce(r.onBehalfOf, []) AS id
			WITH id WHERE NOT EXISTS { MATCH (a:Entity {id: id}) WHERE a:Actor } RETURN count(id)`,
		"incidents in no place":        "MATCH (i:Incident) WHERE NOT EXISTS { (i)-[:LOCATED_IN|LOCATED_NEAR]->(:Place) } RETURN count(i)",
		"incidents without a striker":  "MATCH (i:Incident) WHERE NOT EXISTS { (:ArmedGroup)-[:CARRIED_OUT]->(i) } RETURN count(i)",
		"incidents without a claim":    "MATCH (i:Incident) WHERE NOT EXISTS { ()-[:REPORTED]->(i) } RETURN count(i)",
		"articles without a publisher": "MATCH (a:Article) WHERE NOT EXISTS { (a)-[:PUBLISHED_BY]->(:Outlet) } RETURN count(a)",
		"towns in no province": `MATCH (p:Place) WHERE p.kind IN ['CITY', 'TOWN', 'VILLAGE']
			AND NOT EXISTS { (p)-[:LOCATED_IN]->(:Place {kind: 'PROVINCE'})-[:LOCATED_IN]->(:Place {kind: 'COUNTRY'}) } RETURN count(p)`,
		"spokespeople speaking for no one": "MATCH (s:Spokesperson) WHERE NOT EXISTS { (s)-[:SPEAKS_FOR]->(:Actor) } RETURN count(s)",
		"ids without the gen: prefix":      "MATCH (n:Entity) WHERE NOT n.id STARTS WITH 'gen:' RETURN count(n)",
	} {
		if c := count(q); c != 0 {
			t.Errorf("%d %s", c, what)
		}
	}
	busiest := count("MATCH (p:Place)<-[:LOCATED_IN|LOCATED_NEAR]-(:Incident) RETURN count(*) AS c ORDER BY c DESC LIMIT 1")
	if busiest < n/20 {
		t.Errorf("the busiest place has %d incidents; want at least %d", busiest, n/20)
	}

}
