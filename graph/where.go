package graph

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/strikegraph/strikegraph"
)

// CheckWheres decodes and validates every where argument of the operation in
// ctx, nested lists' included, so that a bad filter deep in a query is
// refused before the query above it runs. It is written by hand, beside the
// generated executor whose decoders it uses.
func CheckWheres(ctx context.Context, es graphql.ExecutableSchema) error {
	e, ok := es.(*executableSchema)
	if !ok {
		return nil
	}
	opCtx := graphql.GetOperationContext(ctx)
	ec := newExecutionContext(opCtx, e, nil)
	walked := map[string]bool{}
	var walk func(set ast.SelectionSet) error
	walk = func(set ast.SelectionSet) error {
		for _, sel := range set {
			switch s := sel.(type) {
			case *ast.Field:
				if err := ec.checkWhere(ctx, s, opCtx.Variables); err != nil {
					return err
				}
				if err := walk(s.SelectionSet); err != nil {
					return err
				}
			case *ast.InlineFragment:
				if err := walk(s.SelectionSet); err != nil {
					return err
				}
			case *ast.FragmentSpread:
				if walked[s.Name] || s.Definition == nil {
					continue
				}
				walked[s.Name] = true
				if err := walk(s.Definition.SelectionSet); err != nil {
					return err
				}
			}
		}
		return nil
	}
	return walk(opCtx.Operation.SelectionSet)
}

// checkWhere validates the where argument of field f, if it has one.
func (ec *executionContext) checkWhere(ctx context.Context, f *ast.Field, vars map[string]any) error {
	arg := f.Arguments.ForName("where")
	if arg == nil || f.Definition == nil {
		return nil
	}
	v, err := arg.Value.Value(vars)
	if err != nil || v == nil {
		return nil // gqlgen's validation has said so, or there is nothing to check
	}
	var w strikegraph.Where
	switch f.Definition.Arguments.ForName("where").Type.Name() {
	case "IncidentWhere":
		w = decoded(ctx, v, ec.unmarshalInputIncidentWhere)
	case "ClaimWhere":
		w = decoded(ctx, v, ec.unmarshalInputClaimWhere)
	case "PlaceWhere":
		w = decoded(ctx, v, ec.unmarshalInputPlaceWhere)
	case "ActorWhere":
		w = decoded(ctx, v, ec.unmarshalInputActorWhere)
	case "ArticleWhere":
		w = decoded(ctx, v, ec.unmarshalInputArticleWhere)
	}
	if w == nil {
		return nil // no where input, or one the executor reports where it belongs
	}
	return w.Validate()
}

// decoded is v decoded by the executor's own decoder; nil when it does not
// decode.
func decoded[T any, P interface {
	*T
	strikegraph.Where
}](ctx context.Context, v any, decode func(context.Context, any) (T, error)) strikegraph.Where {
	w, err := decode(ctx, v)
	if err != nil {
		return nil
	}
	return P(&w)
}
