package cypher

import (
	"fmt"
	"testing"
	"time"

	"github.com/strikegraph/strikegraph"
)

// TestClaimAsOf undoes a claim's revisions to read it as the graph held it
// on each day: recorded on the 1st with 12 and no note, corrected on the
// 3rd to 16, given a note and a second figure on the 5th, retracted on the
// 7th.
func TestClaimAsOf(t *testing.T) {
	var db *DB // ClaimAsOf reads nothing
	day := func(d int) time.Time { return time.Date(2024, 3, d, 12, 0, 0, 0, time.UTC) }
	sixteen, two := 16, 2
	now := &strikegraph.Claim{ID: "claim:x", Stance: strikegraph.StanceReported, SpeakerID: "monitor:m", IncidentID: "incident:i", Quote: "16 civilians",
		Note: "recount", StatedOn: strikegraph.Date{Value: "2024-03-02", Precision: strikegraph.DateDay},
		Figures: strikegraph.Figures{
			CiviliansKilled: &strikegraph.Figure{Min: &sixteen, Max: &sixteen, Text: "16 civilians"},
			ChildrenKilled:  &strikegraph.Figure{Min: &two, Text: "two children"},
		},
		Retracted:  &strikegraph.Retraction{By: "key:editor", At: day(7), Reason: "withdrawn"},
		Provenance: strikegraph.Provenance{CreatedBy: "cli:importer", CreatedAt: day(1), UpdatedBy: "key:editor", UpdatedAt: day(5)},
	}
	revs := []*strikegraph.Revision{ // in no particular order
		{Of: "claim:x", Action: strikegraph.RevisionUpdate, By: "key:editor", At: day(3),
			Fields:  []string{"civiliansKilledMin", "civiliansKilledMax", "civiliansKilledText", "statedOnValue"},
			Earlier: strikegraph.JSON{"civiliansKilledMin": int64(12), "civiliansKilledMax": 12.0, "civiliansKilledText": "12 civilians", "statedOnValue": "2024-03-01"}},
		{Of: "claim:x", Action: strikegraph.RevisionRetract, By: "key:editor", At: day(7), Fields: []string{"retractedAt", "retractedBy", "retractionReason"}, Earlier: strikegraph.JSON{}},
		{Of: "claim:x", Action: strikegraph.RevisionUpdate, By: "key:editor", At: day(5),
			Fields:  []string{"note", "childrenKilledText", "childrenKilledMin", "childrenKilledApproximate"},
			Earlier: strikegraph.JSON{"note": ""}},
	}
	show := func(c *strikegraph.Claim) string {
		if c == nil {
			return "none"
		}
		fig := func(f *strikegraph.Figure) string {
			if f == nil {
				return "-"
			}
			s := f.Text
			if f.Min != nil {
				s += fmt.Sprint(" ", *f.Min)
			}
			if f.Max != nil {
				s += fmt.Sprint("..", *f.Max)
			}
			return s
		}
		return fmt.Sprintf("%s | %s | note %q | stated %s | retracted %v | updated %s by %s", fig(c.Figures.CiviliansKilled), fig(c.Figures.ChildrenKilled),
			c.Note, c.StatedOn.Value, c.Retracted != nil, c.Provenance.UpdatedAt.Format(time.DateOnly), c.Provenance.UpdatedBy)
	}
	for d, want := range map[int]string{
		1: "none", // recorded at noon on the 1st: not by its start
		2: `12 civilians 12..12 | - | note "" | stated 2024-03-01 | retracted false | updated 2024-03-01 by cli:importer`,
		4: `16 civilians 16..16 | - | note "" | stated 2024-03-02 | retracted false | updated 2024-03-03 by key:editor`,
		6: `16 civilians 16..16 | two children 2 | note "recount" | stated 2024-03-02 | retracted false | updated 2024-03-05 by key:editor`,
		8: `16 civilians 16..16 | two children 2 | note "recount" | stated 2024-03-02 | retracted true | updated 2024-03-05 by key:editor`,
	} {
		at := time.Date(2024, 3, d, 0, 0, 0, 0, time.UTC)
		if got := show(db.ClaimAsOf(now, revs, at)); got != want {
			t.Errorf("as of the %d:\n got %s\nwant %s", d, got, want)
		}
	}
	// The claim as it stands is left as it was.
	if got := show(now); got != `16 civilians 16..16 | two children 2 | note "recount" | stated 2024-03-02 | retracted true | updated 2024-03-05 by key:editor` {
		t.Errorf("changed: %s", got)
	}

	// A claim moved onto the kept incident of a merge was about the merged one before it.
	moved := &strikegraph.Claim{ID: "claim:y", IncidentID: "incident:kept", Provenance: strikegraph.Provenance{CreatedAt: day(1)}}
	merge := []*strikegraph.Revision{{Of: "claim:y", Action: strikegraph.RevisionMerge, At: day(4), Fields: []string{"incident"}, Earlier: strikegraph.JSON{"incident": "incident:merged"}}}
	if got := db.ClaimAsOf(moved, merge, day(3)).IncidentID; got != "incident:merged" {
		t.Errorf("before the merge: about %s", got)
	}
}

// TestIncidentAsOf undoes an incident's revisions: renamed and given an end
// on the 3rd, its scope changed on the 5th.
func TestIncidentAsOf(t *testing.T) {
	var db *DB
	day := func(d int) time.Time { return time.Date(2024, 3, d, 12, 0, 0, 0, time.UTC) }
	now := &strikegraph.Incident{ID: "incident:x", Name: "Strikes on Tokhar", Aliases: []string{"Tokhar"}, Scope: strikegraph.ScopeSeries,
		Date:       strikegraph.Date{Value: "2016-07-19", Precision: strikegraph.DateDay},
		Until:      &strikegraph.Date{Value: "2016-07-20", Precision: strikegraph.DateDay},
		Provenance: strikegraph.Provenance{CreatedBy: "seed", CreatedAt: day(1), UpdatedBy: "key:editor", UpdatedAt: day(5)}}
	revs := []*strikegraph.Revision{
		{Action: strikegraph.RevisionUpdate, By: "key:editor", At: day(5), Fields: []string{"scope"}, Earlier: strikegraph.JSON{"scope": "STRIKE"}},
		{Action: strikegraph.RevisionUpdate, By: "key:editor", At: day(3), Fields: []string{"name", "aliases", "untilValue", "untilPrecision", "untilText", "untilNote"},
			Earlier: strikegraph.JSON{"name": "Tokhar strike", "aliases": []any{}}},
	}
	show := func(in *strikegraph.Incident) string {
		if in == nil {
			return "none"
		}
		return fmt.Sprintf("%s %v %s until %v, updated by %s", in.Name, in.Aliases, in.Scope, in.Until, in.Provenance.UpdatedBy)
	}
	for d, want := range map[int]string{
		1: "none",
		2: "Tokhar strike [] STRIKE until <nil>, updated by seed",
		4: "Strikes on Tokhar [Tokhar] STRIKE until &{2016-07-20 DAY  }, updated by key:editor",
		6: "Strikes on Tokhar [Tokhar] SERIES until &{2016-07-20 DAY  }, updated by key:editor",
	} {
		if got := show(db.IncidentAsOf(now, revs, time.Date(2024, 3, d, 0, 0, 0, 0, time.UTC))); got != want {
			t.Errorf("as of the %d:\n got %s\nwant %s", d, got, want)
		}
	}
}
