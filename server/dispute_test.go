package server_test

import (
	"fmt"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/strikegraph/strikegraph"
	"github.com/strikegraph/strikegraph/corpus"
	"github.com/strikegraph/strikegraph/internal/graphtest"
	"github.com/strikegraph/strikegraph/server"
)

// disputedIncident is an incident's contested and disputed fields, worked
// out in Go from its claims (strikegraph.Disputed, ContestedOn).
type disputedIncident struct {
	ID          string
	Contested   bool
	ContestedOn []string
	Disputed    *struct {
		Belligerent, Monitors struct {
			Lowest, Highest int
			ClaimIds        []string
		}
		Ratio float64
		Gap   int
	}
}

const disputedFields = `id contested contestedOn disputed { belligerent { lowest highest claimIds } monitors { lowest highest claimIds } ratio gap }`

// TestDisputeOnSeedCorpus checks which seed incidents are disputed and what
// their denials contest, then the filter and the sort against the field.
func TestDisputeOnSeedCorpus(t *testing.T) {
	g := graphtest.Seeded(t)
	srv := httptest.NewServer(server.Handler(g, graphtest.Logger(t), server.Options{}))
	defer srv.Close()
	all := allDisputed(t, srv.URL)
	byID := map[string]disputedIncident{}
	for _, in := range all {
		byID[in.ID] = in
	}
	// Only Abu al-Hassan: the coalition's "no civilian casualties" (0)
	// against SOHR's 43 killed. Al-Bab's CENTCOM only calls SNHR's 51 not
	// credible, which gives no figure; the coalition concedes none anywhere.
	for _, in := range all {
		if in.Disputed != nil && in.ID != "incident:2018-11-17-abu-al-hassan" {
			t.Errorf("%s disputed: %+v", in.ID, *in.Disputed)
		}
	}
	d := byID["incident:2018-11-17-abu-al-hassan"].Disputed
	if d == nil || d.Belligerent.Lowest != 0 || d.Belligerent.Highest != 0 ||
		!slices.Equal(d.Belligerent.ClaimIds, []string{"claim:002-coalition-no-civilian-casualties"}) ||
		d.Monitors.Lowest != 43 || d.Monitors.Highest != 43 || !slices.Equal(d.Monitors.ClaimIds, []string{"claim:002-sohr-43"}) ||
		d.Ratio != 43 || d.Gap != 43 {
		t.Errorf("Abu al-Hassan: %+v, want the coalition's 0 against SOHR's 43, ratio 43", d)
	}
	// What was denied: the coalition's "unsubstantiated" and "inflated"
	// on al-Shafa, Gamsha and Hajin, its "no civilian casualties" on Abu
	// al-Hassan, CENTCOM's "not credible" on al-Bab. No seed denial is of
	// the target alone.
	want := map[string][]string{
		"incident:001-hajin-gamsha-al-shafa": {"CREDIBILITY"},
		"incident:2018-11-17-abu-al-hassan":  {"CIVILIAN_HARM"},
		"incident:003-al-bab-is-prison":      {"CREDIBILITY"},
	}
	for _, in := range all {
		if w := want[in.ID]; !slices.Equal(in.ContestedOn, w) || in.Contested != (w != nil) {
			t.Errorf("%s: contested %v on %v, want on %v", in.ID, in.Contested, in.ContestedOn, w)
		}
	}
	checkDisputed(t, srv.URL, all)
}

