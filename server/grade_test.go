package server_test

import (
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

var grades = []string{"CONFIRMED", "FAIR", "WEAK", "CONTESTED", "DISCOUNTED"}

type gradedIncident struct {
	ID             string
	Scope          string
	SuggestedGrade struct {
		Grade   string
		Reasons []string
	}
}

// allGraded reads every incident's suggested grade.
func allGraded(t *testing.T, url string) []gradedIncident {
	t.Helper()
	var all []gradedIncident
	for offset := 0; ; offset += 500 {
		var out struct{ Incidents []gradedIncident }
		mustQuery(t, url, `query($offset: Int) { incidents(limit: 500, offset: $offset) { id scope suggestedGrade { grade reasons } } }`,
			map[string]any{"offset": offset}, &out)
		all = append(all, out.Incidents...)
		if len(out.Incidents) < 500 {
			return all
		}
	}
}

// TestSuggestedGradeOnSeedCorpus checks the seed incidents' grades and
// reasons, that the filter agrees with the field, that a list costs the
// same statements however many incidents it grades, and the summary.
func TestSuggestedGradeOnSeedCorpus(t *testing.T) {
	g := graphtest.Seeded(t)
	srv := httptest.NewServer(server.Handler(g, graphtest.Logger(t), server.Options{}))
	defer srv.Close()
	all := allGraded(t, srv.URL)
	want := map[string]struct{ grade, reason string }{
		// SOHR, CBC, SANA and Aamaq's official report deaths, CBC relaying
		// SOHR and SANA; the coalition said "no civilian casualties".
		"incident:2018-11-17-abu-al-hassan": {"CONTESTED", "3 independent sources: CBC News relays Syrian Observatory for Human Rights, SANA"},
		// SNHR's 51 and McClatchy's relay of it; CENTCOM's "not credible".
		"incident:003-al-bab-is-prison":      {"CONTESTED", "McClatchyDC relays Syrian Network for Human Rights"},
		"incident:001-hajin-gamsha-al-shafa": {"CONTESTED", "denied the reports' credibility (US-led coalition)"},
		// "35 ISIS fighters", no civilian.
		"incident:000-al-hawl-raids": {"DISCOUNTED", "those reported killed were combatants"},
		// The coalition's "mosque used by IS"; nobody reports harm.
		"incident:004-mosque-strike":         {"DISCOUNTED", "no claim reports civilian harm"},
		"incident:004-baghouz-final-push":    {"DISCOUNTED", "no claim reports civilian harm"},
		"incident:000-al-shadadi-bakery":     {"WEAK", "a single independent source; the day is not known"},
		"incident:004-baghouz-civilians":     {"WEAK", "a single independent source; the day is not known"},
		"incident:2018-09-10-hajin-pocket":   {"WEAK", "a period, not one strike"},
		"incident:001-air-war-syria-amnesty": {"WEAK", "place not specific: only in Syria (country)"},
		"incident:000-three-villages":        {"WEAK", "date unknown (\"Thursday\")"},
	}
	counts := map[string]int{}
	for _, in := range all {
		counts[in.SuggestedGrade.Grade]++
		if w, ok := want[in.ID]; ok && (in.SuggestedGrade.Grade != w.grade ||
			!slices.ContainsFunc(in.SuggestedGrade.Reasons, func(r string) bool { return strings.Contains(r, w.reason) })) {
			t.Errorf("%s: %s %q, want %s with %q", in.ID, in.SuggestedGrade.Grade, in.SuggestedGrade.Reasons, w.grade, w.reason)
		}
	}
	// The list reads the date for the grade though no date is selected.
	for _, in := range all {
		if in.ID == "incident:2018-11-17-abu-al-hassan" && !slices.Contains(in.SuggestedGrade.Reasons, "date known to the day (2018-11-17)") {
			t.Errorf("Abu al-Hassan: %q", in.SuggestedGrade.Reasons)
		}
	}
	// No belligerent concedes civilian harm in the seed, and none is
	// reported by two independent sources without a denial.
	if counts["CONFIRMED"] != 0 || counts["FAIR"] != 0 || len(all) != 15 {
		t.Errorf("%d incidents, grades %v", len(all), counts)
	}
	checkGradeFilter(t, srv.URL, all)
	// Lists that do not grade say so, by the field.
	for _, q := range []string{
		`{ actor(id: "group:us-led-coalition") { carriedOut(where: {suggestedGrade_IN: [WEAK]}) { id } } }`,
		`{ timeline(by: MONTH, where: {suggestedGrade_IN: [WEAK]}) { periods } }`,
	} {
		errs := query(t, srv.URL, q, nil, nil)
		if len(errs) != 1 || errs[0].Extensions["code"] != strikegraph.ECodeInvalid || errs[0].Extensions["field"] != "where.suggestedGrade_IN" {
			t.Errorf("%s: %+v", q, errs)
		}
	}

	// A list of every incident and one of two cost the same statements.
	const q = `query($limit: Int) { incidents(limit: $limit) { suggestedGrade { grade } summary } }`
	two := statements(t, g, srv.URL, q, map[string]any{"limit": 2}, nil)
	every := statements(t, g, srv.URL, q, map[string]any{"limit": 100}, nil)
	if two != every {
		t.Errorf("statements: %d for 2 incidents, %d for 15", two, every)
	}
	t.Logf("%d statements for a list's grades and summaries", every)

	var one struct{ Incident struct{ Summary string } }
	mustQuery(t, srv.URL, `{ incident(id: "incident:2018-11-17-abu-al-hassan") { summary } }`, nil, &one)
	for _, fact := range []string{
		"Coalition airstrikes on homes in Abu al-Hassan near Hajin (incident:2018-11-17-abu-al-hassan)",
		`Date: 2018-11-17 (day), "early Saturday"`,
		"Places: in Abu al-Hassan, in Hajin pocket, near Hajin",
		"Carried out by: US-led coalition; targeted: Islamic State",
		"Deaths (civilians, or status not stated): all sources 40–43 (4 reports, 4 sources, 3 independent); monitors only 43",
		"Disputed: the belligerent's side 0–0 against the monitors' 43–43 (ratio 43, gap 43)",
		"- US-led coalition (armed group):",
		"denied civilian harm",
		`killed "at least 43 people"`,
		"[claim:002-sohr-43]",
		"Suggested grade: CONTESTED",
		"- the belligerent's side denied civilian harm (US-led coalition)",
	} {
		if !strings.Contains(one.Incident.Summary, fact) {
			t.Errorf("summary lacks %q:\n%s", fact, one.Incident.Summary)
		}
	}
}

// checkGradeFilter compares suggestedGrade_IN with the field: each grade
// alone, two together, under a NOT and an OR, with another condition, and
// the connection's count.
func checkGradeFilter(t *testing.T, url string, all []gradedIncident) {
	t.Helper()
	ids := func(keep func(gradedIncident) bool) []string {
		out := []string{}
		for _, in := range all {
			if keep(in) {
				out = append(out, in.ID)
			}
		}
		slices.Sort(out)
		return out
	}
	check := func(where map[string]any, want []string) {
		t.Helper()
		var out struct {
			Incidents           []struct{ ID string }
			IncidentsConnection struct{ TotalCount int }
		}
		mustQuery(t, url, `query($w: IncidentWhere) { incidents(where: $w, limit: 500) { id } incidentsConnection(where: $w) { totalCount } }`,
			map[string]any{"w": where}, &out)
		got := []string{}
		for _, in := range out.Incidents {
			got = append(got, in.ID)
		}
		slices.Sort(got)
		if !slices.Equal(got, want) || out.IncidentsConnection.TotalCount != len(want) {
			t.Errorf("%v: %d incidents (count %d), want %d", where, len(got), out.IncidentsConnection.TotalCount, len(want))
		}
	}
	for _, g := range grades {
		check(map[string]any{"suggestedGrade_IN": []string{g}}, ids(func(in gradedIncident) bool { return in.SuggestedGrade.Grade == g }))
		check(map[string]any{"NOT": map[string]any{"suggestedGrade_IN": []string{g}}}, ids(func(in gradedIncident) bool { return in.SuggestedGrade.Grade != g }))
	}
	check(map[string]any{"suggestedGrade_IN": []string{"WEAK", "CONTESTED"}},
		ids(func(in gradedIncident) bool {
			return in.SuggestedGrade.Grade == "WEAK" || in.SuggestedGrade.Grade == "CONTESTED"
		}))
	check(map[string]any{"OR": []any{map[string]any{"suggestedGrade_IN": []string{"DISCOUNTED"}}, map[string]any{"scope_IN": []string{"PERIOD"}}}},
		ids(func(in gradedIncident) bool { return in.SuggestedGrade.Grade == "DISCOUNTED" || in.Scope == "PERIOD" }))
	check(map[string]any{"suggestedGrade_IN": []string{"WEAK"}, "scope_IN": []string{"STRIKE", "SERIES"}},
		ids(func(in gradedIncident) bool { return in.SuggestedGrade.Grade == "WEAK" && in.Scope != "PERIOD" }))
}

// TestSuggestedGradeOnGeneratedCorpus checks the filter against the field
// on generated incidents with planted admissions and target counts
// (plantFigures), and that more incidents than the filter grades is a
// clear error.
func TestSuggestedGradeOnGeneratedCorpus(t *testing.T) {
	g := graphtest.Open(t)
	var monitor string
	for doc := range corpus.Documents(corpus.Config{Seed: 2, Incidents: 1100}) {
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
	all := allGraded(t, srv.URL)
	counts := map[string]int{}
	for _, in := range all {
		counts[in.SuggestedGrade.Grade]++
	}
	t.Logf("%d incidents: %v", len(all), counts)
	if len(all) != 1100 || counts["CONFIRMED"] == 0 || len(counts) < 3 {
		t.Fatalf("too few to test: %d incidents, %v", len(all), counts)
	}
	// Over 1000 incidents to grade: INVALID, naming the field.
	var out struct{ Incidents []struct{ ID string } }
	errs := query(t, srv.URL, `{ incidents(where: {suggestedGrade_IN: [WEAK]}) { id } }`, nil, &out)
	if len(errs) != 1 || errs[0].Extensions["code"] != strikegraph.ECodeInvalid || errs[0].Extensions["field"] != "where.suggestedGrade_IN" {
		t.Errorf("grading 1100 incidents: %+v", errs)
	}
	// Narrowed by scope to fewer, the filter agrees with the field.
	var some []gradedIncident
	for _, in := range all {
		if in.Scope == "STRIKE" {
			some = append(some, in)
		}
	}
	for range 3 {
		start := time.Now()
		var out struct{ IncidentsConnection struct{ TotalCount int } }
		mustQuery(t, srv.URL, `{ incidentsConnection(where: {scope_IN: [STRIKE], suggestedGrade_IN: [FAIR]}) { totalCount } }`, nil, &out)
		t.Logf("suggestedGrade_IN over %d strikes: %d, in %v", len(some), out.IncidentsConnection.TotalCount, time.Since(start))
	}
	if len(some) == 0 || len(some) > 1000 {
		t.Fatalf("%d strikes", len(some))
	}
	for _, gr := range grades {
		var want []string
		for _, in := range some {
			if in.SuggestedGrade.Grade == gr {
				want = append(want, in.ID)
			}
		}
		var got []string
		for offset := 0; ; offset += 500 {
			var out struct{ Incidents []struct{ ID string } }
			mustQuery(t, srv.URL, `query($g: Grade!, $offset: Int) { incidents(where: {scope_IN: [STRIKE], suggestedGrade_IN: [$g]}, limit: 500, offset: $offset) { id } }`,
				map[string]any{"g": gr, "offset": offset}, &out)
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
			t.Errorf("%s among strikes: %d incidents, want %d", gr, len(got), len(want))
		}
	}
}
