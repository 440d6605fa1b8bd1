package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"maps"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/strikegraph/strikegraph"
	"github.com/strikegraph/strikegraph/auth"
	"github.com/strikegraph/strikegraph/corpus"
	"github.com/strikegraph/strikegraph/cypher"
	"github.com/strikegraph/strikegraph/importer"
	"github.com/strikegraph/strikegraph/internal/graphtest"
	"github.com/strikegraph/strikegraph/server"
)

// importRows is the size of the generated ACLED export BenchmarkImportACLED
// imports.
const importRows = 100_000

// importIncidents is the size of the generated corpus (package corpus)
// BenchmarkImportDocuments imports: some 80,000 items in 101 documents.
const importIncidents = 10_000

// BenchmarkImportACLED posts a generated ACLED export of 100,000 rows to
// /import: into an empty graph in batches of 100, 500 and 2000 rows, then
// again into the graph that holds it, every row unchanged. The floor
// imports the same rows, batched as the import batches them by default,
// with the hand-written statements of testdata/import_floor.cypher: what
// the import could reach. It reports rows imported per second, and fails if
// the floor's graph is not the import's (see census). Each iteration
// imports the whole file, so run it once:
//
//	make bench-import                      # the floor, batch=500 and again
//	make bench-import BENCH_IMPORT=Import  # batches of 100 and 2000 too
func BenchmarkImportACLED(b *testing.B) {
	var csv bytes.Buffer
	if err := corpus.ACLED(&csv, importRows, 1); err != nil {
		b.Fatal(err)
	}
	g := graphtest.Open(b)
	key, a := oneKey(b, "bench", auth.RoleEditor)
	srv := httptest.NewServer(server.Handler(g, graphtest.Logger(b), server.Options{Auth: a}))
	defer srv.Close()
	// Leave no 100,000 rows behind for the next test to delete.
	defer emptyGraph(b, g)

	post := func(b *testing.B, batch int) importer.Report {
		req, err := http.NewRequestWithContext(b.Context(), http.MethodPost, fmt.Sprintf("%s/import?batch=%d", srv.URL, batch), bytes.NewReader(csv.Bytes()))
		if err != nil {
			b.Fatal(err)
		}
		req.Header.Set("Content-Type", "text/csv")
		req.Header.Set("X-API-Key", key)
		// No client timeout: the import takes minutes; -timeout bounds it.
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		defer resp.Body.Close()
		var rep importer.Report
		if err := json.NewDecoder(resp.Body).Decode(&rep); err != nil || resp.StatusCode != http.StatusOK {
			b.Fatalf("POST /import: %d, %v", resp.StatusCode, err)
		}
		return rep
	}
	floor := newFloor(b, g)
	rows := func() iter.Seq[importer.Record] {
		recs, err := importer.Records(importer.ACLED, "bench", bytes.NewReader(csv.Bytes()))
		if err != nil {
			b.Fatal(err)
		}
		return recs
	}
	censuses := map[string]census{}
	run := func(b *testing.B, imp func() importer.Report, again bool) {
		for range b.N {
			b.StopTimer()
			emptyGraph(b, g)
			if again {
				imp()
			}
			before := g.RoundTrips() + floor.sent
			b.StartTimer()
			rep := imp()
			b.StopTimer()
			checkReport(b, rep, importRows, again)
			b.ReportMetric(float64(g.RoundTrips()+floor.sent-before), "statements")
		}
		b.ReportMetric(float64(importRows*b.N)/b.Elapsed().Seconds(), "rows/s")
		if !again {
			censuses[b.Name()] = takeCensus(b, g)
		}
	}
	b.Run("floor", func(b *testing.B) {
		run(b, func() importer.Report { return floor.importRecords(b, rows(), importer.DefaultBatchSize) }, false)
	})
	for _, batch := range []int{100, 500, 2000} {
		b.Run(fmt.Sprintf("batch=%d", batch), func(b *testing.B) {
			run(b, func() importer.Report { return post(b, batch) }, false)
		})
	}
	b.Run("again", func(b *testing.B) {
		run(b, func() importer.Report { return post(b, importer.DefaultBatchSize) }, true)
	})
	compareCensuses(b, censuses, b.Name()+"/floor", fmt.Sprintf("%s/batch=%d", b.Name(), importer.DefaultBatchSize))
}

