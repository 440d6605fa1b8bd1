package cypher

import (
	"errors"
	"log/slog"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/strikegraph/strikegraph"
	"github.com/strikegraph/strikegraph/neo4jtest"
)

// TestTxTimeout runs a query far longer than the transaction timeout: Neo4j
// stops it, and the client gets TIMEOUT, not INTERNAL.
func TestTxTimeout(t *testing.T) {
	target := neo4jtest.New(t)
	db, err := Open(Config{URI: target.URI, Username: target.Username, Password: target.Password, Database: target.Database,
		TxTimeout: 100 * time.Millisecond}, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close(t.Context())
	start := time.Now()
	err = db.writeTx(t.Context(), func(tx neo4j.ManagedTransaction) error {
		// Counts a billion rows: minutes of work, unless the timeout stops it.
		res, err := tx.Run(t.Context(), "UNWIND range(1, 1000000000) AS x RETURN count(x)", nil)
		if err != nil {
			return err
		}
		_, err = res.Collect(t.Context())
		return err
	})
	t.Logf("stopped after %v: %v (%v)", time.Since(start), err, errors.Unwrap(err))
	if got := strikegraph.ErrorCode(err); got != strikegraph.ECodeTimeout {
		t.Fatalf("code %s, want %s: %v", got, strikegraph.ECodeTimeout, err)
	}
}
