package strikegraph_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/strikegraph/strikegraph"
)

func TestNameKey(t *testing.T) {
	same := [][]string{
		{"Deir ez-Zor", "Deir al-Zor", "deir-ez-zor", "DEIR EZ ZOR"},
		{"Carlo Muñoz", "carlo munoz"},
		{"al-Shadadi", "Shaddadi", "Al Shadadi"},
	}
	for _, names := range same {
		for _, n := range names[1:] {
			if strikegraph.NameKey(n) != strikegraph.NameKey(names[0]) {
				t.Errorf("NameKey(%q) = %q, NameKey(%q) = %q; want equal", n, strikegraph.NameKey(n), names[0], strikegraph.NameKey(names[0]))
			}
		}
	}
	if strikegraph.NameKey("Hajin") == strikegraph.NameKey("Gamsha") {
		t.Error("different names share a key")
	}
	if k := strikegraph.NameKey("هجين"); k == "" {
		t.Error("an Arabic-script name has no key")
	}
}

func TestValidateRejectsBadDocuments(t *testing.T) {
	unknown := strikegraph.Date{Precision: strikegraph.DateUnknown}
	claim := func(edit func(*strikegraph.Claim)) strikegraph.Document {
		c := strikegraph.Claim{ID: "claim:x", Stance: strikegraph.StanceReported, SpeakerID: "a", IncidentID: "i", ArticleID: "art",
			Quote: "ten died", StatedOn: unknown}
		edit(&c)
		return strikegraph.Document{Claims: []strikegraph.Claim{c}}
	}
	ten, five := 10, 5
	for name, tc := range map[string]struct {
		doc         strikegraph.Document
		code, field string
	}{
		"min above max": {claim(func(c *strikegraph.Claim) {
			c.Figures.CiviliansKilled = &strikegraph.Figure{Min: &ten, Max: &five, Text: "10 to 5"}
		}), "BAD_USER_INPUT", "claims[0].figures.civiliansKilled"},
		"empty quote":                     {claim(func(c *strikegraph.Claim) { c.Quote = "  " }), "BAD_USER_INPUT", "claims[0].quote"},
		"unknown stance":                  {claim(func(c *strikegraph.Claim) { c.Stance = "DOUBTED" }), "BAD_USER_INPUT", "claims[0].stance"},
		"a denial without what it denies": {claim(func(c *strikegraph.Claim) { c.Stance = strikegraph.StanceDenied }), "BAD_USER_INPUT", "claims[0].denies"},
		"a date that does not fit its precision": {claim(func(c *strikegraph.Claim) {
			c.StatedOn = strikegraph.Date{Value: "2018-11", Precision: strikegraph.DateDay}
		}), "BAD_USER_INPUT", "claims[0].statedOn.value"},
		"latitude out of range": {strikegraph.Document{Places: []strikegraph.Place{{ID: "p", Name: "P", Kind: strikegraph.PlaceTown,
			Latitude: ptr(91.0), Longitude: ptr(40.0), GeoPrecision: strikegraph.GeoTown}}}, "BAD_USER_INPUT", "places[0].latitude"},
		"an id defined twice": {strikegraph.Document{Places: []strikegraph.Place{{ID: "p", Name: "P", Kind: strikegraph.PlaceTown},
			{ID: "p", Name: "Q", Kind: strikegraph.PlaceTown}}}, "CONFLICT", "places[1].id"},
		"an unknown relation": {strikegraph.Document{Relations: []strikegraph.Relation{{Type: "LOVES", From: "a", To: "b"}}}, "BAD_USER_INPUT", "relations[0].type"},
		"a quote without its article": {strikegraph.Document{Relations: []strikegraph.Relation{{Type: strikegraph.RelLocatedNear, From: "i", To: "p",
			Quote: "near the market"}}}, "BAD_USER_INPUT", "relations[0].quote"},
	} {
		err := tc.doc.Validate()
		var e *strikegraph.Error
		if !errors.As(err, &e) || e.Code != tc.code || e.Field != tc.field {
			t.Errorf("%s: got %v, want %s at %s", name, err, tc.code, tc.field)
		}
	}
}

func TestCheckReferences(t *testing.T) {
	doc := strikegraph.Document{Claims: []strikegraph.Claim{{ID: "c", Stance: strikegraph.StanceReported, SpeakerID: "place:x",
		IncidentID: "incident:x", ArticleID: "article:x", Quote: "not there", StatedOn: strikegraph.Date{Precision: strikegraph.DateUnknown}}}}
	refs := map[string]strikegraph.Ref{
		"place:x": {Kind: strikegraph.NodePlace}, "incident:x": {Kind: strikegraph.NodeIncident},
		"article:x": {Kind: strikegraph.NodeArticle, Text: "ten died"},
	}
	if err := doc.CheckReferences(refs); err == nil || !strings.Contains(err.Error(), "must be: ACTOR") {
		t.Errorf("a place as speaker: %v", err)
	}
	refs["place:x"] = strikegraph.Ref{Kind: string(strikegraph.ActorMonitor)}
	if err := doc.CheckReferences(refs); err == nil || !strings.Contains(err.Error(), "verbatim") {
		t.Errorf("a quote not in its article: %v", err)
	}
	delete(refs, "incident:x")
	if err := doc.CheckReferences(refs); strikegraph.ErrorCode(err) != strikegraph.ECodeInvalid || !strings.Contains(err.Error(), "unknown reference") {
		t.Errorf("an unknown incident: %v", err)
	}
}

func ptr[T any](v T) *T { return &v }
