package resolvers

import (
	"errors"
	"fmt"
	"testing"

	"github.com/strikegraph/strikegraph"
)

// Pages and cursors, tested without Neo4j.

func TestPageWindow(t *testing.T) {
	n := func(i int) *int { return &i }
	c := func(i int) *string { s := cursor(i); return &s }
	for _, tc := range []struct {
		name  string
		page  page
		want  strikegraph.Window
		field string // of the error, when one is wanted
	}{
		{"default", page{}, strikegraph.Window{Start: 0, Limit: strikegraph.DefaultPageSize}, ""},
		{"first", page{First: n(5)}, strikegraph.Window{Start: 0, Limit: 5}, ""},
		{"first after", page{First: n(5), After: c(9)}, strikegraph.Window{Start: 10, Limit: 5}, ""},
		{"after and before", page{After: c(2), Before: c(6)}, strikegraph.Window{Start: 3, Limit: 3}, ""},
		{"last", page{Last: n(4)}, strikegraph.Window{Start: 0, Limit: 4, FromEnd: true}, ""},
		{"last before", page{Last: n(4), Before: c(10)}, strikegraph.Window{Start: 6, Limit: 4}, ""},
		{"last before, near the start", page{Last: n(4), Before: c(2)}, strikegraph.Window{Start: 0, Limit: 2}, ""},
		{"limit and offset", page{Limit: n(7), Offset: n(3)}, strikegraph.Window{Start: 3, Limit: 7}, ""},
		{"offset alone", page{Offset: n(3)}, strikegraph.Window{Start: 3, Limit: strikegraph.DefaultListLimit}, ""},
		{"first and last", page{First: n(1), Last: n(1)}, strikegraph.Window{}, "last"},
		{"limit with first", page{Limit: n(1), First: n(1)}, strikegraph.Window{}, "limit"},
		{"too many", page{First: n(strikegraph.MaxPageSize + 1)}, strikegraph.Window{}, "first"},
		{"negative", page{Limit: n(-1)}, strikegraph.Window{}, "limit"},
		{"offset too far", page{Offset: n(strikegraph.MaxOffset + 1)}, strikegraph.Window{}, "offset"},
		{"a cursor of another service", page{After: ptrTo("YWJj")}, strikegraph.Window{}, "after"},
	} {
		got, err := tc.page.window()
		if tc.field != "" {
			if e, ok := err.(*strikegraph.Error); !ok || e.Code != strikegraph.ECodeInvalid || e.Field != tc.field {
				t.Errorf("%s: %v, want BAD_USER_INPUT on %s", tc.name, err, tc.field)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("%s: %+v, %v; want %+v", tc.name, got, err, tc.want)
		}
	}
	if i, err := decodeCursor(cursor(42)); err != nil || i != 42 {
		t.Errorf("a cursor round trip gave %d, %v", i, err)
	}
}

func ptrTo(s string) *string { return &s }

// TestListBounds keeps offsets, cursors and id lists within what a list
// query may ask of Neo4j.
func TestListBounds(t *testing.T) {
	n := func(v int) *int { return &v }
	far := cursor(strikegraph.MaxOffset + 1)
	ids := make([]string, strikegraph.MaxIDs+1)
	for i := range ids {
		ids[i] = fmt.Sprintf("incident:%d", i)
	}
	for name, c := range map[string]struct {
		where *strikegraph.IncidentWhere
		page  page
		field string // "" when the query is fine
	}{
		"the furthest offset":    {nil, page{Offset: n(strikegraph.MaxOffset)}, ""},
		"an offset beyond it":    {nil, page{Offset: n(strikegraph.MaxOffset + 1)}, "offset"},
		"an offset of 2^31":      {nil, page{Offset: n(1 << 31)}, "offset"},
		"a cursor beyond it":     {nil, page{After: &far}, "after"},
		"as many ids as may be":  {&strikegraph.IncidentWhere{IDIn: ids[:strikegraph.MaxIDs]}, page{}, ""},
		"one id more":            {&strikegraph.IncidentWhere{IDIn: ids}, page{}, "where.id_IN"},
		"one id more, in an AND": {&strikegraph.IncidentWhere{AND: []*strikegraph.IncidentWhere{{IDIn: ids}}}, page{}, "where.id_IN"},
	} {
		_, err := newQuery[strikegraph.IncidentWhere, *strikegraph.IncidentWhere, *strikegraph.IncidentSort](c.where, nil, c.page)
		var e *strikegraph.Error
		switch {
		case c.field == "" && err != nil:
			t.Errorf("%s: %v", name, err)
		case c.field != "" && (err == nil || !errors.As(err, &e) || e.Code != strikegraph.ECodeInvalid || e.Field != c.field):
			t.Errorf("%s: %v; want BAD_USER_INPUT on %s", name, err, c.field)
		}
	}
}
