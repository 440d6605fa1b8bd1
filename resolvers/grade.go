package resolvers

import (
	"context"
	"slices"
	"strings"

	"github.com/strikegraph/strikegraph"
	"github.com/strikegraph/strikegraph/loaders"
)

func (r *incidentResolver) SuggestedGrade(ctx context.Context, obj *strikegraph.Incident) (*strikegraph.SuggestedGrade, error) {
	ins, err := gradeInputs(ctx, []*strikegraph.Incident{obj})
	if err != nil {
		return nil, err
	}
	return ptr(strikegraph.SuggestGrade(ins[obj.ID])), nil
}

func (r *incidentResolver) Summary(ctx context.Context, obj *strikegraph.Incident) (string, error) {
	ins, err := gradeInputs(ctx, []*strikegraph.Incident{obj})
	if err != nil {
		return "", err
	}
	return strikegraph.Summary(ins[obj.ID]), nil
}

// gradeInputs loads what the grade and the summary of each incident need,
// by id: its claims (as they stood at its AsOf, if any), places,
// perpetrators and targets in one round trip, then the claims' sources and
// the relays of their articles in another. Each is a batch shared with
// every other incident of the request, so a list costs the same few
// statements however long it is.
func gradeInputs(ctx context.Context, incidents []*strikegraph.Incident) (map[string]strikegraph.GradeInput, error) {
	ids := make([]string, len(incidents))
	for i, in := range incidents {
		ids[i] = in.ID
	}
	all := strikegraph.AllFields
	claimsOf := loaders.ListsOf(ctx, loaders.ClaimsLoader(ctx, strikegraph.ClaimsOfIncident, nil, strikegraph.ClaimEnds{}), ids)
	inOf := loaders.ListsOf(ctx, loaders.LinkedPlacesLoader(ctx, strikegraph.RelLocatedIn, out, nil, all), ids)
	nearOf := loaders.ListsOf(ctx, loaders.LinkedPlacesLoader(ctx, strikegraph.RelLocatedNear, out, nil, all), ids)
	perpsOf := loaders.ListsOf(ctx, loaders.LinkedActorsLoader(ctx, perpetrators.Type, perpetrators.Dir, nil, all), ids)
	targetsOf := loaders.ListsOf(ctx, loaders.LinkedActorsLoader(ctx, targets.Type, targets.Dir, nil, all), ids)
	claims, err := claimsOf()
	if err != nil {
		return nil, err
	}
	places, err := inOf()
	if err != nil {
		return nil, err
	}
	near, err := nearOf()
	if err != nil {
		return nil, err
	}
	perps, err := perpsOf()
	if err != nil {
		return nil, err
	}
	hit, err := targetsOf()
	if err != nil {
		return nil, err
	}
	var sources, articles []string
	for _, in := range incidents {
		if in.AsOf != nil { // a root field's incident only: one at a time
			if claims[in.ID], err = claimsAsOf(ctx, claims[in.ID], *in.AsOf, in.ID); err != nil {
				return nil, err
			}
		}
		// In id order, so that a summary lists its sources the same way each time.
		claims[in.ID] = slices.SortedFunc(slices.Values(claims[in.ID]), func(a, b *strikegraph.Claim) int { return strings.Compare(a.ID, b.ID) })
		for _, c := range claims[in.ID] {
			sources = appendNew(sources, c.Source())
			sources = appendNew(sources, c.SpeakerID)
			for _, v := range c.ViaIDs {
				sources = appendNew(sources, v)
			}
			articles = appendNew(articles, c.ArticleID)
		}
	}
	relaysOf := loaders.ListsOf(ctx, loaders.For(ctx).Relays, articles)
	actors, err := entitiesAs[strikegraph.Actor](ctx, sources)
	if err != nil {
		return nil, err
	}
	relays, err := relaysOf()
	if err != nil {
		return nil, err
	}
	byID := map[string]*strikegraph.Actor{}
	for _, a := range actors {
		byID[a.ID] = a
	}
	found := make(map[string]strikegraph.GradeInput, len(incidents))
	for _, in := range incidents {
		g := strikegraph.GradeInput{Incident: in, Claims: claims[in.ID], Actors: byID, Perpetrators: perps[in.ID], Targets: hit[in.ID],
			In: places[in.ID], Near: near[in.ID]}
		for _, a := range articlesOf(g.Claims) {
			g.Relays = append(g.Relays, relays[a]...)
		}
		found[in.ID] = g
	}
	return found, nil
}

