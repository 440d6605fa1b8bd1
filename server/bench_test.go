package server_test

import (
	"errors"
	"fmt"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/strikegraph/strikegraph/internal/graphgen"
	"github.com/strikegraph/strikegraph/internal/graphtest"
	"github.com/strikegraph/strikegraph/server"
)

// BenchmarkQueries measures a filtered page and a search on the generated
// corpus, over HTTP as a client sees them, and reports their p50 and p95:
//
//	make bench
func BenchmarkQueries(b *testing.B) {
	g := graphtest.Generated(b, generatedIncidents)
	srv := httptest.NewServer(server.Handler(g, graphtest.Logger(b), server.Options{}))
	defer srv.Close()

	// A province and the last alias of a town make the queries typical.
	var places struct {
		Places []struct {
			ID      string
			Aliases []string
		}
	}
	mustQuery(b, srv.URL, `{ places(where: {kind_IN: [PROVINCE]}, limit: 1) { id } }`, nil, &places)
	province := places.Places[0].ID
	mustQuery(b, srv.URL, `{ places(where: {kind_IN: [TOWN]}, limit: 1, offset: 7) { id aliases } }`, nil, &places)
	town := places.Places[0].Aliases[len(places.Places[0].Aliases)-1]

	for _, bench := range []struct {
		name  string
		query string
		vars  map[string]any
	}{
		{"filtered page", `query($place: ID) { incidentsConnection(first: 20,
			where: {place: $place, date_GTE: "2016", date_LTE: "2018-06", OR: [{civilianToll_GTE: 5}, {stance: DENIED}]},
			sort: [{date: DESC}]) { totalCount pageInfo { hasNextPage endCursor }
			edges { node { id name date { value } civilianToll { lowest highest reporters } } } } }`,
			map[string]any{"place": province}},
		{"search", `query($name: String!) { search(name: $name, first: 10) { matched score entity { id name } } }`,
			map[string]any{"name": town}},
	} {
		b.Run(bench.name, func(b *testing.B) {
			latencies(b, func() { mustQuery(b, srv.URL, bench.query, bench.vars, nil) })
		})
	}
}

// latencies runs one request per iteration and reports the p50 and p95 of
// their times in ms.
func latencies(b *testing.B, request func()) {
	var took []time.Duration
	for b.Loop() {
		start := time.Now()
		request()
		took = append(took, time.Since(start))
	}
	slices.Sort(took)
	ms := func(q float64) float64 { return float64(took[int(q*float64(len(took)-1))].Microseconds()) / 1000 }
	b.ReportMetric(ms(0.50), "p50-ms")
	b.ReportMetric(ms(0.95), "p95-ms")
}

// scaleSizes are the graphs BenchmarkScale measures, in incidents.
var scaleSizes = []int{10_000, 100_000}

// BenchmarkScale measures the anchored list queries, and the four questions
// of the side-by-side benchmark (../shared/bench/queries/*.ours.graphql), on
// generated graphs of 10,000 and 100,000 incidents (package graphgen, seed
// 1), over HTTP as a client sees them, and reports each one's p50 and p95 in
// ms. Each size has a graph of its own: the database is emptied between
// them. Every query's answer is checked against what graphgen wrote before
// it is timed. Run it once, with a time per query, on its own Neo4j:
//
//	make bench-scale                 # both sizes
//	make bench-scale SIZES==10k      # one (a pattern for the sub-benchmark's name)
//
// It reads `incidents=10k/claims_by_speaker`, and so on; the times are those
// of one client at a time.
func BenchmarkScale(b *testing.B) {
	for _, n := range scaleSizes {
		b.Run(fmt.Sprintf("incidents=%dk", n/1000), func(b *testing.B) {
			g := graphtest.Open(b) // empty: neo4jtest deletes what an earlier test left
			start := time.Now()
			gr, err := graphgen.Write(b.Context(), g.Target.Driver, g.Target.Database, n, 1)
			if err != nil {
				b.Fatal(err)
			}
			b.Logf("graphgen wrote %d incidents, %d claims and %d relations in %s", gr.Incidents, gr.Claims, gr.Relations, time.Since(start).Round(time.Millisecond))
			// Leave no graph of this size for the next one, or the next test,
			// to delete.
			defer emptyGraph(b, g)
			srv := httptest.NewServer(server.Handler(g, graphtest.Logger(b), server.Options{}))
			defer srv.Close()
			for _, q := range scaleQueries(gr) {
				b.Run(q.name, func(b *testing.B) {
					// The first answer is checked, and warms the plan cache.
					var data map[string]any
					mustQuery(b, srv.URL, q.query, q.vars, &data)
					if err := q.check(data); err != nil {
						b.Fatalf("%s: %v", q.name, err)
					}
					latencies(b, func() { mustQuery(b, srv.URL, q.query, q.vars, nil) })
				})
			}
		})
	}
}

