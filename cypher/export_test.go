package cypher_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/strikegraph/strikegraph"
	"github.com/strikegraph/strikegraph/export"
	"github.com/strikegraph/strikegraph/importer"
	"github.com/strikegraph/strikegraph/internal/graphtest"
)

// TestExportRoundTrips exports the seed graph, with a retracted claim and a
// merge, as one annotation document in JSON, and imports that into an empty
// graph: the graph comes back the same, all but provenance. Importing the
// export into the graph it came from changes nothing, and the graph imported
// exports to the same bytes.
func TestExportRoundTrips(t *testing.T) {
	g := graphtest.Seeded(t)
	ctx := t.Context()
	author := strikegraph.Author{By: "test", At: time.Now().UTC()}
	unknown := strikegraph.Date{Precision: strikegraph.DateUnknown}
	three := 3.0
	// What the seed corpus lacks: an article whose text is given (no file),
	// a distance, a quote left empty, a PUBLISHED_BY edge an article states
	// besides naming its publisher, and an actor found to be another, with a
	// claim and a relation to move when it is merged.
	extra := strikegraph.Document{
		Articles: []strikegraph.Article{{ID: "article:extra", Title: "Five dead near Hajin", PublisherID: "outlet:cbc",
			Text:      "The Observatory said five died near Hajin, three kilometres from the river bend. Published by CBC.",
			Published: strikegraph.Date{Value: "2019-01-02", Precision: strikegraph.DateDay}}},
		Places: []strikegraph.Place{{ID: "place:extra-river-bend", Name: "River bend", Kind: strikegraph.PlaceArea},
			{ID: "place:extra-hajin", Name: "Hajin town", Kind: strikegraph.PlaceTown}},
		Actors: []strikegraph.Actor{{ID: "monitor:the-observatory", Kind: strikegraph.ActorMonitor, Name: "The Observatory", Aliases: []string{"Observatory"}}},
		Relations: []strikegraph.Relation{
			{Type: strikegraph.RelLocatedNear, From: "place:extra-river-bend", To: "place:hajin", DistanceKm: &three, Note: "gazetteer estimate"},
			{Type: strikegraph.RelLocatedNear, From: "place:extra-river-bend", To: "place:hajin", Article: "article:extra", DistanceKm: &three},
			{Type: strikegraph.RelCites, From: "article:extra", To: "monitor:the-observatory", Article: "article:extra", Quote: "The Observatory said", Role: "source"},
			{Type: strikegraph.RelPublishedBy, From: "article:extra", To: "outlet:cbc", Article: "article:extra", Quote: "Published by CBC"},
		},
		Claims: []strikegraph.Claim{{ID: "claim:extra-observatory-5", Stance: strikegraph.StanceReported, SpeakerID: "monitor:the-observatory",
			IncidentID: "incident:2018-11-17-abu-al-hassan", ArticleID: "article:extra", Quote: "five died near Hajin", StatedOn: unknown,
			PlaceIDs: []string{"place:extra-hajin"}, Figures: strikegraph.Figures{Killed: &strikegraph.Figure{Min: ptr(5), Max: ptr(5), Text: "five died"}}}},
	}
	if _, err := g.WriteDocument(ctx, &extra, strikegraph.Upsert, author); err != nil {
		t.Fatal(err)
	}
	if _, err := g.RetractClaim(ctx, "claim:002-cbc-40", "a composite of two sources' figures", author); err != nil {
		t.Fatal(err)
	}
	m, err := g.MergeEntities(ctx, "monitor:sohr", "monitor:the-observatory", "the Syrian Observatory, unnamed", author)
	if err != nil {
		t.Fatal(err)
	}
	if m.Moved != 2 {
		t.Fatalf("the merge moved %d edges, want the claim and the citation", m.Moved)
	}
	// A merge that renames what a claim names in its properties (places).
	if _, err := g.MergeEntities(ctx, "place:hajin", "place:extra-hajin", "the same town", author); err != nil {
		t.Fatal(err)
	}

	first := exportJSON(t, g)
	doc, err := importer.DecodeDocument(first)
	if err != nil {
		t.Fatal(err)
	}
	census := map[string]int{"articles": len(doc.Articles), "places": len(doc.Places), "actors": len(doc.Actors),
		"incidents": len(doc.Incidents), "relations": len(doc.Relations), "claims": len(doc.Claims), "merges": len(doc.Merges)}
	t.Logf("exported %v", census)
	for what, least := range map[string]int{"articles": 6, "places": 21, "actors": 35, "incidents": 15, "relations": 130, "claims": 55, "merges": 1} {
		if census[what] < least {
			t.Errorf("%d %s exported, want at least %d", census[what], what, least)
		}
	}
	checkExported(t, &doc)

	// Into the graph it came from, the export changes nothing at all.
	before := snapshot(t, g)
	rep := importJSON(t, g, first)
	if rep.Records != 1 || rep.Unchanged != 1 || len(rep.Rejected) > 0 {
		t.Errorf("the export into its own graph: %+v, want it unchanged", rep)
	}
	for kind, outcomes := range rep.Items {
		for outcome, n := range outcomes {
			if outcome != strikegraph.Unchanged {
				t.Errorf("the export into its own graph: %d %s %s", n, kind, outcome)
			}
		}
	}
	sameSnapshot(t, "importing the export into its own graph", before, snapshot(t, g))

	// Into an empty graph, it makes the same graph again.
	want := snapshot(t, g, append(provenance, leaveOutHistory)...)
	empty(t, g)
	rep = importJSON(t, g, first)
	if rep.Created != 1 || len(rep.Rejected) > 0 {
		t.Fatalf("the export into an empty graph: %+v, want it created", rep)
	}
	sameSnapshot(t, "the graph imported from its export", want, snapshot(t, g, append(provenance, leaveOutHistory)...))
	if second := exportJSON(t, g); !bytes.Equal(first, second) {
		t.Errorf("the graph imported exports other bytes:\n%s", firstDiff(first, second))
	}
}

