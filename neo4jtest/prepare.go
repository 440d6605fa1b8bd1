package neo4jtest

import (
	"context"
	"fmt"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

const (
	// claimIndex marks a database as neo4jtest's to empty. An index is
	// invisible to MATCH, so tests see an empty graph, and it outlives a test
	// binary that dies while it holds the lease.
	claimIndex  = "neo4jtest_claim"
	claimCypher = "CREATE INDEX " + claimIndex + " IF NOT EXISTS FOR (n:Neo4jTestClaim) ON (n.claim)"

	// Edges, then nodes, deleted per transaction when emptying the database.
	// A loop of LIMITed deletes, unlike CALL { } IN TRANSACTIONS, works with
	// every Neo4j 5. Small enough to stay within a server's transaction
	// memory limit.
	wipeBatch = 5000
)

// foreignDataError is New's refusal to empty a database that holds data but
// that neo4jtest has not claimed.
type foreignDataError struct {
	URI, Database string
	Nodes         int64
}

func (e *foreignDataError) Error() string {
	return fmt.Sprintf("neo4jtest: database %q at %s holds %d nodes that no test wrote "+
		"(it has no index %s, which neo4jtest creates when it claims an empty database), "+
		"so nothing was deleted: point NEO4J_URI (and NEO4J_DATABASE) at a scratch database, "+
		"or empty this one yourself if its data is disposable",
		e.Database, e.URI, e.Nodes, claimIndex)
}

// prepare empties the database for the next test, claiming it first if it
// is empty, and returns how many nodes it deleted. It deletes nothing from a
// database that holds nodes but is not claimed: that is a *foreignDataError.
// The caller must hold the lease.
func prepare(ctx context.Context, driver neo4j.DriverWithContext, uri, database string) (deleted int64, err error) {
	claimed, err := isClaimed(ctx, driver, database)
	if err != nil {
		return 0, err
	}
	if !claimed {
		nodes, err := single(ctx, driver, database, "MATCH (n) RETURN count(n)", nil)
		if err != nil {
			return 0, fmt.Errorf("neo4jtest: counting nodes in %q at %s: %w", database, uri, err)
		}
		if nodes > 0 {
			return 0, &foreignDataError{URI: uri, Database: database, Nodes: nodes}
		}
		if err := claim(ctx, driver, database); err != nil {
			return 0, fmt.Errorf("neo4jtest: claiming %q at %s: %w", database, uri, err)
		}
		return 0, nil
	}
	// Edges first, then nodes, each in bounded batches: a node with a
	// hundred thousand edges would otherwise be one transaction.
	for _, step := range []struct {
		query string
		nodes bool
	}{
		{"MATCH ()-[r]->() WITH r LIMIT $batch DELETE r RETURN count(*)", false},
		{"MATCH (n) WITH n LIMIT $batch DELETE n RETURN count(*)", true},
	} {
		for {
			n, err := single(ctx, driver, database, step.query, map[string]any{"batch": wipeBatch})
			if err != nil {
				return deleted, fmt.Errorf("neo4jtest: emptying %q at %s: %w", database, uri, err)
			}
			if step.nodes {
				deleted += n
			}
			if n < wipeBatch {
				break
			}
		}
	}
	return deleted, nil
}

// claim marks the database as neo4jtest's; it is idempotent.
func claim(ctx context.Context, driver neo4j.DriverWithContext, database string) error {
	_, err := neo4j.ExecuteQuery(ctx, driver, claimCypher, nil, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(database))
	return err
}

func isClaimed(ctx context.Context, driver neo4j.DriverWithContext, database string) (bool, error) {
	n, err := single(ctx, driver, database, "SHOW INDEXES YIELD name WHERE name = $name RETURN count(*)", map[string]any{"name": claimIndex})
	if err != nil {
		return false, fmt.Errorf("neo4jtest: looking for index %s: %w", claimIndex, err)
	}
	return n > 0, nil
}

// single runs a query that returns one integer.
func single(ctx context.Context, driver neo4j.DriverWithContext, database, query string, params map[string]any) (int64, error) {
	res, err := neo4j.ExecuteQuery(ctx, driver, query, params, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(database))
	if err != nil {
		return 0, err
	}
	if len(res.Records) != 1 || len(res.Records[0].Values) != 1 {
		return 0, fmt.Errorf("%q returned %d records", query, len(res.Records))
	}
	n, ok := res.Records[0].Values[0].(int64)
	if !ok {
		return 0, fmt.Errorf("%q returned %T", query, res.Records[0].Values[0])
	}
	return n, nil
}
