package graphgen_test

import (
	"fmt"
	"reflect"
	"slices"
	"sort"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/strikegraph/strikegraph"
	"github.com/strikegraph/strikegraph/corpus"
	"github.com/strikegraph/strikegraph/internal/graphgen"
	"github.com/strikegraph/strikegraph/internal/graphtest"
	"github.com/strikegraph/strikegraph/neo4jtest"
)

func TestMain(m *testing.M) { neo4jtest.Main(m) }

// read runs the test's own Cypher, around the service's queries.
func read(t *testing.T, g *graphtest.Graph, q string, params map[string]any) []*neo4j.Record {
	t.Helper()
	res, err := neo4j.ExecuteQuery(t.Context(), g.Target.Driver, q, params, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(g.Target.Database))
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return res.Records
}

// count runs a query that returns one number.
func count(t *testing.T, g *graphtest.Graph, q string, params map[string]any) int {
	t.Helper()
	return int(read(t, g, q, params)[0].Values[0].(int64))
}

// census counts nodes per label (":Incident") and edges per type ("-REPORTED").
func census(t *testing.T, g *graphtest.Graph) map[string]int {
	t.Helper()
	out := map[string]int{}
	for _, r := range read(t, g, `MATCH (n) UNWIND labels(n) AS key RETURN ':' + key AS key, count(*) AS n
		UNION ALL MATCH ()-[r]->() RETURN '-' + type(r) AS key, count(*) AS n`, nil) {
		out[r.Values[0].(string)] = int(r.Values[1].(int64))
	}
	return out
}

// corpusOf is what the corpus holds, counted from its documents: the
// numbers Write must have written.
type corpusOf struct {
	census    map[string]int
	incidents map[string]strikegraph.Incident
	articles  map[string]strikegraph.Article
	claims    map[string][]strikegraph.Claim // by incident
}

func readCorpus(incidents int, seed int64) corpusOf {
	c := corpusOf{census: map[string]int{}, incidents: map[string]strikegraph.Incident{}, articles: map[string]strikegraph.Article{}, claims: map[string][]strikegraph.Claim{}}
	kindLabel := map[strikegraph.ActorKind]string{strikegraph.ActorArmedGroup: ":ArmedGroup", strikegraph.ActorMonitor: ":MonitoringOrganisation",
		strikegraph.ActorOutlet: ":Outlet", strikegraph.ActorPerson: ":Person", strikegraph.ActorSpokesperson: ":Spokesperson"}
	rels := map[string]bool{}
	for doc := range corpus.Documents(corpus.Config{Seed: seed, Incidents: incidents}) {
		c.census[":Place"] += len(doc.Places)
		c.census[":Actor"] += len(doc.Actors)
		for _, a := range doc.Actors {
			c.census[kindLabel[a.Kind]]++
			if a.Kind == strikegraph.ActorSpokesperson {
				c.census[":Person"]++
			}
		}
		for _, a := range doc.Articles {
			c.articles[a.ID] = a
			rels[a.ID+"|PUBLISHED_BY|"+a.PublisherID] = true
		}
		for _, in := range doc.Incidents {
			c.incidents[in.ID] = in
		}
		for _, r := range doc.Relations {
			rels[r.From+"|"+string(r.Type)+"|"+r.To] = true
		}
		for _, cl := range doc.Claims {
			c.claims[cl.IncidentID] = append(c.claims[cl.IncidentID], cl)
			c.census["-"+string(cl.Stance)]++
		}
	}
	c.census[":Article"], c.census[":Incident"] = len(c.articles), len(c.incidents)
	c.census[":Entity"] = c.census[":Place"] + c.census[":Actor"] + c.census[":Article"] + c.census[":Incident"]
	c.census["relations"] = len(rels)
	return c
}

const incidents = 2000

