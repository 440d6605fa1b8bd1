package cypher

import (
	"cmp"
	"context"
	"fmt"
	"strings"

	"github.com/strikegraph/strikegraph"
)

// list is a list query built for one request: match binds vars to the items
// the filter selects, order orders them, and row is what each item returns,
// with along columns (alongRow) after its own.
type list struct {
	name  string // for errors
	s     *statement
	match string
	seek  string // when set, binds vars for a page in place of match, in its order
	vars  string
	order string
	row   string
	along int
	walk  *walk  // when set, a page may walk instead
	total string // when set, counts the list, as total, in place of match
}

// walk is the other way to a page of an entity's items (incidents, or its
// claims) in date order: along the incident_date index, keeping the items
// that match selects, until the page is full. From the entity, a page costs
// all its items, which are sorted; a walk costs the page over the entity's
// share of all items. The statement estimates the entity's items (size) and
// walks when that is the cheaper.
type walk struct {
	anchor  string // the parameter of a's id
	size    string // a's items, estimated
	items   string // counts all items, as items
	date    string // the date of an item, by which it is ordered
	match   string // binds the list's variables to every item the filter selects
	undated string // binds them to the undated items the filter selects, from a
	order   string // the list's order, the dated items only
}

// The parts of a page that may walk (walk): an item is undated when its
// incident's date is null; the undated come last, and are looked for, from
// the entity, only when the dated do not fill the page. Each way in sits
// behind the test that takes it, in a subquery of its own that Neo4j runs
// only when the test passes. %[1]s is the list's variables.
const (
	walkSize = "CALL () {\nOPTIONAL MATCH (a:Entity {id: %s})\nRETURN CASE WHEN a IS NULL THEN 0 ELSE %s END AS size\n}\n" +
		"CALL () {\n%s\n}\n"
	walkFrom  = "CALL (size, items) {\nWITH size, items WHERE size * size <= ($skip + $limit) * items\n"
	walkDated = "\nUNION ALL\nWITH size, items WHERE size * size > ($skip + $limit) * items\n" +
		"CALL () {\n%[2]s AND %[3]s IS NOT NULL%[4]s\n}\nRETURN %[1]s"
	walkUndated = "\nUNION ALL\nWITH size, items WHERE size * size > ($skip + $limit) * items\n" +
		"CALL () {\n%[2]s AND %[3]s IS NOT NULL\nWITH %[1]s LIMIT $skip + $limit\nRETURN count(*) AS dated\n}\n" +
		"WITH dated WHERE dated < $skip + $limit\nCALL () {\n%[4]s\nRETURN %[1]s\n}\nRETURN %[1]s\n}"
	walkTop = "\nWITH %[1]s ORDER BY %[2]s LIMIT $skip + $limit\nRETURN %[1]s"
)

// find runs a list query for the page w: one statement, which counts the
// whole list only when count asks. A page from the end needs the count
// first, so it takes two.
func findPage[T any](ctx context.Context, db *DB, l list, w strikegraph.Window, count bool, read func(map[string]any) *T) (strikegraph.Slice[T], error) {
	total := -1
	start := w.Start
	if w.FromEnd {
		recs, err := db.read(ctx, query{name: l.name, text: l.counted()}, l.s.params)
		if err != nil {
			return strikegraph.Slice[T]{}, err
		}
		total = int(recs[0].AsMap()["total"].(int64))
		start = max(total-w.Limit, w.Start)
		count = false
	}
	text, params := l.page(start, w.Limit, count)
	recs, err := db.read(ctx, query{name: l.name, text: text}, params)
	if err != nil {
		return strikegraph.Slice[T]{}, err
	}
	m := recs[0].AsMap()
	if t, ok := m["total"].(int64); ok {
		total = int(t)
	}
	rows := m["rows"].([]any)
	s := strikegraph.Slice[T]{Items: []*T{}, Start: start, Total: total, More: len(rows) > w.Limit}
	if len(rows) > w.Limit {
		rows = rows[:w.Limit]
	}
	for i := 0; i < l.along; i++ {
		s.Along = append(s.Along, map[string][]strikegraph.Entity{})
	}
	for _, r := range rows {
		m := r.(map[string]any)
		t := read(m)
		if t == nil {
			continue
		}
		s.Items = append(s.Items, t)
		if e, ok := any(t).(strikegraph.Entity); ok {
			for i, found := range s.Along {
				found[e.EntityID()] = []strikegraph.Entity{}
				nodes, _ := m[fmt.Sprintf("a%d", i)].([]any)
				for _, v := range nodes {
					if linked := entityOf(map[string]any{"n": v}); linked != nil {
						found[e.EntityID()] = append(found[e.EntityID()], linked)
					}
				}
			}
		}
	}
	return s, nil
}

// alongLabels are the labels of the entities a list may read along.
var alongLabels = map[string]string{"actors": "Actor", "incidents": "Incident"}

