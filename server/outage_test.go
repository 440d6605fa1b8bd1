package server_test

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/strikegraph/strikegraph/cypher"
	"github.com/strikegraph/strikegraph/internal/graphtest"
	"github.com/strikegraph/strikegraph/launcher"
	"github.com/strikegraph/strikegraph/server"
)

// TestNeo4jOutage stops the Neo4j under a running service and starts it
// again. This test needs a Neo4j of its own to stop, so it starts one with the
// launcher rather than borrowing the shared one.
func TestNeo4jOutage(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a Neo4j of its own; -short runs only the tests that need none")
	}
	home, port := t.TempDir(), freePort(t)
	start := func() *launcher.Neo4j {
		t.Helper()
		ctx, cancel := context.WithTimeout(t.Context(), 10*time.Minute)
		defer cancel()
		n, err := launcher.Start(ctx, launcher.Config{Home: home, Port: port, Logger: graphtest.Logger(t)})
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	stop := func(n *launcher.Neo4j) {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		n.Stop(ctx)
	}
	neo := start()
	defer func() { stop(neo) }()
	db, err := cypher.Open(cypher.Config{URI: neo.URI}, graphtest.Logger(t))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close(context.Background())
	srv := httptest.NewServer(server.Handler(db, graphtest.Logger(t), server.Options{}))
	defer srv.Close()

	serverInfo := `{ serverInfo { neo4jVersion } }`
	if status(t, srv.URL+"/readyz") != http.StatusOK {
		t.Fatal("not ready with Neo4j up")
	}
	mustQuery(t, srv.URL, serverInfo, nil, nil)

	stop(neo)
	if got := status(t, srv.URL+"/livez"); got != http.StatusOK {
		t.Errorf("/livez = %d with Neo4j down; it must not depend on Neo4j", got)
	}
	if !eventually(10*time.Second, func() bool { return status(t, srv.URL+"/readyz") == http.StatusServiceUnavailable }) {
		t.Error("/readyz did not turn 503 within 10s of Neo4j stopping")
	}
	// httpClient's timeout turns a hang into a failure.
	errs := query(t, srv.URL, serverInfo, nil, nil)
	if len(errs) == 0 || errs[0].Extensions["code"] != "DATABASE_UNAVAILABLE" {
		t.Errorf("a request with Neo4j down: errors %+v, want code DATABASE_UNAVAILABLE", errs)
	}

	neo = start()
	if !eventually(time.Minute, func() bool { return status(t, srv.URL+"/readyz") == http.StatusOK }) {
		t.Fatal("/readyz did not recover once Neo4j was back")
	}
	var out struct{ ServerInfo struct{ Neo4jVersion string } }
	mustQuery(t, srv.URL, serverInfo, nil, &out)
	if out.ServerInfo.Neo4jVersion == "" {
		t.Error("no answer after recovery")
	}
}

func status(t *testing.T, url string) int {
	t.Helper()
	resp, err := httpClient.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// eventually polls cond until it holds or d has passed.
func eventually(d time.Duration, cond func() bool) bool {
	for deadline := time.Now().Add(d); time.Now().Before(deadline); time.Sleep(200 * time.Millisecond) {
		if cond() {
			return true
		}
	}
	return cond()
}

func freePort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}