// scaleQuery is one query of BenchmarkScale and what its answer must hold.
type scaleQuery struct {
	name  string
	query string
	vars  map[string]any
	check func(data map[string]any) error
}

// scaleQueries are BenchmarkScale's queries on gr: each anchored on an id,
// a list of ids or a date range, and the four questions of the side-by-side
// benchmark.
func scaleQueries(gr graphgen.Graph) []scaleQuery {
	var ids []any // 20 incidents spread over the graph
	for i := range 20 {
		ids = append(ids, fmt.Sprintf("gen:incident:%07d", 1+i*gr.Incidents/20))
	}
	incidentPage := `totalCount pageInfo { hasNextPage endCursor } edges { node { id name scope date { value precision } } }`
	// The same page without its count, which reads every incident selected.
	uncounted := `pageInfo { hasNextPage endCursor } edges { node { id name scope date { value precision } } }`
	claimPage := `totalCount pageInfo { hasNextPage endCursor } edges { node { id stance quote statedOn { value }
		speaker { id name } incident { id name date { value } } } }`
	return []scaleQuery{
		{"incidents_by_ids", `query($ids: [ID!]) { incidents(where: {id_IN: $ids}) { id name date { value precision } } }`,
			map[string]any{"ids": ids}, listLength("incidents", len(ids), len(ids))},
		{"incidents_by_date", `query { incidentsConnection(first: 20, where: {date_GTE: "2016-01", date_LTE: "2016-06"},
			sort: [{date: DESC}]) { ` + incidentPage + ` } }`,
			nil, connection("incidentsConnection", gr.Incidents/20, gr.Incidents/5)},
		{"incidents_by_province", `query($place: ID) { incidentsConnection(first: 20, where: {place: $place}, sort: [{date: DESC}]) { ` + incidentPage + ` } }`,
			map[string]any{"place": gr.Province.ID}, connection("incidentsConnection", gr.Province.Count, gr.Incidents)},
		{"incidents_by_town", `query($place: ID) { incidentsConnection(first: 20, where: {place: $place}, sort: [{date: DESC}]) { ` + incidentPage + ` } }`,
			map[string]any{"place": gr.Town.ID}, connection("incidentsConnection", gr.Town.Count, gr.Incidents)},
		{"incidents_by_perpetrator", `query($actor: ID) { incidentsConnection(first: 20, where: {perpetrator: $actor}, sort: [{date: DESC}]) { ` + incidentPage + ` } }`,
			map[string]any{"actor": gr.Perpetrator.ID}, connection("incidentsConnection", gr.Perpetrator.Count, gr.Perpetrator.Count)},
		// The perpetrator's incidents, those that targeted it and those it, or
		// its spokespeople, spoke of.
		{"incidents_by_actor", `query($actor: ID) { incidentsConnection(first: 20, where: {actor: $actor}, sort: [{date: DESC}]) { ` + incidentPage + ` } }`,
			map[string]any{"actor": gr.Perpetrator.ID}, connection("incidentsConnection", gr.Perpetrator.Count, gr.Incidents)},
		{"incidents_by_province_uncounted", `query($place: ID) { incidentsConnection(first: 20, where: {place: $place}, sort: [{date: DESC}]) { ` + uncounted + ` } }`,
			map[string]any{"place": gr.Province.ID}, fullPage("incidentsConnection")},
		{"incidents_by_town_uncounted", `query($place: ID) { incidentsConnection(first: 20, where: {place: $place}, sort: [{date: DESC}]) { ` + uncounted + ` } }`,
			map[string]any{"place": gr.Town.ID}, fullPage("incidentsConnection")},
		{"incidents_by_actor_uncounted", `query($actor: ID) { incidentsConnection(first: 20, where: {actor: $actor}, sort: [{date: DESC}]) { ` + uncounted + ` } }`,
			map[string]any{"actor": gr.Perpetrator.ID}, fullPage("incidentsConnection")},
		// The monitor's claims, its own and its spokespeople's on its behalf.
		{"claims_by_speaker", `query($actor: ID) { claimsConnection(first: 20, where: {speaker: $actor}, sort: [{incidentDate: DESC}]) { ` + claimPage + ` } }`,
			map[string]any{"actor": gr.Monitor.ID}, connection("claimsConnection", gr.Monitor.Count, gr.Monitor.Count)},
		{"claims_by_speaker_uncounted", `query($actor: ID) { claimsConnection(first: 20, where: {speaker: $actor}, sort: [{incidentDate: DESC}]) { ` +
			strings.TrimPrefix(claimPage, "totalCount ") + ` } }`,
			map[string]any{"actor": gr.Monitor.ID}, fullPage("claimsConnection")},
		{"claims_by_article", `query($article: ID) { claimsConnection(first: 20, where: {article: $article}) { ` + claimPage + ` } }`,
			map[string]any{"article": gr.Article.ID}, connection("claimsConnection", gr.Article.Count, gr.Article.Count)},
		{"claims_by_stance_and_date", `query { claimsConnection(first: 20, where: {stance_IN: [DENIED], incidentDate_GTE: "2016-01", incidentDate_LTE: "2016-12"},
			sort: [{incidentDate: DESC}]) { ` + claimPage + ` } }`,
			nil, connection("claimsConnection", 1, gr.Claims/10)},

		// The side-by-side benchmark's questions, as in its *.ours.graphql and
		// *.vars.json, with graphgen's ids: (a) the incident with the most
		// claims, (c) the busiest monitor.
		{"question_a_incident", questionIncident, map[string]any{"id": gr.Incident.ID},
			func(data map[string]any) error {
				return between(dig(data, "incident", "claims"), gr.Incident.Count, gr.Incident.Count)
			}},
		{"question_b_incidents_page", questionIncidentsPage, map[string]any{"from": "2016-01", "to": "2016-06"},
			func(data map[string]any) error {
				if err := between(dig(data, "incidentsConnection", "edges"), 20, 20); err != nil {
					return err
				}
				return between(dig(data, "incidentsConnection", "totalCount"), gr.Incidents/20, gr.Incidents/5)
			}},
		// The corpus's monitors only ever report.
		{"question_c_monitor_reports", questionMonitorReports, map[string]any{"id": gr.Monitor.ID},
			func(data map[string]any) error {
				return between(dig(data, "actor", "claims"), gr.Monitor.Count, gr.Monitor.Count)
			}},
		{"question_e_nested", questionNested, map[string]any{"from": "2016-03", "to": "2016-03", "innerFrom": "2016-03-01", "innerTo": "2016-03-02"},
			func(data map[string]any) error {
				incidents, _ := dig(data, "incidents").([]any)
				if err := between(incidents, 10, 10); err != nil {
					return err
				}
				for _, in := range incidents {
					if err := between(dig(in, "perpetrators"), 1, 1); err != nil {
						return fmt.Errorf("%v: perpetrators: %w", dig(in, "id"), err)
					}
				}
				return nil
			}},
	}
}