func appendNew(ids []string, id string) []string {
	if id == "" || slices.Contains(ids, id) {
		return ids
	}
	return append(ids, id)
}

// MaxGraded is the most incidents a suggestedGrade_IN filter grades: the
// grade is worked out in Go, not Cypher, so the rest of the filter must
// select at most this many.
const MaxGraded = strikegraph.MaxIDs

// gradeWhere replaces every suggestedGrade_IN in where with the ids of the
// incidents whose suggested grade it names, so that the rest of the list
// (sort, page, count) is Cypher's as for any filter. The incidents graded
// are those the rest of where selects when every suggestedGrade_IN is one
// of its conjuncts (AND), else every incident; more than MaxGraded is an
// error that asks for a narrower filter.
func gradeWhere(ctx context.Context, store strikegraph.IncidentService, where *strikegraph.IncidentWhere) (*strikegraph.IncidentWhere, error) {
	if !hasGrade(where) {
		return where, nil
	}
	if err := where.Validate(); err != nil {
		return nil, err
	}
	var rest *strikegraph.IncidentWhere
	if conjunctGrades(where) {
		rest = withoutGrade(where)
	}
	s, err := store.FindIncidents(ctx, strikegraph.ListQuery[strikegraph.IncidentWhere]{
		Where: rest, Window: strikegraph.Window{Limit: MaxGraded + 1}})
	if err != nil {
		return nil, err
	}
	if len(s.Items) > MaxGraded {
		return nil, strikegraph.Invalidf("where.suggestedGrade_IN",
			"grades at most %d incidents: narrow the rest of the filter (dates, a place, an actor) to select fewer", MaxGraded)
	}
	ins, err := gradeInputs(ctx, s.Items)
	if err != nil {
		return nil, err
	}
	grades := map[string]strikegraph.Grade{}
	for id, in := range ins {
		grades[id] = strikegraph.SuggestGrade(in).Grade
	}
	return withGrades(where, s.Items, grades), nil
}

func hasGrade(w *strikegraph.IncidentWhere) bool {
	if w == nil {
		return false
	}
	return w.SuggestedGradeIn != nil || hasGrade(w.NOT) || slices.ContainsFunc(w.AND, hasGrade) || slices.ContainsFunc(w.OR, hasGrade)
}

// conjunctGrades tells whether every suggestedGrade_IN of w is in w or in
// its ANDs, down: none under an OR or a NOT.
func conjunctGrades(w *strikegraph.IncidentWhere) bool {
	if w == nil {
		return true
	}
	return !hasGrade(w.NOT) && !slices.ContainsFunc(w.OR, hasGrade) && !slices.ContainsFunc(w.AND, func(a *strikegraph.IncidentWhere) bool { return !conjunctGrades(a) })
}

// withoutGrade is a copy of w without its suggestedGrade_IN conditions.
func withoutGrade(w *strikegraph.IncidentWhere) *strikegraph.IncidentWhere {
	return mapWhere(w, func(c *strikegraph.IncidentWhere) { c.SuggestedGradeIn = nil })
}

// withGrades is a copy of w with each suggestedGrade_IN replaced by the ids
// of the incidents of graded whose grade it names (and of its own id_IN).
func withGrades(w *strikegraph.IncidentWhere, graded []*strikegraph.Incident, grades map[string]strikegraph.Grade) *strikegraph.IncidentWhere {
	return mapWhere(w, func(c *strikegraph.IncidentWhere) {
		if c.SuggestedGradeIn == nil {
			return
		}
		ids := []string{}
		for _, in := range graded {
			if slices.Contains(c.SuggestedGradeIn, grades[in.ID]) && (c.IDIn == nil || slices.Contains(c.IDIn, in.ID)) {
				ids = append(ids, in.ID)
			}
		}
		c.IDIn, c.SuggestedGradeIn = ids, nil
	})
}

// mapWhere is a copy of w and of every filter nested in it, each passed to
// f.
func mapWhere(w *strikegraph.IncidentWhere, f func(*strikegraph.IncidentWhere)) *strikegraph.IncidentWhere {
	if w == nil {
		return nil
	}
	c := *w
	c.AND, c.OR = nil, nil
	for _, a := range w.AND {
		c.AND = append(c.AND, mapWhere(a, f))
	}
	for _, o := range w.OR {
		c.OR = append(c.OR, mapWhere(o, f))
	}
	c.NOT = mapWhere(w.NOT, f)
	f(&c)
	return &c
}
