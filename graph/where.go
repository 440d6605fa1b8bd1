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
		x, err := ec.unmarshalInputIncidentWhere(ctx, v)
		if err != nil {
			return nil // the executor reports it where it belongs
		}
		w = &x
	case "ClaimWhere":
		x, err := ec.unmarshalInputClaimWhere(ctx, v)
		if err != nil {
			return nil
		}
		w = &x
	case "PlaceWhere":
		x, err := ec.unmarshalInputPlaceWhere(ctx, v)
		if err != nil {
			return nil
		}
		w = &x
	case "ActorWhere":
		x, err := ec.unmarshalInputActorWhere(ctx, v)
		if err != nil {
			return nil
		}
		w = &x
	case "ArticleWhere":
		x, err := ec.unmarshalInputArticleWhere(ctx, v)
		if err != nil {
			return nil
		}
		w = &x
	default:
		return nil
	}
	return w.Validate()
}
