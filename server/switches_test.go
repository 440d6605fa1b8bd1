package server_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/strikegraph/strikegraph/internal/graphtest"
	"github.com/strikegraph/strikegraph/server"
)

// TestPublicSwitches turns off introspection, field suggestions and the
// pages, as a public deployment would, and checks each is off, and on by
// default.
func TestPublicSwitches(t *testing.T) {
	g := graphtest.Open(t)
	open := httptest.NewServer(server.Handler(g, graphtest.Logger(t), server.Options{}))
	defer open.Close()
	closed := httptest.NewServer(server.Handler(g, graphtest.Logger(t), server.Options{NoIntrospection: true, NoSuggestions: true, NoPages: true}))
	defer closed.Close()

	const schema = `{ __schema { queryType { name } } }`
	if errs := query(t, open.URL, schema, nil, nil); len(errs) > 0 {
		t.Errorf("introspection by default: %+v", errs)
	}
	if errs := query(t, closed.URL, schema, nil, nil); len(errs) == 0 {
		t.Error("introspection answered with NoIntrospection")
	}

	const typo = `{ incidnts { id } }`
	suggests := func(url string) bool {
		errs := query(t, url, typo, nil, nil)
		if len(errs) == 0 {
			t.Fatalf("%s answered", typo)
		}
		return strings.Contains(errs[0].Message, "Did you mean")
	}
	if !suggests(open.URL) {
		t.Error("no suggestion by default")
	}
	if suggests(closed.URL) {
		t.Error("a suggestion with NoSuggestions")
	}

	for _, page := range []string{"/explorer/", "/graphiql/"} {
		status, header, _ := send(t, http.MethodGet, open.URL+page, "", "", nil)
		if status != http.StatusOK || !strings.Contains(header.Get("Content-Security-Policy"), "frame-ancestors 'none'") ||
			header.Get("X-Frame-Options") != "DENY" || header.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("%s: status %d, headers %v", page, status, header)
		}
		if status, _, _ := send(t, http.MethodGet, closed.URL+page, "", "", nil); status != http.StatusNotFound {
			t.Errorf("%s with NoPages: status %d, want 404", page, status)
		}
	}
}
