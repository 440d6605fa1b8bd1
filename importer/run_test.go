package importer

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/strikegraph/strikegraph"
)

// txBound writes documents of at most limit incidents in all to a
// transaction, and stops a larger one with code, as Neo4j stops one at its
// memory (MEMORY_LIMIT) or time (TIMEOUT) limit.
type txBound struct {
	strikegraph.WriteService
	limit   int
	code    string
	written []string // the incidents written, in order
	txs     []int    // the documents of each transaction tried
}

func (m *txBound) WriteDocuments(_ context.Context, docs []*strikegraph.Document, _ strikegraph.Author) ([]strikegraph.Changes, []error, error) {
	m.txs = append(m.txs, len(docs))
	n := 0
	for _, d := range docs {
		n += len(d.Incidents)
	}
	if n > m.limit {
		return nil, nil, &strikegraph.Error{Code: m.code, Message: "the query went over a limit of the graph database; ask for less"}
	}
	changes := make([]strikegraph.Changes, len(docs))
	for i, d := range docs {
		for _, inc := range d.Incidents {
			m.written = append(m.written, inc.ID)
			changes[i] = append(changes[i], strikegraph.Change{Kind: "strikegraph.Incident", ID: inc.ID, Outcome: strikegraph.Created})
		}
	}
	return changes, make([]error, len(docs)), nil
}

// TestImportSplitsWhatGoesOverALimit imports eight documents as one batch
// into a graph that takes at most three incidents a transaction, stopping
// more at its memory limit, then at its time limit: the batch is halved
// until each part fits, every record is written once and in order, and the
// one record that can never fit is rejected with the code, and a reason
// that names the settings that would let it through.
func TestImportSplitsWhatGoesOverALimit(t *testing.T) {
	for code, settings := range map[string][]string{
		strikegraph.ECodeTooMuchMemory: {"db.memory.transaction.max", "--local-neo4j-tx-max"},
		strikegraph.ECodeTimeout:       {"?timeout=", "--neo4j-tx-timeout"},
	} {
		t.Run(code, func(t *testing.T) {
			w := &txBound{limit: 3, code: code}
			var records []Record
			for i := range 8 {
				doc := &strikegraph.Document{Incidents: []strikegraph.Incident{{ID: fmt.Sprintf("incident:%d", i)}}}
				if i == 5 { // four incidents: too many for one transaction
					for j := range 3 {
						doc.Incidents = append(doc.Incidents, strikegraph.Incident{ID: fmt.Sprintf("incident:5-%d", j)})
					}
				}
				records = append(records, Record{Source: fmt.Sprintf("doc%d.json", i), Line: 1, Doc: doc})
			}
			rep, err := write(t.Context(), w, slices.Values(records), Options{BatchSize: 8})
			if err != nil {
				t.Fatal(err)
			}
			want := []string{"incident:0", "incident:1", "incident:2", "incident:3", "incident:4", "incident:6", "incident:7"}
			if !slices.Equal(w.written, want) {
				t.Errorf("written %v, want %v", w.written, want)
			}
			if rep.Created != 7 || len(rep.Rejected) != 1 || rep.Rejected[0].Source != "doc5.json" || rep.Rejected[0].Code != code {
				t.Fatalf("report %+v; want 7 created and doc5.json rejected, %s", rep, code)
			}
			for _, s := range settings {
				if !strings.Contains(rep.Rejected[0].Reason, s) {
					t.Errorf("reason %q does not name %s", rep.Rejected[0].Reason, s)
				}
			}
			t.Logf("transactions tried, in documents: %v", w.txs)
		})
	}
}

// cancelling cancels its import at its first transaction, which Neo4j
// stops as it would one that ran past the import's deadline.
type cancelling struct {
	strikegraph.WriteService
	cancel func()
	txs    int
}

func (c *cancelling) WriteDocuments(context.Context, []*strikegraph.Document, strikegraph.Author) ([]strikegraph.Changes, []error, error) {
	c.txs++
	c.cancel()
	return nil, nil, &strikegraph.Error{Code: strikegraph.ECodeTimeout, Message: "the query ran too long and was stopped; ask for less"}
}

