package server_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/strikegraph/strikegraph/auth"
	"github.com/strikegraph/strikegraph/internal/graphtest"
	"github.com/strikegraph/strikegraph/server"
)

// authServer serves an empty graph with one reader's API key configured.
func authServer(t *testing.T, access auth.ReadAccess) (url, key string) {
	t.Helper()
	key, line, err := auth.NewAPIKey("rita", auth.RoleReader)
	if err != nil {
		t.Fatal(err)
	}
	a, err := auth.New(auth.Config{APIKeys: line, ReadAccess: access, Logger: graphtest.Logger(t)})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(server.Handler(graphtest.Open(t), graphtest.Logger(t), server.Options{Auth: a}))
	t.Cleanup(srv.Close)
	return srv.URL, key
}

// authResponse is what a request with an API key came to.
type authResponse struct {
	status    int
	challenge string // WWW-Authenticate
	body      string
}

// request sends method to url+path with key in X-API-Key, when given.
func request(t *testing.T, method, url, key string) authResponse {
	t.Helper()
	var body []byte
	if method == http.MethodPost {
		body = []byte(`{"query":"{ serverInfo { database } }"}`)
	}
	status, header, b := send(t, method, url, key, "application/json", body)
	return authResponse{status, header.Get("WWW-Authenticate"), string(b)}
}

// errorCode returns the code of the GraphQL response's only error.
func errorCode(t *testing.T, body string) string {
	t.Helper()
	var res struct{ Errors []gqlError }
	if err := json.Unmarshal([]byte(body), &res); err != nil || len(res.Errors) != 1 {
		t.Fatalf("body %s: want one GraphQL error (%v)", body, err)
	}
	return res.Errors[0].Extensions["code"].(string)
}

// TestAuthBadKeyIsRefused: where reads are open, a query with no key is
// answered, but one with a bad key gets 401, so its client learns at once.
func TestAuthBadKeyIsRefused(t *testing.T) {
	url, key := authServer(t, auth.ReadOpen)
	bad := request(t, http.MethodPost, url+"/graphql", key+"x")
	if bad.status != http.StatusUnauthorized || !strings.HasPrefix(bad.challenge, "Bearer") || errorCode(t, bad.body) != "UNAUTHENTICATED" {
		t.Errorf("a bad key: got %+v, want 401 UNAUTHENTICATED with WWW-Authenticate: Bearer", bad)
	}
	for _, k := range []string{"", key} {
		if res := request(t, http.MethodPost, url+"/graphql", k); res.status != http.StatusOK || !strings.Contains(res.body, `"database"`) {
			t.Errorf("key %q: got %+v, want the answer", k, res)
		}
	}
}

// TestAuthReadAccessReader: where reading needs credentials, /graphql and
// /export refuse a request without a key and answer one with a reader's
// key; the health endpoints stay open.
func TestAuthReadAccessReader(t *testing.T) {
	url, key := authServer(t, auth.ReadReader)
	for _, tc := range []struct{ method, path string }{{http.MethodPost, "/graphql"}, {http.MethodGet, "/export/graphml"}, {http.MethodGet, "/export/annotation"}} {
		res := request(t, tc.method, url+tc.path, "")
		if res.status != http.StatusUnauthorized || res.challenge == "" || !strings.Contains(res.body, "UNAUTHENTICATED") {
			t.Errorf("%s without a key: got %+v, want 401 UNAUTHENTICATED", tc.path, res)
		}
		if res := request(t, tc.method, url+tc.path, key); res.status != http.StatusOK {
			t.Errorf("%s with a reader's key: got %+v, want 200", tc.path, res)
		}
	}
	if code := errorCode(t, request(t, http.MethodPost, url+"/graphql", "").body); code != "UNAUTHENTICATED" {
		t.Errorf("/graphql without a key: code %s, want UNAUTHENTICATED", code)
	}
	for _, path := range []string{"/livez", "/readyz"} {
		if res := request(t, http.MethodGet, url+path, ""); res.status != http.StatusOK {
			t.Errorf("%s without a key: got %+v, want 200", path, res)
		}
	}
}
