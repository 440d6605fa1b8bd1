package server_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/strikegraph/strikegraph"
	"github.com/strikegraph/strikegraph/acled"
	"github.com/strikegraph/strikegraph/auth"
	"github.com/strikegraph/strikegraph/internal/graphtest"
	"github.com/strikegraph/strikegraph/server"
)

// importRows is the size of the generated ACLED export BenchmarkImportACLED
// imports.
const importRows = 100_000

// BenchmarkImportACLED posts a generated ACLED export of 100,000 rows to
// /import: into an empty graph in batches of 100, 500 and 2000 rows, then
// again into the graph that holds it, every row unchanged. It reports rows
// imported per second. Each iteration imports the whole file, so run it
// once:
//
//	make bench-import
func BenchmarkImportACLED(b *testing.B) {
	var csv bytes.Buffer
	if err := acled.Generate(&csv, importRows, 1); err != nil {
		b.Fatal(err)
	}
	g := graphtest.Open(b)
	key, line, err := auth.NewAPIKey("bench", auth.RoleEditor)
	if err != nil {
		b.Fatal(err)
	}
	a, err := auth.New(auth.Config{APIKeys: line, Logger: graphtest.Logger(b)})
	if err != nil {
		b.Fatal(err)
	}
	srv := httptest.NewServer(server.Handler(g, graphtest.Logger(b), server.Options{Auth: a}))
	defer srv.Close()
	// Leave no 100,000 rows behind for the next test to delete.
	defer emptyGraph(b, g)

	post := func(b *testing.B, batch int) strikegraph.ImportReport {
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
		var rep strikegraph.ImportReport
		if err := json.NewDecoder(resp.Body).Decode(&rep); err != nil || resp.StatusCode != http.StatusOK {
			b.Fatalf("POST /import: %d, %v", resp.StatusCode, err)
		}
		return rep
	}
	run := func(b *testing.B, batch int, again bool) {
		for range b.N {
			b.StopTimer()
			emptyGraph(b, g)
			if again {
				post(b, batch)
			}
			b.StartTimer()
			rep := post(b, batch)
			want := strikegraph.ImportReport{Records: importRows, Created: importRows}
			if again {
				want = strikegraph.ImportReport{Records: importRows, Unchanged: importRows}
			}
			if rep.Records != want.Records || rep.Created != want.Created || rep.Updated != 0 || rep.Unchanged != want.Unchanged || len(rep.Rejected) != 0 {
				b.Fatalf("import: %d records, %d created, %d updated, %d unchanged, %d rejected (first %+v); want %d created, %d unchanged",
					rep.Records, rep.Created, rep.Updated, rep.Unchanged, len(rep.Rejected), rep.Rejected[:min(1, len(rep.Rejected))], want.Created, want.Unchanged)
			}
		}
		b.ReportMetric(float64(importRows*b.N)/b.Elapsed().Seconds(), "rows/s")
	}
	for _, batch := range []int{100, 500, 2000} {
		b.Run(fmt.Sprintf("batch=%d", batch), func(b *testing.B) { run(b, batch, false) })
	}
	b.Run("again", func(b *testing.B) { run(b, strikegraph.DefaultBatchSize, true) })
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
