package server_test

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"github.com/strikegraph/strikegraph/auth"
	"github.com/strikegraph/strikegraph/internal/graphtest"
	"github.com/strikegraph/strikegraph/server"
)

// wsSubscription is one subscription over graphql-transport-ws. A reader
// of its own takes every message off the connection (a read that times
// out would break it): received holds them, closed its end, and err then
// says why.
type wsSubscription struct {
	conn     *websocket.Conn
	received chan map[string]any
	err      error
	writing  sync.Mutex // one writer at a time, as the library asks
}

// subscribe opens a WebSocket to url's /graphql and starts the subscription
// q, as graphql-ws does: connection_init, connection_ack, subscribe.
func subscribe(t *testing.T, url, q string) *wsSubscription {
	t.Helper()
	s := connect(t, url, nil, nil)
	s.start(t, q)
	return s
}

// connect opens a WebSocket to url's /graphql with header, and sends
// connection_init with payload (none when nil).
func connect(t *testing.T, url string, header http.Header, payload map[string]any) *wsSubscription {
	t.Helper()
	d := websocket.Dialer{Subprotocols: []string{"graphql-transport-ws"}, HandshakeTimeout: 30 * time.Second}
	conn, resp, err := d.DialContext(t.Context(), "ws"+strings.TrimPrefix(url, "http")+"/graphql", header)
	if err != nil {
		t.Fatalf("dial: %v (%v)", err, resp)
	}
	t.Cleanup(func() { conn.Close() })
	s := &wsSubscription{conn: conn, received: make(chan map[string]any, 100)}
	go func() {
		defer close(s.received)
		for {
			var m map[string]any
			if err := conn.ReadJSON(&m); err != nil {
				s.err = err
				return
			}
			if m["type"] == "ping" {
				s.writing.Lock()
				_ = conn.WriteJSON(map[string]any{"type": "pong"})
				s.writing.Unlock()
				continue
			}
			s.received <- m
		}
	}()
	init := map[string]any{"type": "connection_init"}
	if payload != nil {
		init["payload"] = payload
	}
	s.send(t, init)
	return s
}

// start waits for connection_ack and subscribes to q.
func (s *wsSubscription) start(t *testing.T, q string) {
	t.Helper()
	if m := s.read(t, 30*time.Second); m["type"] != "connection_ack" {
		t.Fatalf("after connection_init: %v", m)
	}
	s.send(t, map[string]any{"id": "1", "type": "subscribe", "payload": map[string]any{"query": q}})
}

// refused returns the close frame that ended the connection, failing the
// test if a message came first or nothing within wait.
func (s *wsSubscription) refused(t *testing.T, wait time.Duration) *websocket.CloseError {
	t.Helper()
	select {
	case m, ok := <-s.received:
		if ok {
			t.Fatalf("a message, not a refusal: %v", m)
		}
	case <-time.After(wait):
		t.Fatalf("not closed within %v", wait)
	}
	var ce *websocket.CloseError
	if !errors.As(s.err, &ce) {
		t.Fatalf("closed without a close frame: %v", s.err)
	}
	return ce
}

func (s *wsSubscription) send(t *testing.T, m map[string]any) {
	t.Helper()
	s.writing.Lock()
	defer s.writing.Unlock()
	if err := s.conn.WriteJSON(m); err != nil {
		t.Fatal(err)
	}
}

// read returns the next message other than a ping, or nil after wait.
func (s *wsSubscription) read(t *testing.T, wait time.Duration) map[string]any {
	t.Helper()
	select {
	case m, ok := <-s.received:
		if !ok {
			t.Fatal("the subscription's connection closed")
		}
		return m
	case <-time.After(wait):
		return nil
	}
}

// next returns the data of the next event, failing the test after wait.
func (s *wsSubscription) next(t *testing.T, wait time.Duration) map[string]any {
	t.Helper()
	m := s.read(t, wait)
	if m == nil || m["type"] != "next" {
		t.Fatalf("no event within %v: %v", wait, m)
	}
	payload, _ := m["payload"].(map[string]any)
	if payload["errors"] != nil {
		t.Fatalf("an event with errors: %v", payload)
	}
	data, _ := payload["data"].(map[string]any)
	return data
}

