package cypher

import (
	"cmp"
	"context"
	"strings"

	"github.com/strikegraph/strikegraph"
)

// The fragments a place filter is built from: %[1]s is the place's
// variable, %[2]s the parameter.
const (
	placeID     = "%[1]s.id IN %[2]s"
	placeKind   = "%[1]s.kind IN %[2]s"
	placeWithin = "EXISTS { MATCH (%[1]s)-[:LOCATED_IN]->+(:Place {id: %[2]s}) }"
	// Names and aliases by spelling key, other text case-insensitively.
	nameOrDescription = "(any(k IN %[1]s.nameKeys WHERE k CONTAINS %[2]s.key) OR toLower(%[1]s.description) CONTAINS %[2]s.lower)"
)

// The anchors of a place filter, binding n: every place, or those within
// one, inward along LOCATED_IN (%[1]s is its parameter).
const (
	placesAll    = "MATCH (n:Place:Entity)\nWHERE "
	placesWithin = "MATCH (:Place:Entity {id: %[1]s})<-[:LOCATED_IN]-+(n:Place)\nWITH DISTINCT n WHERE "
)

// textParam is the value of a text condition: its spelling key, and the
// text in lower case.
func textParam(text string) map[string]any {
	return map[string]any{"key": strikegraph.NameKey(text), "lower": strings.ToLower(text)}
}

// placeWhere builds the predicate of w on the place variable v.
func (s *statement) placeWhere(w *strikegraph.PlaceWhere, v string) (string, error) {
	if w == nil {
		return "true", nil
	}
	var ps []string
	add := func(format string, value any) { ps = append(ps, s.fragment(format, v, value)) }
	if w.IDIn != nil {
		add(placeID, w.IDIn)
	}
	if w.KindIn != nil {
		add(placeKind, texts(w.KindIn))
	}
	if v := s.unless(w.Within); v != nil {
		add(placeWithin, *v)
	}
	if w.Text != nil {
		add(nameOrDescription, textParam(*w.Text))
	}
	return combine(ps, w.AND, w.OR, w.NOT, func(sub *strikegraph.PlaceWhere) (string, error) { return s.placeWhere(sub, v) })
}

// FindPlaces returns a page of places: by the sort keys, then by name, then
// by id.
func (db *DB) FindPlaces(ctx context.Context, q strikegraph.ListQuery[strikegraph.PlaceWhere]) (strikegraph.Slice[strikegraph.Place], error) {
	s := newStatement()
	var anchor *string
	for _, c := range conjuncts(q.Where, func(w *strikegraph.PlaceWhere) []*strikegraph.PlaceWhere { return w.AND }) {
		if c.IDIn != nil {
			anchor = nil // the id index is the better way in
			break
		}
		anchor = cmp.Or(anchor, c.Within)
	}
	match, err := s.anchoredMatch(placesAll, placesWithin, anchor, func() (string, error) { return s.placeWhere(q.Where, "n") })
	if err != nil {
		return strikegraph.Slice[strikegraph.Place]{}, err
	}
	order, err := orderBy(q.Sort, map[string]string{"name": "toLower(n.name)"}, nil, []string{"toLower(n.name)", "n.id"})
	if err != nil {
		return strikegraph.Slice[strikegraph.Place]{}, err
	}
	l := list{name: "find_places", s: s, match: match, vars: "n", order: order, row: "{n: " + projection("n", q.Fields) + "}"}
	return findPage(ctx, db, l, q.Window, q.Count, entityRow[strikegraph.Place])
}

// FindLinkedPlaces returns, per entity of l, the places at the other end of
// its edges that where selects, by id.
func (db *DB) FindLinkedPlaces(ctx context.Context, l strikegraph.Linked, where *strikegraph.PlaceWhere) (map[string][]*strikegraph.Place, error) {
	s := newStatement()
	pred, err := s.placeWhere(where, "n")
	if err != nil {
		return nil, err
	}
	return findLinked[strikegraph.Place](ctx, db, "find_linked_places", s, l, "Place", pred, projection("n", l.Fields)+" AS n", nil)
}
