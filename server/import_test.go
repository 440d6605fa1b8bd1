package server_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/strikegraph/strikegraph"
	"github.com/strikegraph/strikegraph/acled"
	"github.com/strikegraph/strikegraph/auth"
	"github.com/strikegraph/strikegraph/importer"
	"github.com/strikegraph/strikegraph/internal/graphtest"
	"github.com/strikegraph/strikegraph/server"
)

// syriaCSV is the ACLED sample; acled/testdata/README.md lists its rows.
const syriaCSV = "../acled/testdata/syria_airstrikes.csv"

// importResponse is what POST /import answered: a report, or an error.
type importResponse struct {
	status int
	report importer.Report
	err    struct{ Code, Field, Message string }
}

// importBody posts body to endpoint, a server's /import, with key in
// X-API-Key, when given.
func importBody(t *testing.T, endpoint, key, contentType string, body []byte) importResponse {
	t.Helper()
	status, _, b := send(t, http.MethodPost, endpoint, key, contentType, body)
	res := importResponse{status: status}
	out := any(&res.report)
	if status != http.StatusOK {
		out = &res.err
	}
	if err := json.Unmarshal(b, out); err != nil {
		t.Fatalf("status %d, body %s: %v", status, b, err)
	}
	return res
}

// mustImport posts body as the editor and returns the report.
func mustImport(t *testing.T, s *writeServer, contentType string, body []byte) importer.Report {
	t.Helper()
	res := importBody(t, s.url+"/import", s.editor, contentType, body)
	if res.status != http.StatusOK {
		t.Fatalf("POST /import: %d %+v", res.status, res.err)
	}
	return res.report
}

