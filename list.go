package strikegraph

import (
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"
)

// Page sizes. A connection gives DefaultPageSize items unless first or last
// asks for more, and never more than MaxPageSize; a plain list gives
// DefaultListLimit unless limit says otherwise.
const (
	DefaultPageSize  = 20
	DefaultListLimit = 100
	MaxPageSize      = 500
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

// sortKeys reads a list of sort inputs, each of which names one field.
func sortKeys[S any](sorts []*S, fields func(*S) map[string]*SortDirection) ([]SortKey, error) {
	if len(sorts) > MaxSortKeys {
		return nil, Invalidf("sort", "order by at most %d fields", MaxSortKeys)
	}
	keys := []SortKey{}
	for i, s := range sorts {
		var set []SortKey
		for field, dir := range fields(s) {
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

// Page asks for part of a list: Relay's first/after and last/before, or a
// plain limit and offset.
type Page struct {
	First, Last   *int
	After, Before *string
	Limit, Offset *int
}

// Window is a page resolved to positions in the list: Start items are
// skipped and at most Limit given. FromEnd means the last Limit items at or
// after Start, which depends on the list's length.
type Window struct {
	Start, Limit int
	FromEnd      bool
}

// Window checks p and resolves it.
func (p Page) Window() (Window, error) {
	lo, hi := 0, -1
	if p.After != nil {
		n, err := DecodeCursor(*p.After)
		if err != nil {
			return Window{}, Invalidf("after", "%v", err)
		}
		lo = n + 1
	}
	if p.Before != nil {
		n, err := DecodeCursor(*p.Before)
		if err != nil {
			return Window{}, Invalidf("before", "%v", err)
		}
		hi = max(n, lo)
	}
	for field, n := range map[string]*int{"first": p.First, "last": p.Last, "limit": p.Limit} {
		if n != nil && (*n < 0 || *n > MaxPageSize) {
			return Window{}, Invalidf(field, "give between 0 and %d", MaxPageSize)
		}
	}
	switch {
	case p.First != nil && p.Last != nil:
		return Window{}, Invalidf("last", "give first or last, not both")
	case (p.Limit != nil || p.Offset != nil) && (p.First != nil || p.Last != nil || p.After != nil || p.Before != nil):
		return Window{}, Invalidf("limit", "give limit/offset or first/after/last/before, not both")
	case p.Offset != nil && *p.Offset < 0:
		return Window{}, Invalidf("offset", "give an offset of 0 or more")
	case p.Limit != nil || p.Offset != nil:
		w := Window{Limit: DefaultListLimit}
		if p.Limit != nil {
			w.Limit = *p.Limit
		}
		if p.Offset != nil {
			w.Start = *p.Offset
		}
		return w, nil
	case p.Last != nil && hi < 0:
		return Window{Start: lo, Limit: *p.Last, FromEnd: true}, nil
	case p.Last != nil:
		start := max(hi-*p.Last, lo)
		return Window{Start: start, Limit: hi - start}, nil
	}
	limit := DefaultPageSize
	if p.First != nil {
		limit = *p.First
	}
	if hi >= 0 {
		limit = min(limit, hi-lo)
	}
	return Window{Start: lo, Limit: limit}, nil
}

// Slice is one page of a list: its items, the position of the first, and how
// many items the whole list holds.
type Slice[T any] struct {
	Items []*T
	Start int
	Total int
}

// HasPrevious tells whether items come before the page; HasNext, after it.
func (s Slice[T]) HasPrevious() bool { return s.Start > 0 }
func (s Slice[T]) HasNext() bool     { return s.Start+len(s.Items) < s.Total }

// Cursors are offsets, written as the Relay reference implementation and the
// Neo4j GraphQL Library write them, so clients that peek at them find what
// they expect.
const cursorPrefix = "arrayconnection:"

// Cursor returns the cursor of the item at position i.
func Cursor(i int) string {
	return base64.StdEncoding.EncodeToString([]byte(cursorPrefix + strconv.Itoa(i)))
}

// DecodeCursor returns the position a cursor stands for.
func DecodeCursor(c string) (int, error) {
	b, err := base64.StdEncoding.DecodeString(c)
	if err == nil {
		if s, ok := strings.CutPrefix(string(b), cursorPrefix); ok {
			if n, err := strconv.Atoi(s); err == nil && n >= 0 {
				return n, nil
			}
		}
	}
	return 0, fmt.Errorf("%q is not a cursor this service gave", c)
}

// Condition is one test a filter makes, such as "dated on or after": Op names
// it and Value is what it compares with. Storage knows how to run each Op.
type Condition struct {
	Op    string
	Value any
}

// Filter is a where input compiled to conditions and a program in postfix
// order that combines their outcomes: an index into Conditions pushes that
// outcome, and the operators below combine the top of the stack. An empty
// program selects everything.
type Filter struct {
	Conditions []Condition
	Program    []int
}

// Filter program operators; non-negative entries are condition indexes.
const (
	OpAnd = -1
	OpOr  = -2
	OpNot = -3
)

// filterNode is what every where input does: list its own conditions, which
// must all hold, and the inputs combined with them.
type filterNode interface {
	conditions() ([]Condition, error)
	children() (and, or []filterNode, not filterNode)
}

// children gives a where input's AND, OR and NOT as filterNodes; a nil NOT
// stays a nil interface.
func children[T any, P interface {
	*T
	filterNode
}](and, or []P, not P) ([]filterNode, []filterNode, filterNode) {
	nodes := func(ws []P) []filterNode {
		out := make([]filterNode, len(ws))
		for i, w := range ws {
			out[i] = w
		}
		return out
	}
	if not == nil {
		return nodes(and), nodes(or), nil
	}
	return nodes(and), nodes(or), not
}

// compile turns a where input into a Filter; nil selects everything.
func compile(w filterNode) (Filter, error) {
	var f Filter
	if w == nil {
		return f, nil
	}
	if err := f.add(w, 1); err != nil {
		return Filter{}, err
	}
	return f, nil
}

// add appends the program of w, which leaves exactly one outcome on the
// stack: the AND of its conditions, its AND list, its OR list and NOT.
func (f *Filter) add(w filterNode, depth int) error {
	if depth > maxWhereDepth {
		return Invalidf("where", "nest filters at most %d deep", maxWhereDepth)
	}
	conds, err := w.conditions()
	if err != nil {
		return err
	}
	if len(f.Conditions)+len(conds) > maxWhereLeaves {
		return Invalidf("where", "a filter holds at most %d conditions", maxWhereLeaves)
	}
	terms := 0
	push := func() {
		if terms++; terms > 1 {
			f.Program = append(f.Program, OpAnd)
		}
	}
	for _, c := range conds {
		f.Program = append(f.Program, len(f.Conditions))
		f.Conditions = append(f.Conditions, c)
		push()
	}
	and, or, not := w.children()
	for _, sub := range and {
		if err := f.add(sub, depth+1); err != nil {
			return err
		}
		push()
	}
	if len(or) > 0 {
		for i, sub := range or {
			if err := f.add(sub, depth+1); err != nil {
				return err
			}
			if i > 0 {
				f.Program = append(f.Program, OpOr)
			}
		}
		push()
	}
	if not != nil {
		if err := f.add(not, depth+1); err != nil {
			return err
		}
		f.Program = append(f.Program, OpNot)
		push()
	}
	if terms == 0 {
		// An empty input, {} in GraphQL, selects everything.
		f.Program = append(f.Program, len(f.Conditions))
		f.Conditions = append(f.Conditions, Condition{Op: "all"})
	}
	return nil
}

// List is a list request checked and compiled for storage: which items, in
// what order, which page.
type List struct {
	Filter Filter
	Sort   []SortKey
	Window Window
}

// newList checks and compiles a list request.
func newList[T any, P interface {
	*T
	filterNode
}, S any](where P, sorts []*S, fields func(*S) map[string]*SortDirection, page Page) (List, error) {
	var l List
	var err error
	if where != nil {
		if l.Filter, err = compile(where); err != nil {
			return List{}, err
		}
	}
	if l.Sort, err = sortKeys(sorts, fields); err != nil {
		return List{}, err
	}
	if l.Window, err = page.Window(); err != nil {
		return List{}, err
	}
	return l, nil
}

// textCondition matches names and aliases by spelling key (NameKey), and
// other text case-insensitively.
func textCondition(s string) (Condition, error) {
	if NameKey(s) == "" {
		return Condition{}, Invalidf("where.text", "give at least one letter or digit")
	}
	if len(s) > 300 {
		return Condition{}, Invalidf("where.text", "give at most 300 bytes")
	}
	return Condition{Op: "text", Value: map[string]any{"key": NameKey(s), "lower": strings.ToLower(s)}}, nil
}

// conditions collects a where input's conditions, skipping fields not given.
type conditions struct {
	list []Condition
	err  error
}

func (c *conditions) add(op string, value any) {
	c.list = append(c.list, Condition{Op: op, Value: value})
}

// strings adds a condition on a list of values; nil adds none, while an empty
// list is a condition nothing meets.
func (c *conditions) strings(op string, values []string) {
	if values != nil {
		c.add(op, values)
	}
}

// texts converts enum values for storage.
func texts[T ~string](s []T) []string {
	if s == nil {
		return nil
	}
	out := make([]string, len(s))
	for i, v := range s {
		out[i] = string(v)
	}
	return out
}

func (c *conditions) date(op, field string, s *string, end bool) {
	if s == nil || c.err != nil {
		return
	}
	t, err := dateBound(field, *s, end)
	if err != nil {
		c.err = err
		return
	}
	c.add(op, t)
}

func (c *conditions) text(s *string) {
	if s == nil || c.err != nil {
		return
	}
	cond, err := textCondition(*s)
	if err != nil {
		c.err = err
		return
	}
	c.list = append(c.list, cond)
}
