package server_test

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/strikegraph/strikegraph/internal/graphtest"
	"github.com/strikegraph/strikegraph/server"
)

// TestCORS lets one origin's pages call the service from a browser: its
// preflight is answered and its answers are marked readable; another
// origin's are not, and without origins configured nothing is.
func TestCORS(t *testing.T) {
	g := graphtest.Open(t)
	const tools, evil = "https://tools.example.org", "https://evil.example"
	allowing := httptest.NewServer(server.Handler(g, graphtest.Logger(t), server.Options{CORSOrigins: []string{tools}}))
	defer allowing.Close()
	closed := httptest.NewServer(server.Handler(g, graphtest.Logger(t), server.Options{}))
	defer closed.Close()

	do := func(url, method, origin string) *http.Response {
		req, _ := http.NewRequestWithContext(t.Context(), method, url+"/graphql", bytes.NewReader([]byte(`{"query": "{ __typename }"}`)))
		req.Header.Set("Origin", origin)
		req.Header.Set("Content-Type", "application/json")
		if method == http.MethodOptions {
			req.Header.Set("Access-Control-Request-Method", "POST")
			req.Header.Set("Access-Control-Request-Headers", "content-type, x-api-key")
		}
		res, err := httpClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res
	}
	pre := do(allowing.URL, http.MethodOptions, tools)
	if pre.StatusCode != http.StatusNoContent || pre.Header.Get("Access-Control-Allow-Origin") != tools ||
		pre.Header.Get("Access-Control-Allow-Headers") == "" {
		t.Errorf("the allowed origin's preflight: %d %v", pre.StatusCode, pre.Header)
	}
	if res := do(allowing.URL, http.MethodPost, tools); res.StatusCode != http.StatusOK || res.Header.Get("Access-Control-Allow-Origin") != tools {
		t.Errorf("the allowed origin's request: %d %v", res.StatusCode, res.Header)
	}
	for name, res := range map[string]*http.Response{
		"another origin's preflight": do(allowing.URL, http.MethodOptions, evil),
		"another origin's request":   do(allowing.URL, http.MethodPost, evil),
		"no origins configured":      do(closed.URL, http.MethodPost, tools),
	} {
		if got := res.Header.Get("Access-Control-Allow-Origin"); got != "" {
			t.Errorf("%s: Access-Control-Allow-Origin %q", name, got)
		}
	}
}
