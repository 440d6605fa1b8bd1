package cypher

import (
	"context"
	"fmt"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// ApplySchema creates the constraints and indexes the queries rely on. Each
// statement says IF NOT EXISTS, so it is safe on every start.
func (db *DB) ApplySchema(ctx context.Context) error {
	for _, stmt := range schemaStatements() {
		db.roundTrip.Add(1)
		_, err := neo4j.ExecuteQuery(ctx, db.driver, stmt, nil, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(db.database))
		if err != nil {
			return dbError(fmt.Errorf("schema: %s: %w", stmt, err))
		}
	}
	return nil
}

// schemaStatements splits schema.cypher into statements, without comments.
func schemaStatements() []string {
	var lines []string
	for _, line := range strings.Split(schema.text, "\n") {
		if !strings.HasPrefix(strings.TrimSpace(line), "//") {
			lines = append(lines, line)
		}
	}
	var stmts []string
	for _, s := range strings.Split(strings.Join(lines, "\n"), ";") {
		if s = strings.TrimSpace(s); s != "" {
			stmts = append(stmts, s)
		}
	}
	return stmts
}
