package server_test

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/strikegraph/strikegraph/internal/graphtest"
	"github.com/strikegraph/strikegraph/server"
)

// TestTricklingBodyLetGo sends a request whose body never finishes: the
// service answers 408 and closes the connection once the body's deadline
// has passed, instead of holding it.
func TestTricklingBodyLetGo(t *testing.T) {
	g := graphtest.Open(t)
	srv := httptest.NewServer(server.Handler(g, graphtest.Logger(t), server.Options{BodyTimeout: 500 * time.Millisecond}))
	defer srv.Close()

	conn, err := net.Dial("tcp", srv.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"query\":")
	_ = conn.SetReadDeadline(time.Now().Add(30 * time.Second)) // a hang fails the test
	start := time.Now()
	res, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("no answer after %v: %v", time.Since(start), err)
	}
	res.Body.Close()
	t.Logf("answered %d after %v", res.StatusCode, time.Since(start))
	if res.StatusCode != http.StatusRequestTimeout {
		t.Errorf("status %d, want 408", res.StatusCode)
	}
	if _, err := conn.Read(make([]byte, 1)); err == nil {
		t.Error("the connection stays open after the body's deadline")
	}
}

// TestUnwrittenAnswerLetGo answers a request after its response deadline
// has passed, as for a client that does not read: the answer is dropped and
// the connection closed, instead of held.
func TestUnwrittenAnswerLetGo(t *testing.T) {
	g := graphtest.Seeded(t)
	// Each level of loaders waits a second, far past the deadline.
	srv := httptest.NewServer(server.Handler(g, graphtest.Logger(t), server.Options{ResponseTimeout: 200 * time.Millisecond, LoaderWait: time.Second}))
	defer srv.Close()
	const q = `{ incidents(limit: 1) { claims { speaker { name } } } }`
	resp, err := httpClient.Post(srv.URL+"/graphql", "application/json", bytes.NewReader(queryBody(q)))
	if err == nil {
		b, rerr := io.ReadAll(resp.Body)
		resp.Body.Close()
		if rerr == nil {
			t.Fatalf("answered %d after the response deadline: %.200s", resp.StatusCode, b)
		}
	}
	t.Logf("after the response deadline: %v", err)

	fast := httptest.NewServer(server.Handler(g, graphtest.Logger(t), server.Options{ResponseTimeout: time.Minute}))
	defer fast.Close()
	mustQuery(t, fast.URL, q, nil, nil)
}
