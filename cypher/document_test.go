package cypher_test

import (
	"fmt"
	"reflect"
	"slices"
	"sort"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/strikegraph/strikegraph"
	"github.com/strikegraph/strikegraph/data"
	"github.com/strikegraph/strikegraph/importer"
	"github.com/strikegraph/strikegraph/internal/graphtest"
)

// read runs a test's own Cypher around the graph's queries.
func read(t *testing.T, g *graphtest.Graph, q string) []*neo4j.Record {
	t.Helper()
	res, err := neo4j.ExecuteQuery(t.Context(), g.Target.Driver, q, nil, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(g.Target.Database))
	if err != nil {
		t.Fatal(err)
	}
	return res.Records
}

// snapshot reads the whole graph as sorted text: every node with its labels
// and properties, every edge with its ends, type and properties, all but the
// properties named in leaveOut.
// leaveOutHistory, among the properties a snapshot leaves out, leaves out
// the :Revision nodes too: a document carries the graph as it stands, not its
// history.
const leaveOutHistory = ":Revision"

func snapshot(t *testing.T, g *graphtest.Graph, leaveOut ...string) []string {
	t.Helper()
	var out []string
	nodes := `MATCH (n) UNWIND labels(n) AS l WITH n, l ORDER BY l WITH n, collect(l) AS labels RETURN n.id, labels, properties(n)`
	if slices.Contains(leaveOut, leaveOutHistory) {
		nodes = `MATCH (n) WHERE NOT n:Revision UNWIND labels(n) AS l WITH n, l ORDER BY l WITH n, collect(l) AS labels RETURN n.id, labels, properties(n)`
	}
	for _, q := range []string{
		nodes,
		`MATCH (a)-[r]->(b) RETURN a.id, type(r), b.id, properties(r)`,
	} {
		for _, r := range read(t, g, q) {
			props := r.Values[len(r.Values)-1].(map[string]any)
			for _, k := range leaveOut {
				delete(props, k)
			}
			out = append(out, fmt.Sprint(r.Values...))
		}
	}
	sort.Strings(out)
	return out
}

// sameSnapshot fails t, naming the first difference, unless two snapshots
// are equal.
func sameSnapshot(t *testing.T, what string, before, after []string) {
	t.Helper()
	if reflect.DeepEqual(before, after) {
		return
	}
	for i := range min(len(before), len(after)) {
		if before[i] != after[i] {
			t.Errorf("%s: first difference:\nbefore %s\nafter  %s", what, before[i], after[i])
			break
		}
	}
	t.Fatalf("%s: the graph differs: %d → %d rows", what, len(before), len(after))
}

// provenance are the properties a write records of itself: who created and
// changed each item and when, and hash, the digest of what the last write
// stated, which a merge clears on the claims whose references it rewrites and
// the next write sets again. Two writes of the same content differ in them.
var provenance = []string{"createdAt", "createdBy", "updatedAt", "updatedBy", "hash"}

// empty deletes the whole graph, in one transaction: test graphs are small.
func empty(t *testing.T, g *graphtest.Graph) {
	t.Helper()
	read(t, g, "MATCH (n) DETACH DELETE n")
	if n := len(snapshot(t, g)); n != 0 {
		t.Fatalf("%d nodes and edges left in the emptied graph", n)
	}
}

// census counts nodes per label and edges per type.
func census(t *testing.T, g *graphtest.Graph) map[string]int64 {
	t.Helper()
	out := map[string]int64{}
	for _, r := range read(t, g, `MATCH (n) UNWIND labels(n) AS key RETURN ':' + key AS key, count(*) AS n
		UNION ALL MATCH ()-[r]->() RETURN '-' + type(r) AS key, count(*) AS n`) {
		out[r.Values[0].(string)] = r.Values[1].(int64)
	}
	return out
}

func TestLoadingTwiceChangesNothing(t *testing.T) {
	g := graphtest.Seeded(t)
	first, before := snapshot(t, g), census(t, g)
	for _, doc := range graphtest.SeedDocuments(t) {
		if err := g.LoadDocument(t.Context(), &doc); err != nil {
			t.Fatal(err)
		}
	}
	second, after := snapshot(t, g), census(t, g)
	if !reflect.DeepEqual(before, after) {
		t.Errorf("counts changed on reloading:\nbefore %v\nafter  %v", before, after)
	}
	sameSnapshot(t, "reloading", first, second)
	// The seed graph's size, for the record, and a floor that catches a
	// loader that silently skips a kind of data.
	keys := make([]string, 0, len(after))
	for k := range after {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		t.Logf("%-26s %d", k, after[k])
	}
	for key, least := range map[string]int64{":Article": 5, ":Incident": 15, ":Place": 20, ":Actor": 35, ":Spokesperson": 8,
		"-REPORTED": 27, "-DENIED": 5, "-RESPONDED": 22, "-LOCATED_NEAR": 1, "-PART_OF": 1, "-SPEAKS_FOR": 8} {
		if after[key] < least {
			t.Errorf("%s: %d in the graph, want at least %d", key, after[key], least)
		}
	}
}