// checkExported checks what the export says of the items the seed corpus
// lacks, and of the retraction and the merge.
func checkExported(t *testing.T, doc *strikegraph.Document) {
	t.Helper()
	for _, a := range doc.Articles {
		if a.Text == "" {
			t.Errorf("%s exported without its text", a.ID)
		}
		if a.ID == "article:002" && (a.File == "" || a.PublisherID != "outlet:cbc") {
			t.Errorf("article:002 exported with file %q, publisher %q; want its file and outlet:cbc", a.File, a.PublisherID)
		}
	}
	var publishedBy, near []strikegraph.Relation
	for _, r := range doc.Relations {
		switch {
		case r.Type == strikegraph.RelPublishedBy:
			publishedBy = append(publishedBy, r)
		case r.From == "place:extra-river-bend":
			near = append(near, r)
		case r.To == "monitor:the-observatory":
			t.Errorf("a relation of the merged actor exported: %+v", r)
		}
	}
	// The publisher is the article's field; the relation is what the article
	// states besides.
	if len(publishedBy) != 1 || publishedBy[0].Article != "article:extra" || publishedBy[0].Quote != "Published by CBC" {
		t.Errorf("PUBLISHED_BY exported as %+v; want only the relation article:extra states", publishedBy)
	}
	if len(near) != 2 || near[0].Article != "" || near[0].Note != "gazetteer estimate" || near[1].Article != "article:extra" ||
		near[0].DistanceKm == nil || near[1].DistanceKm == nil || *near[1].DistanceKm != 3 {
		t.Errorf("LOCATED_NEAR exported as %+v; want the gazetteer's, then the article's, each 3 km", near)
	}
	var retracted, moved bool
	for _, c := range doc.Claims {
		switch c.ID {
		case "claim:002-cbc-40":
			retracted = c.Retracted != nil && c.Retracted.By == "test" && c.Retracted.Reason == "a composite of two sources' figures"
		case "claim:extra-observatory-5":
			moved = c.SpeakerID == "monitor:sohr" && fmt.Sprint(c.PlaceIDs) == "[place:hajin]"
		}
	}
	if !retracted || !moved {
		t.Errorf("retraction exported: %v; the merged actor's claim exported as monitor:sohr's, in the kept place: %v", retracted, moved)
	}
	if len(doc.Merges) != 2 || doc.Merges[0].KeptID != "monitor:sohr" || doc.Merges[0].MergedName != "The Observatory" {
		t.Errorf("merges exported as %+v", doc.Merges)
	}
}

