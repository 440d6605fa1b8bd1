package server_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"testing"
	"time"

	"github.com/strikegraph/strikegraph/auth"
	"github.com/strikegraph/strikegraph/internal/graphtest"
	"github.com/strikegraph/strikegraph/neo4jtest"
)

func TestMain(m *testing.M) { neo4jtest.Main(m) }

// oneKey makes an API key named name with role, and an Authenticator that
// knows that key alone.
func oneKey(t testing.TB, name string, role auth.Role) (string, *auth.Authenticator) {
	t.Helper()
	key, line, err := auth.NewAPIKey(name, role)
	if err != nil {
		t.Fatal(err)
	}
	a, err := auth.New(auth.Config{APIKeys: line, Logger: graphtest.Logger(t)})
	if err != nil {
		t.Fatal(err)
	}
	return key, a
}

// gqlError is one entry of a GraphQL response's errors.
type gqlError struct {
	Message    string         `json:"message"`
	Extensions map[string]any `json:"extensions"`
}

// httpClient bounds every request, so a hang fails a test instead of stalling it.
var httpClient = &http.Client{Timeout: 30 * time.Second}

// query posts a GraphQL query to url over HTTP and decodes data into out. It
// returns the response's errors.
func query(t testing.TB, url, q string, vars map[string]any, out any) []gqlError {
	t.Helper()
	return queryAs(t, url, "", q, vars, out)
}

// queryAs is query with an API key, when key is not empty.
func queryAs(t testing.TB, url, key, q string, vars map[string]any, out any) []gqlError {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": q, "variables": vars})
	status, _, b := send(t, http.MethodPost, url+"/graphql", key, "application/json", body)
	var res struct {
		Data   json.RawMessage `json:"data"`
		Errors []gqlError      `json:"errors"`
	}
	if err := json.Unmarshal(b, &res); err != nil {
		t.Fatalf("status %d: %v", status, err)
	}
	if out != nil && len(res.Data) > 0 && string(res.Data) != "null" {
		if err := json.Unmarshal(res.Data, out); err != nil {
			t.Fatalf("decoding %s: %v", res.Data, err)
		}
	}
	return res.Errors
}

// statements runs q as mustQuery does and returns the Cypher statements it
// sent to g.
func statements(t testing.TB, g interface{ RoundTrips() int64 }, url, q string, vars map[string]any, out any) int64 {
	t.Helper()
	before := g.RoundTrips()
	mustQuery(t, url, q, vars, out)
	return g.RoundTrips() - before
}

// mustQuery is query for requests that must succeed.
func mustQuery(t testing.TB, url, q string, vars map[string]any, out any) {
	t.Helper()
	if errs := query(t, url, q, vars, out); len(errs) > 0 {
		t.Fatalf("errors: %+v", errs)
	}
}

// send sends body to url with key in X-API-Key, when given, and returns the
// response's status, header and body.
func send(t testing.TB, method, url, key, contentType string, body []byte) (int, http.Header, []byte) {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), method, url, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", contentType)
	if key != "" {
		req.Header.Set("X-API-Key", key)
	}
	resp, err := httpClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, resp.Header, b
}