// alongRow is what a list's row of n adds for along: a0, a1, … each the
// entities linked to n, in the order and with the fields findLinked reads
// them with.
func alongRow(along []strikegraph.Along) (string, error) {
	var b strings.Builder
	for i, a := range along {
		label, ok := alongLabels[a.Of]
		if !ok {
			return "", strikegraph.Invalidf("along", "cannot read %s along a list", a.Of)
		}
		edge, err := relEdge(a.Type, a.Dir)
		if err != nil {
			return "", err
		}
		fmt.Fprintf(&b, ", a%d: COLLECT { MATCH (n)%s(x:%s) WITH DISTINCT x ORDER BY x.id RETURN %s }", i, edge, label, projection("x", a.Fields))
	}
	return b.String(), nil
}

// page is the text and parameters of the statement that reads limit items
// from start, and one more to tell whether items follow, and counts the
// whole list when count says so.
func (l list) page(start, limit int, count bool) (string, map[string]any) {
	text := ""
	if count {
		text = "CALL () {\n" + l.counted() + "\n}\n"
	}
	match := cmp.Or(l.seek, l.match)
	if l.walk != nil {
		match = l.walked()
	}
	text += "CALL () {\n" + match + "\nWITH " + l.vars + " ORDER BY " + l.order +
		"\nSKIP $skip LIMIT $limit\nRETURN collect(" + l.row + ") AS rows\n}\nRETURN rows"
	if count {
		text += ", total"
	}
	params := map[string]any{"skip": start, "limit": limit + 1}
	for k, v := range l.s.params {
		params[k] = v
	}
	return text, params
}

// walked binds l's variables to the items of its page and those before it,
// from the entity or along the date index, whichever costs less (walk).
func (l list) walked() string {
	w := l.walk
	return fmt.Sprintf(walkSize, w.anchor, w.size, w.items) +
		walkFrom + l.match + fmt.Sprintf(walkTop, l.vars, l.order) +
		fmt.Sprintf(walkDated, l.vars, w.match, w.date, fmt.Sprintf(walkTop, l.vars, w.order)) +
		fmt.Sprintf(walkUndated, l.vars, w.match, w.date, w.undated)
}

// counted is the statement that counts the whole list, as total.
func (l list) counted() string {
	if l.total != "" {
		return l.total
	}
	return l.match + "\nRETURN count(*) AS total"
}

// entityRow reads a row of {n, publisher} as a *T.
func entityRow[T any](r map[string]any) *T {
	t, _ := any(entityOf(r)).(*T)
	return t
}

// findLinked runs a nested list for every entity of l at once: the nodes of
// label at the other end of each one's edges that pred selects (built on n
// in s), by id. A window is a way in for incidents (see linkedWindow): when
// given, an entity with more edges than the window has incidents seeks the
// window instead of expanding all its edges.
func findLinked[T any](ctx context.Context, db *DB, name string, s *statement, l strikegraph.Linked, label, pred, row string, window *linkedWindow) (map[string][]*T, error) {
	text, err := linkedText(l, label, pred, row, window)
	if err != nil {
		return nil, err
	}
	s.params["ids"] = l.IDs
	recs, err := db.read(ctx, query{name: name, text: text}, s.params)
	if err != nil {
		return nil, err
	}
	out := map[string][]*T{}
	for _, rec := range recs {
		m := rec.AsMap()
		if t := entityRow[T](m); t != nil {
			key := m["key"].(string)
			out[key] = append(out[key], t)
		}
	}
	return out, nil
}

// linkedText is the statement of findLinked.
func linkedText(l strikegraph.Linked, label, pred, row string, window *linkedWindow) (string, error) {
	pattern, degree, err := relPattern(l.Type, l.Dir, label)
	if err != nil {
		return "", err
	}
	text := "UNWIND $ids AS key\nMATCH (p:Entity {id: key})\nMATCH " + pattern + "\nWHERE " + pred
	if window != nil {
		text = window.count + "\nUNWIND $ids AS key\nMATCH (p:Entity {id: key})\nCALL (p, window) {\n" +
			"  WITH p WHERE " + degree + " <= window\n  MATCH " + pattern + "\n  WHERE " + pred + "\n  RETURN n\n UNION\n" +
			"  WITH p WHERE " + degree + " > window\n  " + window.seek + "\n  WHERE " + window.bounds + " AND EXISTS { MATCH " + pattern + " } AND " + pred + "\n  RETURN n\n}"
	}
	return text + "\nWITH DISTINCT key, n ORDER BY key, n.id\nRETURN key, " + row, nil
}

// linkedWindow is a date window of incidents that a nested list may seek:
// count counts the incidents in it (as window), seek binds n to each of
// them, and bounds are its conditions on n.
type linkedWindow struct {
	count, seek, bounds string
}
