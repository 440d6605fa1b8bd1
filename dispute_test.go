package strikegraph

import (
	"fmt"
	"slices"
	"testing"
	"time"
)

// TestDisputed checks the belligerent's side, the monitors', the ratio and
// the gap, claim kind by claim kind.
func TestDisputed(t *testing.T) {
	n := func(v int) *int { return &v }
	reported := func(id, source string, low, high *int, places ...string) *Claim {
		return &Claim{ID: id, Stance: StanceReported, SpeakerID: source, PlaceIDs: places,
			Figures: Figures{CiviliansKilled: &Figure{Min: low, Max: high, Text: "t"}}}
	}
	killed := func(id, source string, v int) *Claim {
		return &Claim{ID: id, Stance: StanceReported, SpeakerID: source, Figures: Figures{Killed: &Figure{Min: &v, Max: &v, Text: "t"}}}
	}
	denied := func(id, source string, d Denial) *Claim {
		return &Claim{ID: id, Stance: StanceDenied, SpeakerID: source, Denies: d}
	}
	spokesman := &Claim{ID: "spokesman-admits", Stance: StanceReported, SpeakerID: "person:spokesman", OnBehalfOfID: "coalition",
		Figures: Figures{CiviliansKilled: &Figure{Min: n(24), Max: n(24), Text: "24"}}}
	retracted := reported("monitor-retracted", "sohr", n(1), nil)
	retracted.Retracted = &Retraction{At: time.Now()}
	o := DisputeOptions{
		Kinds: map[string]ActorKind{"coalition": ActorArmedGroup, "command": ActorArmedGroup, "isis": ActorArmedGroup,
			"sohr": ActorMonitor, "airwars": ActorMonitor, "sana": ActorOutlet, "person:spokesman": ActorSpokesperson},
		Targets: []string{"isis"},
		Parts:   []string{"town-a", "town-b"},
	}
	for _, c := range []struct {
		name   string
		claims []*Claim
		want   string // belligerent low-high / monitors low-high ratio gap, or nil
	}{
		{"an admission a fraction of the monitors' count, nobody denying",
			[]*Claim{spokesman, reported("sohr-73", "sohr", n(73), nil), reported("airwars", "airwars", n(90), n(200))},
			"24-24 [spokesman-admits] / 73-200 [sohr-73 airwars] 3.0417 49"},
		{"a denial of harm is 0, and divides as 1",
			[]*Claim{denied("no-harm", "command", DeniesCivilianHarm), killed("sohr-43", "sohr", 43)},
			"0-0 [no-harm] / 43-43 [sohr-43] 43.0000 43"},
		{"other denials give no figure",
			[]*Claim{denied("not-credible", "coalition", DeniesCredibility), denied("target", "coalition", DeniesTarget), reported("sohr", "sohr", n(10), n(10))},
			"nil"},
		{"no monitor: outlets and the target's figures are no side",
			[]*Claim{spokesman, reported("sana", "sana", n(60), nil), reported("isis", "isis", n(300), nil)},
			"nil"},
		{"the target's figures are not the belligerent's",
			[]*Claim{reported("isis", "isis", n(300), nil), reported("sohr", "sohr", n(30), nil)},
			"nil"},
		{"the belligerent concedes more: ratio under 1, gap negative",
			[]*Claim{reported("coalition", "coalition", n(20), n(30)), reported("sohr", "sohr", n(12), n(15))},
			"20-30 [coalition] / 12-15 [sohr] 0.4000 -18"},
		{"a figure for part of the places does not count; one for every part does",
			[]*Claim{reported("coalition-a", "coalition", n(2), nil, "town-a"), reported("coalition-ab", "coalition", n(5), nil, "town-a", "town-b"),
				reported("sohr-b", "sohr", n(3), nil, "town-b"), reported("sohr", "sohr", n(40), nil, "elsewhere")},
			"5-5 [coalition-ab] / 40-40 [sohr] 8.0000 35"},
		{"a retracted claim does not count",
			[]*Claim{retracted, reported("coalition", "coalition", n(4), nil), reported("sohr", "sohr", n(8), nil)},
			"4-4 [coalition] / 8-8 [sohr] 2.0000 4"},
		{"a monitor's denial is no monitor figure",
			[]*Claim{reported("coalition", "coalition", n(4), nil), denied("sohr-denies", "sohr", DeniesCivilianHarm)},
			"nil"},
	} {
		got := "nil"
		if d := Disputed(c.claims, o); d != nil {
			got = fmt.Sprintf("%d-%d %v / %d-%d %v %.4f %d", d.Belligerent.Lowest, d.Belligerent.Highest, d.Belligerent.ClaimIDs,
				d.Monitors.Lowest, d.Monitors.Highest, d.Monitors.ClaimIDs, d.Ratio, d.Gap)
		}
		if got != c.want {
			t.Errorf("%s: got %s, want %s", c.name, got, c.want)
		}
	}
}

// TestContestedOn checks that the denials are listed each once, in order,
// and only for a contested incident.
func TestContestedOn(t *testing.T) {
	harm := &Claim{Stance: StanceReported, Figures: Figures{ChildrenKilled: &Figure{Min: new(int), Text: "t"}}}
	deny := func(d Denial) *Claim { return &Claim{Stance: StanceDenied, Denies: d} }
	withdrawn := deny(DeniesCivilianHarm)
	withdrawn.Retracted = &Retraction{At: time.Now()}
	for _, c := range []struct {
		claims []*Claim
		want   []Denial
	}{
		{[]*Claim{harm, deny(DeniesTarget)}, []Denial{DeniesTarget}},
		{[]*Claim{deny(DeniesResponsibility), harm, deny(DeniesCredibility), deny(DeniesCredibility), withdrawn},
			[]Denial{DeniesCredibility, DeniesResponsibility}},
		{[]*Claim{deny(DeniesTarget)}, []Denial{}}, // nothing reported: not contested
		{[]*Claim{harm, withdrawn}, []Denial{}},    // the only denial withdrawn
		{[]*Claim{harm}, []Denial{}},               // nobody denied
	} {
		got := ContestedOn(c.claims)
		if !slices.Equal(got, c.want) || got == nil || (len(got) > 0) != Contested(c.claims) {
			t.Errorf("ContestedOn = %v, want %v, as contested says", got, c.want)
		}
	}
}
