package server

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/strikegraph/strikegraph/graph"
)

// whereCheck refuses a request with a bad where argument anywhere in it
// before any of it runs: a nested list's filter is otherwise only read once
// the list above it has been fetched.
type whereCheck struct {
	schema  graphql.ExecutableSchema
	present graphql.ErrorPresenterFunc
}

var _ graphql.OperationContextMutator = whereCheck{}

func (whereCheck) ExtensionName() string                   { return "WhereCheck" }
func (whereCheck) Validate(graphql.ExecutableSchema) error { return nil }

func (c whereCheck) MutateOperationContext(ctx context.Context, opCtx *graphql.OperationContext) *gqlerror.Error {
	ctx = graphql.WithOperationContext(ctx, opCtx)
	if err := graph.CheckWheres(ctx, c.schema); err != nil {
		return c.present(ctx, err)
	}
	return nil
}