// BenchmarkImportDocuments imports a generated corpus of 10,000 incidents
// (package corpus, seed 1: a gazetteer and 100 documents of 100 incidents)
// as strikegraph import does, in batches of the default bounds: into an
// empty graph, then again, every document unchanged; and with the floor's
// statements, as BenchmarkImportACLED does. It reports items (entities,
// relations and claims) imported per second.
//
//	make bench-import
func BenchmarkImportDocuments(b *testing.B) {
	g := graphtest.Open(b)
	defer emptyGraph(b, g)
	floor := newFloor(b, g)
	// The corpus is generated before each import, outside its time.
	var docs []importer.Record
	items := 0
	generate := func() {
		docs, items = docs[:0], 0
		for doc := range corpus.Documents(corpus.Config{Seed: 1, Incidents: importIncidents}) {
			docs = append(docs, importer.Record{Source: doc.Source, Line: 1, Doc: &doc})
			items += len(doc.Articles) + len(doc.Places) + len(doc.Actors) + len(doc.Incidents) + len(doc.Relations) + len(doc.Claims)
		}
	}
	project := func() importer.Report {
		ctx := cypher.WithTimeLimit(b.Context(), importer.BulkTimeLimit)
		rep, err := importer.Run(ctx, g.DB, slices.Values(docs), importer.Options{Author: strikegraph.Author{By: "bench", At: time.Now().UTC()}})
		if err != nil {
			b.Fatal(err)
		}
		return rep
	}
	records := 1 + (importIncidents+corpus.PerDocument-1)/corpus.PerDocument
	censuses := map[string]census{}
	run := func(b *testing.B, imp func() importer.Report, again bool) {
		for range b.N {
			b.StopTimer()
			emptyGraph(b, g)
			if again {
				generate()
				imp()
			}
			generate()
			before := g.RoundTrips() + floor.sent
			b.StartTimer()
			rep := imp()
			b.StopTimer()
			checkReport(b, rep, records, again)
			b.ReportMetric(float64(g.RoundTrips()+floor.sent-before), "statements")
		}
		b.ReportMetric(float64(items*b.N)/b.Elapsed().Seconds(), "items/s")
		if !again {
			censuses[b.Name()] = takeCensus(b, g)
		}
	}
	b.Run("floor", func(b *testing.B) {
		run(b, func() importer.Report {
			return floor.importRecords(b, slices.Values(docs), importer.DefaultBatchSize)
		}, false)
	})
	b.Run("project", func(b *testing.B) { run(b, project, false) })
	b.Run("again", func(b *testing.B) { run(b, project, true) })
	compareCensuses(b, censuses, b.Name()+"/floor", b.Name()+"/project")
}

// checkReport fails b unless rep created every one of n records, or, again,
// found each unchanged.
func checkReport(b *testing.B, rep importer.Report, n int, again bool) {
	b.Helper()
	want := importer.Report{Records: n, Created: n}
	if again {
		want = importer.Report{Records: n, Unchanged: n}
	}
	if rep.Records != want.Records || rep.Created != want.Created || rep.Updated != 0 || rep.Unchanged != want.Unchanged || len(rep.Rejected) != 0 {
		b.Fatalf("import: %d records, %d created, %d updated, %d unchanged, %d rejected (first %+v); want %d created, %d unchanged",
			rep.Records, rep.Created, rep.Updated, rep.Unchanged, len(rep.Rejected), rep.Rejected[:min(1, len(rep.Rejected))], want.Created, want.Unchanged)
	}
}

// floor imports records as a hand-written import would, with the
// statements of testdata/import_floor.cypher: importer.Run batches
// them, as it batches an import, and floor writes each batch in one
// transaction of one UNWIND per label set and relationship type. It checks
// nothing and reads nothing back.
type floor struct {
	strikegraph.WriteService // Import calls only WriteDocuments
	g                        *graphtest.Graph
	statements               map[string]string // by the label set or type they write
	sent                     int64             // statements run
}

