package server_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/strikegraph/strikegraph/internal/graphtest"
	"github.com/strikegraph/strikegraph/server"
)

// TestBodiesThatAreNotRequests sends bodies that are not one GraphQL
// request: each gets HTTP 400 with BAD_REQUEST and a reason, and is logged
// once, at INFO, cut short.
func TestBodiesThatAreNotRequests(t *testing.T) {
	g := graphtest.Open(t)
	var logs lockedBuffer
	log := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	srv := httptest.NewServer(server.Handler(g, log, server.Options{NoAccessLog: true}))
	defer srv.Close()

	junk := strings.Repeat("x", 500_000)
	for body, why := range map[string]string{
		"":                             "empty",
		"   \n":                        "empty",
		"[]":                           "batch is empty",
		`[{"query": "{ __typename }"}`: "not a JSON array",
		`{"query": 0}`:                 "query must be a string",
		`{"query": "{ __typename }", "variables": []}`: "variables must be an object",
		`{"operationName": 7}`:                         "operationName must be a string",
		"\x00\x00\x00":                                 "not a JSON object",
		`"{ __typename }"`:                             "not a JSON object",
		junk:                                           "not a JSON object",
	} {
		logs.Reset()
		status, _, b := send(t, http.MethodPost, srv.URL+"/graphql", "", "application/json", []byte(body))
		var res struct {
			Errors []gqlError `json:"errors"`
		}
		if err := json.Unmarshal(b, &res); err != nil {
			t.Fatalf("%.40q: %v: %s", body, err, b)
		}
		if status != http.StatusBadRequest || len(res.Errors) != 1 || res.Errors[0].Extensions["code"] != "BAD_REQUEST" ||
			!strings.Contains(res.Errors[0].Message, why) {
			t.Errorf("%.40q: status %d, %+v; want 400, BAD_REQUEST saying %q", body, status, res.Errors, why)
		}
		lines := strings.Split(strings.TrimSpace(logs.String()), "\n")
		if len(lines) != 1 || !strings.Contains(lines[0], "level=INFO") || len(lines[0]) > 1000 {
			t.Errorf("%.40q logged %d lines (%d bytes): %.300s", body, len(lines), logs.Len(), logs.String())
		}
	}

	// A request still passes.
	status, _, b := send(t, http.MethodPost, srv.URL+"/graphql", "", "application/json", []byte(`{"query": "{ __typename }"}`))
	if status != http.StatusOK || !bytes.Contains(b, []byte(`"Query"`)) {
		t.Errorf("a request: status %d, %s", status, b)
	}
}

// TestWideQueriesRefusedBeforeValidation sends queries that validation would
// take seconds over, or answer with thousands of errors: each is refused
// with one error, before validation.
func TestWideQueriesRefusedBeforeValidation(t *testing.T) {
	g := graphtest.Open(t)
	srv := httptest.NewServer(server.Handler(g, graphtest.Logger(t), server.Options{}))
	defer srv.Close()

	var bomb strings.Builder // each fragment spreads the next twice: 2^30 fields
	bomb.WriteString("{ ...f0 }")
	for i := range 30 {
		fmt.Fprintf(&bomb, " fragment f%d on Query { ...f%d ...f%d }", i, i+1, i+1)
	}
	bomb.WriteString(" fragment f30 on Query { __typename }")
	for _, c := range []struct{ name, query, code string }{
		{"14,000 __typename", "{ " + strings.Repeat("__typename ", 14000) + "}", "TOO_MANY_FIELDS"},
		{"a fragment bomb", bomb.String(), "TOO_MANY_FIELDS"},
		{"a directive flood", "{ __typename" + strings.Repeat(" @nope", 5000) + " }", "TOO_MANY_DIRECTIVES"},
		{"duplicate directives", "{ __typename" + strings.Repeat(" @skip(if: false)", 1000) + " }", "TOO_MANY_DIRECTIVES"},
		{"alias overloading (graphql-cop's)", aliases(server.DefaultMaxAliases+1, "__typename"), "TOO_MANY_ALIASES"},
	} {
		for _, method := range []string{http.MethodPost, http.MethodGet} {
			start := time.Now()
			var errs []gqlError
			if method == http.MethodPost {
				errs = query(t, srv.URL, c.query, nil, nil)
			} else {
				_, _, b := send(t, method, srv.URL+"/graphql?query="+url.QueryEscape(c.query), "", "", nil)
				var res struct{ Errors []gqlError }
				if err := json.Unmarshal(b, &res); err != nil {
					t.Fatalf("%s: %v: %.200s", c.name, err, b)
				}
				errs = res.Errors
			}
			t.Logf("%s (%s): refused in %v", c.name, method, time.Since(start))
			if len(errs) != 1 || errs[0].Extensions["code"] != c.code {
				t.Errorf("%s (%s): %d errors, the first %+v; want one, %s", c.name, method, len(errs), first(errs), c.code)
			}
		}
	}
	// GraphiQL's introspection query passes.
	if errs := query(t, srv.URL, introspectionQuery, nil, nil); len(errs) > 0 {
		t.Errorf("the introspection query: %+v", errs)
	}
}

func first(errs []gqlError) any {
	if len(errs) == 0 {
		return nil
	}
	return errs[0]
}

// lockedBuffer is a log's output, written from the server's goroutines.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string { l.mu.Lock(); defer l.mu.Unlock(); return l.b.String() }
func (l *lockedBuffer) Len() int       { l.mu.Lock(); defer l.mu.Unlock(); return l.b.Len() }
func (l *lockedBuffer) Reset()         { l.mu.Lock(); defer l.mu.Unlock(); l.b.Reset() }
