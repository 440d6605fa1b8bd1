package strikegraph

import (
	"fmt"
	"testing"
	"time"
)

// TestTollOverTime replays a council's count rising over four days, an
// undated repeat, a retraction and the belligerent's later admission,
// recorded on the days given, and reads the civilian toll as each day knew
// it, with every figure and with each source's latest.
func TestTollOverTime(t *testing.T) {
	day := func(s string) time.Time { t, _ := time.Parse(time.DateOnly, s); return t.Add(12 * time.Hour) }
	claim := func(speaker string, n int, stated, recorded string) *Claim {
		c := &Claim{Stance: StanceReported, SpeakerID: speaker, Figures: Figures{CiviliansKilled: &Figure{Min: &n, Max: &n}},
			StatedOn: Date{Value: stated, Precision: DateDay}, Provenance: Provenance{CreatedAt: day(recorded)}}
		if stated == "" {
			c.StatedOn = Date{Precision: DateUnknown}
		}
		return c
	}
	claims := []*Claim{
		claim("council", 21, "2016-07-20", "2016-07-20"),
		claim("council", 8, "2016-07-19", "2016-07-20"), // recorded late
		claim("council", 56, "2016-07-22", "2016-07-22"),
		claim("council", 73, "2016-07-25", "2016-07-25"),
		claim("council", 90, "", "2016-07-26"), // undated: never the latest of dated ones
		claim("coalition", 24, "2017-04-30", "2017-05-01"),
		claim("council", 100, "2016-07-27", "2016-07-27"),
	}
	claims[6].Retracted = &Retraction{At: day("2016-07-28")}
	show := func(r TollRange) string {
		if r.Lowest == nil {
			return fmt.Sprintf("none (%d reports)", r.Reports)
		}
		return fmt.Sprintf("%d-%d (%d reports, %d sources)", *r.Lowest, *r.Highest, r.Reports, r.Reporters)
	}
	for _, c := range []struct {
		asOf        string
		all, latest string
	}{
		{"2016-07-19", "none (0 reports)", "none (0 reports)"},
		{"2016-07-20", "8-21 (2 reports, 1 sources)", "21-21 (1 reports, 1 sources)"},
		{"2016-07-23", "8-56 (3 reports, 1 sources)", "56-56 (1 reports, 1 sources)"},
		{"2016-07-27", "8-100 (6 reports, 1 sources)", "100-100 (1 reports, 1 sources)"},
		// Retracted on the 28th: the 100 no longer counts.
		{"2016-07-28", "8-90 (5 reports, 1 sources)", "73-73 (1 reports, 1 sources)"},
		{"2017-05-01", "8-90 (6 reports, 2 sources)", "24-73 (2 reports, 2 sources)"},
		{"", "8-90 (6 reports, 2 sources)", "24-73 (2 reports, 2 sources)"},
	} {
		o := TollOptions{}
		if c.asOf != "" {
			end := day(c.asOf).Add(12 * time.Hour) // the end of the day
			o.AsOf = &end
		}
		if got := show(CivilianToll(claims, o)); got != c.all {
			t.Errorf("as of %q: %s, want %s", c.asOf, got, c.all)
		}
		o.Latest = true
		if got := show(CivilianToll(claims, o)); got != c.latest {
			t.Errorf("latest, as of %q: %s, want %s", c.asOf, got, c.latest)
		}
	}
}

