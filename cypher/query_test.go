package cypher

import (
	"io/fs"
	"log/slog"
	"strings"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/strikegraph/strikegraph/neo4jtest"
)

// TestExplainEveryQuery has Neo4j plan every embedded query, so a syntax or
// semantic error in a .cypher file fails here rather than in a request.
func TestExplainEveryQuery(t *testing.T) {
	target := neo4jtest.New(t)
	db, err := Open(Config{URI: target.URI, Username: target.Username, Password: target.Password, Database: target.Database}, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close(t.Context())
	if err := db.ApplySchema(t.Context()); err != nil {
		t.Fatal(err)
	}
	var names []string
	names, err = fs.Glob(queries, "*.cypher")
	if err != nil {
		t.Fatal(err)
	}
	if len(names) < 20 {
		t.Fatalf("found %d queries; the embed pattern is wrong", len(names))
	}
	for _, name := range names {
		if name == "schema.cypher" {
			continue // applied by graphtest.Open
		}
		t.Run(name, func(t *testing.T) {
			q := "EXPLAIN " + query(strings.TrimSuffix(name, ".cypher"))
			_, err := neo4j.ExecuteQuery(t.Context(), db.driver, q, nil, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(db.database))
			if err != nil {
				t.Error(err)
			}
		})
	}
}
