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
