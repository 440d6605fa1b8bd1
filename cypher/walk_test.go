package cypher_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/strikegraph/strikegraph"
	"github.com/strikegraph/strikegraph/cypher"
	"github.com/strikegraph/strikegraph/internal/graphtest"
)

// TestIncidentPageWalks pages through the incidents of a perpetrator that
// carried out nearly all of them, newest first: the first pages walk the
// date index, and where the dated do not fill a page the undated follow, by
// id; the last, deeper than the perpetrator's share makes a walk worth it,
// sorts the perpetrator's incidents. The pages agree.
func TestIncidentPageWalks(t *testing.T) {
	g := graphtest.Open(t)
	incidents := []string{`{"id": "incident:w-other", "name": "Another strike", "scope": "STRIKE", "date": {"precision": "DAY", "value": "2017-03-01"}}`,
		`{"id": "incident:w-dated", "name": "A dated strike", "scope": "STRIKE", "date": {"precision": "MONTH", "value": "2016-01"}}`}
	relations := []string{`{"type": "CARRIED_OUT", "from": "group:walker", "to": "incident:w-dated", "note": "test"}`}
	want := []string{"incident:w-dated"}
	for i := range 5 {
		id := fmt.Sprintf("incident:w-undated-%d", i)
		incidents = append(incidents, fmt.Sprintf(`{"id": %q, "name": "Undated strike %d", "scope": "STRIKE", "date": {"precision": "UNKNOWN"}}`, id, i))
		relations = append(relations, fmt.Sprintf(`{"type": "CARRIED_OUT", "from": "group:walker", "to": %q, "note": "test"}`, id))
		want = append(want, id)
	}
	doc, err := strikegraph.DecodeDocument([]byte(`{"actors": [{"id": "group:walker", "kind": "ARMED_GROUP", "name": "Walker"}], "incidents": [` +
		strings.Join(incidents, ", ") + `], "relations": [` + strings.Join(relations, ", ") + `]}`))
	if err != nil {
		t.Fatal(err)
	}
	if err := g.LoadDocument(t.Context(), &doc); err != nil {
		t.Fatal(err)
	}

	perpetrator := "group:walker"
	q := strikegraph.ListQuery[strikegraph.IncidentWhere]{Where: &strikegraph.IncidentWhere{Perpetrator: &perpetrator},
		Sort: []strikegraph.SortKey{{Field: "date", Desc: true}}, Count: true}
	var got []string
	for start := 0; start < len(want); start += 2 {
		q.Window = strikegraph.Window{Start: start, Limit: 2}
		page, err := g.FindIncidents(t.Context(), q)
		if err != nil {
			t.Fatal(err)
		}
		if page.Total != len(want) || page.More != (start+2 < len(want)) {
			t.Errorf("from %d: total %d, more %v; want %d, %v", start, page.Total, page.More, len(want), start+2 < len(want))
		}
		for _, in := range page.Items {
			got = append(got, in.ID)
		}

		// The way in: the date index, or the perpetrator's edges.
		text, params, err := cypher.IncidentPage(q, start, 2)
		if err != nil {
			t.Fatal(err)
		}
		res, err := neo4j.ExecuteQuery(t.Context(), g.Target.Driver, "PROFILE "+text, params, neo4j.EagerResultTransformer,
			neo4j.ExecuteQueryWithDatabase(g.Target.Database))
		if err != nil {
			t.Fatal(err)
		}
		walked := start < 4 // 6 incidents of 7: 6² > (start + 2 + 1) × 7
		if ops := readOps(res.Summary.Profile()); slices.Contains(ops, "NodeIndexScan") != walked {
			t.Errorf("from %d: walked the date index %v, want %v; operators that read rows: %v", start, !walked, walked, ops)
		}
	}
	if !slices.Equal(got, want) {
		t.Errorf("pages %v; want %v", got, want)
	}
}

// readOps are the operators of p that produced rows.
func readOps(p neo4j.ProfiledPlan) []string {
	var ops []string
	if p.Records() > 0 {
		ops = append(ops, strings.SplitN(p.Operator(), "@", 2)[0])
	}
	for _, c := range p.Children() {
		ops = append(ops, readOps(c)...)
	}
	return ops
}