// TestImportStopsWhenItsContextEnds ends the import's context while its
// first batch runs: the batch's TIMEOUT is not split, nothing is rejected,
// and the import stops with the context's error.
func TestImportStopsWhenItsContextEnds(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	w := &cancelling{cancel: cancel}
	var records []Record
	for i := range 4 {
		records = append(records, Record{Source: fmt.Sprintf("doc%d.json", i), Doc: &strikegraph.Document{}})
	}
	rep, err := write(ctx, w, slices.Values(records), Options{})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err %v, want %v", err, context.Canceled)
	}
	if w.txs != 1 || len(rep.Rejected) != 0 {
		t.Errorf("%d transactions and %d records rejected, want 1 and none", w.txs, len(rep.Rejected))
	}
}

// TestImportBatchesByItems puts no more than MaxBatchItems items in one
// transaction, however few the records.
func TestImportBatchesByItems(t *testing.T) {
	w := &txBound{limit: MaxBatchItems, code: strikegraph.ECodeTooMuchMemory}
	var records []Record
	for i := range 5 {
		doc := &strikegraph.Document{}
		for j := range MaxBatchItems / 2 {
			doc.Incidents = append(doc.Incidents, strikegraph.Incident{ID: fmt.Sprintf("incident:%d-%d", i, j)})
		}
		records = append(records, Record{Source: fmt.Sprintf("doc%d.json", i), Doc: doc})
	}
	if _, err := write(t.Context(), w, slices.Values(records), Options{}); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(w.txs, []int{2, 2, 1}) {
		t.Errorf("transactions of %v documents, want [2 2 1]", w.txs)
	}
}

// TestImportBatchesByBytes puts no more than MaxBatchBytes bytes of text in
// one transaction, however few the records and items, and a record of more
// alone.
func TestImportBatchesByBytes(t *testing.T) {
	w := &txBound{limit: 1 << 30, code: strikegraph.ECodeTooMuchMemory}
	article := func(n int) *strikegraph.Document {
		return &strikegraph.Document{Articles: []strikegraph.Article{{ID: "article:a", Text: strings.Repeat("x", n)}}}
	}
	quotes := func(n int) *strikegraph.Document {
		doc := &strikegraph.Document{}
		for range n {
			doc.Claims = append(doc.Claims, strikegraph.Claim{Quote: strings.Repeat("y", MaxBatchBytes/10)})
		}
		return doc
	}
	docs := []*strikegraph.Document{
		article(MaxBatchBytes / 2), article(MaxBatchBytes / 2), // together
		article(MaxBatchBytes + 1), // alone
		quotes(6), quotes(6),       // apart
		article(1), // with the one before
	}
	var records []Record
	for _, d := range docs {
		records = append(records, Record{Doc: d})
	}
	if _, err := write(t.Context(), w, slices.Values(records), Options{}); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(w.txs, []int{2, 1, 1, 2}) {
		t.Errorf("transactions of %v documents, want [2 1 1 2]", w.txs)
	}
}

// graphOf holds refs, and answers FindRefs from them.
type graphOf struct {
	strikegraph.WriteService
	refs map[string]strikegraph.Ref
}

func (g graphOf) FindRefs(_ context.Context, ids []string) (map[string]strikegraph.Ref, error) {
	out := map[string]strikegraph.Ref{}
	for _, id := range ids {
		if r, ok := g.refs[id]; ok {
			out[id] = r
		}
	}
	return out, nil
}

// TestCheckSeesTheGraphAndEarlierRecords checks three records: one that
// defines a place, one that joins it to a place the graph holds, and one
// that names a place neither holds. Only the last is rejected.
func TestCheckSeesTheGraphAndEarlierRecords(t *testing.T) {
	g := graphOf{refs: map[string]strikegraph.Ref{"place:syria": {Kind: strikegraph.NodePlace}}}
	near := func(from, to string) *strikegraph.Document {
		return &strikegraph.Document{Relations: []strikegraph.Relation{{Type: strikegraph.RelLocatedIn, From: from, To: to}}}
	}
	records := []Record{
		{Source: "a.json", Line: 1, Doc: &strikegraph.Document{Places: []strikegraph.Place{{ID: "place:hajin", Name: "Hajin", Kind: strikegraph.PlaceTown}}}},
		{Source: "b.json", Line: 1, Doc: near("place:hajin", "place:syria")},
		{Source: "c.json", Line: 1, Doc: near("place:hajin", "place:atlantis")},
	}
	rep, err := check(t.Context(), g, slices.Values(records))
	if err != nil {
		t.Fatal(err)
	}
	if rep.Valid != 2 || len(rep.Rejected) != 1 || rep.Rejected[0].Source != "c.json" || rep.Rejected[0].Field != "relations[0].to" {
		t.Errorf("report %+v; want 2 valid and c.json's relations[0].to rejected", rep)
	}
}
