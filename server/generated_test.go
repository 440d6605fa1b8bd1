package server_test

import (
	"net/http/httptest"
	"slices"
	"testing"
	"time"

	"github.com/strikegraph/strikegraph/internal/graphtest"
	"github.com/strikegraph/strikegraph/server"
)

// generatedIncidents is the size of the generated corpus the list tests and
// benchmarks run on.
const generatedIncidents = 10000

// TestListsOnGeneratedCorpus runs the filter, sort, paging, timeline and
// totals checks of the seed corpus on 10,000 generated incidents, where hubs
// and long lists are real.
func TestListsOnGeneratedCorpus(t *testing.T) {
	g := graphtest.Generated(t, generatedIncidents)
	srv := httptest.NewServer(server.Handler(g, graphtest.Logger(t), server.Options{}))
	defer srv.Close()
	checkLists(t, srv.URL, g, 500)
	t.Run("statements per request", func(t *testing.T) { checkStatements(t, g) })
	t.Run("heavy reads under load", func(t *testing.T) { checkHeavyReadsUnderLoad(t, g) })
	t.Run("claims export, page after page", func(t *testing.T) {
		rows, want := readClaimsCSV(t, srv.URL, ""), claimCount(t, srv.URL, "null")
		seen := map[string]bool{}
		for _, r := range rows {
			seen[r["claim"]] = true
		}
		if len(rows) != want || len(seen) != want || want < 3*1000 {
			t.Errorf("%d rows, %d claims, want each of the %d claims once, over several pages", len(rows), len(seen), want)
		}
	})
}

// checkStatements counts the Cypher statements of a busy monitor's claims
// and of a nested filter: at most one per level, whatever the number of
// parents and results, and the nested answer is the top level's.
func checkStatements(t *testing.T, g *graphtest.Graph) {
	// A long wait, so that each level is one batch on a busy machine too.
	srv := httptest.NewServer(server.Handler(g, graphtest.Logger(t), server.Options{LoaderWait: 50 * time.Millisecond}))
	defer srv.Close()
	sent := func(q string, vars map[string]any, out any) int64 {
		t.Helper()
		before := g.RoundTrips()
		mustQuery(t, srv.URL, q, vars, out)
		return g.RoundTrips() - before
	}

	var busiest struct {
		ReporterTotals []struct{ Reporter struct{ ID string } }
	}
	mustQuery(t, srv.URL, `{ reporterTotals(first: 1) { reporter { id } } }`, nil, &busiest)
	monitor := busiest.ReporterTotals[0].Reporter.ID
	var reports struct {
		Actor struct {
			Claims []struct {
				Speaker  struct{ ID string }
				Incident struct{ ID, Name string }
			}
		}
	}
	n := sent(`query($id: ID!) { actor(id: $id) { id name claims(stance: REPORTED) {
		id speaker { id } incident { id name } figures { civiliansKilled { min max text } } } } }`,
		map[string]any{"id": monitor}, &reports)
	claims := reports.Actor.Claims
	if len(claims) < 500 || claims[0].Incident.Name == "" || claims[0].Speaker.ID == "" {
		t.Fatalf("%s: %d claims, the first %+v: not a busy monitor's, the test proves nothing", monitor, len(claims), claims[0])
	}
	// The actor with its claims; speakers and incidents come with them.
	if n != 1 {
		t.Errorf("%s's %d claims took %d statements; want 1", monitor, len(claims), n)
	}
	t.Logf("%s: %d claims in %d statements", monitor, len(claims), n)

	// One incident with every claim and the entities each names, all read
	// together: its claims with their speakers, organisations, articles
	// and publishers.
	var one struct {
		Incident struct {
			Claims []struct {
				Speaker    struct{ ID, Name, Kind string }
				OnBehalfOf *struct{ ID, Name string }
				Article    *struct {
					ID, Title string
					Publisher *struct{ ID, Name string }
				}
			}
		}
	}
	n = sent(`query($id: ID!) { incident(id: $id) { id name claims { id quote speaker { id name kind }
		onBehalfOf { id name } article { id title publisher { id name } } } } }`,
		map[string]any{"id": claims[0].Incident.ID}, &one)
	published := 0
	for _, c := range one.Incident.Claims {
		if c.Speaker.Name == "" || c.Article == nil {
			t.Fatalf("%s: a claim without its speaker's name or its article: %+v", claims[0].Incident.ID, c)
		}
		if c.Article.Publisher != nil && c.Article.Publisher.Name != "" {
			published++
		}
	}
	if published == 0 {
		t.Fatalf("%s: no claim's article has a publisher: the test proves nothing", claims[0].Incident.ID)
	}
	if n != 1 {
		t.Errorf("an incident's %d claims with their entities took %d statements; want 1", len(one.Incident.Claims), n)
	}

	window := map[string]any{"from": "2016-03", "to": "2016-03", "innerFrom": "2016-03-01", "innerTo": "2016-03-02"}
	var nested struct {
		Incidents []struct {
			Perpetrators []struct {
				ID         string
				CarriedOut []struct{ ID string }
			}
		}
	}
	n = sent(`query($from: String!, $to: String!, $innerFrom: String!, $innerTo: String!) {
		incidents(where: {date_GTE: $from, date_LTE: $to}, limit: 10) { id name
			perpetrators { id name carriedOut(where: {date_GTE: $innerFrom, date_LTE: $innerTo}) { id name date { value } } } } }`,
		window, &nested)
	if n > 3 {
		t.Errorf("the nested filter took %d statements; want at most 3 (one per level)", n)
	}
	parents, found := 0, 0
	for _, in := range nested.Incidents {
		for _, p := range in.Perpetrators {
			parents++
			found += len(p.CarriedOut)
			var top struct{ Incidents []struct{ ID string } }
			mustQuery(t, srv.URL, `query($p: ID!, $from: String!, $to: String!) {
				incidents(where: {perpetrator: $p, date_GTE: $from, date_LTE: $to}, limit: 500) { id } }`,
				map[string]any{"p": p.ID, "from": window["innerFrom"], "to": window["innerTo"]}, &top)
			var got, want []string
			for _, c := range p.CarriedOut {
				got = append(got, c.ID)
			}
			for _, c := range top.Incidents {
				want = append(want, c.ID)
			}
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Errorf("%s carriedOut in the window: %v; the top-level filter says %v", p.ID, got, want)
			}
		}
	}
	if len(nested.Incidents) != 10 || parents < 10 || found == 0 {
		t.Fatalf("%d incidents, %d perpetrators, %d incidents in the window: the test proves nothing", len(nested.Incidents), parents, found)
	}
	t.Logf("nested filter: %d perpetrators, %d incidents in the window, %d statements", parents, found, n)
}
