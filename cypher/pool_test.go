package cypher

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/config"

	"github.com/strikegraph/strikegraph"
	"github.com/strikegraph/strikegraph/neo4jtest"
)

// TestPoolFull holds the only connection of a pool of one in an open
// transaction: a query then waits for a connection until the driver gives up.
// That is OVERLOADED, not DATABASE_UNAVAILABLE: once the transaction ends
// the same query succeeds. A Neo4j that cannot be reached stays UNAVAILABLE.
func TestPoolFull(t *testing.T) {
	target := neo4jtest.New(t)
	auth := neo4j.NoAuth()
	if target.Password != "" {
		auth = neo4j.BasicAuth(target.Username, target.Password, "")
	}
	driver, err := neo4j.NewDriverWithContext(target.URI, auth, func(c *config.Config) {
		c.MaxConnectionPoolSize = 1
		c.ConnectionAcquisitionTimeout = time.Second
		c.MaxTransactionRetryTime = time.Second
	})
	if err != nil {
		t.Fatal(err)
	}
	defer driver.Close(context.Background())
	db := &DB{driver: driver, database: target.Database, txTimeout: time.Minute, log: slog.New(slog.DiscardHandler)}

	session := driver.NewSession(t.Context(), neo4j.SessionConfig{DatabaseName: target.Database})
	defer session.Close(context.Background())
	tx, err := session.BeginTransaction(t.Context()) // takes the pool's one connection
	if err != nil {
		t.Fatal(err)
	}
	_, err = db.read(t.Context(), isEmpty, nil)
	t.Logf("with the pool full: %v (%v)", err, errors.Unwrap(err))
	if got := strikegraph.ErrorCode(err); got != strikegraph.ECodeOverloaded {
		t.Errorf("with the pool full: code %s, want %s", got, strikegraph.ECodeOverloaded)
	}
	if err := tx.Close(t.Context()); err != nil {
		t.Fatal(err)
	}
	if _, err := db.read(t.Context(), isEmpty, nil); err != nil {
		t.Errorf("with the connection back in the pool: %v", err)
	}

	// Nothing listens on a port just closed: the driver cannot connect.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ln.Close()
	down, err := Open(Config{URI: "bolt://" + ln.Addr().String()}, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	defer down.Close(context.Background())
	_, err = down.read(t.Context(), isEmpty, nil)
	if got := strikegraph.ErrorCode(err); got != strikegraph.ECodeUnavailable {
		t.Errorf("with no Neo4j: code %s, want %s: %v", got, strikegraph.ECodeUnavailable, errors.Unwrap(err))
	}
}

// TestStatementSlots checks that a request's statements wait for its slots:
// with its one slot held by a transaction, a query of the same request waits
// and sends nothing (cancelled, it gives up without a round trip), while a
// query of another request runs. Once the transaction ends, the slot is free.
func TestStatementSlots(t *testing.T) {
	db := openTest(t)
	request := WithStatementSlots(t.Context(), 1)

	held, release, done := make(chan struct{}), make(chan struct{}), make(chan error, 1)
	go func() {
		done <- db.writeTx(request, func(neo4j.ManagedTransaction) error {
			select {
			case <-held: // run again by the driver
			default:
				close(held)
			}
			<-release
			return nil
		})
	}()
	<-held

	waiting, cancel := context.WithCancel(request)
	cancel()
	before := db.RoundTrips()
	if _, err := db.read(waiting, isEmpty, nil); err == nil {
		t.Error("a query got a slot its request's transaction holds")
	}
	if sent := db.RoundTrips() - before; sent != 0 {
		t.Errorf("the query waiting for a slot sent %d queries, want none", sent)
	}
	if _, err := db.read(WithStatementSlots(t.Context(), 1), isEmpty, nil); err != nil {
		t.Errorf("another request's query: %v", err)
	}

	close(release)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if _, err := db.read(request, isEmpty, nil); err != nil {
		t.Errorf("after the transaction: %v", err)
	}
}
