package cypher

import (
	"context"
	"log/slog"
	"testing"

	"github.com/strikegraph/strikegraph/neo4jtest"
)

// openTest opens a DB on the test Neo4j, closed when t ends.
func openTest(t *testing.T) *DB {
	t.Helper()
	target := neo4jtest.New(t)
	db, err := Open(Config{URI: target.URI, Username: target.Username, Password: target.Password, Database: target.Database}, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close(context.Background()) })
	return db
}
