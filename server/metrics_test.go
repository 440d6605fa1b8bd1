package server_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/strikegraph/strikegraph/auth"
	"github.com/strikegraph/strikegraph/cypher"
	"github.com/strikegraph/strikegraph/internal/graphtest"
	"github.com/strikegraph/strikegraph/metrics"
	"github.com/strikegraph/strikegraph/server"
)

// TestMetrics sends a few requests, then scrapes /metrics: the requests
// are counted by operation and code, the Cypher statements by query name
// and outcome, the heavy read's admission and the import's rows too.
func TestMetrics(t *testing.T) {
	m := metrics.New()
	g := graphtest.Seeded(t, func(c *cypher.Config) { c.Observe = m.Statement })
	key, a := oneKey(t, "editor", auth.RoleEditor)
	srv := httptest.NewServer(server.Handler(g, graphtest.Logger(t), server.Options{Metrics: m, Auth: a}))
	defer srv.Close()

	mustQuery(t, srv.URL, `query Incidents { incidents { id claims { id } } }`, nil, nil)
	mustQuery(t, srv.URL, `query Incidents { incidents { id } }`, nil, nil)
	mustQuery(t, srv.URL, `{ timeline(by: MONTH) { periods } }`, nil, nil)
	if errs := query(t, srv.URL, `query Nope { nope }`, nil, nil); len(errs) == 0 {
		t.Fatal("a query of an unknown field had no error")
	}
	body := []byte(strings.ReplaceAll(annotationDoc, "{{n}}", "metrics"))
	for range 2 {
		if res := importBody(t, srv.URL+"/import", key, "application/json", body); res.status != http.StatusOK {
			t.Fatalf("POST /import: %d %+v", res.status, res.err)
		}
	}
	res, err := httpClient.Get(srv.URL + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	scrape := string(b)
	if res.StatusCode != http.StatusOK || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/plain") {
		t.Fatalf("GET /metrics: %d %s", res.StatusCode, res.Header.Get("Content-Type"))
	}
	for _, want := range []string{
		`strikegraph_requests_total{code="OK",operation="Incidents"} 2`,
		`strikegraph_requests_total{code="OK",operation="anonymous"} 1`,
		// Not validated, so not named: a name is a label only once it ran.
		`strikegraph_requests_total{code="GRAPHQL_VALIDATION_FAILED",operation="anonymous"} 1`,
		`strikegraph_requests_total{code="OK",operation="/import"} 2`,
		`strikegraph_request_duration_seconds_count{operation="Incidents"} 2`,
		`strikegraph_cypher_statements_total{outcome="OK",query="find_incidents"} 2`,
		`strikegraph_cypher_duration_seconds_count{query="find_incidents"} 2`,
		`strikegraph_cypher_statements_in_flight 0`,
		`strikegraph_admission_wait_seconds_count{outcome="admitted"} 1`,
		`strikegraph_import_rows_total{outcome="created"} 1`,
		`strikegraph_import_rows_total{outcome="unchanged"} 1`,
		`go_goroutines `,
	} {
		if !strings.Contains(scrape, want+"\n") && !strings.Contains(scrape, "\n"+want) {
			t.Errorf("the scrape has no %s", want)
		}
	}
	// The claims under the incidents are one batched statement.
	if n := len(regexp.MustCompile(`(?m)^strikegraph_cypher_statements_total\{outcome="OK",query="[a-z_]+"\} `).FindAllString(scrape, -1)); n < 3 {
		t.Errorf("%d Cypher series; want the incidents', the claims' and the timeline's at least:\n%s", n, grep(scrape, "strikegraph_cypher_statements_total"))
	}
	if t.Failed() {
		t.Logf("scrape:\n%s", grep(scrape, "strikegraph_"))
	}
}

// grep is the lines of s that hold sub.
func grep(s, sub string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, sub) && !strings.HasPrefix(l, "#") {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}