// The four questions of the side-by-side benchmark, copied from
// ../shared/bench/queries/{incident,incidents_page,monitor_reports,nested}.ours.graphql.
const (
	// (a) One incident by id with every claim: each claim's speaker, the
	// organisation it spoke for, and its article with the publisher.
	questionIncident = `query ($id: ID!) {
  incident(id: $id) {
    id name scope target
    date { value precision }
    claims {
      id stance quote denies response
      statedOn { value precision }
      figures {
        civiliansKilled { min max text }
        childrenKilled { min max text }
        womenKilled { min max text }
        injured { min max text }
        killed { min max text }
      }
      speaker { id name kind }
      onBehalfOf { id name }
      article { id title publisher { id name } }
    }
  }
}`
	// (b) A filtered, sorted page: strikes in the first half of 2016, newest
	// first, 20 a page, with totalCount.
	questionIncidentsPage = `query ($from: String!, $to: String!) {
  incidentsConnection(first: 20, where: { date_GTE: $from, date_LTE: $to, scope_IN: [STRIKE] }, sort: [{ date: DESC }]) {
    totalCount
    edges { node { id name scope date { value precision } perpetrators { id name } } }
  }
}`
	// (c) Everything one monitor reported (itself, and its spokespeople on
	// its behalf): each claim with its incident and figures.
	questionMonitorReports = `query ($id: ID!) {
  actor(id: $id) {
    id name
    claims(stance: REPORTED) {
      id
      speaker { id }
      incident { id name }
      figures { civiliansKilled { min max text } killed { min max text } }
    }
  }
}`
	// (e) Two hops: ten incidents of March 2016, who carried each out, and
	// what else each of those carried out on 1-2 March 2016.
	questionNested = `query ($from: String!, $to: String!, $innerFrom: String!, $innerTo: String!) {
  incidents(where: { date_GTE: $from, date_LTE: $to }, limit: 10) {
    id name
    perpetrators {
      id name
      carriedOut(where: { date_GTE: $innerFrom, date_LTE: $innerTo }) { id name date { value } }
    }
  }
}`
)

