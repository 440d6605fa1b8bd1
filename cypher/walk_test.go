package cypher_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/strikegraph/strikegraph"
	"github.com/strikegraph/strikegraph/cypher"
	"github.com/strikegraph/strikegraph/importer"
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
	load(t, g, `{"actors": [{"id": "group:walker", "kind": "ARMED_GROUP", "name": "Walker"}], "incidents": [`+
		strings.Join(incidents, ", ")+`], "relations": [`+strings.Join(relations, ", ")+`]}`)

	perpetrator := "group:walker"
	q := strikegraph.ListQuery[strikegraph.IncidentWhere]{Where: &strikegraph.IncidentWhere{Perpetrator: &perpetrator},
		Sort: []strikegraph.SortKey{{Field: "date", Desc: true}}, Count: true}
	pageThrough(t, g, want, func(start int) ([]string, strikegraph.Slice[strikegraph.Incident], string, map[string]any) {
		q.Window = strikegraph.Window{Start: start, Limit: 2}
		page, err := g.FindIncidents(t.Context(), q)
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, in := range page.Items {
			ids = append(ids, in.ID)
		}
		text, params, err := cypher.IncidentPage(q, start, 2)
		if err != nil {
			t.Fatal(err)
		}
		return ids, page, text, params
	})
}

// TestClaimPageWalks does the same with the claims of a speaker that made
// nearly all of them, by their incident's date.
func TestClaimPageWalks(t *testing.T) {
	g := graphtest.Open(t)
	const quote = "The walker said it struck."
	claim := func(id, speaker, incident string) string {
		return fmt.Sprintf(`{"id": %q, "stance": "REPORTED", "speaker": %q, "incident": %q, "article": "article:w", "quote": %q, "statedOn": {"precision": "UNKNOWN"}}`, id, speaker, incident, quote)
	}
	incidents := []string{`{"id": "incident:w-other", "name": "Another strike", "scope": "STRIKE", "date": {"precision": "DAY", "value": "2017-03-01"}}`,
		`{"id": "incident:w-dated", "name": "A dated strike", "scope": "STRIKE", "date": {"precision": "MONTH", "value": "2016-01"}}`}
	claims := []string{claim("claim:w-other", "group:other", "incident:w-other"), claim("claim:w-dated", "group:walker", "incident:w-dated")}
	want := []string{"claim:w-dated"}
	for i := range 5 {
		incident := fmt.Sprintf("incident:w-undated-%d", i)
		incidents = append(incidents, fmt.Sprintf(`{"id": %q, "name": "Undated strike %d", "scope": "STRIKE", "date": {"precision": "UNKNOWN"}}`, incident, i))
		id := fmt.Sprintf("claim:w-undated-%d", i)
		claims = append(claims, claim(id, "group:walker", incident))
		want = append(want, id)
	}
	load(t, g, `{"actors": [{"id": "group:walker", "kind": "ARMED_GROUP", "name": "Walker"},
		{"id": "group:other", "kind": "ARMED_GROUP", "name": "Other"}, {"id": "outlet:w", "kind": "OUTLET", "name": "Walker News"}],
		"articles": [{"id": "article:w", "publisher": "outlet:w", "published": {"precision": "UNKNOWN"}, "text": "`+quote+`"}],
		"incidents": [`+strings.Join(incidents, ", ")+`], "claims": [`+strings.Join(claims, ", ")+`]}`)

	speaker := "group:walker"
	q := strikegraph.ListQuery[strikegraph.ClaimWhere]{Where: &strikegraph.ClaimWhere{Speaker: &speaker},
		Sort: []strikegraph.SortKey{{Field: "incidentDate", Desc: true}}, Count: true}
	pageThrough(t, g, want, func(start int) ([]string, strikegraph.Slice[strikegraph.Claim], string, map[string]any) {
		q.Window = strikegraph.Window{Start: start, Limit: 2}
		page, err := g.FindClaims(t.Context(), q)
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, c := range page.Items {
			ids = append(ids, c.ID)
		}
		text, params, err := cypher.ClaimPage(q, start, 2)
		if err != nil {
			t.Fatal(err)
		}
		return ids, page, text, params
	})
}

// load writes an annotation document, given as JSON, into g.
func load(t *testing.T, g *graphtest.Graph, doc string) {
	t.Helper()
	d, err := importer.DecodeDocument([]byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	if err := g.LoadDocument(t.Context(), &d); err != nil {
		t.Fatal(err)
	}
}

// pageThrough reads the pages of 2 of a list that must hold want, in that
// order, of 7 items in all: page(start) gives a page's ids and slice, and its
// statement. The pages before the fifth item walk; the rest, deeper than the
// entity's share makes a walk worth it (6² ≤ (4 + 2 + 1) × 7), start from it.
func pageThrough[T any](t *testing.T, g *graphtest.Graph, want []string, page func(start int) ([]string, strikegraph.Slice[T], string, map[string]any)) {
	t.Helper()
	var got []string
	for start := 0; start < len(want); start += 2 {
		ids, s, text, params := page(start)
		if s.Total != len(want) || s.More != (start+2 < len(want)) {
			t.Errorf("from %d: total %d, more %v; want %d, %v", start, s.Total, s.More, len(want), start+2 < len(want))
		}
		got = append(got, ids...)
		checkWalk(t, g, text, params, start < 4)
	}
	if !slices.Equal(got, want) {
		t.Errorf("pages %v; want %v", got, want)
	}
}

// checkWalk PROFILEs a page and checks that it read the date index when it
// should walk, and not when it should start from its entity.
func checkWalk(t *testing.T, g *graphtest.Graph, text string, params map[string]any, walk bool) {
	t.Helper()
	res, err := neo4j.ExecuteQuery(t.Context(), g.Target.Driver, "PROFILE "+text, params, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(g.Target.Database))
	if err != nil {
		t.Fatal(err)
	}
	ops := readOps(res.Summary.Profile())
	walked := slices.ContainsFunc(ops, func(op string) bool {
		return strings.HasPrefix(op, "NodeIndexScan ") && strings.Contains(op, ":Incident(date)")
	})
	if walked != walk {
		t.Errorf("params %v: walked the date index %v, want %v; operators that read rows:\n%s", params, walked, walk, strings.Join(ops, "\n"))
	}
}

// readOps are the operators of p that produced rows, with their details.
func readOps(p neo4j.ProfiledPlan) []string {
	var ops []string
	if p.Records() > 0 {
		ops = append(ops, fmt.Sprintf("%s %v", strings.SplitN(p.Operator(), "@", 2)[0], p.Arguments()["Details"]))
	}
	for _, c := range p.Children() {
		ops = append(ops, readOps(c)...)
	}
	return ops
}