func newFloor(b *testing.B, g *graphtest.Graph) *floor {
	text, err := os.ReadFile("testdata/import_floor.cypher")
	if err != nil {
		b.Fatal(err)
	}
	f := &floor{g: g, statements: map[string]string{}}
	name := regexp.MustCompile(`(?m)^// floor: (\S+)$`)
	for _, s := range strings.Split(string(text), ";") {
		if m := name.FindStringSubmatch(s); m != nil {
			f.statements[m[1]] = s
		}
	}
	return f
}

func (f *floor) importRecords(b *testing.B, recs iter.Seq[importer.Record], batch int) importer.Report {
	ctx := cypher.WithTimeLimit(b.Context(), importer.BulkTimeLimit)
	rep, err := importer.Run(ctx, f, recs, importer.Options{Author: strikegraph.Author{By: "bench", At: time.Now().UTC()}, BatchSize: batch})
	if err != nil {
		b.Fatal(err)
	}
	return rep
}

// floorStep is the rows of one statement of the floor.
type floorStep struct {
	name string
	rows []map[string]any
}

// WriteDocuments writes docs with the floor's statements: the entities,
// each once, by their label sets; the relations, one row per edge with
// every article that states it, by type; the claims, by stance. Each
// document is reported created.
func (f *floor) WriteDocuments(ctx context.Context, docs []*strikegraph.Document, a strikegraph.Author) ([]strikegraph.Changes, []error, error) {
	entities, relations, claims := map[string][]map[string]any{}, map[string][]map[string]any{}, map[string][]map[string]any{}
	seen := map[string]bool{}
	entity := func(e strikegraph.Entity) {
		if seen[e.EntityID()] {
			return
		}
		seen[e.EntityID()] = true
		labels, props := cypher.EntityRow(e)
		name := "Entity:" + strings.Join(labels, ":")
		entities[name] = append(entities[name], map[string]any{"id": e.EntityID(), "props": props})
	}
	edges := map[string]map[string]any{} // props by from, type and to
	relation := func(r strikegraph.Relation) {
		key := r.From + "|" + string(r.Type) + "|" + r.To
		props := edges[key]
		if props == nil {
			props = map[string]any{"sources": []string{}, "quotes": []string{}, "notes": []string{}, "roles": []string{}}
			edges[key] = props
			relations[string(r.Type)] = append(relations[string(r.Type)], map[string]any{"from": r.From, "to": r.To, "props": props})
		}
		if r.Article == "" {
			// A gazetteer fact keeps its role and note as they are.
			if r.Role != "" {
				props["role"] = r.Role
			}
			if r.Note != "" {
				props["note"] = r.Note
			}
		} else if !slices.Contains(props["sources"].([]string), r.Article) {
			for k, v := range map[string]string{"sources": r.Article, "quotes": r.Quote, "notes": r.Note, "roles": r.Role} {
				props[k] = append(props[k].([]string), v)
			}
		}
		if r.DistanceKm != nil {
			props["distanceKm"] = *r.DistanceKm
		}
	}
	for _, doc := range docs {
		for i := range doc.Places {
			entity(&doc.Places[i])
		}
		for i := range doc.Actors {
			entity(&doc.Actors[i])
		}
		for i := range doc.Articles {
			entity(&doc.Articles[i])
			if p := doc.Articles[i].PublisherID; p != "" {
				relation(strikegraph.Relation{Type: strikegraph.RelPublishedBy, From: doc.Articles[i].ID, To: p})
			}
		}
		for i := range doc.Incidents {
			entity(&doc.Incidents[i])
		}
		for _, r := range doc.Relations {
			relation(r)
		}
		for i := range doc.Claims {
			c := &doc.Claims[i]
			props := cypher.ClaimRow(c)
			if r := c.Retracted; r != nil {
				props["retractedAt"], props["retractedBy"], props["retractionReason"] = r.At.UTC(), r.By, r.Reason
			}
			claims[string(c.Stance)] = append(claims[string(c.Stance)], map[string]any{"id": c.ID, "speaker": c.SpeakerID, "incident": c.IncidentID, "props": props})
		}
		if len(doc.Merges) > 0 {
			return nil, nil, fmt.Errorf("%s: the floor writes no merges", doc.Source)
		}
	}
	var steps []floorStep
	for _, rows := range []map[string][]map[string]any{entities, relations, claims} {
		for _, name := range slices.Sorted(maps.Keys(rows)) {
			steps = append(steps, floorStep{name, rows[name]})
		}
	}
	session := f.g.Target.Driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: f.g.Target.Database})
	defer session.Close(ctx)
	_, err := session.ExecuteWrite(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		for _, s := range steps {
			q, ok := f.statements[s.name]
			if !ok {
				return nil, fmt.Errorf("testdata/import_floor.cypher has no statement for %s", s.name)
			}
			f.sent++
			res, err := tx.Run(ctx, q, map[string]any{"rows": s.rows, "at": a.At, "by": a.By})
			if err != nil {
				return nil, err
			}
			if _, err := res.Consume(ctx); err != nil {
				return nil, err
			}
		}
		return nil, nil
	})
	changes := make([]strikegraph.Changes, len(docs))
	for i := range changes {
		changes[i] = strikegraph.Changes{{Kind: "Record", Outcome: strikegraph.Created}}
	}
	return changes, make([]error, len(docs)), err
}

