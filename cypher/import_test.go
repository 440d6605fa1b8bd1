package cypher_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/strikegraph/strikegraph"
	"github.com/strikegraph/strikegraph/importer"
	"github.com/strikegraph/strikegraph/internal/graphtest"
)

// TestImportRejectsARecordTooLargeForATransaction imports a document of 24
// articles of 1 MiB of text each between two small ones. Written alone (it
// is over MaxBatchBytes), it needs far more than the 128 MiB of memory a
// transaction of the local Neo4j may have (about 8 bytes a byte of text):
// it is rejected, naming the setting, none of it is written, and the
// records around it are.
func TestImportRejectsARecordTooLargeForATransaction(t *testing.T) {
	g := graphtest.Open(t)
	limit := read(t, g, "SHOW SETTINGS YIELD name, value WHERE name = 'db.memory.transaction.max' RETURN value")
	if len(limit) == 0 || limit[0].Values[0] == "0B" {
		t.Skip("this Neo4j sets no memory limit on one transaction (db.memory.transaction.max); the local launcher's is 128m")
	}
	article := func(id, text string) strikegraph.Article {
		return strikegraph.Article{ID: id, Text: text, Published: strikegraph.Date{Precision: strikegraph.DateUnknown}}
	}
	huge := &strikegraph.Document{}
	text := strings.Repeat("The strike hit the market at noon. ", (1<<20)/35)
	for i := range 24 {
		huge.Articles = append(huge.Articles, article(fmt.Sprintf("article:huge-%d", i), text))
	}
	records := []importer.Record{
		{Source: "before.json", Line: 1, Doc: &strikegraph.Document{Articles: []strikegraph.Article{article("article:before", "Before.")}}},
		{Source: "huge.json", Line: 1, Doc: huge},
		{Source: "after.json", Line: 1, Doc: &strikegraph.Document{Articles: []strikegraph.Article{article("article:after", "After.")}}},
	}
	rep, err := importer.Run(t.Context(), g, slices.Values(records),
		importer.Options{Author: strikegraph.Author{By: "import", At: time.Now().UTC()}})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Created != 2 || len(rep.Rejected) != 1 || rep.Rejected[0].Source != "huge.json" || rep.Rejected[0].Code != strikegraph.ECodeTooMuchMemory {
		t.Fatalf("report %+v; want 2 created and huge.json rejected, %s (the transaction memory limit is %v)", rep, strikegraph.ECodeTooMuchMemory, limit[0].Values[0])
	}
	for _, setting := range []string{"db.memory.transaction.max", "--local-neo4j-tx-max"} {
		if reason := rep.Rejected[0].Reason; !strings.Contains(reason, setting) {
			t.Errorf("reason %q does not name %s", reason, setting)
		}
	}
	if n := census(t, g)[":Article"]; n != 2 {
		t.Errorf("%d articles in the graph, want the 2 of before.json and after.json", n)
	}
}
