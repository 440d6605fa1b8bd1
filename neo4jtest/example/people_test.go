package people

import (
	"slices"
	"testing"

	"github.com/strikegraph/strikegraph/neo4jtest"
)

// Main starts a Neo4j for this binary if NEO4J_URI is not set, and stops it
// when the tests end.
func TestMain(m *testing.M) { neo4jtest.Main(m) }

// Each test gets an empty database: the people added by the first run of
// this test are gone in the second.
func TestAdd(t *testing.T) {
	for _, run := range []string{"first", "second"} {
		t.Run(run, func(t *testing.T) {
			db := neo4jtest.New(t)
			ctx := t.Context()
			before, err := Names(ctx, db.Driver, db.Database)
			if err != nil {
				t.Fatal(err)
			}
			if len(before) != 0 {
				t.Fatalf("a new database holds %q", before)
			}
			for _, name := range []string{"Grace", "Ada", "Grace"} {
				if err := Add(ctx, db.Driver, db.Database, name); err != nil {
					t.Fatal(err)
				}
			}
			got, err := Names(ctx, db.Driver, db.Database)
			if err != nil {
				t.Fatal(err)
			}
			if want := []string{"Ada", "Grace"}; !slices.Equal(got, want) {
				t.Fatalf("Names = %q, want %q", got, want)
			}
		})
	}
}
