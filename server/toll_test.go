package server_test

import (
	"fmt"
	"net/http/httptest"
	"testing"

	"github.com/strikegraph/strikegraph"
	"github.com/strikegraph/strikegraph/internal/graphtest"
	"github.com/strikegraph/strikegraph/server"
)

// TestTollSources reads an incident's toll over every source, over monitors
// only and without the parties to the conflict, against the real Neo4j
// holding the seed corpus and one made-up admission by the belligerent.
func TestTollSources(t *testing.T) {
	g := graphtest.Seeded(t)
	const quote = "The coalition said three civilians were killed."
	three := 3
	admission := &strikegraph.Document{
		Articles: []strikegraph.Article{{ID: "article:test-admission", Text: quote, Published: strikegraph.Date{Precision: strikegraph.DateUnknown}}},
		Claims: []strikegraph.Claim{{ID: "claim:test-coalition-3", Stance: strikegraph.StanceReported, SpeakerID: "group:us-led-coalition",
			IncidentID: "incident:2018-11-17-abu-al-hassan", ArticleID: "article:test-admission", Quote: quote,
			StatedOn: strikegraph.Date{Precision: strikegraph.DateUnknown},
			Figures:  strikegraph.Figures{CiviliansKilled: &strikegraph.Figure{Min: &three, Max: &three, Text: "three civilians"}}}},
	}
	if err := g.LoadDocument(t.Context(), admission); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(server.Handler(g, graphtest.Logger(t), server.Options{}))
	defer srv.Close()

	type toll struct {
		Lowest, Highest    *int
		Reports, Reporters int
	}
	var out struct {
		Incident struct{ All, Monitors, NonParties, Latest toll }
	}
	const fields = `{ lowest highest reports reporters }`
	mustQuery(t, srv.URL, `{ incident(id: "incident:2018-11-17-abu-al-hassan") {
		all: toll `+fields+` monitors: toll(sources: MONITORS) `+fields+`
		nonParties: toll(sources: NON_PARTIES) `+fields+` latest: toll(sources: NON_PARTIES, latest: true) `+fields+` } }`, nil, &out)
	show := func(t toll) string {
		return fmt.Sprintf("%d-%d from %d reports by %d sources", deref(t.Lowest), deref(t.Highest), t.Reports, t.Reporters)
	}
	// SANA, Aamaq's medical official and CBC say 40; SOHR (its head) at
	// least 43; the coalition, here, 3.
	for name, c := range map[string]struct{ got, want string }{
		"all":                     {show(out.Incident.All), "3-43 from 5 reports by 5 sources"},
		"monitors":                {show(out.Incident.Monitors), "43-43 from 1 reports by 1 sources"},
		"without parties":         {show(out.Incident.NonParties), "40-43 from 4 reports by 4 sources"},
		"without parties, latest": {show(out.Incident.Latest), "40-43 from 4 reports by 4 sources"},
	} {
		if c.got != c.want {
			t.Errorf("%s: %s, want %s", name, c.got, c.want)
		}
	}
}