func TestWrite(t *testing.T) {
	g := graphtest.Open(t)
	gr, err := graphgen.Write(t.Context(), g.Target.Driver, g.Target.Database, incidents, 1)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%+v", gr)
	want := readCorpus(incidents, 1)
	got := census(t, g)

	t.Run("counts", func(t *testing.T) {
		for _, key := range []string{":Entity", ":Incident", ":Place", ":Actor", ":Article", ":ArmedGroup", ":MonitoringOrganisation",
			":Outlet", ":Person", ":Spokesperson", "-REPORTED", "-DENIED", "-RESPONDED"} {
			if got[key] != want.census[key] || want.census[key] == 0 {
				t.Errorf("%s: %d in the graph, %d in the corpus", key, got[key], want.census[key])
			}
		}
		relations := 0
		for key, n := range got {
			if key[0] == '-' && !slices.Contains([]string{"-REPORTED", "-DENIED", "-RESPONDED"}, key) {
				relations += n
			}
		}
		if relations != want.census["relations"] {
			t.Errorf("%d relations in the graph, %d in the corpus", relations, want.census["relations"])
		}
		reported := Graph{Incidents: gr.Incidents, Places: gr.Places, Actors: gr.Actors, Articles: gr.Articles, Claims: gr.Claims, Relations: gr.Relations}
		wantGraph := Graph{Incidents: incidents, Places: got[":Place"], Actors: got[":Actor"], Articles: got[":Article"],
			Claims: got["-REPORTED"] + got["-DENIED"] + got["-RESPONDED"], Relations: relations}
		if reported != wantGraph {
			t.Errorf("Write reported %+v, the graph holds %+v", reported, wantGraph)
		}
		if n := count(t, g, "MATCH (n) WHERE NOT n:Entity OR n.id IS NULL OR NOT n.id STARTS WITH 'gen:' RETURN count(n)", nil); n != 0 {
			t.Errorf("%d nodes are not entities with a gen: id", n)
		}
	})

	t.Run("incidents", func(t *testing.T) {
		for what, q := range map[string]string{
			"incidents not carried out by one armed group": `MATCH (i:Incident) WHERE COUNT { (:Entity:Actor:ArmedGroup)-[:CARRIED_OUT]->(i) } <> 1 RETURN count(i)`,
			"incidents not in or near one place":           `MATCH (i:Incident) WHERE COUNT { (i)-[:LOCATED_IN|LOCATED_NEAR]->(:Place) } <> 1 RETURN count(i)`,
			"incidents in a place in no province of a country": `MATCH (i:Incident)-[:LOCATED_IN|LOCATED_NEAR]->(p:Place)
				WHERE NOT EXISTS { (p)-[:LOCATED_IN]->(:Place {kind: 'PROVINCE'})-[:LOCATED_IN]->(:Place {kind: 'COUNTRY'}) } RETURN count(i)`,
			"incidents without a claim":                `MATCH (i:Incident) WHERE NOT EXISTS { ()-[:REPORTED]->(i) } RETURN count(i)`,
			"incidents dated outside 2014–2019":        `MATCH (i:Incident) WHERE NOT date('2014-01-01') <= i.date <= date('2019-12-31') RETURN count(i)`,
			"dates whose value is not what date holds": `MATCH (i:Incident) WHERE i.date IS NOT NULL AND NOT toString(i.date) STARTS WITH i.dateValue RETURN count(i)`,
			"undated incidents with a date":            `MATCH (i:Incident) WHERE (i.datePrecision = 'UNKNOWN') <> (i.date IS NULL) RETURN count(i)`,
		} {
			if n := count(t, g, q, nil); n != 0 {
				t.Errorf("%d %s", n, what)
			}
		}
		// The corpus's spread: mostly exact dates, every precision, and
		// several years.
		for _, r := range read(t, g, `MATCH (i:Incident) RETURN i.datePrecision AS p, count(*) AS n, count(DISTINCT i.date.year) AS years`, nil) {
			p, n, years := r.Values[0].(string), r.Values[1].(int64), r.Values[2].(int64)
			if p == "DAY" && (n < incidents/2 || years < 5) {
				t.Errorf("%d incidents dated to the day over %d years", n, years)
			}
		}
	})

	t.Run("claims", func(t *testing.T) {
		for what, q := range map[string]string{
			"claims whose article is not in the graph": `MATCH ()-[r:REPORTED|DENIED|RESPONDED]->() WHERE NOT EXISTS { MATCH (a:Entity {id: r.article}) WHERE a:Article } RETURN count(r)`,
			"claims on behalf of whom the speaker does not speak for": `MATCH (s)-[r:REPORTED|DENIED|RESPONDED]->() WHERE r.onBehalfOf IS NOT NULL
				AND NOT EXISTS { (s)-[:SPEAKS_FOR]->(:Actor {id: r.onBehalfOf}) } RETURN count(r)`,
			"claims by a non-actor":                   `MATCH (s)-[r:REPORTED|DENIED|RESPONDED]->() WHERE NOT s:Actor RETURN count(r)`,
			"REPORTED claims without a figure":        `MATCH ()-[r:REPORTED]->() WHERE r.civiliansKilledText IS NULL AND r.killedText IS NULL RETURN count(r)`,
			"DENIED claims without what they deny":    `MATCH ()-[r:DENIED]->() WHERE r.denies IS NULL RETURN count(r)`,
			"RESPONDED claims without their response": `MATCH ()-[r:RESPONDED]->() WHERE r.response IS NULL RETURN count(r)`,
			"retracted claims":                        `MATCH ()-[r:REPORTED|DENIED|RESPONDED]->() WHERE r.retractedAt IS NOT NULL RETURN count(r)`,
			"articles without one publishing outlet":  `MATCH (a:Article) WHERE COUNT { (a)-[:PUBLISHED_BY]->(:Outlet) } <> 1 RETURN count(a)`,
		} {
			if n := count(t, g, q, nil); n != 0 {
				t.Errorf("%d %s", n, what)
			}
		}
		if n := count(t, g, `MATCH ()-[r:REPORTED]->() WHERE r.civiliansKilledMin <= r.civiliansKilledMax RETURN count(r)`, nil); n == 0 {
			t.Error("no REPORTED claim gives a civilian toll as a range")
		}
	})

	t.Run("well-known ids", func(t *testing.T) {
		for _, c := range []struct {
			name string
			top  graphgen.Top
			// counts returns each candidate's id and count.
			counts string
		}{
			{"Incident", gr.Incident, `MATCH (i:Incident) RETURN i.id, COUNT { ()-[:REPORTED|DENIED|RESPONDED]->(i) } AS n`},
			{"Perpetrator", gr.Perpetrator, `MATCH (a:ArmedGroup) RETURN a.id, COUNT { (a)-[:CARRIED_OUT]->(:Incident) } AS n`},
			{"Monitor", gr.Monitor, `MATCH (s)-[r:REPORTED|DENIED|RESPONDED]->() WITH coalesce(r.onBehalfOf, s.id) AS id, r
				MATCH (m:Entity {id: id}) WHERE m:MonitoringOrganisation RETURN m.id, count(r)`},
			{"Spokesperson", gr.Spokesperson, `MATCH (s:Spokesperson)-[:SPEAKS_FOR]->(:Actor {id: $monitor})
				RETURN s.id, COUNT { (s)-[:REPORTED|DENIED|RESPONDED]->() } AS n`},
			{"Province", gr.Province, `MATCH (p:Place {kind: 'PROVINCE'}) RETURN p.id, COUNT { MATCH (i:Incident)-[:LOCATED_IN|LOCATED_NEAR]->(t)
				WHERE t = p OR (t)-[:LOCATED_IN]->(p) } AS n`},
			{"Town", gr.Town, `MATCH (t:Place) RETURN t.id, COUNT { (:Incident)-[:LOCATED_IN|LOCATED_NEAR]->(t) } AS n`},
			{"Article", gr.Article, `MATCH ()-[r:REPORTED|DENIED|RESPONDED]->() MATCH (a:Entity {id: r.article}) WHERE a:Article RETURN a.id, count(r)`},
			{"Outlet", gr.Outlet, `MATCH (o:Outlet) RETURN o.id, COUNT { (:Article)-[:PUBLISHED_BY]->(o) } AS n`},
		} {
			var best graphgen.Top
			found := false
			for _, r := range read(t, g, c.counts, map[string]any{"monitor": gr.Monitor.ID}) {
				id, n := r.Values[0].(string), int(r.Values[1].(int64))
				if id == c.top.ID {
					found = true
					if n != c.top.Count {
						t.Errorf("%s %s: %d in the graph, Write reported %d", c.name, id, n, c.top.Count)
					}
				}
				if n > best.Count || n == best.Count && (best.ID == "" || id < best.ID) {
					best = graphgen.Top{ID: id, Count: n}
				}
			}
			if !found || best != c.top || best.Count == 0 {
				t.Errorf("%s: Write reported %+v, the busiest in the graph is %+v", c.name, c.top, best)
			}
		}
		// A few busy actors carry most of the graph.
		if gr.Perpetrator.Count < incidents/3 || gr.Monitor.Count < incidents/5 {
			t.Errorf("the busiest perpetrator carried out %d of %d incidents, the busiest monitor made %d claims", gr.Perpetrator.Count, incidents, gr.Monitor.Count)
		}
	})

	// The service reads the generated entities and claims as it reads those
	// it imported: as the corpus states them.
	t.Run("read by the service", func(t *testing.T) {
		ctx := t.Context()
		ids := []string{gr.Incident.ID, gr.Town.ID, gr.Province.ID, gr.Monitor.ID, gr.Spokesperson.ID, gr.Perpetrator.ID, gr.Article.ID, gr.Outlet.ID}
		found, err := g.FindEntitiesByIDs(ctx, ids)
		if err != nil {
			t.Fatal(err)
		}
		for _, id := range ids {
			e := found[id]
			if e == nil {
				t.Errorf("%s: not found", id)
				continue
			}
			if p := provenanceOf(e); p.CreatedBy != graphgen.By || p.CreatedAt.IsZero() || p.UpdatedAt != p.CreatedAt {
				t.Errorf("%s: provenance %+v", id, p)
			}
		}
		in, ok := found[gr.Incident.ID].(*strikegraph.Incident)
		if !ok {
			t.Fatalf("%s is a %T", gr.Incident.ID, found[gr.Incident.ID])
		}
		in.Provenance = strikegraph.Provenance{}
		wantIn := want.incidents[gr.Incident.ID]
		wantIn.Aliases = nonNil(wantIn.Aliases) // the graph keeps empty lists
		if !reflect.DeepEqual(*in, wantIn) {
			t.Errorf("incident read\n%+v\nthe corpus's\n%+v", *in, wantIn)
		}
		a, ok := found[gr.Article.ID].(*strikegraph.Article)
		if !ok {
			t.Fatalf("%s is a %T", gr.Article.ID, found[gr.Article.ID])
		}
		a.Provenance = strikegraph.Provenance{}
		if want := want.articles[gr.Article.ID]; !reflect.DeepEqual(*a, want) {
			t.Errorf("article read\n%+v\nthe corpus's\n%+v", *a, want)
		}
		for id, kind := range map[string]any{gr.Monitor.ID: strikegraph.ActorMonitor, gr.Spokesperson.ID: strikegraph.ActorSpokesperson,
			gr.Perpetrator.ID: strikegraph.ActorArmedGroup, gr.Outlet.ID: strikegraph.ActorOutlet, gr.Town.ID: nil, gr.Province.ID: strikegraph.PlaceProvince} {
			switch e := found[id].(type) {
			case *strikegraph.Actor:
				if e.Kind != kind {
					t.Errorf("%s: a %s, want %v", id, e.Kind, kind)
				}
			case *strikegraph.Place:
				if kind != nil && e.Kind != kind || e.Latitude == nil {
					t.Errorf("%s: a %s at %v, want a %v with coordinates", id, e.Kind, e.Latitude, kind)
				}
			default:
				t.Errorf("%s is a %T", id, e)
			}
		}

		// Each of the incident's claims, read by its id.
		if n := count(t, g, `MATCH ()-[r:REPORTED|DENIED|RESPONDED]->(:Entity {id: $id}) RETURN count(r)`, map[string]any{"id": gr.Incident.ID}); n != gr.Incident.Count || n != len(want.claims[gr.Incident.ID]) {
			t.Errorf("%s: %d claims in the graph, Write reported %d, the corpus has %d", gr.Incident.ID, n, gr.Incident.Count, len(want.claims[gr.Incident.ID]))
		}
		for _, c := range want.claims[gr.Incident.ID] {
			read, err := g.FindClaimByID(ctx, c.ID)
			if err != nil {
				t.Fatal(err)
			}
			read.Provenance = strikegraph.Provenance{}
			c.ViaIDs, c.PlaceIDs = nonNil(c.ViaIDs), nonNil(c.PlaceIDs) // the graph keeps empty lists
			if !reflect.DeepEqual(*read, c) {
				t.Errorf("claim read\n%+v\nthe corpus's\n%+v", *read, c)
			}
		}
	})

	// A second write of the same graph fails on the constraints, in its
	// first transaction: nothing is written twice.
	t.Run("again", func(t *testing.T) {
		if _, err := graphgen.Write(t.Context(), g.Target.Driver, g.Target.Database, incidents, 1); err == nil {
			t.Fatal("a second Write of the same ids succeeded")
		}
		if after := census(t, g); !reflect.DeepEqual(after, got) {
			t.Errorf("a failed Write changed the graph:\nbefore %v\nafter  %v", got, after)
		}
	})
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// Graph is graphgen.Graph's counts, for comparing them.
type Graph struct{ Incidents, Places, Actors, Articles, Claims, Relations int }

func provenanceOf(e strikegraph.Entity) strikegraph.Provenance {
	switch e := e.(type) {
	case *strikegraph.Incident:
		return e.Provenance
	case *strikegraph.Place:
		return e.Provenance
	case *strikegraph.Actor:
		return e.Provenance
	case *strikegraph.Article:
		return e.Provenance
	}
	return strikegraph.Provenance{}
}

// TestSameGraphAsTheImport writes a small corpus with graphgen, then writes
// it again through the service's own write path (cypher.DB.WriteDocument,
// as graphtest.Generated does), and finds the same graph: the same nodes,
// labels, edges and properties, hashes included; only who wrote each item
// and when differ.
func TestSameGraphAsTheImport(t *testing.T) {
	// Seed 53's corpus has an incident possibly the same as one of the
	// document before: an edge between two transactions, which Write
	// creates last.
	const incidents, seed = 300, 53
	g := graphtest.Open(t)
	if _, err := graphgen.Write(t.Context(), g.Target.Driver, g.Target.Database, incidents, seed); err != nil {
		t.Fatal(err)
	}
	if n := count(t, g, `MATCH (a:Incident)-[:POSSIBLY_SAME_AS]->(b:Incident)
		WHERE (toInteger(substring(a.id, 13)) - 1) / 100 <> (toInteger(substring(b.id, 13)) - 1) / 100 RETURN count(*)`, nil); n == 0 {
		t.Error("no edge between incidents of different documents")
	}
	written := snapshot(t, g)
	read(t, g, "MATCH (n) DETACH DELETE n", nil)
	for doc := range corpus.Documents(corpus.Config{Seed: seed, Incidents: incidents}) {
		if err := g.LoadDocument(t.Context(), &doc); err != nil {
			t.Fatalf("%s: %v", doc.Source, err)
		}
	}
	imported := snapshot(t, g)
	if len(written) < 3000 {
		t.Fatalf("%d nodes and edges written", len(written))
	}
	if reflect.DeepEqual(written, imported) {
		return
	}
	for i := range min(len(written), len(imported)) {
		if written[i] != imported[i] {
			t.Errorf("first difference:\ngraphgen %s\nimport   %s", written[i], imported[i])
			break
		}
	}
	t.Fatalf("graphgen wrote %d nodes and edges, the import %d", len(written), len(imported))
}

// snapshot reads the whole graph as sorted text: every node with its labels
// and properties, every edge with its ends, type and properties, all but who
// wrote it and when.
func snapshot(t *testing.T, g *graphtest.Graph) []string {
	t.Helper()
	var out []string
	for _, q := range []string{
		`MATCH (n) UNWIND labels(n) AS l WITH n, l ORDER BY l WITH n, collect(l) AS labels RETURN n.id, labels, properties(n)`,
		`MATCH (a)-[r]->(b) RETURN a.id, type(r), b.id, properties(r)`,
	} {
		for _, r := range read(t, g, q, nil) {
			props := r.Values[len(r.Values)-1].(map[string]any)
			for _, k := range []string{"createdAt", "createdBy", "updatedAt", "updatedBy"} {
				if _, ok := props[k]; !ok {
					t.Fatalf("%v: no %s", r.Values, k)
				}
				delete(props, k)
			}
			out = append(out, fmt.Sprintf("%v", r.Values))
		}
	}
	sort.Strings(out)
	return out
}
