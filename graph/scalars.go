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

// An ID is gqlgen's but for a null one, which is "", as a null String is,
// where gqlgen reads "null": the mutations' inputs (strikegraph.Claim, …)
// hold an optional id in a string.

// MarshalID writes an id.
func MarshalID(id string) graphql.Marshaler { return graphql.MarshalID(id) }

// UnmarshalID reads an id; null is "".
func UnmarshalID(v any) (string, error) {
	if v == nil {
		return "", nil
	}
	return graphql.UnmarshalID(v)
}