// TestTollByPlace checks the place-aware rule on made-up claims about a
// SERIES in three towns: figures for some towns only are shown per town and
// kept out of the range, one source's figures for every town apart are
// summed, and nothing else is.
func TestTollByPlace(t *testing.T) {
	a, b, c := &Place{ID: "p:a", Name: "Alpha"}, &Place{ID: "p:b", Name: "beta"}, &Place{ID: "p:c", Name: "Gamma"}
	n := func(v int) *int { return &v }
	claim := func(id, speaker string, lo, hi *int, places ...string) *Claim {
		return &Claim{ID: id, Stance: StanceReported, SpeakerID: speaker, PlaceIDs: places,
			Figures: Figures{CiviliansKilled: &Figure{Min: lo, Max: hi}}, StatedOn: Date{Precision: DateUnknown}}
	}
	dated := func(c *Claim) *Claim { c.StatedOn = Date{Value: "2018-11-20", Precision: DateDay}; return c } // later than undated
	show := func(r TollRange) string {
		s := "none"
		if r.Lowest != nil {
			s = fmt.Sprintf("%d-%d", *r.Lowest, *r.Highest)
		}
		s += fmt.Sprintf(" (%d/%d)", r.Reports, r.Reporters)
		for _, p := range r.Parts {
			s += fmt.Sprintf(" %v=%d-%d", p.PlaceIDs, *p.Lowest, *p.Highest)
		}
		for _, d := range r.Derived {
			s += fmt.Sprintf(" %s:%d-%d%v", d.SourceID, d.Lowest, d.Highest, d.ClaimIDs)
		}
		return s
	}
	for _, tc := range []struct {
		name   string
		parts  []*Place
		claims []*Claim
		latest bool
		want   string
	}{
		{"a figure for one town is not the floor", []*Place{a, b, c},
			[]*Claim{claim("1", "s", n(15), n(15), "p:a"), claim("2", "w", n(30), n(60))},
			false, "30-60 (2/2) [p:a]=15-15"},
		{"one source's disjoint parts covering every town are summed", []*Place{c, b, a}, // any order: parts go by name
			[]*Claim{claim("1", "s", n(15), n(15), "p:a"), claim("2", "s", n(20), nil, "p:c", "p:b"), claim("3", "w", n(30), n(60))},
			false, "30-60 (3/2) [p:a]=15-15 [p:b p:c]=20-20 s:35-35[1 2]"},
		{"a part missing: no sum", []*Place{a, b, c},
			[]*Claim{claim("1", "s", n(15), n(15), "p:a"), claim("2", "s", n(20), nil, "p:b")},
			false, "none (2/1) [p:a]=15-15 [p:b]=20-20"},
		{"parts of two sources are not summed", []*Place{a, b},
			[]*Claim{claim("1", "s", n(15), n(15), "p:a"), claim("2", "u", n(20), nil, "p:b")},
			false, "none (2/2) [p:a]=15-15 [p:b]=20-20"},
		{"a part counted twice: no sum", []*Place{a, b},
			[]*Claim{claim("1", "s", n(15), n(15), "p:a"), claim("2", "s", n(18), n(18), "p:a"), claim("3", "s", n(20), nil, "p:b")},
			false, "none (3/1) [p:a]=15-18 [p:b]=20-20"},
		{"latest keeps one figure per town, then sums", []*Place{a, b},
			[]*Claim{claim("1", "s", n(15), n(15), "p:a"), dated(claim("2", "s", n(18), n(18), "p:a")), claim("3", "s", n(20), nil, "p:b")},
			true, "38-38 (2/1) [p:a]=18-18 [p:b]=20-20 s:38-38[2 3]"},
		{"latest prefers a source's own whole figure to its sum", []*Place{a, b},
			[]*Claim{claim("1", "s", n(15), n(15), "p:a"), claim("2", "s", n(20), nil, "p:b"), claim("3", "s", n(40), nil)},
			true, "40-40 (3/1) [p:a]=15-15 [p:b]=20-20"},
		{"every town named is the whole", []*Place{a, b},
			[]*Claim{claim("1", "s", n(15), n(15), "p:a", "p:b")},
			false, "15-15 (1/1)"},
		{"a place that is not a part locates the whole elsewhere", []*Place{a, b},
			[]*Claim{claim("1", "s", n(40), n(40), "p:elsewhere")},
			false, "40-40 (1/1)"},
		{"one part: every figure is for the whole", []*Place{a},
			[]*Claim{claim("1", "s", n(43), nil, "p:a"), claim("2", "u", n(40), n(40))},
			false, "40-43 (2/2)"},
	} {
		got := CivilianToll(tc.claims, TollOptions{Parts: tc.parts, Latest: tc.latest})
		if s := show(got); s != tc.want {
			t.Errorf("%s: %s, want %s", tc.name, s, tc.want)
		}
		if got.Derivation == "" {
			t.Errorf("%s: no derivation", tc.name)
		}
	}
}

// TestTollSources checks the ranges by kind of source: monitors only, and
// without any armed group or what its spokespeople said for it.
func TestTollSources(t *testing.T) {
	n := func(v int) *int { return &v }
	claim := func(speaker, onBehalfOf string, low int) *Claim {
		return &Claim{Stance: StanceReported, SpeakerID: speaker, OnBehalfOfID: onBehalfOf,
			Figures: Figures{CiviliansKilled: &Figure{Min: n(low)}}, StatedOn: Date{Precision: DateUnknown}}
	}
	claims := []*Claim{
		claim("monitor:sohr", "", 43),
		claim("person:abdurrahman", "monitor:sohr", 45), // counts for SOHR
		claim("outlet:sana", "", 40),
		claim("group:coalition", "", 3),              // the belligerent's admission
		claim("person:spokesman", "group:isis", 100), // a party's spokesman
	}
	kinds := map[string]ActorKind{"monitor:sohr": ActorMonitor, "outlet:sana": ActorOutlet,
		"group:coalition": ActorArmedGroup, "group:isis": ActorArmedGroup}
	for _, c := range []struct {
		sources TollSources
		want    string
	}{
		{SourcesAll, "3-100 from 5 reports by 4 sources"},
		{SourcesMonitors, "43-45 from 2 reports by 1 sources"},
		{SourcesNonParties, "40-45 from 3 reports by 2 sources"},
	} {
		r := CivilianToll(claims, TollOptions{Sources: c.sources, Kinds: kinds})
		if got := fmt.Sprintf("%d-%d from %d reports by %d sources", *r.Lowest, *r.Highest, r.Reports, r.Reporters); got != c.want {
			t.Errorf("%s: %s, want %s", c.sources, got, c.want)
		}
	}
	// Each source once, its latest: SOHR's two undated figures are one.
	r := CivilianToll(claims, TollOptions{Sources: SourcesMonitors, Kinds: kinds, Latest: true})
	if r.Reports != 1 || r.Reporters != 1 {
		t.Errorf("monitors, latest: %d reports by %d sources, want 1 by 1", r.Reports, r.Reporters)
	}
}
