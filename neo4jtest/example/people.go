// Package people is the code under test of neo4jtest's example: a project of
// its own that keeps people in Neo4j and tests them against a real one.
package people

import (
	"context"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// Add records a person; adding the same name again changes nothing.
func Add(ctx context.Context, driver neo4j.DriverWithContext, database, name string) error {
	_, err := neo4j.ExecuteQuery(ctx, driver, "MERGE (:Person {name: $name})",
		map[string]any{"name": name}, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(database))
	return err
}

// Names lists everyone recorded, in alphabetical order.
func Names(ctx context.Context, driver neo4j.DriverWithContext, database string) ([]string, error) {
	res, err := neo4j.ExecuteQuery(ctx, driver, "MATCH (p:Person) RETURN p.name AS name ORDER BY name", nil,
		neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(database), neo4j.ExecuteQueryWithReadersRouting())
	if err != nil {
		return nil, err
	}
	names := make([]string, 0, len(res.Records))
	for _, r := range res.Records {
		name, _, err := neo4j.GetRecordValue[string](r, "name")
		if err != nil {
			return nil, err
		}
		names = append(names, name)
	}
	return names, nil
}
