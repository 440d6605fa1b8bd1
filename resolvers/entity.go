package resolvers

import (
	"context"
	"slices"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/strikegraph/strikegraph"
	"github.com/strikegraph/strikegraph/loaders"
)

func (r *queryResolver) Node(ctx context.Context, id string) (strikegraph.Entity, error) {
	return orNil(loaders.Entity(ctx, id))
}

func (r *queryResolver) Search(ctx context.Context, name string, types []strikegraph.EntityType, first *int) ([]*strikegraph.SearchHit, error) {
	s := strikegraph.Search{Name: name, Types: types, First: strikegraph.DefaultSearchHits}
	if first != nil {
		s.First = *first
	}
	hits, err := r.Store.SearchEntities(ctx, s)
	return pointers(hits), err
}

// byID loads the entity id as a *T; absent or of another type, it is nil:
// incident(id: "place:hajin") finds no incident.
func byID[T any](ctx context.Context, id string) (*T, error) {
	e, err := orNil(loaders.Entity(ctx, id))
	if e == nil || err != nil {
		return nil, err
	}
	t, _ := any(e).(*T)
	return t, nil
}

// selected loads the entity id as a *T for the field being resolved: read
// with the list above it for the fields selected under this one, when it
// was; absent or of another type, it is nil.
func selected[T any](ctx context.Context, id string) (*T, error) {
	e, err := orNil(loaders.EntityFor(ctx, id, fieldsUnder(ctx, graphql.GetFieldContext(ctx).Field.Selections)))
	if e == nil || err != nil {
		return nil, err
	}
	t, _ := any(e).(*T)
	return t, nil
}

// listed are the fields selected under the field being resolved, a list of
// entities.
func listed(ctx context.Context) strikegraph.Fields {
	return fieldsUnder(ctx, graphql.GetFieldContext(ctx).Field.Selections)
}

// fieldsUnder are the fields a selection set selects, of whichever type;
// worked out once a request, not once an item of a list.
func fieldsUnder(ctx context.Context, sel ast.SelectionSet) strikegraph.Fields {
	if len(sel) == 0 {
		return strikegraph.FieldsNamed()
	}
	return loaders.Remember(ctx, &sel[0], func() strikegraph.Fields {
		var names []string
		for _, f := range graphql.CollectFields(graphql.GetOperationContext(ctx), sel, nil) {
			names = append(names, f.Name)
		}
		return strikegraph.FieldsNamed(names...)
	})
}

// orNil turns NOT_FOUND into a null result.
func orNil(e strikegraph.Entity, err error) (strikegraph.Entity, error) {
	if strikegraph.ErrorCode(err) == strikegraph.ECodeNotFound {
		return nil, nil
	}
	return e, err
}

// links loads id's edges, of the given types (all when none) and direction
// (both when nil).
func links(ctx context.Context, id string, dir *strikegraph.Direction, types ...strikegraph.RelationType) ([]*strikegraph.Link, error) {
	all, err := loaders.List(ctx, loaders.For(ctx).Links, id)
	if err != nil {
		return nil, err
	}
	var out []*strikegraph.Link
	for i, l := range all {
		if (dir == nil || l.Direction == *dir) && (len(types) == 0 || slices.Contains(types, l.Type)) {
			out = append(out, &all[i])
		}
	}
	return out, nil
}

// entitiesAs loads entities by id, keeping those that are *T, in order.
func entitiesAs[T any](ctx context.Context, ids []string) ([]*T, error) {
	if len(ids) == 0 {
		return []*T{}, nil
	}
	es, err := loaders.Entities(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make([]*T, 0, len(es))
	for _, e := range es {
		if t, ok := any(e).(*T); ok {
			out = append(out, t)
		}
	}
	return out, nil
}

var (
	out = ptr(strikegraph.DirectionOut)
	in  = ptr(strikegraph.DirectionIn)
)

func ptr[T any](v T) *T { return &v }

func pointers[T any](s []T) []*T {
	out := make([]*T, len(s))
	for i := range s {
		out[i] = &s[i]
	}
	return out
}
