package cypher

import (
	"log/slog"
	"net"
	"net/url"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/strikegraph/strikegraph"
	"github.com/strikegraph/strikegraph/neo4jtest"
)

// TestFrozenNeo4j freezes Neo4j under a running DB, as a SIGSTOP or a
// network partition would: the transaction timeout is then enforced by no
// one, and a read must still end, DATABASE_UNAVAILABLE, once the timeout
// and the client's margin have passed.
func TestFrozenNeo4j(t *testing.T) {
	target := neo4jtest.New(t)
	u, err := url.Parse(target.URI)
	if err != nil {
		t.Fatal(err)
	}
	p := newFreezer(t, u.Host)
	db, err := Open(Config{URI: "bolt://" + p.addr, Username: target.Username, Password: target.Password,
		Database: target.Database, TxTimeout: time.Second}, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close(t.Context())
	if _, err := db.FindServerInfo(t.Context()); err != nil {
		t.Fatal(err)
	}

	p.frozen.Store(true)
	defer p.frozen.Store(false)
	done := make(chan error, 1)
	start := time.Now()
	go func() { _, err := db.FindServerInfo(t.Context()); done <- err }()
	// Held for a minute, a read would hang as long without a deadline of
	// its own; with one, it ends after 1 s + deadlineMargin.
	select {
	case err := <-done:
		t.Logf("a read with Neo4j frozen ended after %v: %v", time.Since(start), err)
		if got := strikegraph.ErrorCode(err); got != strikegraph.ECodeUnavailable {
			t.Fatalf("code %q, want %s: %v", got, strikegraph.ECodeUnavailable, err)
		}
	case <-time.After(time.Minute):
		t.Fatal("a read with Neo4j frozen still waits after a minute")
	}
}

// freezer forwards TCP connections to a Neo4j, and holds every byte while
// frozen, as a stopped process or a partition would.
type freezer struct {
	addr   string
	frozen atomic.Bool
}

func newFreezer(t *testing.T, target string) *freezer {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	f := &freezer{addr: ln.Addr().String()}
	var conns sync.WaitGroup
	t.Cleanup(func() { ln.Close(); f.frozen.Store(false); conns.Wait() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			s, err := net.Dial("tcp", target)
			if err != nil {
				c.Close()
				continue
			}
			conns.Add(2)
			go func() { defer conns.Done(); f.pipe(s, c) }()
			go func() { defer conns.Done(); f.pipe(c, s) }()
		}
	}()
	return f
}

// pipe copies from src to dst until either closes, holding what it read
// while frozen.
func (f *freezer) pipe(dst, src net.Conn) {
	defer dst.Close()
	defer src.Close()
	buf := make([]byte, 32<<10)
	for {
		n, err := src.Read(buf)
		for f.frozen.Load() {
			time.Sleep(10 * time.Millisecond)
		}
		if n > 0 {
			if _, werr := dst.Write(buf[:n]); werr != nil {
				return
			}
		}
		if err != nil {
			return
		}
	}
}
