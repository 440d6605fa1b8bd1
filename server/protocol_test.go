package server_test

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os/exec"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/strikegraph/strikegraph/auth"
	"github.com/strikegraph/strikegraph/internal/graphtest"
	"github.com/strikegraph/strikegraph/server"
)

// countingServer serves h, counting the requests to /graphql.
func countingServer(t *testing.T, h http.Handler) (url string, requests *atomic.Int64) {
	t.Helper()
	requests = new(atomic.Int64)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/graphql" {
			requests.Add(1)
		}
		h.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv.URL, requests
}

// apollo runs testdata/apollo.mjs in mode against url and decodes what it
// prints.
func apollo(t *testing.T, mode, url string) (data []map[string]any, sent []json.RawMessage) {
	t.Helper()
	out, err := exec.Command("node", "testdata/apollo.mjs", mode, url+"/graphql").Output()
	if err != nil {
		var stderr []byte
		if e, ok := err.(*exec.ExitError); ok {
			stderr = e.Stderr
		}
		t.Fatalf("node testdata/apollo.mjs %s (run scripts/ensure-tools --tests): %v\n%s", mode, err, stderr)
	}
	var res struct {
		Data []map[string]any
		Sent []json.RawMessage
	}
	if err := json.Unmarshal(out, &res); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	return res.Data, res.Sent
}

const abuAlHassan = "Coalition airstrikes on homes in Abu al-Hassan near Hajin"

// TestApolloBatchHttpLink: three queries through Apollo's BatchHttpLink go
// in one HTTP request, and each gets its own answer.
func TestApolloBatchHttpLink(t *testing.T) {
	url, requests := countingServer(t, server.Handler(graphtest.Seeded(t), graphtest.Logger(t), server.Options{}))
	data, sent := apollo(t, "batch", url)
	if requests.Load() != 1 || len(sent) != 1 || !strings.HasPrefix(string(sent[0]), "[") {
		t.Fatalf("the server saw %d requests, the client sent %s; want one batch", requests.Load(), sent)
	}
	var ops []map[string]any
	if err := json.Unmarshal(sent[0], &ops); err != nil || len(ops) != 3 {
		t.Fatalf("the batch: %s (%v); want 3 operations", sent[0], err)
	}
	if len(data) != 3 || data[0]["incident"].(map[string]any)["name"] != abuAlHassan ||
		data[1]["serverInfo"].(map[string]any)["database"] == "" || data[2]["incident"] != nil {
		t.Errorf("answers %v", data)
	}
}

// TestApolloPersistedQueries: through Apollo's persisted-query link, the
// first use of a query sends its hash, is told it is not found and sends the
// query; the second sends the hash alone and is answered.
func TestApolloPersistedQueries(t *testing.T) {
	url, requests := countingServer(t, server.Handler(graphtest.Seeded(t), graphtest.Logger(t), server.Options{}))
	data, sent := apollo(t, "persisted", url)
	type body struct {
		Query      string
		Extensions struct {
			PersistedQuery struct{ SHA256Hash string }
		}
	}
	bodies := make([]body, len(sent))
	for i, b := range sent {
		if err := json.Unmarshal(b, &bodies[i]); err != nil {
			t.Fatalf("%v: %s", err, b)
		}
	}
	if requests.Load() != 3 || len(bodies) != 3 {
		t.Fatalf("the server saw %d requests, the client sent %s; want 3", requests.Load(), sent)
	}
	hash := bodies[0].Extensions.PersistedQuery.SHA256Hash
	for i, wantQuery := range []bool{false, true, false} {
		b := bodies[i]
		if (b.Query != "") != wantQuery || b.Extensions.PersistedQuery.SHA256Hash != hash || hash == "" {
			t.Errorf("request %d: %s; want the hash, and the query: %v", i, sent[i], wantQuery)
		}
	}
	if len(data) != 2 || !reflect.DeepEqual(data[0], data[1]) || data[1]["incident"].(map[string]any)["name"] != abuAlHassan {
		t.Errorf("answers %v", data)
	}
}

// batchResponse is one response of a batch.
type batchResponse struct {
	Data   map[string]any
	Errors []gqlError
}

// postBatch posts ops as a batch to url's /graphql with key, when given,
// and decodes the responses.
func postBatch(t *testing.T, url, key string, ops ...map[string]any) (int, []batchResponse, []byte) {
	t.Helper()
	body, _ := json.Marshal(ops)
	status, _, b := send(t, http.MethodPost, url+"/graphql", key, "application/json", body)
	var res []batchResponse
	if status == http.StatusOK {
		if err := json.Unmarshal(b, &res); err != nil {
			t.Fatalf("status %d: %v: %s", status, err, b)
		}
	}
	return status, res, b
}

func op(q string) map[string]any { return map[string]any{"query": q} }

