package server_test

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

// revision is a Revision as the API returns it.
type revision struct {
	Of, Action, By, At string
	Reason             *string
	Fields             []string
	Earlier            map[string]any
}

const revisionFields = `of action by at reason fields earlier`

const (
	updateClaim     = `mutation($id: ID!, $in: ClaimUpdate!, $reason: String) { updateClaim(id: $id, input: $in, reason: $reason) { outcome claim { id quote note figures { civiliansKilled { min max text } } history { ` + revisionFields + ` } } } }`
	updateArticle   = `mutation($id: ID!, $in: ArticleUpdate!, $reason: String) { updateArticle(id: $id, input: $in, reason: $reason) { outcome article { id title text history { ` + revisionFields + ` } } } }`
	retractRelation = `mutation($type: RelationType!, $from: ID!, $to: ID!, $reason: String!) { retractRelation(type: $type, from: $from, to: $to, reason: $reason) { ` + revisionFields + ` } }`
	historyOf       = `query($of: ID!) { history(of: $of) { ` + revisionFields + ` } }`
)

// revisions counts the :Revision nodes of the graph.
func (s *writeServer) revisions(t *testing.T) int64 {
	t.Helper()
	return s.count(t, "MATCH (r:Revision) RETURN count(r)", nil)
}

// wantRevision checks that rev records a change made just now by by.
func wantRevision(t *testing.T, rev revision, of, action, by, reason string) {
	t.Helper()
	at, err := time.Parse(time.RFC3339Nano, rev.At)
	if rev.Of != of || rev.Action != action || rev.By != by || err != nil || time.Since(at) > time.Minute || time.Since(at) < 0 {
		t.Errorf("revision %+v, want %s of %s by %s just now", rev, action, of, by)
	}
	if got := ""; rev.Reason != nil {
		got = *rev.Reason
		if got != reason {
			t.Errorf("reason %q, want %q", got, reason)
		}
	} else if reason != "" {
		t.Errorf("no reason, want %q", reason)
	}
}