// dig follows keys down decoded JSON; nil where one is missing.
func dig(v any, keys ...string) any {
	for _, k := range keys {
		m, _ := v.(map[string]any)
		v = m[k]
	}
	return v
}

// between checks that v, a list or a number, holds from lo to hi.
func between(v any, lo, hi int) error {
	var n int
	switch v := v.(type) {
	case []any:
		n = len(v)
	case float64:
		n = int(v)
	default:
		return fmt.Errorf("got %v, want a list or a number", v)
	}
	if n < lo || n > hi {
		return fmt.Errorf("%d, want %d to %d", n, lo, hi)
	}
	return nil
}

// listLength checks the length of the list under key.
func listLength(key string, lo, hi int) func(map[string]any) error {
	return func(data map[string]any) error { return between(dig(data, key), lo, hi) }
}

// connection checks a connection's totalCount, and that its page holds the first
// 20 of them, or all of them when fewer.
// fullPage checks a page of 20 without its count, with more to follow.
func fullPage(key string) func(map[string]any) error {
	return func(data map[string]any) error {
		if more, _ := dig(data, key, "pageInfo", "hasNextPage").(bool); !more {
			return errors.New("hasNextPage is false")
		}
		return between(dig(data, key, "edges"), 20, 20)
	}
}

func connection(key string, lo, hi int) func(map[string]any) error {
	return func(data map[string]any) error {
		if err := between(dig(data, key, "totalCount"), lo, hi); err != nil {
			return fmt.Errorf("totalCount: %w", err)
		}
		n := int(dig(data, key, "totalCount").(float64))
		if err := between(dig(data, key, "edges"), min(n, 20), min(n, 20)); err != nil {
			return fmt.Errorf("edges: %w", err)
		}
		return nil
	}
}
