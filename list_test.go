package strikegraph

import (
	"errors"
	"fmt"
	"testing"
)

// TestListBounds keeps offsets, cursors and id lists within what a list
// query may ask of Neo4j.
func TestListBounds(t *testing.T) {
	n := func(v int) *int { return &v }
	far := Cursor(MaxOffset + 1)
	ids := make([]string, MaxIDs+1)
	for i := range ids {
		ids[i] = fmt.Sprintf("incident:%d", i)
	}
	for name, c := range map[string]struct {
		where *IncidentWhere
		page  Page
		field string // "" when the query is fine
	}{
		"the furthest offset":    {nil, Page{Offset: n(MaxOffset)}, ""},
		"an offset beyond it":    {nil, Page{Offset: n(MaxOffset + 1)}, "offset"},
		"an offset of 2^31":      {nil, Page{Offset: n(1 << 31)}, "offset"},
		"a cursor beyond it":     {nil, Page{After: &far}, "after"},
		"as many ids as may be":  {&IncidentWhere{IDIn: ids[:MaxIDs]}, Page{}, ""},
		"one id more":            {&IncidentWhere{IDIn: ids}, Page{}, "where.id_IN"},
		"one id more, in an AND": {&IncidentWhere{AND: []*IncidentWhere{{IDIn: ids}}}, Page{}, "where.id_IN"},
	} {
		_, err := NewQuery[IncidentWhere, *IncidentWhere, *IncidentSort](c.where, nil, c.page)
		var e *Error
		switch {
		case c.field == "" && err != nil:
			t.Errorf("%s: %v", name, err)
		case c.field != "" && (err == nil || !errors.As(err, &e) || e.Code != ECodeInvalid || e.Field != c.field):
			t.Errorf("%s: %v; want BAD_USER_INPUT on %s", name, err, c.field)
		}
	}
}
