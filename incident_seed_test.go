package strikegraph_test

import (
	"slices"
	"testing"

	"github.com/strikegraph/strikegraph"
	"github.com/strikegraph/strikegraph/data"
	"github.com/strikegraph/strikegraph/importer"
)

// TestSeedTollByPlace applies the rule to the seed corpus's strikes on
// al-Shafa, Gamsha and Hajin, read from the annotation documents: Turkish
// state media's roughly 15 in Haijin is Hajin's, its no less than 20 in
// Gamsha and al-Shafa theirs, the two together 35, and the floor 30.
func TestSeedTollByPlace(t *testing.T) {
	docs, err := importer.ReadDocuments(data.FS, data.SeedDir)
	if err != nil {
		t.Fatal(err)
	}
	const id = "incident:001-hajin-gamsha-al-shafa"
	places := map[string]*strikegraph.Place{}
	var claims []*strikegraph.Claim
	var partIDs []string
	for _, d := range docs {
		for i := range d.Places {
			places[d.Places[i].ID] = &d.Places[i]
		}
		for i := range d.Claims {
			if d.Claims[i].IncidentID == id {
				claims = append(claims, &d.Claims[i])
			}
		}
		for _, r := range d.Relations {
			if r.From == id && r.Type == strikegraph.RelLocatedIn {
				partIDs = append(partIDs, r.To)
			}
		}
	}
	var parts []*strikegraph.Place
	for _, p := range partIDs {
		if slices.Contains(strikegraph.SettlementKinds, places[p].Kind) {
			parts = append(parts, places[p])
		}
	}
	if len(parts) != 3 {
		t.Fatalf("parts %v, want al-Shafa, Gamsha and Hajin", partIDs)
	}
	for _, latest := range []bool{false, true} {
		got := strikegraph.CivilianToll(claims, strikegraph.TollOptions{Parts: parts, Latest: latest})
		if got.Lowest == nil || *got.Lowest != 30 || *got.Highest != 61 || got.Reports != 4 || got.Reporters != 3 {
			t.Errorf("latest %v: %s: want 30-61 from 4 reports by 3 sources", latest, got.Derivation)
		}
		if len(got.Parts) != 2 || !slices.Equal(got.Parts[1].PlaceIDs, []string{"place:hajin"}) || *got.Parts[1].Lowest != 15 ||
			!slices.Equal(got.Parts[0].PlaceIDs, []string{"place:al-shafa", "place:gamsha"}) || *got.Parts[0].Lowest != 20 {
			t.Errorf("latest %v: parts %+v, want al-Shafa and Gamsha 20, Hajin 15", latest, got.Parts)
		}
		if len(got.Derived) != 1 || got.Derived[0].SourceID != "outlet:turkish-state-media" || got.Derived[0].Lowest != 35 {
			t.Errorf("latest %v: derived %+v, want Turkish state media's 35", latest, got.Derived)
		}
	}
}