// TestCorrectingAClaim corrects a claim's figures: the claim says the new
// figures and its history the old ones, with who, when and why. A correction
// that fails (a quote not in the article, figures on a denial, the wrong
// role) writes nothing, no revision either; a retraction shows in history.
func TestCorrectingAClaim(t *testing.T) {
	s := newWriteServer(t, graphtest.Open(t))
	seedWrites(t, s)
	var rec struct {
		RecordReport struct{ Claim struct{ ID string } }
	}
	s.mustWrite(t, s.editor, report, map[string]any{"in": reportInput()}, &rec)
	id := rec.RecordReport.Claim.ID
	var den struct {
		RecordDenial struct{ Claim struct{ ID string } }
	}
	s.mustWrite(t, s.editor, denial, map[string]any{"in": map[string]any{"speaker": "group:test-coalition", "incident": incidentID,
		"article": "article:test", "quote": "found no civilian casualties associated", "denies": "CIVILIAN_HARM",
		"statedOn": map[string]any{"value": "2018-02-07", "precision": "DAY"}}}, &den)

	before := s.revisions(t)
	fix := func(in map[string]any) map[string]any { return map[string]any{"id": id, "in": in} }
	s.wantError(t, s.editor, updateClaim, fix(map[string]any{"quote": "The monitor said 13 civilians were killed."}), strikegraph.ECodeInvalid, "input.quote")
	s.wantError(t, s.editor, updateClaim, map[string]any{"id": den.RecordDenial.Claim.ID, "in": map[string]any{
		"figures": map[string]any{"killed": map[string]any{"min": 1, "text": "one"}}}}, strikegraph.ECodeInvalid, "input.figures")
	s.wantError(t, s.editor, updateClaim, fix(map[string]any{"places": []string{"place:nowhere"}}), strikegraph.ECodeInvalid, "input.places[0]")
	s.wantError(t, s.editor, updateClaim, map[string]any{"id": id, "in": map[string]any{"note": "x"}, "reason": " "}, strikegraph.ECodeInvalid, "reason")
	s.wantError(t, s.reader, updateClaim, fix(map[string]any{"note": "x"}), strikegraph.ECodeForbidden, "")
	if got := s.revisions(t); got != before {
		t.Fatalf("failed corrections left %d revisions", got-before)
	}

	var out struct {
		UpdateClaim struct {
			Outcome string
			Claim   struct {
				ID, Quote, Note string
				Figures         struct{ CiviliansKilled struct{ Min, Max int } }
				History         []revision
			}
		}
	}
	vars := fix(map[string]any{"figures": map[string]any{"civiliansKilled": map[string]any{"min": 16, "max": 16, "text": "16 civilians"}}})
	vars["reason"] = "the monitor's recount"
	s.mustWrite(t, s.editor, updateClaim, vars, &out)
	c := out.UpdateClaim.Claim
	if out.UpdateClaim.Outcome != "UPDATED" || c.Figures.CiviliansKilled.Min != 16 || len(c.History) != 1 {
		t.Fatalf("updateClaim: %+v", out.UpdateClaim)
	}
	h := c.History[0]
	wantRevision(t, h, id, "UPDATE", "key:editor", "the monitor's recount")
	if !slices.Equal(h.Fields, []string{"civiliansKilledMax", "civiliansKilledMin", "civiliansKilledText"}) && len(h.Fields) != 3 {
		t.Errorf("fields %v", h.Fields)
	}
	if h.Earlier["civiliansKilledMin"] != 12.0 || h.Earlier["civiliansKilledMax"] != 12.0 || h.Earlier["civiliansKilledText"] != "12 civilians" {
		t.Errorf("earlier %v, want the figures of 12", h.Earlier)
	}
	// The same correction again changes nothing and leaves no revision.
	s.mustWrite(t, s.editor, updateClaim, vars, &out)
	if out.UpdateClaim.Outcome != "UNCHANGED" || len(out.UpdateClaim.Claim.History) != 1 {
		t.Errorf("again: %+v", out.UpdateClaim)
	}

	// The toll counts the corrected figures.
	var inc struct {
		Incident struct{ CivilianToll struct{ Lowest int } }
	}
	mustQuery(t, s.url, `query($id: ID!) { incident(id: $id) { civilianToll { lowest } } }`, map[string]any{"id": incidentID}, &inc)
	if inc.Incident.CivilianToll.Lowest != 16 {
		t.Errorf("toll %+v, want 16", inc)
	}

	// An import that changes the claim in place keeps the earlier state too.
	saved, err := s.g.FindClaimByID(t.Context(), id)
	if err != nil {
		t.Fatal(err)
	}
	saved.Note = "from the monitor's weekly report"
	if _, errs, err := s.g.WriteDocuments(t.Context(), []*strikegraph.Document{{Claims: []strikegraph.Claim{*saved}}},
		strikegraph.Author{By: "cli:importer", At: time.Now().UTC()}); err != nil || errs[0] != nil {
		t.Fatal(err, errs)
	}
	var hist struct{ History []revision }
	mustQuery(t, s.url, historyOf, map[string]any{"of": id}, &hist)
	if len(hist.History) != 2 || !slices.Equal(hist.History[0].Fields, []string{"note"}) || hist.History[0].Earlier["note"] != "" {
		t.Fatalf("history after the import: %+v", hist.History)
	}
	wantRevision(t, hist.History[0], id, "UPDATE", "cli:importer", "")

	// A retraction is the newest revision; a retracted claim is not corrected.
	s.mustWrite(t, s.admin, retract, map[string]any{"id": id, "reason": "double-counted"}, nil)
	mustQuery(t, s.url, historyOf, map[string]any{"of": id}, &hist)
	if len(hist.History) != 3 {
		t.Fatalf("history after the retraction: %+v", hist.History)
	}
	wantRevision(t, hist.History[0], id, "RETRACT", "key:admin", "double-counted")
	s.wantError(t, s.editor, updateClaim, fix(map[string]any{"note": "x"}), strikegraph.ECodeInvalid, "id")
}