func readFile(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// syriaRejections are the rows of the sample that are rejected, by line.
var syriaRejections = []importer.Rejection{
	{Line: 9, Field: "sub_event_type", Reason: `"Armed clash" is not imported (only Air/drone strike): the graph records airstrikes`},
	{Line: 22, Field: "event_date", Reason: `"30 February 2018" is not a date: give 2018-02-03 or 03 February 2018`},
	{Line: 29, Field: "sub_event_type", Reason: `"Shelling/artillery/missile attack" is not imported (only Air/drone strike): the graph records airstrikes`},
	{Line: 35, Field: "latitude", Reason: `"123" is out of range [-90, 90]`},
	{Line: 42, Field: "sub_event_type", Reason: `"Shelling/artillery/missile attack" is not imported (only Air/drone strike): the graph records airstrikes`},
	{Line: 47, Field: "fatalities", Reason: `"abc" is not a whole number`},
	{Line: 54, Field: "sub_event_type", Reason: `"Armed clash" is not imported (only Air/drone strike): the graph records airstrikes`},
	{Line: 60, Field: "event_id_cnty", Reason: `"SYR30101" is also the id of the row on line 2`},
}

// checkSyriaReport checks the counts of an import of the sample and that
// exactly its bad rows were rejected.
func checkSyriaReport(t *testing.T, rep importer.Report, created, updated, unchanged int) {
	t.Helper()
	if rep.Records != 60 || rep.Created != created || rep.Updated != updated || rep.Unchanged != unchanged {
		t.Errorf("report: %d records, %d created, %d updated, %d unchanged; want 60, %d, %d, %d",
			rep.Records, rep.Created, rep.Updated, rep.Unchanged, created, updated, unchanged)
	}
	if len(rep.Rejected) != len(syriaRejections) {
		t.Fatalf("rejected %+v, want the %d bad rows", rep.Rejected, len(syriaRejections))
	}
	for i, want := range syriaRejections {
		want.Source, want.Code = "body", strikegraph.ECodeInvalid
		if got := rep.Rejected[i]; got != want {
			t.Errorf("rejection %d:\n got %+v\nwant %+v", i, got, want)
		}
	}
}

// syriaItems is what a first import of the sample does to each kind of
// item, from the documents its rows map to: each item is created by the
// first row that defines it, and unchanged in the rows after.
func syriaItems(t *testing.T, csv []byte) map[string]map[strikegraph.Outcome]int {
	t.Helper()
	r, err := acled.NewReader(bytes.NewReader(csv))
	if err != nil {
		t.Fatal(err)
	}
	items := map[string]map[strikegraph.Outcome]int{}
	seen := map[string]bool{}
	add := func(kind, id string) {
		outcome := strikegraph.Created
		if seen[kind+" "+id] {
			outcome = strikegraph.Unchanged
		}
		seen[kind+" "+id] = true
		if items[kind] == nil {
			items[kind] = map[strikegraph.Outcome]int{}
		}
		items[kind][outcome]++
	}
	for rec := range importer.ACLEDRecords(r, "csv") {
		if rec.Doc == nil {
			continue
		}
		d := rec.Doc
		for _, p := range d.Places {
			add(strikegraph.NodePlace, p.ID)
		}
		for _, a := range d.Actors {
			add("Actor", a.ID)
		}
		for _, a := range d.Articles {
			add(strikegraph.NodeArticle, a.ID)
		}
		for _, in := range d.Incidents {
			add(strikegraph.NodeIncident, in.ID)
		}
		for _, rel := range d.Relations {
			add("Relation", rel.From+"|"+string(rel.Type)+"|"+rel.To)
		}
		for _, c := range d.Claims {
			add("Claim", c.ID)
		}
	}
	return items
}

// graphSnapshot is every node and relationship with all its properties, one
// line each, sorted.
func graphSnapshot(t *testing.T, g *graphtest.Graph) []string {
	t.Helper()
	var lines []string
	for _, q := range []string{
		"MATCH (n) RETURN 'node', n.id, labels(n), properties(n)",
		"MATCH (a)-[r]->(b) RETURN a.id, type(r), b.id, properties(r)",
	} {
		res, err := neo4j.ExecuteQuery(t.Context(), g.Target.Driver, q, nil, neo4j.EagerResultTransformer,
			neo4j.ExecuteQueryWithDatabase(g.Target.Database))
		if err != nil {
			t.Fatal(err)
		}
		for _, rec := range res.Records {
			if labels, ok := rec.Values[2].([]any); ok {
				slices.SortFunc(labels, func(a, b any) int { return strings.Compare(a.(string), b.(string)) })
			}
			// fmt prints maps with sorted keys, and times to the nanosecond.
			lines = append(lines, fmt.Sprintf("%v", rec.Values))
		}
	}
	slices.Sort(lines)
	return lines
}

// TestImportACLED imports the ACLED sample over HTTP as an editor: its valid
// rows are created, its bad rows rejected by line and column, and the
// incidents, places, actors and claims they make answer GraphQL.
func TestImportACLED(t *testing.T) {
	s := newWriteServer(t, graphtest.Open(t))
	csv := readFile(t, syriaCSV)
	rep := mustImport(t, s, "text/csv", csv)
	checkSyriaReport(t, rep, 52, 0, 0)
	// Rows share places and actors: each is created by the first row that
	// defines it, and unchanged in the others.
	if want := syriaItems(t, csv); !maps.EqualFunc(rep.Items, want, maps.Equal) {
		t.Errorf("items:\n got %v\nwant %v", rep.Items, want)
	}
	if n := s.count(t, "MATCH (n:Incident) RETURN count(n)", nil); n != 52 {
		t.Errorf("%d incidents in the graph, want 52", n)
	}

	var got struct {
		Incident struct {
			Name   string
			Target string
			Date   struct{ Value, Precision string }
			Places []struct {
				Type   string
				Other  named
				Quotes []string
			}
			Perpetrators []named
			Claims       []struct {
				ID, Stance, Quote string
				Speaker           named
				Article           struct{ ID, Text string }
				StatedOn          struct{ Value string }
				Figures           struct{ Killed *figure }
				Provenance        struct{ CreatedBy string }
			}
		}
	}
	mustQuery(t, s.url, `{ incident(id: "acled:SYR30101") { name target date { value precision }
		places { type quotes other { id } }
		perpetrators { id name }
		claims { id stance quote speaker { id name } article { id text } statedOn { value }
			figures { killed { min max text } } provenance { createdBy } } } }`, nil, &got)
	in := got.Incident
	if in.Name != "Air/drone strike in Hajin, 3 February 2018" || in.Target != "Civilians (Syria)" ||
		in.Date.Value != "2018-02-03" || in.Date.Precision != "DAY" {
		t.Errorf("incident: %q, target %q, date %+v", in.Name, in.Target, in.Date)
	}
	// LOCATED_IN the town, which lies in the subdistrict, district, province
	// and country.
	if len(in.Places) != 1 || in.Places[0].Type != "LOCATED_IN" || !slices.Equal(in.Places[0].Quotes, []string{"Location: Hajin, Hajin, Al-Bukamal, Deir ez-Zor, Syria"}) {
		t.Fatalf("places: %+v", in.Places)
	}
	chain := []string{"acled:place:syria/deir-ez-zor/al-bukamal/hajin/hajin TOWN", "acled:place:syria/deir-ez-zor/al-bukamal/hajin AREA",
		"acled:place:syria/deir-ez-zor/al-bukamal AREA", "acled:place:syria/deir-ez-zor PROVINCE", "acled:place:syria COUNTRY"}
	var gotChain []string
	for id := in.Places[0].Other.ID; id != "" && len(gotChain) < 10; {
		var p struct {
			Place struct {
				ID, Kind string
				Within   []named
			}
		}
		mustQuery(t, s.url, `query($id: ID!) { place(id: $id) { id kind within { id } } }`, map[string]any{"id": id}, &p)
		gotChain = append(gotChain, p.Place.ID+" "+p.Place.Kind)
		if id = ""; len(p.Place.Within) == 1 {
			id = p.Place.Within[0].ID
		} else if len(p.Place.Within) > 1 {
			t.Fatalf("%s lies in %v, want one place", p.Place.ID, p.Place.Within)
		}
	}
	if !slices.Equal(gotChain, chain) {
		t.Errorf("places:\n got %v\nwant %v", gotChain, chain)
	}
	// actor1 and its associate.
	if p := slices.Sorted(slices.Values(ids(in.Perpetrators))); !slices.Equal(p, []string{"acled:actor:coalition-forces", "acled:actor:military-forces-of-the-united-states-2017-2021"}) {
		t.Errorf("perpetrators: %v", p)
	}
	if len(in.Claims) != 1 {
		t.Fatalf("claims: %+v, want ACLED's one", in.Claims)
	}
	c := in.Claims[0]
	const notes = "On 3 February 2018, international coalition warplanes struck Hajin (Al-Bukamal, Deir ez-Zor), killing 5 civilians including 2 children. A house near the town's market was destroyed."
	if c.ID != "acled:SYR30101:fatalities" || c.Stance != "REPORTED" || c.Speaker.ID != acled.MonitorID || c.Quote != notes ||
		c.Article.ID != "acled:SYR30101:record" || !strings.Contains(c.Article.Text, "\nFatalities: 5\n") ||
		c.StatedOn.Value != "2018-02-12" || c.Provenance.CreatedBy != "key:editor" {
		t.Errorf("claim: %+v", c)
	}
	if k := c.Figures.Killed; k == nil || deref(k.Min) != 5 || deref(k.Max) != 5 || k.Text != "5 fatalities" {
		t.Errorf("killed: %+v, want 5 to 5, \"5 fatalities\"", k)
	}

	var hits struct{ Search []struct{ Entity named } }
	mustQuery(t, s.url, `{ search(name: "Hajin", types: [PLACE]) { entity { id name } } }`, nil, &hits)
	var found []string
	for _, h := range hits.Search {
		found = append(found, h.Entity.ID)
	}
	if !slices.Contains(found, "acled:place:syria/deir-ez-zor/al-bukamal/hajin/hajin") {
		t.Errorf("search Hajin: %v, want ACLED's town", found)
	}

	// The incidents in Al-Bukamal district are the rows that name it.
	const district = "acled:place:syria/deir-ez-zor/al-bukamal"
	var want []string
	r, err := acled.NewReader(bytes.NewReader(csv))
	if err != nil {
		t.Fatal(err)
	}
	for rec := range importer.ACLEDRecords(r, "csv") {
		if rec.Doc != nil && slices.ContainsFunc(rec.Doc.Places, func(p strikegraph.Place) bool { return p.ID == district }) {
			want = append(want, rec.Doc.Incidents[0].ID)
		}
	}
	var list struct{ Incidents []named }
	mustQuery(t, s.url, `query($p: ID) { incidents(where: {place: $p}) { id } }`, map[string]any{"p": district}, &list)
	gotIDs := ids(list.Incidents)
	slices.Sort(gotIDs)
	slices.Sort(want)
	if len(want) < 10 || !slices.Equal(gotIDs, want) {
		t.Errorf("incidents in %s:\n got %v\nwant %v", district, gotIDs, want)
	}

	var totals struct {
		ReporterTotals []struct {
			Reporter           named
			Incidents, Reports int
		}
	}
	mustQuery(t, s.url, `{ reporterTotals { reporter { id name } incidents reports } }`, nil, &totals)
	if len(totals.ReporterTotals) != 1 || totals.ReporterTotals[0].Reporter.ID != acled.MonitorID ||
		totals.ReporterTotals[0].Incidents != 52 || totals.ReporterTotals[0].Reports != 52 {
		t.Errorf("reporter totals: %+v, want ACLED's monitor with 52 incidents and reports", totals.ReporterTotals)
	}
}

// TestImportACLEDAgain imports the sample twice: the second import reports
// every row unchanged and leaves every node, edge and property as it was,
// updatedAt included.
func TestImportACLEDAgain(t *testing.T) {
	g := graphtest.Open(t)
	s := newWriteServer(t, g)
	csv := readFile(t, syriaCSV)
	checkSyriaReport(t, mustImport(t, s, "text/csv", csv), 52, 0, 0)
	before := graphSnapshot(t, g)
	nodes, rels := s.count(t, "MATCH (n) RETURN count(n)", nil), s.count(t, "MATCH ()-[r]->() RETURN count(r)", nil)

	// A timeout that is not one, or longer than the service allows, is
	// refused before anything is written.
	for _, timeout := range []string{"soon", "0s", "1h"} {
		res := importBody(t, s.url+"/import?timeout="+timeout, s.editor, "text/csv", csv)
		if res.status != http.StatusBadRequest || res.err.Code != strikegraph.ECodeInvalid || res.err.Field != "timeout" {
			t.Errorf("?timeout=%s: %d %+v, want 400 BAD_USER_INPUT on timeout", timeout, res.status, res.err)
		}
	}

	// Batches of 7 rows, each given 5 minutes: each batch meets places and
	// actors that earlier batches and the first import wrote.
	res := importBody(t, s.url+"/import?batch=7&timeout=5m", s.editor, "text/csv", csv)
	if res.status != http.StatusOK {
		t.Fatalf("POST /import: %d %+v", res.status, res.err)
	}
	rep := res.report
	checkSyriaReport(t, rep, 0, 0, 52)
	for kind, outcomes := range rep.Items {
		if len(outcomes) != 1 || outcomes["UNCHANGED"] == 0 {
			t.Errorf("%s: %v, want all UNCHANGED", kind, outcomes)
		}
	}
	if n, r := s.count(t, "MATCH (n) RETURN count(n)", nil), s.count(t, "MATCH ()-[r]->() RETURN count(r)", nil); n != nodes || r != rels {
		t.Errorf("%d nodes and %d relationships, were %d and %d", n, r, nodes, rels)
	}
	after := graphSnapshot(t, g)
	if len(before) < 300 || !slices.Equal(before, after) {
		for i := range min(len(before), len(after)) {
			if before[i] != after[i] {
				t.Fatalf("the graph changed (%d lines, then %d); first difference:\n was %s\n now %s", len(before), len(after), before[i], after[i])
			}
		}
		t.Fatalf("the graph changed: %d lines, then %d", len(before), len(after))
	}
}

// TestImportACLEDChangedRow re-imports the sample with one row's fatalities
// changed: that row alone is updated, its claim's figure changes, and its
// provenance records the update and keeps the creation.
func TestImportACLEDChangedRow(t *testing.T) {
	s := newWriteServer(t, graphtest.Open(t))
	csv := readFile(t, syriaCSV)
	checkSyriaReport(t, mustImport(t, s, "text/csv", csv), 52, 0, 0)

	const q = `{ claim(id: "acled:SYR30101:fatalities") { figures { killed { min max text } } provenance { createdBy createdAt updatedBy updatedAt } }
		incident(id: "acled:SYR30101") { provenance { createdBy createdAt updatedBy updatedAt } } }`
	type provenance struct{ CreatedBy, CreatedAt, UpdatedBy, UpdatedAt string }
	var before, after struct {
		Claim struct {
			Figures    struct{ Killed figure }
			Provenance provenance
		}
		Incident struct{ Provenance provenance }
	}
	mustQuery(t, s.url, q, nil, &before)

	// Line 2, SYR30101: 5 fatalities, then 6.
	old, changed := []byte(`destroyed.",5,,1518436800`), []byte(`destroyed.",6,,1518436800`)
	if bytes.Count(csv, old) != 1 {
		t.Fatalf("the sample has %d rows ending %s, want 1", bytes.Count(csv, old), old)
	}
	rep := mustImport(t, s, "text/csv", bytes.Replace(csv, old, changed, 1))
	checkSyriaReport(t, rep, 0, 1, 51)
	// The claim's figures and the record's "Fatalities:" line changed.
	if rep.Items["Claim"]["UPDATED"] != 1 || rep.Items["Article"]["UPDATED"] != 1 || rep.Items["Incident"]["UPDATED"] != 0 {
		t.Errorf("items: %v, want the claim and the article updated", rep.Items)
	}

	mustQuery(t, s.url, q, nil, &after)
	if k := after.Claim.Figures.Killed; deref(k.Min) != 6 || deref(k.Max) != 6 || k.Text != "6 fatalities" {
		t.Errorf("killed after the update: %+v, want 6", k)
	}
	b, a := before.Claim.Provenance, after.Claim.Provenance
	bt, err1 := time.Parse(time.RFC3339Nano, b.UpdatedAt)
	at, err2 := time.Parse(time.RFC3339Nano, a.UpdatedAt)
	if err := errors.Join(err1, err2); err != nil {
		t.Fatal(err)
	}
	if a.CreatedAt != b.CreatedAt || a.CreatedBy != "key:editor" || a.UpdatedBy != "key:editor" || !at.After(bt) {
		t.Errorf("claim provenance: was %+v, now %+v; want createdAt kept and updatedAt later", b, a)
	}
	if before.Incident.Provenance != after.Incident.Provenance {
		t.Errorf("the incident did not change, but its provenance did: was %+v, now %+v", before.Incident.Provenance, after.Incident.Provenance)
	}
}

// TestImportNeedsEditor: an import without a key, with a bad key or with a
// reader's key is refused and writes nothing.
func TestImportNeedsEditor(t *testing.T) {
	s := newWriteServer(t, graphtest.Open(t))
	csv := readFile(t, syriaCSV)
	for _, tc := range []struct {
		who, key string
		status   int
		code     string
	}{
		{"no key", "", http.StatusUnauthorized, strikegraph.ECodeUnauthenticated},
		{"a bad key", s.editor + "x", http.StatusUnauthorized, strikegraph.ECodeUnauthenticated},
		{"a reader", s.reader, http.StatusForbidden, strikegraph.ECodeForbidden},
	} {
		if res := importBody(t, s.url+"/import", tc.key, "text/csv", csv); res.status != tc.status || res.err.Code != tc.code {
			t.Errorf("%s: %d %+v, want %d %s", tc.who, res.status, res.err, tc.status, tc.code)
		}
	}
	if n := s.count(t, "MATCH (n) RETURN count(n)", nil); n != 0 {
		t.Errorf("%d nodes written by refused imports", n)
	}
}

// TestImportTooLarge: a body over the server's limit is refused whole,
// before anything is written.
func TestImportTooLarge(t *testing.T) {
	g := graphtest.Open(t)
	s := newWriteServer(t, g)
	key, a := oneKey(t, "editor", auth.RoleEditor)
	small := httptest.NewServer(server.Handler(g, graphtest.Logger(t), server.Options{Auth: a, MaxImportBytes: 1000}))
	defer small.Close()
	for _, tc := range []struct {
		contentType string
		body        []byte
	}{
		{"text/csv", readFile(t, syriaCSV)},
		{"application/json", []byte(strings.ReplaceAll(annotationDoc, "{{n}}", "big"))},
	} {
		res := importBody(t, small.URL+"/import", key, tc.contentType, tc.body)
		if res.status != http.StatusRequestEntityTooLarge || res.err.Code != strikegraph.ECodeTooLarge {
			t.Errorf("%s of %d bytes: %d %+v, want 413 %s", tc.contentType, len(tc.body), res.status, res.err, strikegraph.ECodeTooLarge)
		}
	}
	if n := s.count(t, "MATCH (n) RETURN count(n)", nil); n != 0 {
		t.Errorf("%d nodes written by refused imports", n)
	}
}

// annotationDoc is an annotation document about one strike, its ids
// suffixed by {{n}}; each claim field is on its own line, so that a
// rejection's line names one field.
const annotationDoc = `{
  "articles": [
    {
      "id": "article:{{n}}",
      "title": "Strike on Tal {{n}}",
      "published": {"value": "2018-02-04", "precision": "DAY"},
      "text": "Warplanes struck Tal {{n}} on Saturday, killing 4 people, the monitor said. The army said it struck only fighters."
    }
  ],
  "places": [{"id": "place:{{n}}", "name": "Tal {{n}}", "kind": "TOWN"}],
  "actors": [
    {"id": "monitor:{{n}}", "kind": "MONITOR", "name": "Monitor {{n}}"},
    {"id": "group:{{n}}", "kind": "ARMED_GROUP", "name": "Army {{n}}"}
  ],
  "incidents": [
    {"id": "incident:{{n}}", "name": "Strike on Tal {{n}}", "scope": "STRIKE", "date": {"value": "2018-02-03", "precision": "DAY"}}
  ],
  "relations": [
    {"type": "LOCATED_IN", "from": "incident:{{n}}", "to": "place:{{n}}", "article": "article:{{n}}", "quote": "Warplanes struck Tal {{n}}"}
  ],
  "claims": [
    {
      "id": "claim:{{n}}-killed",
      "stance": "REPORTED",
      "speaker": "monitor:{{n}}",
      "incident": "incident:{{n}}",
      "article": "article:{{n}}",
      "quote": "killing 4 people",
      "statedOn": {"precision": "UNKNOWN"},
      "figures": {"killed": {"min": 4, "max": 4, "text": "4 people"}}
    },
    {
      "id": "claim:{{n}}-denied",
      "stance": "DENIED",
      "speaker": "group:{{n}}",
      "incident": "incident:{{n}}",
      "article": "article:{{n}}",
      "quote": "The army said it struck only fighters.",
      "statedOn": {"precision": "UNKNOWN"},
      "denies": "CIVILIAN_HARM"
    }
  ]
}
`

// doc is annotationDoc for n, with each of edits (old, new, old, new …)
// replaced once.
func doc(t *testing.T, n string, edits ...string) []byte {
	t.Helper()
	s := strings.ReplaceAll(annotationDoc, "{{n}}", n)
	for i := 0; i < len(edits); i += 2 {
		if strings.Count(s, edits[i]) != 1 {
			t.Fatalf("the document has %q %d times, want once", edits[i], strings.Count(s, edits[i]))
		}
		s = strings.Replace(s, edits[i], edits[i+1], 1)
	}
	return []byte(s)
}

// lineOf is the line of the first occurrence of text after the first of
// after in b.
func lineOf(t *testing.T, b []byte, after, text string) int {
	t.Helper()
	start := bytes.Index(b, []byte(after))
	i := bytes.Index(b[max(start, 0):], []byte(text))
	if start < 0 || i < 0 {
		t.Fatalf("no %q after %q", text, after)
	}
	return bytes.Count(b[:start+i], []byte("\n")) + 1
}

// TestImportDocument imports annotation documents over HTTP: a valid one is
// created; one with a fault deep inside, or not JSON, is rejected at the
// fault's line and field and leaves nothing of itself, its valid entities
// included: a document is one transaction.
func TestImportDocument(t *testing.T) {
	s := newWriteServer(t, graphtest.Open(t))
	rep := mustImport(t, s, "application/json", doc(t, "t1"))
	if rep.Records != 1 || rep.Created != 1 || len(rep.Rejected) != 0 || rep.Items["Claim"]["CREATED"] != 2 {
		t.Fatalf("a valid document: %+v", rep)
	}
	var got struct {
		Incident struct {
			Name   string
			Places []struct{ Other named }
			Claims []struct{ ID, Stance string }
		}
	}
	mustQuery(t, s.url, `{ incident(id: "incident:t1") { name places { other { id } } claims { id stance } } }`, nil, &got)
	if got.Incident.Name != "Strike on Tal t1" || len(got.Incident.Places) != 1 || got.Incident.Places[0].Other.ID != "place:t1" || len(got.Incident.Claims) != 2 {
		t.Errorf("the imported incident: %+v", got.Incident)
	}
	nodes, rels := s.count(t, "MATCH (n) RETURN count(n)", nil), s.count(t, "MATCH ()-[r]->() RETURN count(r)", nil)

	notVerbatim := doc(t, "t2", `"quote": "The army said it struck only fighters."`, `"quote": "The army said it struck nobody."`)
	unknown := doc(t, "t3", `"speaker": "group:t3"`, `"speaker": "group:nobody"`)
	// The comma after the title is missing: the decoder stops at the next key.
	syntax := doc(t, "t4", `"title": "Strike on Tal t4",`, `"title": "Strike on Tal t4"`)
	for _, tc := range []struct {
		name   string
		body   []byte
		want   importer.Rejection
		reason string
	}{
		{"a quote not in its article", notVerbatim,
			importer.Rejection{Line: lineOf(t, notVerbatim, `"id": "claim:t2-denied"`, `"article"`), Field: "claims[1].article", Code: strikegraph.ECodeInvalid},
			"does not stand verbatim in article article:t2"},
		{"an unknown reference", unknown,
			importer.Rejection{Line: lineOf(t, unknown, "", `"speaker": "group:nobody"`), Field: "claims[1].speaker", Code: strikegraph.ECodeInvalid},
			`unknown reference "group:nobody"`},
		{"a JSON syntax error", syntax,
			importer.Rejection{Line: lineOf(t, syntax, "", `"published"`), Field: "document", Code: strikegraph.ECodeInvalid},
			"after object key:value pair"},
	} {
		rep := mustImport(t, s, "application/json", tc.body)
		if rep.Records != 1 || rep.Created+rep.Updated+rep.Unchanged != 0 || len(rep.Rejected) != 1 {
			t.Errorf("%s: %+v, want the document rejected", tc.name, rep)
			continue
		}
		rj := rep.Rejected[0]
		if rj.Source != "body" || rj.Line != tc.want.Line || rj.Field != tc.want.Field || rj.Code != tc.want.Code || !strings.Contains(rj.Reason, tc.reason) {
			t.Errorf("%s: rejected %+v, want line %d, field %s, code %s, a reason with %q", tc.name, rj, tc.want.Line, tc.want.Field, tc.want.Code, tc.reason)
		}
	}
	if n, r := s.count(t, "MATCH (n) RETURN count(n)", nil), s.count(t, "MATCH ()-[r]->() RETURN count(r)", nil); n != nodes || r != rels {
		t.Errorf("rejected documents left %d nodes and %d relationships", n-nodes, r-rels)
	}
	if n := s.count(t, "MATCH (n) WHERE n.id ENDS WITH 't2' OR n.id ENDS WITH 't3' RETURN count(n)", nil); n != 0 {
		t.Errorf("%d entities of rejected documents in the graph", n)
	}

	if rep := mustImport(t, s, "application/json", doc(t, "t1")); rep.Unchanged != 1 || rep.Created+rep.Updated != 0 {
		t.Errorf("the valid document again: %+v, want UNCHANGED", rep)
	}
}

// TestImportMidTransactionFailure: a document the database refuses halfway
// through, after its entities and relations were written, leaves nothing of
// them. The graph holds a REPORTED edge with the claim's id that is no claim
// about an incident, so only the claim id's uniqueness constraint catches it.
func TestImportMidTransactionFailure(t *testing.T) {
	g := graphtest.Open(t)
	s := newWriteServer(t, g)
	_, err := neo4j.ExecuteQuery(t.Context(), g.Target.Driver,
		"CREATE (:Entity {id: 'x:a'})-[:REPORTED {id: 'claim:t5-killed'}]->(:Entity {id: 'x:b'})", nil,
		neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(g.Target.Database))
	if err != nil {
		t.Fatal(err)
	}
	body := doc(t, "t5")

	// The constraint, not a check before the writes, refuses it.
	r := importer.DocumentRecord("t5.json", body)
	_, err = g.WriteDocument(t.Context(), r.Doc, strikegraph.Upsert, strikegraph.Author{By: "test", At: time.Now().UTC()})
	var ne *neo4j.Neo4jError
	if strikegraph.ErrorCode(err) != strikegraph.ECodeConflict || !errors.As(err, &ne) || ne.Code != "Neo.ClientError.Schema.ConstraintValidationFailed" {
		t.Fatalf("writing the document: %v, want CONFLICT from the constraint", err)
	}

	rep := mustImport(t, s, "application/json", body)
	if rep.Records != 1 || rep.Created != 0 || len(rep.Rejected) != 1 || rep.Rejected[0].Code != strikegraph.ECodeConflict || rep.Rejected[0].Line != 1 {
		t.Errorf("report: %+v, want the document rejected with CONFLICT", rep)
	}
	if n, r := s.count(t, "MATCH (n) RETURN count(n)", nil), s.count(t, "MATCH ()-[r]->() RETURN count(r)", nil); n != 2 || r != 1 {
		t.Errorf("%d nodes and %d relationships, want only the 2 and 1 there before", n, r)
	}
}

// strikeDoc is a document of one strike, its ids suffixed by n, with one
// claim of that id and stance.
func strikeDoc(n, claimID string, stance strikegraph.Stance) *strikegraph.Document {
	text := "Warplanes struck Tal " + n + ", killing 3 people, the monitor said. The army denied it."
	killed := 3
	c := strikegraph.Claim{ID: claimID, Stance: stance, SpeakerID: "monitor:" + n, IncidentID: "incident:" + n, ArticleID: "article:" + n,
		StatedOn: strikegraph.Date{Precision: strikegraph.DateUnknown}}
	if stance == strikegraph.StanceReported {
		c.Quote, c.Figures.Killed = "killing 3 people", &strikegraph.Figure{Min: &killed, Max: &killed, Text: "3 people"}
	} else {
		c.Quote, c.Denies = "The army denied it.", strikegraph.DeniesCivilianHarm
	}
	return &strikegraph.Document{
		Articles:  []strikegraph.Article{{ID: "article:" + n, Text: text, Published: strikegraph.Date{Precision: strikegraph.DateUnknown}}},
		Actors:    []strikegraph.Actor{{ID: "monitor:" + n, Kind: strikegraph.ActorMonitor, Name: "Monitor " + n}},
		Incidents: []strikegraph.Incident{{ID: "incident:" + n, Name: "Strike on Tal " + n, Scope: strikegraph.ScopeStrike, Date: strikegraph.Date{Precision: strikegraph.DateUnknown}}},
		Claims:    []strikegraph.Claim{c},
	}
}

// TestImportBatchConflict: a record that fails only in the database, a claim
// id the graph or an earlier record of its batch holds with another stance,
// is rejected alone; the rest of its batch is written.
func TestImportBatchConflict(t *testing.T) {
	g := graphtest.Open(t)
	author := strikegraph.Author{By: "test", At: time.Now().UTC()}
	if _, err := g.WriteDocument(t.Context(), strikeDoc("a", "claim:taken", strikegraph.StanceReported), strikegraph.Upsert, author); err != nil {
		t.Fatal(err)
	}
	// importDocs imports docs in one batch, the record of docs[i] on line i+1.
	importDocs := func(docs ...*strikegraph.Document) importer.Report {
		records := func(yield func(importer.Record) bool) {
			for i, d := range docs {
				if !yield(importer.Record{Source: "test", Line: i + 1, Doc: d}) {
					return
				}
			}
		}
		rep, err := importer.Run(t.Context(), g, records, importer.Options{Author: author, BatchSize: 10})
		if err != nil {
			t.Fatal(err)
		}
		return rep
	}
	rows := func(q string) []string {
		res, err := neo4j.ExecuteQuery(t.Context(), g.Target.Driver, q, nil, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(g.Target.Database))
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, rec := range res.Records {
			out = append(out, fmt.Sprintf("%v", rec.Values))
		}
		return out
	}
	for _, tc := range []struct {
		name     string
		docs     []*strikegraph.Document
		claim    string
		want     []string // the claim's edges after the import
		rejected int      // the line of the record rejected
	}{
		{"the graph holds the claim", []*strikegraph.Document{
			strikeDoc("b", "claim:b", strikegraph.StanceReported),
			strikeDoc("c", "claim:taken", strikegraph.StanceDenied),
			strikeDoc("d", "claim:d", strikegraph.StanceReported),
		}, "claim:taken", []string{"[REPORTED incident:a]"}, 2},
		{"the batch holds the claim", []*strikegraph.Document{
			strikeDoc("e", "claim:twice", strikegraph.StanceReported),
			strikeDoc("f", "claim:twice", strikegraph.StanceDenied),
			strikeDoc("g", "claim:g", strikegraph.StanceReported),
		}, "claim:twice", []string{"[REPORTED incident:e]"}, 2},
	} {
		rep := importDocs(tc.docs...)
		if rep.Records != 3 || rep.Created != 2 || len(rep.Rejected) != 1 {
			t.Errorf("%s: %+v, want 2 created and 1 rejected", tc.name, rep)
			continue
		}
		if rj := rep.Rejected[0]; rj.Line != tc.rejected || rj.Code != strikegraph.ECodeConflict || rj.Field != "claims[0].id" {
			t.Errorf("%s: rejected %+v, want line %d, CONFLICT at claims[0].id", tc.name, rj, tc.rejected)
		}
		if got := rows("MATCH ()-[r {id: '" + tc.claim + "'}]->(i) RETURN type(r), i.id"); !slices.Equal(got, tc.want) {
			t.Errorf("%s: %s is %v, want %v", tc.name, tc.claim, got, tc.want)
		}
	}
	want := []string{"[incident:a]", "[incident:b]", "[incident:d]", "[incident:e]", "[incident:g]"}
	if got := rows("MATCH (n:Incident) RETURN n.id ORDER BY n.id"); !slices.Equal(got, want) {
		t.Errorf("incidents: %v, want %v: those of the documents written", got, want)
	}
}

// TestImportCheckWritesNothing posts the ACLED sample with ?check=true: the
// report lists the same eight rows an import rejects and counts the others
// valid, and the graph stays empty; the same file imported then writes
// what the check called valid.
func TestImportCheckWritesNothing(t *testing.T) {
	s := newWriteServer(t, graphtest.Open(t))
	csv := readFile(t, syriaCSV)
	res := importBody(t, s.url+"/import?check=true", s.editor, "text/csv", csv)
	if res.status != http.StatusOK {
		t.Fatalf("POST /import?check=true: %d %+v", res.status, res.err)
	}
	rep := res.report
	if !rep.Checked || rep.Records != 60 || rep.Valid != 52 || len(rep.Rejected) != 8 || rep.Rejected[0].Line != 9 {
		t.Errorf("check: %+v, want 60 records, 52 valid, 8 rejected from line 9", rep)
	}
	if n := s.count(t, `MATCH (n) RETURN count(n)`, nil); n != 0 {
		t.Errorf("a check wrote %d nodes", n)
	}
	if written := mustImport(t, s, "text/csv", csv); written.Created != rep.Valid {
		t.Errorf("the import created %d records, the check found %d valid", written.Created, rep.Valid)
	}
}