// TestSubscriptionsAcrossInstances runs two instances of the service on one
// Neo4j and subscribes to the second: what is written through the first
// reaches the second's subscribers, each as its filter selects.
func TestSubscriptionsAcrossInstances(t *testing.T) {
	g := graphtest.Seeded(t)
	writer := newWriteServer(t, g)
	other := httptest.NewServer(server.Handler(g, graphtest.Logger(t), server.Options{FeedEvery: 200 * time.Millisecond}))
	defer other.Close()

	all := subscribe(t, other.URL, `subscription { claimRecorded { id stance speaker { id } incident { id } quote } }`)
	sohr := subscribe(t, other.URL, `subscription { claimRecorded(where: {speaker: "monitor:sohr"}) { id } }`)
	places := subscribe(t, other.URL, `subscription { entityChanged(types: [PLACE]) { __typename id } }`)
	time.Sleep(time.Second) // each subscription hears only what comes after it

	report := func(speaker, quote string) string {
		return recordAbuAlHassan(t, writer.url, writer.editor, speaker, quote)
	}
	start := time.Now()
	sana := report("outlet:sana", "saying 40 were killed in the remote area of Buqaan")
	got := all.next(t, 30*time.Second)
	t.Logf("a claim recorded through one instance reached a subscriber of the other after %v", time.Since(start))
	claim, _ := got["claimRecorded"].(map[string]any)
	if claim["id"] != sana || claim["stance"] != "REPORTED" || claim["quote"] != "saying 40 were killed in the remote area of Buqaan" {
		t.Errorf("the event: %v, want claim %s", got, sana)
	}
	if m := sohr.read(t, 2*time.Second); m != nil {
		t.Errorf("SANA's claim reached the subscriber of SOHR's: %v", m)
	}
	own := report("monitor:sohr", "the airstrikes killed at least 43 people")
	if got := sohr.next(t, 30*time.Second); got["claimRecorded"].(map[string]any)["id"] != own {
		t.Errorf("the SOHR subscriber got %v, want %s", got, own)
	}
	if got := all.next(t, 30*time.Second); got["claimRecorded"].(map[string]any)["id"] != own {
		t.Errorf("the second event: %v, want %s", got, own)
	}
	if m := places.read(t, time.Second); m != nil {
		t.Errorf("a claim reached the subscriber of places: %v", m)
	}
	writer.mustWrite(t, writer.editor, `mutation { createPlace(input: {name: "Al-Marashidah", kind: VILLAGE}) { place { id } } }`, nil, nil)
	if got := places.next(t, 30*time.Second); got["entityChanged"].(map[string]any)["id"] != "place:al-marashidah" {
		t.Errorf("the place event: %v", got)
	}
}

// TestSubscriptionRefusesABadWhere: a where that does not validate ends
// the subscription with its error, before anything is followed.
func TestSubscriptionRefusesABadWhere(t *testing.T) {
	srv := httptest.NewServer(server.Handler(graphtest.Open(t), graphtest.Logger(t), server.Options{}))
	defer srv.Close()
	s := subscribe(t, srv.URL, `subscription { claimRecorded(where: {statedOn_GTE: "yesterday"}) { id } }`)
	m := s.read(t, 30*time.Second)
	b, _ := json.Marshal(m)
	if m == nil || !strings.Contains(string(b), `"code":"BAD_USER_INPUT","field":"where.statedOn_GTE"`) {
		t.Errorf("a bad where: %s, want BAD_USER_INPUT on where.statedOn_GTE", b)
	}
}