// TestBatchOverTheCap: a batch of more requests than a batch may hold is
// refused whole, 400 BATCH_TOO_LARGE, and nothing of it runs.
func TestBatchOverTheCap(t *testing.T) {
	g := graphtest.Open(t)
	url, _ := countingServer(t, server.Handler(g, graphtest.Logger(t), server.Options{}))
	ops := make([]map[string]any, server.MaxBatchOperations+1)
	for i := range ops {
		ops[i] = op("{ serverInfo { database } }")
	}
	before := g.RoundTrips()
	status, _, b := postBatch(t, url, "", ops...)
	if status != http.StatusBadRequest || errorCode(t, string(b)) != "BATCH_TOO_LARGE" {
		t.Errorf("status %d: %s; want 400 BATCH_TOO_LARGE", status, b)
	}
	if n := g.RoundTrips() - before; n != 0 {
		t.Errorf("%d statements sent; want none", n)
	}
	if status, res, b := postBatch(t, url, "", ops[1:]...); status != http.StatusOK || len(res) != server.MaxBatchOperations {
		t.Errorf("a batch at the cap: status %d: %s", status, b)
	}
}

// TestBatchEachWithItsErrors: each request of a batch is answered in order,
// with its own errors: one that does not parse, one that is not a request,
// and a mutation without credentials fail alone.
func TestBatchEachWithItsErrors(t *testing.T) {
	url, _ := countingServer(t, server.Handler(graphtest.Seeded(t), graphtest.Logger(t), server.Options{}))
	status, res, b := postBatch(t, url, "",
		op(`{ incident(id: "incident:2018-11-17-abu-al-hassan") { name } }`),
		op("{ incident("),
		map[string]any{"query": 7},
		map[string]any{"query": `mutation($in: ActorInput!) { createActor(input: $in) { outcome } }`,
			"variables": map[string]any{"in": map[string]any{"name": "Test Monitor", "kind": "MONITOR"}}},
		op("{ serverInfo { database } }"),
	)
	if status != http.StatusOK || len(res) != 5 {
		t.Fatalf("status %d: %s; want 200 and 5 responses", status, b)
	}
	if len(res[0].Errors) > 0 || res[0].Data["incident"].(map[string]any)["name"] != abuAlHassan {
		t.Errorf("the first: %+v", res[0])
	}
	for i, code := range map[int]string{1: "GRAPHQL_PARSE_FAILED", 2: "BAD_REQUEST", 3: "UNAUTHENTICATED"} {
		if len(res[i].Errors) != 1 || res[i].Errors[0].Extensions["code"] != code {
			t.Errorf("response %d: %+v; want %s", i, res[i], code)
		}
	}
	if len(res[4].Errors) > 0 || res[4].Data["serverInfo"] == nil {
		t.Errorf("the last: %+v", res[4])
	}
}

// TestBatchSharesTheLimits: the requests of a batch together get the
// statements, heavy fields and complexity of one request, so that a batch
// cannot do more than one request may.
func TestBatchSharesTheLimits(t *testing.T) {
	for _, tc := range []struct {
		name string
		opts server.Options
		q    string
		code string
	}{
		{"statements", server.Options{MaxStatements: 2}, "{ serverInfo { database } }", "TOO_MANY_STATEMENTS"},
		{"heavy", server.Options{MaxHeavyStatements: 2}, "{ timeline(by: MONTH) { undated } }", "TOO_MANY_STATEMENTS"},
		{"complexity", server.Options{MaxComplexity: 5}, "{ serverInfo { database } }", "COMPLEXITY_LIMIT_EXCEEDED"}, // 2 each
	} {
		t.Run(tc.name, func(t *testing.T) {
			url, _ := countingServer(t, server.Handler(graphtest.Open(t), graphtest.Logger(t), tc.opts))
			status, res, b := postBatch(t, url, "", op(tc.q), op(tc.q), op(tc.q))
			if status != http.StatusOK || len(res) != 3 {
				t.Fatalf("status %d: %s", status, b)
			}
			if len(res[0].Errors)+len(res[1].Errors) > 0 {
				t.Errorf("the first two: %s; want answers", b)
			}
			if len(res[2].Errors) != 1 || res[2].Errors[0].Extensions["code"] != tc.code {
				t.Errorf("the third: %+v; want %s", res[2], tc.code)
			}
			// Alone, each request has the whole limit again.
			if errs := query(t, url, tc.q, nil, nil); len(errs) > 0 {
				t.Errorf("alone: %+v", errs)
			}
		})
	}
}

