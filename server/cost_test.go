package server

import (
	"testing"

	"github.com/99designs/gqlgen/complexity"
	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"
)

// schemaOnly is an executable schema that can be priced but not run.
type schemaOnly struct {
	graphql.ExecutableSchema
	schema *ast.Schema
}

func (s schemaOnly) Schema() *ast.Schema { return s.schema }

// TestCost prices queries on a small schema with every kind of list.
func TestCost(t *testing.T) {
	schema := gqlparser.MustLoadSchema(&ast.Source{Input: `
		type Query {
			one: Item
			all: [Item!]!
			items(limit: Int): [Item!]!
			page(first: Int, last: Int): ItemConnection!
			tags: [String!]!
		}
		type ItemConnection { edges: [ItemEdge!]! }
		type ItemEdge { node: Item! }
		type Item { id: ID! children: [Item!]! }`})
	es := costedSchema{schemaOnly{schema: schema}}
	for _, tc := range []struct {
		query string
		vars  map[string]any
		want  int
	}{
		{query: `{ one { id } }`, want: 2},
		{query: `{ tags }`, want: 1},                 // a list of scalars costs what one does
		{query: `{ all { id } }`, want: 1 + 10*1},    // not paged: 10 items
		{query: `{ items { id } }`, want: 1 + 100*1}, // limit not given: 100
		{query: `{ items(limit: 3) { id } }`, want: 1 + 3*1},
		{query: `query($n: Int) { items(limit: $n) { id } }`, vars: map[string]any{"n": int64(7)}, want: 1 + 7*1},
		{query: `{ items(limit: 2) { children { id } } }`, want: 1 + 2*(1+10*1)},
		// A page's edges are counted once: the connection counted the page.
		{query: `{ page { edges { node { id } } } }`, want: 1 + 20*(1+(1+1))},
		{query: `{ page(last: 5) { edges { node { id } } } }`, want: 1 + 5*(1+(1+1))},
	} {
		doc := gqlparser.MustLoadQueryWithRules(schema, tc.query, nil) // nil: the default rules
		if got := complexity.Calculate(t.Context(), es, doc.Operations[0], tc.vars); got != tc.want {
			t.Errorf("%s costs %d, want %d", tc.query, got, tc.want)
		}
	}
}
