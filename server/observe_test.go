package server_test

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/strikegraph/strikegraph/internal/graphtest"
	"github.com/strikegraph/strikegraph/server"
)

// logBuffer collects JSON log lines; the server logs from its handlers'
// goroutines.
type logBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *logBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

// lines are the lines logged so far, decoded.
func (b *logBuffer) lines(t *testing.T) []map[string]any {
	t.Helper()
	b.mu.Lock()
	defer b.mu.Unlock()
	var out []map[string]any
	for _, l := range strings.Split(strings.TrimSpace(b.buf.String()), "\n") {
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatalf("log line %q: %v", l, err)
		}
		out = append(out, m)
	}
	return out
}

// TestRequestID sends requests with a usable X-Request-Id, with unusable
// ones and with none: the answer carries the id taken or made, and so does
// every line logged for the request, its access log line included.
func TestRequestID(t *testing.T) {
	var logs logBuffer
	log := slog.New(slog.NewJSONHandler(&logs, nil))
	srv := httptest.NewServer(server.Handler(graphtest.Open(t), log, server.Options{}))
	defer srv.Close()

	post := func(id, body string) string {
		t.Helper()
		req, _ := http.NewRequestWithContext(t.Context(), http.MethodPost, srv.URL+"/graphql", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		if id != "" {
			req.Header.Set("X-Request-Id", id)
		}
		res, err := httpClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res.Header.Get("X-Request-Id")
	}
	// Not a GraphQL request: logged at INFO, then the access log line.
	if got := post("edge-7f3a:1", `"not a request"`); got != "edge-7f3a:1" {
		t.Errorf("X-Request-Id answered %q, want the one sent", got)
	}
	lines := logs.lines(t)
	if len(lines) != 2 || lines[0]["msg"] != "not a GraphQL request" || lines[1]["msg"] != "request" {
		t.Fatalf("log lines: %v; want the refusal, then the access log line", lines)
	}
	for _, l := range lines {
		if l["request_id"] != "edge-7f3a:1" {
			t.Errorf("line %v: request_id %v, want edge-7f3a:1", l, l["request_id"])
		}
	}
	if a := lines[1]; a["method"] != "POST" || a["path"] != "/graphql" || a["status"] != 400.0 || a["bytes"].(float64) == 0 || a["duration"] == nil {
		t.Errorf("access log line: %v", a)
	}

	made := map[string]bool{}
	for _, id := range []string{"", "has space", "tab\there", strings.Repeat("x", 129), "é"} {
		got := post(id, `{"query":"query Hello { __typename }"}`)
		if got == id || len(got) < 16 || made[got] {
			t.Errorf("X-Request-Id %q was answered %q; want a new id", id, got)
		}
		made[got] = true
		last := logs.lines(t)
		if l := last[len(last)-1]; l["request_id"] != got || l["operation"] != "Hello" || l["code"] != "OK" || l["status"] != 200.0 {
			t.Errorf("access log line of a GraphQL query: %v; want request_id %s, operation Hello, code OK, status 200", l, got)
		}
	}
	if got := post(strings.Repeat("y", 128), `{"query":"{ __typename }"}`); got != strings.Repeat("y", 128) {
		t.Errorf("an id of 128 characters was answered %q", got)
	}
}

func TestNoAccessLog(t *testing.T) {
	var logs logBuffer
	srv := httptest.NewServer(server.Handler(graphtest.Open(t), slog.New(slog.NewJSONHandler(&logs, nil)), server.Options{NoAccessLog: true}))
	defer srv.Close()
	res, err := httpClient.Get(srv.URL + "/livez")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if logs.buf.Len() > 0 || res.Header.Get("X-Request-Id") == "" {
		t.Errorf("with NoAccessLog: logged %q, X-Request-Id %q", logs.buf.String(), res.Header.Get("X-Request-Id"))
	}
}