// TestDisputeOnGeneratedCorpus checks the filter and the sort against the
// field on generated incidents with planted figures: the perpetrator's
// admissions, the target's own counts, and figures for one of two towns.
func TestDisputeOnGeneratedCorpus(t *testing.T) {
	g := graphtest.Open(t)
	var monitor string // from the gazetteer, the first document
	for doc := range corpus.Documents(corpus.Config{Seed: 1, Incidents: 2000}) {
		for _, a := range doc.Actors {
			if a.Kind == strikegraph.ActorMonitor && monitor == "" {
				monitor = a.ID
			}
		}
		plantFigures(&doc, monitor)
		if err := g.LoadDocument(t.Context(), &doc); err != nil {
			t.Fatalf("%s: %v", doc.Source, err)
		}
	}
	srv := httptest.NewServer(server.Handler(g, graphtest.Logger(t), server.Options{}))
	defer srv.Close()
	all := allDisputed(t, srv.URL)
	var disputed, admitted, onTarget int
	for _, in := range all {
		if slices.Equal(in.ContestedOn, []string{"TARGET"}) {
			onTarget++
		}
		if in.Disputed == nil {
			continue
		}
		disputed++
		if in.Disputed.Belligerent.Highest > 0 {
			admitted++
		}
		// Never counted: a figure for one of two towns, the target's own.
		for _, id := range slices.Concat(in.Disputed.Belligerent.ClaimIds, in.Disputed.Monitors.ClaimIds) {
			if strings.HasSuffix(id, "-first-town") || strings.HasSuffix(id, "-target-counts") {
				t.Errorf("%s: %s counted", in.ID, id)
			}
		}
	}
	t.Logf("%d incidents, %d disputed, %d on an admission, %d contested on the target only", len(all), disputed, admitted, onTarget)
	if disputed < 50 || admitted < 20 || onTarget == 0 {
		t.Fatalf("too few to test: %d disputed, %d on an admission, %d contested on the target only", disputed, admitted, onTarget)
	}
	checkDisputed(t, srv.URL, all)
	// Unanchored, the filter works out every incident's dispute.
	for range 3 {
		start := time.Now()
		var out struct{ IncidentsConnection struct{ TotalCount int } }
		mustQuery(t, srv.URL, `{ incidentsConnection(where: {disputed_GTE: 1}) { totalCount } }`, nil, &out)
		t.Logf("disputed_GTE 1 over %d incidents: %d, in %v", len(all), out.IncidentsConnection.TotalCount, time.Since(start))
	}
}

// plantFigures adds to some incidents of doc what the generator never
// writes: the perpetrator's REPORTED figure (an admission, 0 to 6), the
// target's own count (500: no admission), and a second town with monitor's
// figure of 1 and the perpetrator's of 1000 for the first town only, which
// count for neither side. Each copies an existing claim of the incident for
// its article and quote.
func plantFigures(doc *strikegraph.Document, monitor string) {
	// Each incident's perpetrator, target and town, and the towns of doc.
	ends := map[string]map[strikegraph.RelationType]string{}
	var towns []string
	for _, r := range doc.Relations {
		incident, other := r.From, r.To
		if r.Type == strikegraph.RelCarriedOut {
			incident, other = r.To, r.From
		}
		if ends[incident] == nil {
			ends[incident] = map[strikegraph.RelationType]string{}
		}
		ends[incident][r.Type] = other
		if r.Type == strikegraph.RelLocatedIn && !slices.Contains(towns, r.To) {
			towns = append(towns, r.To)
		}
	}
	located := map[string]strikegraph.Relation{}
	for _, r := range doc.Relations {
		if r.Type == strikegraph.RelLocatedIn {
			located[r.From] = r
		}
	}
	firstClaim := map[string]strikegraph.Claim{}
	for _, c := range doc.Claims {
		if _, ok := firstClaim[c.IncidentID]; !ok {
			firstClaim[c.IncidentID] = c
		}
	}
	figure := func(v int) *strikegraph.Figure {
		return &strikegraph.Figure{Min: &v, Max: &v, Text: fmt.Sprint(v, " civilians")}
	}
	add := func(like strikegraph.Claim, suffix, speaker string, v int, places ...string) {
		c := strikegraph.Claim{ID: like.ID + suffix, Stance: strikegraph.StanceReported, SpeakerID: speaker, IncidentID: like.IncidentID,
			ArticleID: like.ArticleID, Quote: like.Quote, StatedOn: like.StatedOn, PlaceIDs: places,
			Figures: strikegraph.Figures{CiviliansKilled: figure(v)}}
		doc.Claims = append(doc.Claims, c)
	}
	for i, in := range doc.Incidents {
		like, ok := firstClaim[in.ID]
		perp, target := ends[in.ID][strikegraph.RelCarriedOut], ends[in.ID][strikegraph.RelTargeted]
		if !ok || perp == "" || target == "" {
			continue
		}
		if i%3 == 0 {
			add(like, "-admits", perp, i%7)
		}
		if i%5 == 0 {
			add(like, "-target-counts", target, 500)
		}
		if r, ok := located[in.ID]; ok && i%4 == 0 && monitor != "" && len(towns) > 1 {
			other := r
			other.To = towns[(slices.Index(towns, r.To)+1)%len(towns)]
			doc.Relations = append(doc.Relations, other)
			add(like, "-monitor-first-town", monitor, 1, r.To)
			add(like, "-perpetrator-first-town", perp, 1000, r.To)
		}
	}
}