// TestBatchMutationWithCredentials: a batch's mutations are written with the
// batch's credentials, as they would be alone.
func TestBatchMutationWithCredentials(t *testing.T) {
	key, a := oneKey(t, "ed", auth.RoleEditor)
	url, _ := countingServer(t, server.Handler(graphtest.Open(t), graphtest.Logger(t), server.Options{Auth: a}))
	create := map[string]any{"query": `mutation($in: ActorInput!) { createActor(input: $in) { outcome } }`,
		"variables": map[string]any{"in": map[string]any{"name": "Test Monitor", "kind": "MONITOR"}}}
	status, res, b := postBatch(t, url, key, create, op(`{ actor(id: "monitor:test-monitor") { name } }`))
	if status != http.StatusOK || len(res) != 2 || len(res[0].Errors)+len(res[1].Errors) > 0 || res[1].Data["actor"] == nil {
		t.Errorf("status %d: %s; want the actor written, then read", status, b)
	}
}

// persisted is a request naming q by hash, with q itself when full.
func persisted(q, hash string, full bool) []byte {
	req := map[string]any{"extensions": map[string]any{"persistedQuery": map[string]any{"version": 1, "sha256Hash": hash}}}
	if full {
		req["query"] = q
	}
	b, _ := json.Marshal(req)
	return b
}

func hashOf(q string) string {
	h := sha256.Sum256([]byte(q))
	return hex.EncodeToString(h[:])
}

// TestPersistedQueryLimits: a query named by its hash gets every limit it
// would get in full, and a hash that is not its query's is refused.
func TestPersistedQueryLimits(t *testing.T) {
	url, _ := countingServer(t, server.Handler(graphtest.Open(t), graphtest.Logger(t), server.Options{MaxDepth: 2, MaxAliases: 1}))
	post := func(body []byte) (int, string) {
		status, _, b := send(t, http.MethodPost, url+"/graphql", "", "application/json", body)
		return status, string(b)
	}
	for _, tc := range []struct {
		name, q, full, byHash string
	}{
		// Refused after parsing: the query is kept, and refused again by hash.
		{"depth", "{ serverInfo { database } incident(id: \"x\") { claims { id } } }", "QUERY_TOO_DEEP", "QUERY_TOO_DEEP"},
		// Refused before gqlgen sees it: the query is never kept.
		{"aliases", "{ a: serverInfo { database } b: serverInfo { database } }", "TOO_MANY_ALIASES", "PERSISTED_QUERY_NOT_FOUND"},
	} {
		hash := hashOf(tc.q)
		if _, b := post(persisted(tc.q, hash, true)); errorCode(t, b) != tc.full {
			t.Errorf("%s, in full: %s; want %s", tc.name, b, tc.full)
		}
		if _, b := post(persisted(tc.q, hash, false)); errorCode(t, b) != tc.byHash {
			t.Errorf("%s, by hash: %s; want %s", tc.name, b, tc.byHash)
		}
	}

	q := "{ serverInfo { database } }"
	if status, b := post(persisted(q, hashOf("{ __typename }"), true)); status != http.StatusUnprocessableEntity || errorCode(t, b) != "BAD_REQUEST" {
		t.Errorf("a hash not of its query: status %d: %s; want 422 BAD_REQUEST", status, b)
	}
	if _, b := post(persisted(q, hashOf("{ __typename }"), false)); errorCode(t, b) != "PERSISTED_QUERY_NOT_FOUND" {
		t.Errorf("the wrong hash was kept: %s", b)
	}
	if status, b := post(persisted(q, hashOf(q), false)); status != http.StatusOK || errorCode(t, b) != "PERSISTED_QUERY_NOT_FOUND" {
		t.Errorf("an unknown hash: status %d: %s; want PERSISTED_QUERY_NOT_FOUND", status, b)
	}
}

// TestDeferNotServed: the service does not serve @defer, so introspection
// does not list it and a query that uses it is refused before it runs.
func TestDeferNotServed(t *testing.T) {
	url, _ := countingServer(t, server.Handler(graphtest.Open(t), graphtest.Logger(t), server.Options{}))
	var schema struct {
		Schema struct{ Directives []struct{ Name string } } `json:"__schema"`
	}
	mustQuery(t, url, "{ __schema { directives { name } } }", nil, &schema)
	var names []string
	for _, d := range schema.Schema.Directives {
		names = append(names, d.Name)
	}
	if strings.Contains(" "+strings.Join(names, " ")+" ", " defer ") || len(names) == 0 {
		t.Errorf("directives %v; want no defer", names)
	}
	body, _ := json.Marshal(op("{ ... @defer { serverInfo { database } } }"))
	status, _, b := send(t, http.MethodPost, url+"/graphql", "", "application/json", body)
	if status != http.StatusUnprocessableEntity || errorCode(t, string(b)) != "GRAPHQL_VALIDATION_FAILED" || !strings.Contains(string(b), "@defer") {
		t.Errorf("a query with @defer: status %d: %s; want 422 GRAPHQL_VALIDATION_FAILED naming @defer", status, b)
	}
}