// TestTotalsFollowTollByPlace checks that the timeline and the belligerent
// totals, summed in Cypher, take each incident's civilian toll by the same
// place-aware rule as civilianToll: on the seed corpus, and on a made-up
// dated strike on two towns that one source counts town by town.
func TestTotalsFollowTollByPlace(t *testing.T) {
	g := graphtest.Seeded(t)
	const text = "Strikes hit Uptown and Downtown. A monitor said 10 died in Uptown and 5 in Downtown. An outlet said 12 died in both."
	n := func(v int) *int { return &v }
	day := strikegraph.Date{Value: "2020-01-05", Precision: strikegraph.DateDay}
	report := func(id, speaker, quote string, low int, places ...string) strikegraph.Claim {
		return strikegraph.Claim{ID: id, Stance: strikegraph.StanceReported, SpeakerID: speaker, IncidentID: "incident:test-two-towns",
			ArticleID: "article:test-two-towns", Quote: quote, StatedOn: day, PlaceIDs: places,
			Figures: strikegraph.Figures{CiviliansKilled: &strikegraph.Figure{Min: n(low), Max: n(low), Text: quote}}}
	}
	doc := &strikegraph.Document{
		Articles: []strikegraph.Article{{ID: "article:test-two-towns", Text: text, Published: day}},
		Places: []strikegraph.Place{{ID: "place:test-uptown", Name: "Uptown", Kind: strikegraph.PlaceTown},
			{ID: "place:test-downtown", Name: "Downtown", Kind: strikegraph.PlaceTown}},
		Incidents: []strikegraph.Incident{{ID: "incident:test-two-towns", Name: "Strikes on two towns", Scope: strikegraph.ScopeSeries, Date: day}},
		Relations: []strikegraph.Relation{
			{Type: strikegraph.RelLocatedIn, From: "incident:test-two-towns", To: "place:test-uptown", Article: "article:test-two-towns", Quote: "Strikes hit Uptown"},
			{Type: strikegraph.RelLocatedIn, From: "incident:test-two-towns", To: "place:test-downtown", Article: "article:test-two-towns", Quote: "Downtown"},
			{Type: strikegraph.RelCarriedOut, From: "group:us-led-coalition", To: "incident:test-two-towns", Article: "article:test-two-towns", Quote: "Strikes hit"},
		},
		Claims: []strikegraph.Claim{
			report("claim:test-monitor-uptown", "monitor:sohr", "10 died in Uptown", 10, "place:test-uptown"),
			report("claim:test-monitor-downtown", "monitor:sohr", "5 in Downtown", 5, "place:test-downtown"),
			report("claim:test-outlet-both", "outlet:cbc", "An outlet said 12 died in both.", 12),
		},
	}
	if err := g.LoadDocument(t.Context(), doc); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(server.Handler(g, graphtest.Logger(t), server.Options{}))
	defer srv.Close()

	type span struct{ Lowest, Highest *int }
	var out struct {
		Incident struct{ CivilianToll span }
		Timeline struct {
			Buckets []struct{ CiviliansLowest, CiviliansHighest int }
		}
		BelligerentTotals []struct {
			Belligerent                       struct{ ID string }
			CiviliansLowest, CiviliansHighest int
		}
		Actor struct {
			CarriedOut []struct {
				Scope        string
				CivilianToll span
			}
		}
	}
	mustQuery(t, srv.URL, `{
		incident(id: "incident:test-two-towns") { civilianToll { lowest highest } }
		timeline(by: MONTH, where: {date_GTE: "2020", date_LTE: "2020"}) { buckets { civiliansLowest civiliansHighest } }
		belligerentTotals(first: 500) { belligerent { id } civiliansLowest civiliansHighest }
		actor(id: "group:us-led-coalition") { carriedOut { scope civilianToll { lowest highest } } }
	}`, nil, &out)
	// The outlet's 12 for both towns; the monitor's 10 + 5 = 15.
	if c := out.Incident.CivilianToll; deref(c.Lowest) != 12 || deref(c.Highest) != 15 {
		t.Errorf("civilianToll %d-%d, want 12-15", deref(c.Lowest), deref(c.Highest))
	}
	if b := out.Timeline.Buckets; len(b) != 1 || b[0].CiviliansLowest != 12 || b[0].CiviliansHighest != 15 {
		t.Errorf("timeline %+v, want one bucket of 12-15", b)
	}
	// The coalition's totals are the sums of its incidents' tolls, PERIOD
	// incidents aside: al-Shafa, Gamsha and Hajin count from 30, not 15.
	var low, high int
	for _, in := range out.Actor.CarriedOut {
		if in.Scope != "PERIOD" && in.CivilianToll.Lowest != nil {
			low, high = low+*in.CivilianToll.Lowest, high+*in.CivilianToll.Highest
		}
	}
	for _, b := range out.BelligerentTotals {
		if b.Belligerent.ID == "group:us-led-coalition" && (b.CiviliansLowest != low || b.CiviliansHighest != high || low == 0) {
			t.Errorf("coalition's totals %d-%d, want the sum of its incidents' tolls %d-%d", b.CiviliansLowest, b.CiviliansHighest, low, high)
		}
	}
}
