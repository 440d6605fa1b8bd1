package cypher

import (
	"cmp"
	"context"
	"strings"

	"github.com/strikegraph/strikegraph"
)

// The fragments an actor filter is built from: %[1]s is the actor's
// variable, %[2]s the parameter.
const (
	actorID     = "%[1]s.id IN %[2]s"
	actorKind   = "%[1]s.kind IN %[2]s"
	actorPartOf = "EXISTS { MATCH (%[1]s)-[:PART_OF]->+(:Actor {id: %[2]s}) }"
)

// actorStance is the fragment of a stance filter, by stance: a claim the
// actor made, itself or through a spokesperson.
var actorStance = map[strikegraph.Stance]string{
	strikegraph.StanceReported: "(EXISTS { MATCH (%[1]s)-[:REPORTED]->(:Incident) }" +
		" OR EXISTS { MATCH (%[1]s)<-[:SPEAKS_FOR]-(:Actor)-[wr:REPORTED]->(:Incident) WHERE wr.onBehalfOf = %[1]s.id })",
	strikegraph.StanceDenied: "(EXISTS { MATCH (%[1]s)-[:DENIED]->(:Incident) }" +
		" OR EXISTS { MATCH (%[1]s)<-[:SPEAKS_FOR]-(:Actor)-[wr:DENIED]->(:Incident) WHERE wr.onBehalfOf = %[1]s.id })",
	strikegraph.StanceResponded: "(EXISTS { MATCH (%[1]s)-[:RESPONDED]->(:Incident) }" +
		" OR EXISTS { MATCH (%[1]s)<-[:SPEAKS_FOR]-(:Actor)-[wr:RESPONDED]->(:Incident) WHERE wr.onBehalfOf = %[1]s.id })",
}

// The anchors of an actor filter, binding n: every actor, or the parts of
// one, along PART_OF (%[1]s is its parameter).
const (
	actorsAll    = "MATCH (n:Actor:Entity)\nWHERE "
	actorsPartOf = "MATCH (:Actor:Entity {id: %[1]s})<-[:PART_OF]-+(n:Actor)\nWITH DISTINCT n WHERE "
)

// actorWhere builds the predicate of w on the actor variable v.
func (s *statement) actorWhere(w *strikegraph.ActorWhere, v string) (string, error) {
	if w == nil {
		return "true", nil
	}
	var ps []string
	add := func(format string, value any) { ps = append(ps, s.fragment(format, v, value)) }
	if w.IDIn != nil {
		add(actorID, w.IDIn)
	}
	if w.KindIn != nil {
		add(actorKind, texts(w.KindIn))
	}
	if v := s.unless(w.PartOf); v != nil {
		add(actorPartOf, *v)
	}
	if w.Stance != nil {
		format, ok := actorStance[*w.Stance]
		if !ok {
			return "", strikegraph.Invalidf("where.stance", "unknown stance %q", *w.Stance)
		}
		ps = append(ps, strings.ReplaceAll(format, "%[1]s", v))
	}
	if w.Text != nil {
		add(nameOrDescription, textParam(*w.Text))
	}
	return combine(ps, w.AND, w.OR, w.NOT, func(sub *strikegraph.ActorWhere) (string, error) { return s.actorWhere(sub, v) })
}

// FindActors returns a page of actors: by the sort keys, then by name, then
// by id.
func (db *DB) FindActors(ctx context.Context, q strikegraph.ListQuery[strikegraph.ActorWhere]) (strikegraph.Slice[strikegraph.Actor], error) {
	s := newStatement()
	var anchor *string
	for _, c := range conjuncts(q.Where, func(w *strikegraph.ActorWhere) []*strikegraph.ActorWhere { return w.AND }) {
		if c.IDIn != nil {
			anchor = nil // the id index is the better way in
			break
		}
		anchor = cmp.Or(anchor, c.PartOf)
	}
	match, err := s.anchoredMatch(actorsAll, actorsPartOf, anchor, func() (string, error) { return s.actorWhere(q.Where, "n") })
	if err != nil {
		return strikegraph.Slice[strikegraph.Actor]{}, err
	}
	order, err := orderBy(q.Sort, map[string]string{"name": "toLower(n.name)"}, nil, []string{"toLower(n.name)", "n.id"})
	if err != nil {
		return strikegraph.Slice[strikegraph.Actor]{}, err
	}
	l := list{name: "find_actors", s: s, match: match, vars: "n", order: order, row: "{n: " + projection("n", q.Fields) + "}"}
	return findPage(ctx, db, l, q.Window, q.Count, entityRow[strikegraph.Actor])
}

// FindLinkedActors returns, per entity of l, the actors at the other end of
// its edges that where selects, by id.
func (db *DB) FindLinkedActors(ctx context.Context, l strikegraph.Linked, where *strikegraph.ActorWhere) (map[string][]*strikegraph.Actor, error) {
	s := newStatement()
	pred, err := s.actorWhere(where, "n")
	if err != nil {
		return nil, err
	}
	return findLinked[strikegraph.Actor](ctx, db, "find_linked_actors", s, l, "Actor", pred, projection("n", l.Fields)+" AS n", nil)
}
