package strikegraph

import (
	"context"
	"fmt"
	"slices"
	"testing"
)

// memoryBound writes documents of at most limit incidents in all to a
// transaction, and stops a larger one at its memory limit, as Neo4j does.
type memoryBound struct {
	WriteService
	limit   int
	written []string // the incidents written, in order
	txs     []int    // the documents of each transaction tried
}

func (m *memoryBound) WriteDocuments(_ context.Context, docs []*Document, _ Author) ([]Changes, []error, error) {
	m.txs = append(m.txs, len(docs))
	n := 0
	for _, d := range docs {
		n += len(d.Incidents)
	}
	if n > m.limit {
		return nil, nil, &Error{Code: ECodeTooMuchMemory, Message: "the query needed more memory than the graph database lets one query have"}
	}
	changes := make([]Changes, len(docs))
	for i, d := range docs {
		for _, inc := range d.Incidents {
			m.written = append(m.written, inc.ID)
			changes[i] = append(changes[i], Change{Kind: "Incident", ID: inc.ID, Outcome: Created})
		}
	}
	return changes, make([]error, len(docs)), nil
}

// TestImportSplitsWhatRunsOutOfMemory imports eight documents as one batch
// into a graph that takes at most three incidents a transaction: the batch
// is halved until each part fits, every record is written once and in
// order, and the one record that can never fit is rejected, MEMORY_LIMIT.
func TestImportSplitsWhatRunsOutOfMemory(t *testing.T) {
	w := &memoryBound{limit: 3}
	var records []Record
	for i := range 8 {
		doc := &Document{Incidents: []Incident{{ID: fmt.Sprintf("incident:%d", i)}}}
		if i == 5 { // four incidents: too many for one transaction
			for j := range 3 {
				doc.Incidents = append(doc.Incidents, Incident{ID: fmt.Sprintf("incident:5-%d", j)})
			}
		}
		records = append(records, Record{Source: fmt.Sprintf("doc%d.json", i), Line: 1, Doc: doc})
	}
	rep, err := Import(t.Context(), w, slices.Values(records), ImportOptions{BatchSize: 8})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"incident:0", "incident:1", "incident:2", "incident:3", "incident:4", "incident:6", "incident:7"}
	if !slices.Equal(w.written, want) {
		t.Errorf("written %v, want %v", w.written, want)
	}
	if rep.Created != 7 || len(rep.Rejected) != 1 || rep.Rejected[0].Source != "doc5.json" || rep.Rejected[0].Code != ECodeTooMuchMemory {
		t.Errorf("report %+v; want 7 created and doc5.json rejected, %s", rep, ECodeTooMuchMemory)
	}
	t.Logf("transactions tried, in documents: %v", w.txs)
}

// TestImportBatchesByItems puts no more than MaxBatchItems items in one
// transaction, however few the records.
func TestImportBatchesByItems(t *testing.T) {
	w := &memoryBound{limit: MaxBatchItems}
	var records []Record
	for i := range 5 {
		doc := &Document{}
		for j := range MaxBatchItems / 2 {
			doc.Incidents = append(doc.Incidents, Incident{ID: fmt.Sprintf("incident:%d-%d", i, j)})
		}
		records = append(records, Record{Source: fmt.Sprintf("doc%d.json", i), Doc: doc})
	}
	if _, err := Import(t.Context(), w, slices.Values(records), ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(w.txs, []int{2, 2, 1}) {
		t.Errorf("transactions of %v documents, want [2 2 1]", w.txs)
	}
}

// graphOf holds refs, and answers FindRefs from them.
type graphOf struct {
	WriteService
	refs map[string]Ref
}

func (g graphOf) FindRefs(_ context.Context, ids []string) (map[string]Ref, error) {
	out := map[string]Ref{}
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
	g := graphOf{refs: map[string]Ref{"place:syria": {Kind: NodePlace}}}
	near := func(from, to string) *Document {
		return &Document{Relations: []Relation{{Type: RelLocatedIn, From: from, To: to}}}
	}
	records := []Record{
		{Source: "a.json", Line: 1, Doc: &Document{Places: []Place{{ID: "place:hajin", Name: "Hajin", Kind: PlaceTown}}}},
		{Source: "b.json", Line: 1, Doc: near("place:hajin", "place:syria")},
		{Source: "c.json", Line: 1, Doc: near("place:hajin", "place:atlantis")},
	}
	rep, err := Check(t.Context(), g, slices.Values(records))
	if err != nil {
		t.Fatal(err)
	}
	if rep.Valid != 2 || len(rep.Rejected) != 1 || rep.Rejected[0].Source != "c.json" || rep.Rejected[0].Field != "relations[0].to" {
		t.Errorf("report %+v; want 2 valid and c.json's relations[0].to rejected", rep)
	}
}