// TestCorrectingAnArticle edits an article's text: a text without a claim's
// quote is refused QUOTE_BROKEN naming the claim, and writes nothing; a text
// that keeps the quote is written, its history holding the old text.
func TestCorrectingAnArticle(t *testing.T) {
	s := newWriteServer(t, graphtest.Open(t))
	seedWrites(t, s)
	var rec struct {
		RecordReport struct{ Claim struct{ ID string } }
	}
	s.mustWrite(t, s.editor, report, map[string]any{"in": reportInput()}, &rec)
	s.mustWrite(t, s.editor, addRelation, map[string]any{"in": map[string]any{"type": "LOCATED_IN", "from": incidentID, "to": "place:al-testa",
		"article": "article:test", "quote": "Airstrikes hit the market in Al-Testa"}}, nil)

	before := s.revisions(t)
	broken := map[string]any{"id": "article:test", "in": map[string]any{"text": "Airstrikes hit the market in Al-Testa on Tuesday."}}
	errs := queryAs(t, s.url, s.editor, updateArticle, broken, nil)
	if len(errs) != 1 || errs[0].Extensions["code"] != strikegraph.ECodeQuoteBroken || errs[0].Extensions["field"] != "input.text" ||
		fmt.Sprint(errs[0].Extensions["claims"]) != fmt.Sprint([]string{rec.RecordReport.Claim.ID}) || errs[0].Extensions["relations"] != nil {
		t.Fatalf("errors %+v, want one QUOTE_BROKEN naming %s", errs, rec.RecordReport.Claim.ID)
	}
	// A relation's quote is checked too: it can only be retracted.
	located := strikegraph.RelationID(incidentID, strikegraph.RelLocatedIn, "place:al-testa")
	errs = queryAs(t, s.url, s.editor, updateArticle, map[string]any{"id": "article:test", "in": map[string]any{"text": "The monitor said 12 civilians were killed."}}, nil)
	if len(errs) != 1 || errs[0].Extensions["code"] != strikegraph.ECodeQuoteBroken || errs[0].Extensions["claims"] != nil ||
		fmt.Sprint(errs[0].Extensions["relations"]) != fmt.Sprint([]string{located}) || !strings.Contains(errs[0].Message, "1 relation(s): retract") {
		t.Fatalf("errors %+v, want one QUOTE_BROKEN naming the relation %s", errs, located)
	}
	s.wantError(t, s.reader, updateArticle, broken, strikegraph.ECodeForbidden, "")
	s.wantError(t, s.editor, updateArticle, map[string]any{"id": "article:test", "in": map[string]any{"published": map[string]any{"value": "2018-02-31", "precision": "DAY"}}},
		strikegraph.ECodeInvalid, "input.published.value")
	s.wantError(t, s.editor, updateArticle, map[string]any{"id": "monitor:test-monitor", "in": map[string]any{"title": "x"}}, strikegraph.ECodeInvalid, "id")
	if got := s.revisions(t); got != before {
		t.Fatalf("refused edits left %d revisions", got-before)
	}

	var out struct {
		UpdateArticle struct {
			Outcome string
			Article struct {
				Title, Text string
				History     []revision
			}
		}
	}
	text := articleText + " A correction: the market is in the town's east."
	s.mustWrite(t, s.editor, updateArticle, map[string]any{"id": "article:test", "in": map[string]any{"text": text, "title": "Strike on Al-Testa (corrected)"},
		"reason": "the outlet's correction"}, &out)
	a := out.UpdateArticle.Article
	if out.UpdateArticle.Outcome != "UPDATED" || a.Text != text || len(a.History) != 1 {
		t.Fatalf("updateArticle: %+v", out.UpdateArticle)
	}
	wantRevision(t, a.History[0], "article:test", "UPDATE", "key:editor", "the outlet's correction")
	if a.History[0].Earlier["text"] != articleText || a.History[0].Earlier["title"] != "Strike on Al-Testa" {
		t.Errorf("earlier %v, want the old text and title", a.History[0].Earlier)
	}
}