// allDisputed reads every incident's contested and disputed fields.
func allDisputed(t *testing.T, url string) []disputedIncident {
	t.Helper()
	var all []disputedIncident
	for offset := 0; ; offset += 500 {
		var out struct{ Incidents []disputedIncident }
		mustQuery(t, url, `query($offset: Int) { incidents(limit: 500, offset: $offset) { `+disputedFields+` } }`,
			map[string]any{"offset": offset}, &out)
		all = append(all, out.Incidents...)
		if len(out.Incidents) < 500 {
			return all
		}
	}
}

// checkDisputed compares the Cypher filter disputed_GTE and the sort by
// disputed with the ratios all says, worked out in Go: at thresholds that
// are ratios themselves, so that the two must agree to the last bit.
func checkDisputed(t *testing.T, url string, all []disputedIncident) {
	t.Helper()
	var ratios []float64
	for _, in := range all {
		if in.Disputed != nil && !slices.Contains(ratios, in.Disputed.Ratio) {
			ratios = append(ratios, in.Disputed.Ratio)
		}
	}
	slices.Sort(ratios)
	thresholds := []float64{0}
	if n := len(ratios); n > 0 {
		thresholds = append(thresholds, ratios[0], ratios[n/3], ratios[n/2], ratios[n-1], ratios[n-1]+0.001)
	}
	for _, x := range thresholds {
		var want []string
		for _, in := range all {
			if in.Disputed != nil && in.Disputed.Ratio >= x {
				want = append(want, in.ID)
			}
		}
		var got []string
		for offset := 0; ; offset += 500 {
			var out struct{ Incidents []struct{ ID string } }
			mustQuery(t, url, `query($x: Float, $offset: Int) { incidents(where: {disputed_GTE: $x}, limit: 500, offset: $offset) { id } }`,
				map[string]any{"x": x, "offset": offset}, &out)
			for _, in := range out.Incidents {
				got = append(got, in.ID)
			}
			if len(out.Incidents) < 500 {
				break
			}
		}
		slices.Sort(want)
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Errorf("disputed_GTE %v: %d incidents, want %d", x, len(got), len(want))
		}
	}
	ratio := map[string]*float64{}
	for _, in := range all {
		if in.Disputed != nil {
			ratio[in.ID] = &in.Disputed.Ratio
		}
	}
	for _, dir := range []string{"DESC", "ASC"} {
		var out struct{ Incidents []struct{ ID string } }
		mustQuery(t, url, `query($sort: [IncidentSort!]) { incidents(sort: $sort, limit: 500) { id } }`,
			map[string]any{"sort": []any{map[string]any{"disputed": dir}}}, &out)
		n := min(len(all), 500)
		if len(out.Incidents) != n {
			t.Fatalf("sort %s: %d incidents, want %d", dir, len(out.Incidents), n)
		}
		for i := 1; i < n; i++ {
			a, b := ratio[out.Incidents[i-1].ID], ratio[out.Incidents[i].ID]
			switch {
			case a == nil && b != nil:
				t.Fatalf("sort %s: undisputed %s before disputed %s", dir, out.Incidents[i-1].ID, out.Incidents[i].ID)
			case a != nil && b != nil && (dir == "DESC" && *a < *b || dir == "ASC" && *a > *b):
				t.Fatalf("sort %s: %s (%v) before %s (%v)", dir, out.Incidents[i-1].ID, *a, out.Incidents[i].ID, *b)
			}
		}
	}
}
