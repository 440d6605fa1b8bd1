package server_test

import (
	"net/http/httptest"
	"slices"
	"testing"
	"time"

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
			var took []time.Duration
			for b.Loop() {
				start := time.Now()
				mustQuery(b, srv.URL, bench.query, bench.vars, nil)
				took = append(took, time.Since(start))
			}
			slices.Sort(took)
			ms := func(q float64) float64 { return float64(took[int(q*float64(len(took)-1))].Microseconds()) / 1000 }
			b.ReportMetric(ms(0.50), "p50-ms")
			b.ReportMetric(ms(0.95), "p95-ms")
		})
	}
}
