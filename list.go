package strikegraph

import (
	"fmt"
)

// Page sizes. A connection gives DefaultPageSize items unless first or last
// asks for more, and never more than MaxPageSize; a plain list gives
// DefaultListLimit unless limit says otherwise.
const (
	DefaultPageSize  = 20
	DefaultListLimit = 100
	MaxPageSize      = 500
)

// MaxOffset is the furthest an offset or cursor may reach into a list, and
// MaxIDs the most ids an id_IN may give: beyond them a where that selects
// less is the way, and Neo4j never sees a SKIP it cannot take.
const (
	MaxOffset = 100_000
	MaxIDs    = 1_000
)

// Filters nest at most this deep and hold at most this many conditions, so a
// filter cannot be made to cost more than the data it selects.
const (
	maxWhereDepth  = 8
	maxWhereLeaves = 64
)

// SortDirection orders a list by one field.
type SortDirection string

const (
	SortAsc  SortDirection = "ASC"
	SortDesc SortDirection = "DESC"
)

// SortKey is one field to order by; values a key lacks sort last either way.
type SortKey struct {
	Field string
	Desc  bool
}

// MaxSortKeys is how many fields a list can be ordered by at once; ties are
// always broken by id.
const MaxSortKeys = 3

// Sortable is what every sort input does: name the field it orders by;
// only this package's sort inputs can.
type Sortable interface {
	fields() map[string]*SortDirection
}

// sortKeys reads a list of sort inputs, each of which names one field.
func SortKeys[S Sortable](sorts []S) ([]SortKey, error) {
	if len(sorts) > MaxSortKeys {
		return nil, Invalidf("sort", "order by at most %d fields", MaxSortKeys)
	}
	keys := []SortKey{}
	for i, s := range sorts {
		var set []SortKey
		for field, dir := range s.fields() {
			if dir != nil {
				set = append(set, SortKey{Field: field, Desc: *dir == SortDesc})
			}
		}
		if len(set) != 1 {
			return nil, Invalidf(fmt.Sprintf("sort[%d]", i), "give exactly one field in each sort element")
		}
		keys = append(keys, set[0])
	}
	return keys, nil
}

// Window is a page resolved to positions in the list: Start items are
// skipped and at most Limit given. FromEnd means the last Limit items at or
// after Start, which depends on the list's length.
type Window struct {
	Start, Limit int
	FromEnd      bool
}

// Slice is one page of a list: its items, the position of the first, whether
// items come after it, and how many items the whole list holds when that was
// asked for (ListQuery.Count; else -1).
type Slice[T any] struct {
	Items []*T
	Start int
	More  bool
	Total int
	Along []map[string][]Entity // for each Along of the query, by item id
}

// HasPrevious tells whether items come before the page; HasNext, after it.
func (s Slice[T]) HasPrevious() bool { return s.Start > 0 }
func (s Slice[T]) HasNext() bool     { return s.More }

// ListQuery asks for part of a list: the items Where selects (nil: all), in the
// order of Sort, the page Window. Count asks for the length of the whole
// list as well, which costs a count of every item Where selects. Fields are
// the fields of each item that will be read (all when not Wanted).
type ListQuery[W any] struct {
	Where  *W
	Sort   []SortKey
	Window Window
	Count  bool
	Fields Fields
	Along  []Along
}

// Along is a nested list read with a list, for each of its items: the
// entities (Of: "actors" or "incidents") at the other end of the item's
// edges of Type in Dir (both when nil), read for Fields. A list query
// names them so that a page and what each item links to is one statement.
type Along struct {
	Of     string
	Type   RelationType
	Dir    *Direction
	Fields Fields
}

// Where is what every where input does: check itself, its AND, OR and NOT
// included.
type Where interface {
	Validate() error
}

// filterNode is a where input as validation walks it: how many conditions
// it sets itself, and the inputs it combines with them.
type filterNode interface {
	check() (conditions int, err error)
	children() []filterNode
}

// children gives a where input's AND, OR and NOT as filterNodes.
func children[T any, P interface {
	*T
	filterNode
}](and, or []P, not P) []filterNode {
	out := make([]filterNode, 0, len(and)+len(or)+1)
	for _, w := range and {
		out = append(out, w)
	}
	for _, w := range or {
		out = append(out, w)
	}
	if not != nil {
		out = append(out, not)
	}
	return out
}

// validate checks a where input and every input nested in it, and bounds
// how deep they nest and how many conditions they hold, so that a filter
// cannot be made to cost more than the data it selects.
func validate(w filterNode) error {
	leaves := 0
	var walk func(w filterNode, depth int) error
	walk = func(w filterNode, depth int) error {
		if depth > maxWhereDepth {
			return Invalidf("where", "nest filters at most %d deep", maxWhereDepth)
		}
		n, err := w.check()
		if err != nil {
			return err
		}
		if leaves += n; leaves > maxWhereLeaves {
			return Invalidf("where", "a filter holds at most %d conditions", maxWhereLeaves)
		}
		for _, sub := range w.children() {
			if err := walk(sub, depth+1); err != nil {
				return err
			}
		}
		return nil
	}
	return walk(w, 1)
}

// fieldCheck counts the conditions a where input sets and keeps the first
// error among them.
type fieldCheck struct {
	n   int
	err error
}

// set counts a condition when it is given.
func (c *fieldCheck) set(given bool) {
	if given {
		c.n++
	}
}

// date counts and checks a date condition.
func (c *fieldCheck) date(field string, s *string, end bool) {
	if s == nil {
		return
	}
	c.n++
	if _, err := DateBound(field, *s, end); err != nil && c.err == nil {
		c.err = err
	}
}

// ids counts and checks an id_IN condition.
func (c *fieldCheck) ids(ids []string) {
	if ids == nil {
		return
	}
	c.n++
	if len(ids) > MaxIDs && c.err == nil {
		c.err = Invalidf("where.id_IN", "give at most %d ids, not %d", MaxIDs, len(ids))
	}
}

// text counts and checks a condition on names and text.
func (c *fieldCheck) text(s *string) {
	if s == nil {
		return
	}
	c.n++
	if err := checkText(*s); err != nil && c.err == nil {
		c.err = err
	}
}

func (c *fieldCheck) result() (int, error) { return c.n, c.err }

// checkText checks a text condition, which matches names and aliases by
// spelling key (NameKey) and other text case-insensitively.
func checkText(s string) error {
	if NameKey(s) == "" {
		return Invalidf("where.text", "give at least one letter or digit")
	}
	if len(s) > 300 {
		return Invalidf("where.text", "give at most 300 bytes")
	}
	return nil
}
