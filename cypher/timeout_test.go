package cypher

import (
	"context"
	"errors"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/strikegraph/strikegraph"
	"github.com/strikegraph/strikegraph/neo4jtest"
)

// TestTxTimeout runs a query far longer than the transaction timeout: Neo4j
// stops it, and the client gets TIMEOUT, not INTERNAL.
func TestTxTimeout(t *testing.T) {
	db := openTimingOut(t)
	start := time.Now()
	err := db.writeTx(t.Context(), func(tx neo4j.ManagedTransaction) error {
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

// TestTimeLimit gives one piece of work a longer limit than the service's
// transaction timeout: Neo4j lets it run that long, and the TIMEOUT names
// the limit that stopped it.
func TestTimeLimit(t *testing.T) {
	db := openTimingOut(t)
	ctx := WithTimeLimit(t.Context(), 1500*time.Millisecond)
	start := time.Now()
	_, err := db.read(ctx, query{name: "count", text: "UNWIND range(1, 1000000000) AS x RETURN count(x)"}, nil)
	took := time.Since(start)
	t.Logf("stopped after %v: %v", took, err)
	if got := strikegraph.ErrorCode(err); got != strikegraph.ECodeTimeout {
		t.Fatalf("code %s, want %s: %v", got, strikegraph.ECodeTimeout, err)
	}
	if took < 1500*time.Millisecond {
		t.Errorf("stopped after %v: the work's limit of 1.5s did not reach Neo4j", took)
	}
	var e *strikegraph.Error
	if !errors.As(err, &e) || !strings.Contains(e.Message, "1.5s") || !strings.Contains(e.Message, "--neo4j-tx-timeout") {
		t.Errorf("message %q: want the limit, 1.5s, and the setting", e.Message)
	}
}

// openTimingOut opens the test's Neo4j with a transaction timeout of 100 ms.
func openTimingOut(t *testing.T) *DB {
	target := neo4jtest.New(t)
	db, err := Open(Config{URI: target.URI, Username: target.Username, Password: target.Password, Database: target.Database,
		TxTimeout: 100 * time.Millisecond}, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close(context.Background()) })
	return db
}