// recordAbuAlHassan records, with an editor's key, speaker's report of 40
// killed in the seed's Abu al-Hassan strike, quoting article:002, and
// returns the claim's id.
func recordAbuAlHassan(t *testing.T, url, key, speaker, quote string) string {
	t.Helper()
	var out struct {
		RecordReport struct{ Claim struct{ ID string } }
	}
	errs := queryAs(t, url, key, `mutation($in: ReportInput!) { recordReport(input: $in) { claim { id } } }`, map[string]any{"in": map[string]any{
		"speaker": speaker, "incident": "incident:2018-11-17-abu-al-hassan", "article": "article:002", "quote": quote,
		"statedOn": map[string]any{"value": "2018-11-17", "precision": "DAY"},
		"figures":  map[string]any{"killed": map[string]any{"min": 40, "max": 40, "text": "40 were killed"}},
	}}, &out)
	if len(errs) > 0 {
		t.Fatalf("recordReport: %+v", errs)
	}
	return out.RecordReport.Claim.ID
}

// TestGraphQLWSFromNode subscribes to claimRecorded from Node with the
// graphql-ws library over ws (testdata/graphql-ws.mjs), where reading needs
// credentials: they go in the upgrade request's headers. Of the two claims
// recorded next, it is sent the one its where selects, with the fields it
// asks.
func TestGraphQLWSFromNode(t *testing.T) {
	g := graphtest.Seeded(t)
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
	a, err := auth.New(auth.Config{APIKeys: strings.Join(lines, "\n"), ReadAccess: auth.ReadReader, Logger: graphtest.Logger(t)})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(server.Handler(g, graphtest.Logger(t), server.Options{Auth: a, FeedEvery: 100 * time.Millisecond}))
	defer srv.Close()

	// A bound, so that a subscription that hears nothing fails the test.
	ctx, cancel := context.WithTimeout(t.Context(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "node", "testdata/graphql-ws.mjs", srv.URL+"/graphql", `{"speaker": "outlet:sana"}`, "1")
	cmd.Env = append(os.Environ(), "STRIKEGRAPH_KEY="+keys[auth.RoleReader])
	var stderr strings.Builder
	cmd.Stderr = &stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatalf("node (run scripts/ensure-tools --tests): %v", err)
	}
	out := bufio.NewScanner(stdout)
	next := func() map[string]any {
		t.Helper()
		if !out.Scan() {
			t.Fatalf("node testdata/graphql-ws.mjs printed nothing more (run scripts/ensure-tools --tests): %v\n%s", cmd.Wait(), stderr.String())
		}
		var m map[string]any
		if err := json.Unmarshal(out.Bytes(), &m); err != nil {
			t.Fatalf("%v: %s", err, out.Bytes())
		}
		return m
	}
	if m := next(); m["connected"] != true {
		t.Fatalf("first from the script: %v, want connected", m)
	}
	time.Sleep(time.Second) // the subscription hears only what comes after it

	recordAbuAlHassan(t, srv.URL, keys[auth.RoleEditor], "monitor:sohr", "the airstrikes killed at least 43 people")
	sana := recordAbuAlHassan(t, srv.URL, keys[auth.RoleEditor], "outlet:sana", "saying 40 were killed in the remote area of Buqaan")
	start := time.Now()
	got := next()
	t.Logf("the claim reached Node %v after it was recorded", time.Since(start).Round(time.Millisecond))
	b, _ := json.Marshal(got)
	want := `{"data":{"claimRecorded":{"figures":{"killed":{"max":40,"min":40,"text":"40 were killed"}},` +
		`"id":"` + sana + `","incident":{"id":"incident:2018-11-17-abu-al-hassan","name":"` + abuAlHassan + `"},` +
		`"quote":"saying 40 were killed in the remote area of Buqaan","speaker":{"id":"outlet:sana","name":"SANA"},"stance":"REPORTED"}}}`
	if string(b) != want {
		t.Errorf("the event:\n%s\nwant\n%s", b, want)
	}
	if err := cmd.Wait(); err != nil {
		t.Errorf("node testdata/graphql-ws.mjs: %v\n%s", err, stderr.String())
	}
}
