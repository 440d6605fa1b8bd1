package resolvers

import (
	"github.com/strikegraph/strikegraph"
	"github.com/strikegraph/strikegraph/graph"
)

func listPage(limit, offset *int) strikegraph.Page {
	return strikegraph.Page{Limit: limit, Offset: offset}
}

func connectionPage(first *int, after *string, last *int, before *string) strikegraph.Page {
	return strikegraph.Page{First: first, After: after, Last: last, Before: before}
}

// edges gives each item of a page its cursor.
func edges[T, E any](s strikegraph.Slice[T], edge func(cursor string, node *T) E) []E {
	out := make([]E, len(s.Items))
	for i, n := range s.Items {
		out[i] = edge(strikegraph.Cursor(s.Start+i), n)
	}
	return out
}

func pageInfo[T any](s strikegraph.Slice[T]) *graph.PageInfo {
	info := &graph.PageInfo{HasPreviousPage: s.HasPrevious(), HasNextPage: s.HasNext()}
	if n := len(s.Items); n > 0 {
		info.StartCursor = ptr(strikegraph.Cursor(s.Start))
		info.EndCursor = ptr(strikegraph.Cursor(s.Start + n - 1))
	}
	return info
}