// TestRetractingARelation corrects a relation, then retracts it: it is gone
// from the incident's links, and its history keeps the retraction, with who,
// when and why, and its state, and the correction before it.
func TestRetractingARelation(t *testing.T) {
	s := newWriteServer(t, graphtest.Open(t))
	seedWrites(t, s)
	rel := map[string]any{"type": "LOCATED_IN", "from": incidentID, "to": "place:al-testa", "article": "article:test",
		"quote": "Airstrikes hit the market in Al-Testa"}
	s.mustWrite(t, s.editor, addRelation, map[string]any{"in": rel}, nil)
	// A quote without its article is refused, not dropped.
	s.wantError(t, s.editor, addRelation, map[string]any{"in": map[string]any{"type": "LOCATED_IN", "from": incidentID, "to": "place:al-testa",
		"quote": "Airstrikes hit the market"}}, strikegraph.ECodeInvalid, "input.quote")
	// The same relation with a note: an update of the edge.
	rel["note"] = "the market, not the town centre"
	s.mustWrite(t, s.editor, `mutation($in: RelationInput!) { addRelation(input: $in, allowDuplicate: true) { outcome } }`, map[string]any{"in": rel}, nil)

	of := strikegraph.RelationID(incidentID, strikegraph.RelLocatedIn, "place:al-testa")
	vars := map[string]any{"type": "LOCATED_IN", "from": incidentID, "to": "place:al-testa", "reason": "wrong town"}
	before := s.revisions(t)
	s.wantError(t, s.editor, retractRelation, vars, strikegraph.ECodeForbidden, "")
	s.wantError(t, s.admin, retractRelation, map[string]any{"type": "LOCATED_IN", "from": incidentID, "to": "place:al-testa", "reason": ""}, strikegraph.ECodeInvalid, "reason")
	s.wantError(t, s.admin, retractRelation, map[string]any{"type": "LOCATED_NEAR", "from": incidentID, "to": "place:al-testa", "reason": "x"}, strikegraph.ECodeNotFound, "")
	if got := s.revisions(t); got != before {
		t.Fatalf("refused retractions left %d revisions", got-before)
	}

	var out struct{ RetractRelation revision }
	s.mustWrite(t, s.admin, retractRelation, vars, &out)
	wantRevision(t, out.RetractRelation, of, "RETRACT", "key:admin", "wrong town")
	if got := fmt.Sprint(out.RetractRelation.Earlier["sources"]); got != "[article:test]" {
		t.Errorf("retracted state %v, want its sources", out.RetractRelation.Earlier)
	}
	// Sorted, whatever order Neo4j stores the edge's properties in.
	if f := out.RetractRelation.Fields; len(f) < 2 || !slices.IsSorted(f) {
		t.Errorf("retracted fields %v, want them all, sorted", f)
	}

	var inc struct {
		Incident struct{ Links []struct{ Type string } }
	}
	mustQuery(t, s.url, `query($id: ID!) { incident(id: $id) { links { type } } }`, map[string]any{"id": incidentID}, &inc)
	if len(inc.Incident.Links) != 0 {
		t.Errorf("links after the retraction: %+v", inc.Incident.Links)
	}
	var places struct{ Incidents []struct{ ID string } }
	mustQuery(t, s.url, `{ incidents(where: {place: "place:al-testa"}) { id } }`, nil, &places)
	if len(places.Incidents) != 0 {
		t.Errorf("incidents in the place after the retraction: %+v", places.Incidents)
	}

	var hist struct{ History []revision }
	mustQuery(t, s.url, historyOf, map[string]any{"of": of}, &hist)
	if len(hist.History) != 2 {
		t.Fatalf("history %+v, want the retraction and the correction", hist.History)
	}
	wantRevision(t, hist.History[0], of, "RETRACT", "key:admin", "wrong town")
	wantRevision(t, hist.History[1], of, "UPDATE", "key:editor", "")
	if fmt.Sprint(hist.History[1].Fields) != "[notes]" {
		t.Errorf("the correction changed %v, want [notes]", hist.History[1].Fields)
	}
	// Retracting it again: there is nothing to retract.
	s.wantError(t, s.admin, retractRelation, vars, strikegraph.ECodeNotFound, "")
}

