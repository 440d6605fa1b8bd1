package cypher

import (
	"context"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/strikegraph/strikegraph"
)

// findList runs a list query: one record of the list's total, the position
// of the page's first item, and the page's rows, each read by row.
func findList[T any](ctx context.Context, db *DB, name string, l strikegraph.List, extra map[string]any, row func(map[string]any) *T) (strikegraph.Slice[T], error) {
	params := listParams(l)
	for k, v := range extra {
		params[k] = v
	}
	recs, err := db.read(ctx, name, params)
	if err != nil {
		return strikegraph.Slice[T]{}, err
	}
	m := recs[0].AsMap()
	s := strikegraph.Slice[T]{Items: []*T{}, Total: int(m["total"].(int64)), Start: int(m["start"].(int64))}
	for _, r := range m["rows"].([]any) {
		if t := row(r.(map[string]any)); t != nil {
			s.Items = append(s.Items, t)
		}
	}
	return s, nil
}

// entityRow reads a row of {n, publisher} as a *T.
func entityRow[T any](r map[string]any) *T {
	t, _ := any(entityOf(r)).(*T)
	return t
}

// listParams are the parameters of every list query: the filter's conditions
// and program, the sort keys, and the page.
func listParams(l strikegraph.List) map[string]any {
	conditions := make([]map[string]any, len(l.Filter.Conditions))
	for i, c := range l.Filter.Conditions {
		v := c.Value
		if t, ok := v.(time.Time); ok {
			v = neo4j.DateOf(t) // stored dates are dates, not datetimes
		}
		conditions[i] = map[string]any{"op": c.Op, "value": v}
	}
	program := make([]int64, len(l.Filter.Program))
	for i, op := range l.Filter.Program {
		program[i] = int64(op)
	}
	sort := make([]map[string]any, len(l.Sort))
	for i, k := range l.Sort {
		sort[i] = map[string]any{"field": k.Field, "desc": k.Desc}
	}
	var start any = l.Window.Start
	if l.Window.FromEnd {
		start = nil // the last page: the query works out where it starts
	}
	return map[string]any{
		"conditions": conditions, "program": program, "sort": sort,
		"start": start, "lo": l.Window.Start, "limit": l.Window.Limit,
	}
}
