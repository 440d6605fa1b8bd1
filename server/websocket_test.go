package server_test

import (
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"github.com/strikegraph/strikegraph/auth"
	"github.com/strikegraph/strikegraph/internal/graphtest"
	"github.com/strikegraph/strikegraph/server"
)

// readerOnly is an Authenticator where reading needs credentials, logging
// to log, with a reader's and an editor's key.
func readerOnly(t *testing.T, log io.Writer) (a *auth.Authenticator, reader, editor string) {
	t.Helper()
	var lines []string
	keys := map[auth.Role]string{}
	for _, role := range []auth.Role{auth.RoleReader, auth.RoleEditor} {
		key, line, err := auth.NewAPIKey(role.String(), role)
		if err != nil {
			t.Fatal(err)
		}
		keys[role] = key
		lines = append(lines, line)
	}
	a, err := auth.New(auth.Config{APIKeys: strings.Join(lines, "\n"), ReadAccess: auth.ReadReader, Logger: slog.New(slog.NewTextHandler(log, nil))})
	if err != nil {
		t.Fatal(err)
	}
	return a, keys[auth.RoleReader], keys[auth.RoleEditor]
}

// readerOnlyServer serves g with a of readerOnly.
func readerOnlyServer(t *testing.T, g *graphtest.Graph, a *auth.Authenticator) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(server.Handler(g, graphtest.Logger(t), server.Options{Auth: a, FeedEvery: 100 * time.Millisecond}))
	t.Cleanup(srv.Close)
	return srv
}

// TestSubscriptionCredentials subscribes where reading needs credentials,
// sending them as a browser can, in connection_init's payload (the names in
// any case), and in the upgrade's headers: each subscription hears the
// claim recorded next.
func TestSubscriptionCredentials(t *testing.T) {
	g := graphtest.Seeded(t)
	a, reader, editor := readerOnly(t, io.Discard)
	srv := readerOnlyServer(t, g, a)
	const q = `subscription { claimRecorded { id } }`
	bearer := http.Header{"Authorization": {"Bearer " + reader}}
	subs := map[string]*wsSubscription{
		"X-API-Key in the payload":     connect(t, srv.URL, nil, map[string]any{"X-API-Key": reader}),
		"authorization in the payload": connect(t, srv.URL, nil, map[string]any{"authorization": "Bearer " + reader}),
		"Authorization in the headers": connect(t, srv.URL, bearer, nil),
		"the same in both":             connect(t, srv.URL, bearer, map[string]any{"X-API-Key": reader}),
	}
	for _, s := range subs {
		s.start(t, q)
	}
	time.Sleep(time.Second) // each subscription hears only what comes after it
	claim := recordAbuAlHassan(t, srv.URL, editor, "outlet:sana", "saying 40 were killed in the remote area of Buqaan")
	for what, s := range subs {
		if got := s.next(t, 30*time.Second); got["claimRecorded"].(map[string]any)["id"] != claim {
			t.Errorf("%s: the event %v, want claim %s", what, got, claim)
		}
	}
}

// TestSubscriptionRefusals: a connection whose connection_init has the
// wrong credentials, none where reading needs them, or others than its
// headers', is closed with 4403 and the reason, which the log has too,
// never the key. Wrong credentials in the headers are refused at the
// upgrade, as before; a connection that sends no connection_init is closed
// after 10 s; and an upgrade without credentials reaches nothing but the
// WebSocket.
func TestSubscriptionRefusals(t *testing.T) {
	g := graphtest.Open(t)
	log := &lockedBuffer{}
	a, reader, editor := readerOnly(t, log)
	srv := readerOnlyServer(t, g, a)
	const wrong = "sg_not-a-key-of-this-server"
	for _, c := range []struct {
		what    string
		header  http.Header
		payload map[string]any
		reason  string
	}{
		{"a wrong key", nil, map[string]any{"X-API-Key": wrong}, "the API key is not valid"},
		{"a wrong bearer", nil, map[string]any{"Authorization": "Bearer " + wrong}, "the API key is not valid"},
		{"not a bearer", nil, map[string]any{"Authorization": reader}, "the Authorization header must be Bearer followed by an API key or a JWT"},
		{"no key", nil, nil, "reading needs credentials: send X-API-Key or Authorization: Bearer in connection_init's payload or the headers"},
		{"an empty payload", nil, map[string]any{}, "reading needs credentials: send X-API-Key or Authorization: Bearer in connection_init's payload or the headers"},
		{"a key not a string", nil, map[string]any{"x-api-key": 42}, "x-api-key in connection_init must be a string"},
		{"both names", nil, map[string]any{"X-API-Key": reader, "Authorization": "Bearer " + reader}, "send X-API-Key or Authorization, not both"},
		{"headers and payload differ", http.Header{"X-API-Key": {reader}}, map[string]any{"X-API-Key": editor}, "the credentials in connection_init and in the headers differ: send them in one place"},
		{"a wrong key in the payload, a good one in the headers", http.Header{"X-API-Key": {reader}}, map[string]any{"X-API-Key": wrong}, "the API key is not valid"},
	} {
		ce := connect(t, srv.URL, c.header, c.payload).refused(t, 30*time.Second)
		if ce.Code != 4403 || ce.Text != c.reason {
			t.Errorf("%s: closed with %d %q, want 4403 %q", c.what, ce.Code, ce.Text, c.reason)
		}
	}
	logged := log.String()
	if n := strings.Count(logged, `msg="credentials refused"`); n != 9 {
		t.Errorf("%d refusals logged, want 9:\n%s", n, logged)
	}
	for _, key := range []string{wrong, reader, editor} {
		if strings.Contains(logged, key) {
			t.Errorf("the log shows a key:\n%s", logged)
		}
	}

	d := websocket.Dialer{Subprotocols: []string{"graphql-transport-ws"}}
	_, resp, err := d.DialContext(t.Context(), "ws"+strings.TrimPrefix(srv.URL, "http")+"/graphql", http.Header{"X-API-Key": {wrong}})
	if err == nil || resp == nil || resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("a wrong key in the upgrade's headers: %v, %v; want 401", err, resp)
	}

	// A connection that never sends connection_init is closed.
	conn, _, err := d.DialContext(t.Context(), "ws"+strings.TrimPrefix(srv.URL, "http")+"/graphql", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	start := time.Now()
	_ = conn.SetReadDeadline(start.Add(time.Minute))
	_, _, err = conn.ReadMessage()
	var ce *websocket.CloseError
	if !errors.As(err, &ce) || ce.Code != websocket.CloseProtocolError || time.Since(start) > 20*time.Second {
		t.Errorf("no connection_init: %v after %v, want closed with 1002 in about 10 s", err, time.Since(start))
	}

	// An upgrade's credentials may come later, so it passes the HTTP
	// check: a query in it must get nothing.
	req, _ := http.NewRequestWithContext(t.Context(), http.MethodGet, srv.URL+"/graphql?query="+url.QueryEscape("{ __typename }"), nil)
	req.Header.Set("Connection", "Upgrade")
	req.Header.Set("Upgrade", "websocket")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusBadRequest || strings.Contains(string(body), "Query") {
		t.Errorf("a query in a broken upgrade without credentials: %s %s, want 400 and no data", res.Status, body)
	}
}
