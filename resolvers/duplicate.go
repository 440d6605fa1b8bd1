package resolvers

import (
	"context"
	"fmt"
	"slices"

	"github.com/strikegraph/strikegraph"
	"github.com/strikegraph/strikegraph/graph"
	"github.com/strikegraph/strikegraph/loaders"
)

func (r *Resolver) DuplicateCandidate() graph.DuplicateCandidateResolver {
	return &duplicateCandidateResolver{r}
}

type duplicateCandidateResolver struct{ *Resolver }

func (r *queryResolver) DuplicateCandidates(ctx context.Context, first *int) ([]*strikegraph.DuplicateCandidate, error) {
	found, err := r.Store.FindDuplicateCandidates(ctx, *first)
	if err != nil {
		return nil, err
	}
	out := make([]*strikegraph.DuplicateCandidate, len(found))
	for i := range found {
		out[i] = &found[i]
	}
	return out, nil
}

func (r *duplicateCandidateResolver) Entities(ctx context.Context, obj *strikegraph.DuplicateCandidate) ([]strikegraph.Entity, error) {
	return loaders.Entities(ctx, obj.IDs)
}

// namesakes refuses names (at fields[i]) for the entity id of type t when
// one folds to the key of another entity of that type's name or alias: a
// search would then find two, one of them wrongly. The caller may allow it.
func (r *Resolver) namesakes(ctx context.Context, t strikegraph.EntityType, id string, names, fields []string) error {
	for i, name := range names {
		hits, err := r.Store.SearchEntities(ctx, strikegraph.Search{Name: name, Types: []strikegraph.EntityType{t}, First: 20})
		if strikegraph.ErrorCode(err) == strikegraph.ECodeInvalid {
			continue // not a name at all: validation says why
		}
		if err != nil {
			return err
		}
		var others []string
		for _, h := range hits {
			if a, ok := h.Entity.(*strikegraph.Actor); ok && a.Anonymous {
				continue // "residents of Hajin": one per report, sharing names
			}
			if other := h.Entity.EntityID(); other != id && strikegraph.NameKey(h.Matched) == strikegraph.NameKey(name) && !slices.Contains(others, other) {
				others = append(others, other)
			}
		}
		if len(others) > 0 {
			slices.Sort(others)
			return strikegraph.Duplicate(fields[i], others, "%q is also the name of another %s", name, typeName[t])
		}
	}
	return nil
}

// entityType is the type of an entity that has names to search: not an
// article.
func entityType(e strikegraph.Entity) (strikegraph.EntityType, bool) {
	switch e.(type) {
	case *strikegraph.Incident:
		return strikegraph.TypeIncident, true
	case *strikegraph.Place:
		return strikegraph.TypePlace, true
	case *strikegraph.Actor:
		return strikegraph.TypeActor, true
	}
	return "", false
}

var typeName = map[strikegraph.EntityType]string{
	strikegraph.TypeIncident: "incident", strikegraph.TypePlace: "place", strikegraph.TypeActor: "actor",
}

// nameFields are the names of an entity to enter, and the input fields they
// are at: the name, then each alias.
func nameFields(prefix, name string, aliases []string) (names, fields []string) {
	names, fields = []string{name}, []string{prefix + ".name"}
	for i, a := range aliases {
		names, fields = append(names, a), append(fields, fmt.Sprintf("%s.aliases[%d]", prefix, i))
	}
	return names, fields
}

// sameDayAndPlace refuses a relation that locates an incident of a day in
// or near a place where another incident of that day is located.
func (r *Resolver) sameDayAndPlace(ctx context.Context, rel strikegraph.Relation) error {
	if rel.Type != strikegraph.RelLocatedIn && rel.Type != strikegraph.RelLocatedNear {
		return nil
	}
	es, err := r.Store.FindEntitiesByIDs(ctx, []string{rel.From})
	if err != nil {
		return err
	}
	in, ok := es[rel.From].(*strikegraph.Incident)
	if !ok {
		return nil // not an incident, or not there: the write says so
	}
	others, err := r.Store.FindIncidentsAt(ctx, rel.To, in.Date, in.ID)
	if err != nil || len(others) == 0 {
		return err
	}
	return strikegraph.Duplicate("input.to", others, "on %s, %s is where another incident is located", in.Date.Value, rel.To)
}
