package resolvers

import (
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"

	"github.com/strikegraph/strikegraph"
)

// page asks for part of a list: Relay's first/after and last/before, or a
// plain limit and offset.
type page struct {
	First, Last   *int
	After, Before *string
	Limit, Offset *int
}

// window checks p and resolves it.
func (p page) window() (strikegraph.Window, error) {
	lo, hi := 0, -1
	if p.After != nil {
		n, err := decodeCursor(*p.After)
		if err != nil {
			return strikegraph.Window{}, strikegraph.Invalidf("after", "%v", err)
		}
		lo = n + 1
	}
	if p.Before != nil {
		n, err := decodeCursor(*p.Before)
		if err != nil {
			return strikegraph.Window{}, strikegraph.Invalidf("before", "%v", err)
		}
		hi = max(n, lo)
	}
	for field, n := range map[string]*int{"first": p.First, "last": p.Last, "limit": p.Limit} {
		if n != nil && (*n < 0 || *n > strikegraph.MaxPageSize) {
			return strikegraph.Window{}, strikegraph.Invalidf(field, "give between 0 and %d", strikegraph.MaxPageSize)
		}
	}
	switch {
	case p.First != nil && p.Last != nil:
		return strikegraph.Window{}, strikegraph.Invalidf("last", "give first or last, not both")
	case (p.Limit != nil || p.Offset != nil) && (p.First != nil || p.Last != nil || p.After != nil || p.Before != nil):
		return strikegraph.Window{}, strikegraph.Invalidf("limit", "give limit/offset or first/after/last/before, not both")
	case p.Offset != nil && (*p.Offset < 0 || *p.Offset > strikegraph.MaxOffset):
		return strikegraph.Window{}, strikegraph.Invalidf("offset", "give an offset between 0 and %d; a narrower where reaches further", strikegraph.MaxOffset)
	case p.Limit != nil || p.Offset != nil:
		w := strikegraph.Window{Limit: strikegraph.DefaultListLimit}
		if p.Limit != nil {
			w.Limit = *p.Limit
		}
		if p.Offset != nil {
			w.Start = *p.Offset
		}
		return w, nil
	case p.Last != nil && hi < 0:
		return strikegraph.Window{Start: lo, Limit: *p.Last, FromEnd: true}, nil
	case p.Last != nil:
		start := max(hi-*p.Last, lo)
		return strikegraph.Window{Start: start, Limit: hi - start}, nil
	}
	limit := strikegraph.DefaultPageSize
	if p.First != nil {
		limit = *p.First
	}
	if hi >= 0 {
		limit = min(limit, hi-lo)
	}
	return strikegraph.Window{Start: lo, Limit: limit}, nil
}

// Cursors are offsets, written as the Relay reference implementation and the
// Neo4j GraphQL Library write them, so clients that peek at them find what
// they expect.
const cursorPrefix = "arrayconnection:"

// cursor returns the cursor of the item at position i.
func cursor(i int) string {
	return base64.StdEncoding.EncodeToString([]byte(cursorPrefix + strconv.Itoa(i)))
}

// decodeCursor returns the position a cursor stands for.
func decodeCursor(c string) (int, error) {
	b, err := base64.StdEncoding.DecodeString(c)
	if err == nil {
		if s, ok := strings.CutPrefix(string(b), cursorPrefix); ok {
			if n, err := strconv.Atoi(s); err == nil && n >= 0 && n <= strikegraph.MaxOffset {
				return n, nil
			}
		}
	}
	return 0, fmt.Errorf("%q is not a cursor this service gave", c)
}

// newQuery checks a list request: its filter, its sort and its page.
func newQuery[W any, P interface {
	*W
	strikegraph.Where
}, S strikegraph.Sortable](where P, sorts []S, p page) (strikegraph.ListQuery[W], error) {
	q := strikegraph.ListQuery[W]{Where: where}
	if where != nil {
		if err := where.Validate(); err != nil {
			return strikegraph.ListQuery[W]{}, err
		}
	}
	var err error
	if q.Sort, err = strikegraph.SortKeys(sorts); err != nil {
		return strikegraph.ListQuery[W]{}, err
	}
	if q.Window, err = p.window(); err != nil {
		return strikegraph.ListQuery[W]{}, err
	}
	q.Count = q.Window.FromEnd // a page from the end starts where the length says
	return q, nil
}
