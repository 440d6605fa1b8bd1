package strikegraph

import (
	"fmt"
	"testing"
	"time"
)

// TestClaimAsOf undoes a claim's revisions to read it as the graph held it
// on each day: recorded on the 1st with 12 and no note, corrected on the
// 3rd to 16, given a note and a second figure on the 5th, retracted on the
// 7th.
func TestClaimAsOf(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2024, 3, d, 12, 0, 0, 0, time.UTC) }
	sixteen, two := 16, 2
	now := &Claim{ID: "claim:x", Stance: StanceReported, SpeakerID: "monitor:m", IncidentID: "incident:i", Quote: "16 civilians",
		Note: "recount", StatedOn: Date{Value: "2024-03-02", Precision: DateDay},
		Figures: Figures{
			CiviliansKilled: &Figure{Min: &sixteen, Max: &sixteen, Text: "16 civilians"},
			ChildrenKilled:  &Figure{Min: &two, Text: "two children"},
		},
		Retracted:  &Retraction{By: "key:editor", At: day(7), Reason: "withdrawn"},
		Provenance: Provenance{CreatedBy: "cli:importer", CreatedAt: day(1), UpdatedBy: "key:editor", UpdatedAt: day(5)},
	}
	revs := []*Revision{ // in no particular order
		{Of: "claim:x", Action: RevisionUpdate, By: "key:editor", At: day(3),
			Fields:  []string{"civiliansKilledMin", "civiliansKilledMax", "civiliansKilledText", "statedOnValue"},
			Earlier: JSON{"civiliansKilledMin": int64(12), "civiliansKilledMax": 12.0, "civiliansKilledText": "12 civilians", "statedOnValue": "2024-03-01"}},
		{Of: "claim:x", Action: RevisionRetract, By: "key:editor", At: day(7), Fields: []string{"retractedAt", "retractedBy", "retractionReason"}, Earlier: JSON{}},
		{Of: "claim:x", Action: RevisionUpdate, By: "key:editor", At: day(5),
			Fields:  []string{"note", "childrenKilledText", "childrenKilledMin", "childrenKilledApproximate"},
			Earlier: JSON{"note": ""}},
	}
	show := func(c *Claim) string {
		if c == nil {
			return "none"
		}
		fig := func(f *Figure) string {
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
		if got := show(ClaimAsOf(now, revs, at)); got != want {
			t.Errorf("as of the %d:\n got %s\nwant %s", d, got, want)
		}
	}
	// The claim as it stands is left as it was.
	if got := show(now); got != `16 civilians 16..16 | two children 2 | note "recount" | stated 2024-03-02 | retracted true | updated 2024-03-05 by key:editor` {
		t.Errorf("changed: %s", got)
	}

	// A claim moved onto the kept incident of a merge was about the merged one before it.
	moved := &Claim{ID: "claim:y", IncidentID: "incident:kept", Provenance: Provenance{CreatedAt: day(1)}}
	merge := []*Revision{{Of: "claim:y", Action: RevisionMerge, At: day(4), Fields: []string{"incident"}, Earlier: JSON{"incident": "incident:merged"}}}
	if got := ClaimAsOf(moved, merge, day(3)).IncidentID; got != "incident:merged" {
		t.Errorf("before the merge: about %s", got)
	}
}

func TestAsOfTime(t *testing.T) {
	for in, want := range map[string]string{"2024-03-05": "2024-03-06", "2024-02": "2024-03-01", "2023": "2024-01-01"} {
		if got, err := AsOfTime("asOf", in); err != nil || got.Format(time.DateOnly) != want {
			t.Errorf("%s: %v %v, want %s", in, got, err, want)
		}
	}
	if _, err := AsOfTime("asOf", "yesterday"); ErrorCode(err) != ECodeInvalid {
		t.Errorf("yesterday: %v", err)
	}
}

// TestIncidentAsOf undoes an incident's revisions: renamed and given an end
// on the 3rd, its scope changed on the 5th.
func TestIncidentAsOf(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2024, 3, d, 12, 0, 0, 0, time.UTC) }
	now := &Incident{ID: "incident:x", Name: "Strikes on Tokhar", Aliases: []string{"Tokhar"}, Scope: ScopeSeries,
		Date:       Date{Value: "2016-07-19", Precision: DateDay},
		Until:      &Date{Value: "2016-07-20", Precision: DateDay},
		Provenance: Provenance{CreatedBy: "seed", CreatedAt: day(1), UpdatedBy: "key:editor", UpdatedAt: day(5)}}
	revs := []*Revision{
		{Action: RevisionUpdate, By: "key:editor", At: day(5), Fields: []string{"scope"}, Earlier: JSON{"scope": "STRIKE"}},
		{Action: RevisionUpdate, By: "key:editor", At: day(3), Fields: []string{"name", "aliases", "untilValue", "untilPrecision", "untilText", "untilNote"},
			Earlier: JSON{"name": "Tokhar strike", "aliases": []any{}}},
	}
	show := func(in *Incident) string {
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
		if got := show(IncidentAsOf(now, revs, time.Date(2024, 3, d, 0, 0, 0, 0, time.UTC))); got != want {
			t.Errorf("as of the %d:\n got %s\nwant %s", d, got, want)
		}
	}
}