// exportJSON exports g as `strikegraph export` writes it, a list at a
// time as it reads them, and checks that these are the bytes json.Encoder
// gives the document read whole.
func exportJSON(t *testing.T, g *graphtest.Graph) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := export.Annotation(&b, g.ExportDocument(t.Context())); err != nil {
		t.Fatal(err)
	}
	doc, err := g.ExportDocument(t.Context()).Document()
	if err != nil {
		t.Fatal(err)
	}
	var whole bytes.Buffer
	enc := json.NewEncoder(&whole)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(doc); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b.Bytes(), whole.Bytes()) {
		t.Errorf("the streamed export (%d bytes) differs from the document encoded whole (%d)", b.Len(), whole.Len())
	}
	return b.Bytes()
}

// importJSON imports one annotation document as `strikegraph import` reads
// it: JSON bytes, not the Go value, so the format must carry everything.
func importJSON(t *testing.T, g *graphtest.Graph, b []byte) importer.Report {
	t.Helper()
	records := func(yield func(importer.Record) bool) { yield(importer.DocumentRecord("export.json", b)) }
	rep, err := importer.Run(t.Context(), g, records, importer.Options{
		Author: strikegraph.Author{By: "import", At: time.Now().UTC()}})
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// firstDiff shows where two texts first differ.
func firstDiff(a, b []byte) string {
	i := 0
	for i < min(len(a), len(b)) && a[i] == b[i] {
		i++
	}
	from := max(i-200, 0)
	return "before …" + string(a[from:min(i+200, len(a))]) + "\nafter  …" + string(b[from:min(i+200, len(b))])
}

// TestTimesWithAnOffsetImport imports a retraction and a merge whose times,
// as a person may write them, carry an offset: each is kept as its instant,
// in UTC as the graph writes its own.
func TestTimesWithAnOffsetImport(t *testing.T) {
	g := graphtest.Open(t)
	doc := []byte(`{
	  "articles": [{"id": "article:a", "text": "A said ten died.", "published": {"precision": "UNKNOWN"}}],
	  "actors": [{"id": "monitor:a", "kind": "MONITOR", "name": "A"}],
	  "incidents": [{"id": "incident:a", "name": "Strike A", "scope": "STRIKE", "date": {"precision": "UNKNOWN"}}],
	  "claims": [{"id": "claim:a", "stance": "REPORTED", "speaker": "monitor:a", "incident": "incident:a", "article": "article:a",
	    "quote": "ten died", "statedOn": {"precision": "UNKNOWN"},
	    "retracted": {"by": "key:alice", "at": "2024-01-01T12:00:00.123456789+02:00", "reason": "misread"}}],
	  "merges": [{"id": "merge:b", "kept": "monitor:a", "merged": "monitor:b", "mergedName": "B", "mergedKind": "MONITOR",
	    "reason": "the same", "by": "key:alice", "at": "2024-01-02T00:00:00+00:00", "moved": 0}]
	}`)
	if rep := importJSON(t, g, doc); rep.Created != 1 {
		t.Fatalf("%+v, want the document created", rep)
	}
	c, err := g.FindClaimByID(t.Context(), "claim:a")
	if err != nil {
		t.Fatal(err)
	}
	m, err := g.FindMerge(t.Context(), "monitor:b")
	if err != nil {
		t.Fatal(err)
	}
	if c.Retracted == nil || c.Retracted.At.Format(time.RFC3339Nano) != "2024-01-01T10:00:00.123456789Z" {
		t.Errorf("retracted %+v, want at 2024-01-01T10:00:00.123456789Z", c.Retracted)
	}
	if m == nil || m.At.Format(time.RFC3339Nano) != "2024-01-02T00:00:00Z" {
		t.Errorf("merge %+v, want at 2024-01-02T00:00:00Z", m)
	}
}
