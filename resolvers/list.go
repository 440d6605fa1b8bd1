package resolvers

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/strikegraph/strikegraph"
	"github.com/strikegraph/strikegraph/graph"
	"github.com/strikegraph/strikegraph/loaders"
)

func listPage(limit, offset *int) page {
	return page{Limit: limit, Offset: offset}
}

func connectionPage(first *int, after *string, last *int, before *string) page {
	return page{First: first, After: after, Last: last, Before: before}
}

// edges gives each item of a page its cursor.
func edges[T, E any](s strikegraph.Slice[T], edge func(cursor string, node *T) E) []E {
	out := make([]E, len(s.Items))
	for i, n := range s.Items {
		out[i] = edge(cursor(s.Start+i), n)
	}
	return out
}

func pageInfo[T any](s strikegraph.Slice[T]) *graph.PageInfo {
	info := &graph.PageInfo{HasPreviousPage: s.HasPrevious(), HasNextPage: s.HasNext()}
	if n := len(s.Items); n > 0 {
		info.StartCursor = ptr(cursor(s.Start))
		info.EndCursor = ptr(cursor(s.Start + n - 1))
	}
	return info
}

// counted tells whether a connection's totalCount was asked for: only then
// is the whole list counted.
func counted(ctx context.Context) bool {
	for _, f := range graphql.CollectFieldsCtx(ctx, nil) {
		if f.Name == "totalCount" {
			return true
		}
	}
	return false
}

// nodeFields are the fields selected of a connection's nodes.
func nodeFields(ctx context.Context) strikegraph.Fields {
	var fields strikegraph.Fields
	for _, sel := range nodeSelections(ctx) {
		fields = fields.Or(fieldsUnder(ctx, sel))
	}
	return fields
}

// nodeSelections are the selection sets of a connection's nodes.
func nodeSelections(ctx context.Context) []ast.SelectionSet {
	var out []ast.SelectionSet
	for _, e := range graphql.CollectFieldsCtx(ctx, nil) {
		if e.Name != "edges" {
			continue
		}
		for _, n := range graphql.CollectFields(graphql.GetOperationContext(ctx), e.Selections, nil) {
			if n.Name == "node" {
				out = append(out, n.Selections)
			}
		}
	}
	return out
}

// find checks a list request and runs it with find; a connection counts the
// whole list when its totalCount is selected.
func find[W any, P interface {
	*W
	strikegraph.Where
}, S strikegraph.Sortable, T any](ctx context.Context, where P, sort []S, p page, connection bool,
	find func(context.Context, strikegraph.ListQuery[W]) (strikegraph.Slice[T], error)) (strikegraph.Slice[T], error) {
	q, err := newQuery(where, sort, p)
	if err != nil {
		return strikegraph.Slice[T]{}, err
	}
	q.Count = q.Count || connection && counted(ctx)
	q.Fields = listed(ctx)
	if connection {
		q.Fields = nodeFields(ctx)
	}
	var ahead readAhead
	q.Along, ahead = along[T](ctx, connection)
	s, err := find(ctx, q)
	if err == nil && len(s.Along) == len(q.Along) {
		for i, a := range q.Along {
			loaders.PrimeAlong(ctx, a, s.Along[i])
		}
		// With nothing left to wait for below, the items are resolved in
		// line (graph/inline.go): a page of 20 need not cost 20 goroutines.
		fc := graphql.GetFieldContext(ctx)
		if connection {
			ahead = readAhead{"edges": {"node": ahead}}
		}
		if inMemory(fc.Field.Selections, fc.Field.Definition.Type.Name(), ahead) {
			loaders.ReadAhead(ctx, fc)
		}
	}
	return s, err
}

// incidentAlong are the nested lists of an incident that a list of
// incidents reads with its page when they are selected with no where.
var incidentAlong = map[string]strikegraph.Along{"perpetrators": perpetrators, "targets": targets}

// along are the nested lists selected under the items of the list being
// resolved that its statement can read with the page, and the names of
// those it read wherever they are selected.
func along[T any](ctx context.Context, connection bool) ([]strikegraph.Along, readAhead) {
	if _, ok := any((*T)(nil)).(*strikegraph.Incident); !ok {
		return nil, nil
	}
	sets := []ast.SelectionSet{graphql.GetFieldContext(ctx).Field.Selections}
	if connection {
		sets = nodeSelections(ctx)
	}
	var out []strikegraph.Along
	ahead, seen, withArgs := readAhead{}, map[string]bool{}, map[string]bool{}
	for _, sel := range sets {
		for _, f := range graphql.CollectFields(graphql.GetOperationContext(ctx), sel, nil) {
			a, ok := incidentAlong[f.Name]
			if !ok || len(f.Arguments) > 0 {
				withArgs[f.Name] = withArgs[f.Name] || ok
				continue
			}
			ahead[f.Name] = nil
			a.Fields = fieldsUnder(ctx, f.Selections)
			if key := f.Name + "|" + a.Fields.Key(); !seen[key] {
				seen[key] = true
				out = append(out, a)
			}
		}
	}
	for name := range withArgs {
		delete(ahead, name)
	}
	return out, ahead
}

// checked passes on the error of a nested list's where, or calls load.
func checked[T any](where strikegraph.Where, load func() ([]*T, error)) ([]*T, error) {
	if err := where.Validate(); err != nil {
		return nil, err
	}
	return load()
}