// TestEntityHistory updates a place with a reason, adds an alias, and merges
// another place into it: each leaves a revision on the place, newest first.
func TestEntityHistory(t *testing.T) {
	s := newWriteServer(t, graphtest.Open(t))
	seedWrites(t, s)
	s.mustWrite(t, s.editor, `mutation($in: PlaceInput!) { createPlace(input: $in, allowDuplicate: true) { outcome } }`,
		map[string]any{"in": map[string]any{"name": "Testa", "kind": "TOWN"}}, nil)
	s.mustWrite(t, s.editor, `mutation { updatePlace(id: "place:al-testa", input: {latitude: 35.2, longitude: 40.3}, reason: "a better fix") { outcome } }`, nil, nil)
	s.mustWrite(t, s.editor, `mutation { addAliases(id: "place:al-testa", aliases: ["Tell Testa"]) { outcome } }`, nil, nil)
	s.mustWrite(t, s.admin, merge, map[string]any{"kept": "place:al-testa", "merged": "place:testa", "reason": "the same town"}, nil)

	var out struct {
		Place struct{ History []revision }
	}
	mustQuery(t, s.url, `{ place(id: "place:al-testa") { history { `+revisionFields+` } } }`, nil, &out)
	h := out.Place.History
	if len(h) != 3 {
		t.Fatalf("history %+v, want three revisions", h)
	}
	wantRevision(t, h[0], "place:al-testa", "MERGE", "key:admin", "the same town")
	wantRevision(t, h[1], "place:al-testa", "UPDATE", "key:editor", "")
	wantRevision(t, h[2], "place:al-testa", "UPDATE", "key:editor", "a better fix")
	if fmt.Sprint(h[0].Earlier["aliases"]) != "[Tell Testa]" || fmt.Sprint(h[1].Earlier["aliases"]) != "[]" {
		t.Errorf("aliases before the merge %v and before the alias %v", h[0].Earlier, h[1].Earlier)
	}
	if loc, _ := h[2].Earlier["location"].(map[string]any); loc["latitude"] != 35.1 || loc["longitude"] != 40.2 {
		t.Errorf("location before the fix %v, want 35.1, 40.2", h[2].Earlier)
	}
}

// TestClaimUpdatesAnother records a monitor's later count as an update of its
// first: each names the other. Another source's claim, an unknown claim or
// the claim itself are refused as what it updates.
func TestClaimUpdatesAnother(t *testing.T) {
	s := newWriteServer(t, graphtest.Open(t))
	seedWrites(t, s)
	s.mustWrite(t, s.editor, createArt, map[string]any{"in": map[string]any{"id": "article:later", "title": "A recount",
		"text":      "The monitor later said 16 civilians were killed. The coalition said 2 civilians may have died.",
		"published": map[string]any{"value": "2018-02-09", "precision": "DAY"}}}, nil)
	var rec struct {
		RecordReport struct{ Claim struct{ ID string } }
	}
	s.mustWrite(t, s.editor, report, map[string]any{"in": reportInput()}, &rec)
	first := rec.RecordReport.Claim.ID
	later := func(speaker, quote string, updates any) map[string]any {
		return map[string]any{"in": map[string]any{"id": "claim:" + speaker, "speaker": speaker, "incident": incidentID, "article": "article:later",
			"quote": quote, "statedOn": map[string]any{"value": "2018-02-09", "precision": "DAY"}, "updates": updates}}
	}
	s.wantError(t, s.editor, report, later("group:test-coalition", "2 civilians may have died", first), strikegraph.ECodeInvalid, "input.updates")
	s.wantError(t, s.editor, report, later("monitor:test-monitor", "16 civilians were killed", "claim:nothing"), strikegraph.ECodeInvalid, "input.updates")
	s.wantError(t, s.editor, report, later("monitor:test-monitor", "16 civilians were killed", "claim:monitor:test-monitor"), strikegraph.ECodeInvalid, "input.updates")
	s.mustWrite(t, s.editor, report, later("monitor:test-monitor", "16 civilians were killed", first), nil)

	var out struct {
		Claim struct {
			Updates   *struct{ ID string }
			UpdatedBy []struct {
				ID      string
				Updates struct{ ID string }
			}
		}
	}
	mustQuery(t, s.url, `query($id: ID!) { claim(id: $id) { updates { id } updatedBy { id updates { id } } } }`, map[string]any{"id": first}, &out)
	if out.Claim.Updates != nil || len(out.Claim.UpdatedBy) != 1 || out.Claim.UpdatedBy[0].ID != "claim:monitor:test-monitor" || out.Claim.UpdatedBy[0].Updates.ID != first {
		t.Fatalf("the first count: %+v", out.Claim)
	}

	// The link is corrected like any field: the coalition's own claim may not
	// update the monitor's.
	s.mustWrite(t, s.editor, report, later("group:test-coalition", "2 civilians may have died", nil), nil)
	s.wantError(t, s.editor, updateClaim, map[string]any{"id": "claim:group:test-coalition", "in": map[string]any{"updates": first}}, strikegraph.ECodeInvalid, "input.updates")
	s.wantError(t, s.editor, updateClaim, map[string]any{"id": first, "in": map[string]any{"updates": first}}, strikegraph.ECodeInvalid, "input.updates")
	// Retracted, the update no longer counts among the first's.
	s.mustWrite(t, s.admin, retract, map[string]any{"id": "claim:monitor:test-monitor", "reason": "misread"}, nil)
	mustQuery(t, s.url, `query($id: ID!) { claim(id: $id) { updates { id } updatedBy { id updates { id } } } }`, map[string]any{"id": first}, &out)
	if len(out.Claim.UpdatedBy) != 0 {
		t.Errorf("updatedBy after the retraction: %+v", out.Claim.UpdatedBy)
	}
}