// TestOneBatchWritesAsDocumentByDocument imports the seed corpus in one
// batch, each step of the write one query over every document's rows, and
// finds the graph that loading it document by document makes: an edge that
// several articles of the batch state keeps each one's quote, note and role.
func TestOneBatchWritesAsDocumentByDocument(t *testing.T) {
	g := graphtest.Seeded(t)
	want := snapshot(t, g, append(provenance, leaveOutHistory)...)
	empty(t, g)
	rep, err := importer.Run(t.Context(), g, importer.DocumentRecords(data.FS, data.SeedDir),
		importer.Options{Author: strikegraph.Author{By: "import", At: time.Now().UTC()}})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Records != 6 || rep.Created != 6 || len(rep.Rejected) > 0 {
		t.Fatalf("the seed corpus in one batch: %+v, want its 6 documents created", rep)
	}
	sameSnapshot(t, "the seed corpus imported in one batch", want, snapshot(t, g, append(provenance, leaveOutHistory)...))
}

func TestAFailedLoadLeavesNothing(t *testing.T) {
	g := graphtest.Open(t)
	// A reference to an incident that exists nowhere: rejected before writing.
	doc := strikegraph.Document{
		Places:    []strikegraph.Place{{ID: "place:x", Name: "X", Kind: strikegraph.PlaceTown}},
		Relations: []strikegraph.Relation{{Type: strikegraph.RelLocatedIn, From: "incident:nowhere", To: "place:x"}},
	}
	err := g.LoadDocument(t.Context(), &doc)
	if code := strikegraph.ErrorCode(err); code != strikegraph.ECodeInvalid {
		t.Fatalf("unknown reference: got %v (%s), want %s", err, code, strikegraph.ECodeInvalid)
	}
	if n := census(t, g)[":Entity"]; n != 0 {
		t.Fatalf("%d entities left by a rejected document", n)
	}

	// A failure inside the transaction, after the first writes: a claim whose
	// id another claim already has trips the uniqueness constraint.
	base := strikegraph.Document{
		Actors:    []strikegraph.Actor{{ID: "monitor:a", Kind: strikegraph.ActorMonitor, Name: "A"}, {ID: "monitor:b", Kind: strikegraph.ActorMonitor, Name: "B"}},
		Articles:  []strikegraph.Article{{ID: "article:a", File: "a.txt", Text: "A said ten died.", Published: strikegraph.Date{Precision: strikegraph.DateUnknown}}},
		Incidents: []strikegraph.Incident{{ID: "incident:a", Name: "Strike A", Scope: strikegraph.ScopeStrike, Date: strikegraph.Date{Precision: strikegraph.DateUnknown}}},
		Claims: []strikegraph.Claim{{ID: "claim:a", Stance: strikegraph.StanceReported, SpeakerID: "monitor:a", IncidentID: "incident:a",
			ArticleID: "article:a", Quote: "ten died", StatedOn: strikegraph.Date{Precision: strikegraph.DateUnknown}}},
	}
	if err := g.LoadDocument(t.Context(), &base); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, g)
	clash := strikegraph.Document{
		Places: []strikegraph.Place{{ID: "place:new", Name: "New", Kind: strikegraph.PlaceVillage}},
		Claims: []strikegraph.Claim{{ID: "claim:a", Stance: strikegraph.StanceReported, SpeakerID: "monitor:b", IncidentID: "incident:a",
			ArticleID: "article:a", Quote: "ten died", StatedOn: strikegraph.Date{Precision: strikegraph.DateUnknown}}},
	}
	err = g.LoadDocument(t.Context(), &clash)
	if code := strikegraph.ErrorCode(err); code != strikegraph.ECodeConflict {
		t.Fatalf("duplicate claim id: got %v (%s), want %s", err, code, strikegraph.ECodeConflict)
	}
	if after := snapshot(t, g); !reflect.DeepEqual(before, after) {
		t.Fatalf("a failed document left a trace:\nbefore %v\nafter  %v", before, after)
	}
}