// census counts a graph's nodes per label set and edges per type ("Place",
// "LOCATED_IN"), and how many of them hold each property key
// ("Place.location").
type census map[string]int64

func takeCensus(b *testing.B, g *graphtest.Graph) census {
	text, err := os.ReadFile("testdata/census.cypher")
	if err != nil {
		b.Fatal(err)
	}
	res, err := neo4j.ExecuteQuery(b.Context(), g.Target.Driver, string(text), nil, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(g.Target.Database), neo4j.ExecuteQueryWithReadersRouting())
	if err != nil {
		b.Fatal(err)
	}
	c := census{}
	for _, rec := range res.Records {
		m := rec.AsMap()
		var labels []string
		for _, l := range m["labels"].([]any) {
			labels = append(labels, l.(string))
		}
		slices.Sort(labels)
		name := strings.Join(labels, ":")
		if k := m["key"].(string); k != "" {
			name += "." + k
		}
		c[name] += m["count"].(int64)
	}
	return c
}

// compareCensuses fails b if the censuses of two sub-benchmarks, when both
// ran, differ.
func compareCensuses(b *testing.B, censuses map[string]census, x, y string) {
	b.Helper()
	cx, okx := censuses[x]
	cy, oky := censuses[y]
	if !okx || !oky {
		return
	}
	keys := slices.AppendSeq(slices.Collect(maps.Keys(cx)), maps.Keys(cy))
	slices.Sort(keys)
	keys = slices.Compact(keys)
	for _, k := range keys {
		if cx[k] != cy[k] {
			b.Errorf("%s: %d in %s, %d in %s", k, cx[k], x, cy[k], y)
		}
	}
	b.Logf("%s and %s: %d labels, types and keys counted", x, y, len(keys))
}

// emptyGraph deletes every relationship, then every node, a slice per
// transaction: one transaction for all, or a DETACH DELETE of the monitor
// with its 100,000 claims, would outgrow Neo4j's transaction memory.
func emptyGraph(b *testing.B, g *graphtest.Graph) {
	b.Helper()
	for _, q := range []string{
		"MATCH ()-[r]->() WITH r LIMIT 5000 DELETE r RETURN count(*)",
		"MATCH (n) WITH n LIMIT 5000 DELETE n RETURN count(*)",
	} {
		for {
			res, err := neo4j.ExecuteQuery(b.Context(), g.Target.Driver, q, nil, neo4j.EagerResultTransformer,
				neo4j.ExecuteQueryWithDatabase(g.Target.Database))
			if err != nil {
				b.Fatal(err)
			}
			if res.Records[0].Values[0].(int64) == 0 {
				break
			}
		}
	}
}
