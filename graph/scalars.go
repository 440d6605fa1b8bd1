package graph

import (
	"github.com/99designs/gqlgen/graphql"

	"github.com/strikegraph/strikegraph"
)

// The scalar JSON is the domain's strikegraph.JSON, written as a JSON object
// (gqlgen.yml binds it here, so the domain knows nothing of GraphQL).

// MarshalJSON writes properties as a JSON object.
func MarshalJSON(j strikegraph.JSON) graphql.Marshaler { return graphql.MarshalMap(j) }

// UnmarshalJSON reads a JSON object; no input takes one, but gqlgen asks.
func UnmarshalJSON(v any) (strikegraph.JSON, error) { return graphql.UnmarshalMap(v) }