// TestImportKeepsEarlierState imports the seed corpus in batches of two
// documents: one import is one write, so what its later documents add to
// what its earlier ones wrote (a relation another article states too) is no
// revision. A second import, by someone else, that changes a claim's figures
// in place leaves one, with the figures it replaced.
func TestImportKeepsEarlierState(t *testing.T) {
	g := graphtest.Open(t)
	s := newWriteServer(t, g)
	docs := graphtest.SeedDocuments(t)
	var records []importer.Record
	for i := range docs {
		records = append(records, importer.Record{Source: docs[i].Source, Line: 1, Doc: &docs[i]})
	}
	rep, err := importer.Run(t.Context(), g.DB, slices.Values(records),
		importer.Options{Author: strikegraph.Author{By: "cli:first", At: time.Now().UTC()}, BatchSize: 2})
	if err != nil || len(rep.Rejected) > 0 || rep.Items["Relation"][strikegraph.Updated] == 0 {
		t.Fatalf("first import: %+v, %v (want some documents to add to earlier ones)", rep, err)
	}
	if n := s.revisions(t); n != 0 {
		t.Fatalf("one import left %d revisions", n)
	}

	c, err := g.FindClaimByID(t.Context(), "claim:000-sohr-38")
	if err != nil {
		t.Fatal(err)
	}
	c.Figures.CiviliansKilled = &strikegraph.Figure{Min: ptr(40), Text: "at least 40"}
	if _, errs, err := g.WriteDocuments(t.Context(), []*strikegraph.Document{{Claims: []strikegraph.Claim{*c}}},
		strikegraph.Author{By: "cli:second", At: time.Now().UTC()}); err != nil || errs[0] != nil {
		t.Fatal(err, errs)
	}
	var out struct{ History []revision }
	mustQuery(t, s.url, historyOf, map[string]any{"of": "claim:000-sohr-38"}, &out)
	if len(out.History) != 1 || out.History[0].By != "cli:second" || out.History[0].Earlier["civiliansKilledMin"] != 38.0 ||
		out.History[0].Earlier["civiliansKilledText"] != "at least 38" {
		t.Fatalf("history %+v, want the import's change with the figures of 38", out.History)
	}
	if n := s.revisions(t); n != 1 {
		t.Errorf("%d revisions, want 1", n)
	}
}

func ptr[T any](v T) *T { return &v }
