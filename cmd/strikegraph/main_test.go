package main

import (
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"runtime/debug"
	"strings"
	"testing"
	"time"

	"github.com/strikegraph/strikegraph/internal/graphtest"
	"github.com/strikegraph/strikegraph/neo4jtest"
)

func TestMain(m *testing.M) { neo4jtest.Main(m) }

// TestServe runs `strikegraph serve` against an empty database: it applies
// the schema, loads the seed corpus, answers GraphQL, and returns cleanly
// when told to stop.
func TestServe(t *testing.T) {
	t.Setenv("GOGC", "") // so that --gc-percent applies
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	target := neo4jtest.New(t)
	addr := freeAddr(t)
	ctx, stop := context.WithCancel(t.Context())
	defer stop()
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--addr", addr, "--drain", "5s",
			"--neo4j-uri", target.URI, "--neo4j-username", target.Username, "--neo4j-password", target.Password,
			"--neo4j-database", target.Database, "--gc-percent", "150"}, io.Discard, io.Discard, graphtest.Logger(t))
	}()
	ready := false
	for deadline := time.Now().Add(2 * time.Minute); !ready && time.Now().Before(deadline); time.Sleep(200 * time.Millisecond) {
		select {
		case err := <-done:
			t.Fatalf("serve stopped before it was ready: %v", err)
		default:
		}
		resp, err := http.Get("http://" + addr + "/readyz")
		if err == nil {
			resp.Body.Close()
			ready = resp.StatusCode == http.StatusOK
		}
	}
	if !ready {
		t.Fatal("serve was not ready within 2 minutes")
	}
	if gc := debug.SetGCPercent(150); gc != 150 {
		t.Errorf("GOGC while serving with --gc-percent 150: %d", gc)
	}
	resp, err := http.Post("http://"+addr+"/graphql", "application/json", strings.NewReader(`{"query":"{ articles { id } }"}`))
	if err != nil {
		t.Fatal(err)
	}
	var out struct {
		Data struct{ Articles []struct{ ID string } }
	}
	err = json.NewDecoder(resp.Body).Decode(&out)
	resp.Body.Close()
	if err != nil || len(out.Data.Articles) != 5 {
		t.Errorf("articles after seeding: %+v (%v), want the 5 of the seed corpus", out.Data.Articles, err)
	}

	stop() // what SIGTERM does
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve returned %v on shutdown, want nil", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not stop within 30s of being told to")
	}
}

func TestBadConfigurationIsRefused(t *testing.T) {
	if err := run(t.Context(), []string{"serve", "--gc-percent", "0"}, io.Discard, io.Discard, graphtest.Logger(t)); err == nil || !strings.Contains(err.Error(), "--gc-percent") {
		t.Errorf("--gc-percent 0 gave %v, want an error naming it", err)
	}
	if err := run(t.Context(), []string{"serve", "--max-depth", "0"}, io.Discard, io.Discard, graphtest.Logger(t)); err == nil || !strings.Contains(err.Error(), "limit") {
		t.Errorf("--max-depth 0 gave %v, want an error about limits", err)
	}
	t.Setenv("STRIKEGRAPH_NEO4J_PORT", "seventy")
	err := run(t.Context(), []string{"serve"}, io.Discard, io.Discard, graphtest.Logger(t))
	if err == nil || !strings.Contains(err.Error(), "STRIKEGRAPH_NEO4J_PORT") {
		t.Errorf("a bad STRIKEGRAPH_NEO4J_PORT gave %v, want an error naming it", err)
	}
	if err := run(t.Context(), []string{"serve", "--nope"}, io.Discard, io.Discard, graphtest.Logger(t)); err == nil {
		t.Error("an unknown flag was accepted")
	}
	if err := run(t.Context(), []string{"frobnicate"}, io.Discard, io.Discard, graphtest.Logger(t)); err == nil {
		t.Error("an unknown command was accepted")
	}
}

func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}
