package resolvers

import (
	"context"
	"slices"
	"time"

	"github.com/99designs/gqlgen/graphql"

	"github.com/strikegraph/strikegraph"
	"github.com/strikegraph/strikegraph/graph"
	"github.com/strikegraph/strikegraph/loaders"
)

func (r *queryResolver) Incident(ctx context.Context, id string, asOf *string) (*strikegraph.Incident, error) {
	if asOf == nil {
		withClaims(ctx, strikegraph.ClaimsOfIncident, id)
		return byID[strikegraph.Incident](ctx, id)
	}
	t, err := asOfTime(asOf)
	if err != nil {
		return nil, err
	}
	in, err := byID[strikegraph.Incident](ctx, id)
	if in == nil || err != nil {
		return nil, err
	}
	was, err := loaders.IncidentAsOf(ctx, in, *t) // a copy: the loader's is shared
	if was != nil {
		was.AsOf = t
	}
	return was, err
}

func (r *queryResolver) Incidents(ctx context.Context, where *strikegraph.IncidentWhere, sort []*strikegraph.IncidentSort, limit *int, offset *int) ([]*strikegraph.Incident, error) {
	where, err := gradeWhere(ctx, r.Store, where)
	if err != nil {
		return nil, err
	}
	s, err := find(ctx, where, sort, listPage(limit, offset), false, r.Store.FindIncidents)
	return s.Items, err
}

func (r *queryResolver) IncidentsConnection(ctx context.Context, where *strikegraph.IncidentWhere, sort []*strikegraph.IncidentSort, first *int, after *string, last *int, before *string) (*graph.IncidentsConnection, error) {
	where, err := gradeWhere(ctx, r.Store, where)
	if err != nil {
		return nil, err
	}
	s, err := find(ctx, where, sort, connectionPage(first, after, last, before), true, r.Store.FindIncidents)
	if err != nil {
		return nil, err
	}
	return &graph.IncidentsConnection{Edges: edges(s, func(cursor string, n *strikegraph.Incident) *graph.IncidentEdge {
		return &graph.IncidentEdge{Cursor: cursor, Node: n}
	}), PageInfo: pageInfo(s), TotalCount: s.Total}, nil
}

func (r *queryResolver) ContestedIncidents(ctx context.Context, where *strikegraph.IncidentWhere, sort []*strikegraph.IncidentSort, limit *int, offset *int) ([]*strikegraph.Incident, error) {
	contested := &strikegraph.IncidentWhere{Contested: ptr(true)}
	if where != nil {
		contested.AND = []*strikegraph.IncidentWhere{where}
	}
	return r.Incidents(ctx, contested, sort, limit, offset)
}

type incidentResolver struct{ *Resolver }

func (r *incidentResolver) Links(ctx context.Context, obj *strikegraph.Incident, types []strikegraph.RelationType, dir *strikegraph.Direction) ([]*strikegraph.Link, error) {
	return links(ctx, obj.ID, dir, types...)
}

func (r *incidentResolver) Places(ctx context.Context, obj *strikegraph.Incident) ([]*strikegraph.Link, error) {
	return links(ctx, obj.ID, out, strikegraph.RelLocatedIn, strikegraph.RelLocatedNear)
}

// The actors an incident links to, as its list fields read them (and a
// list of incidents reads them along its page: incidentAlong).
var (
	perpetrators = strikegraph.Along{Of: "actors", Type: strikegraph.RelCarriedOut, Dir: in}
	targets      = strikegraph.Along{Of: "actors", Type: strikegraph.RelTargeted, Dir: out}
)

func (r *incidentResolver) Perpetrators(ctx context.Context, obj *strikegraph.Incident, where *strikegraph.ActorWhere) ([]*strikegraph.Actor, error) {
	return checked(where, func() ([]*strikegraph.Actor, error) {
		return loaders.LinkedActors(ctx, obj.ID, perpetrators.Type, perpetrators.Dir, where, listed(ctx))
	})
}

func (r *incidentResolver) Targets(ctx context.Context, obj *strikegraph.Incident, where *strikegraph.ActorWhere) ([]*strikegraph.Actor, error) {
	return checked(where, func() ([]*strikegraph.Actor, error) {
		return loaders.LinkedActors(ctx, obj.ID, targets.Type, targets.Dir, where, listed(ctx))
	})
}

func (r *incidentResolver) PartOf(ctx context.Context, obj *strikegraph.Incident, where *strikegraph.IncidentWhere) ([]*strikegraph.Incident, error) {
	return checked(where, func() ([]*strikegraph.Incident, error) {
		return loaders.LinkedIncidents(ctx, obj.ID, strikegraph.RelPartOf, out, where, listed(ctx))
	})
}

func (r *incidentResolver) Parts(ctx context.Context, obj *strikegraph.Incident, where *strikegraph.IncidentWhere) ([]*strikegraph.Incident, error) {
	return checked(where, func() ([]*strikegraph.Incident, error) {
		return loaders.LinkedIncidents(ctx, obj.ID, strikegraph.RelPartOf, in, where, listed(ctx))
	})
}

func (r *incidentResolver) PossiblySameAs(ctx context.Context, obj *strikegraph.Incident, where *strikegraph.IncidentWhere) ([]*strikegraph.Incident, error) {
	return checked(where, func() ([]*strikegraph.Incident, error) {
		return loaders.LinkedIncidents(ctx, obj.ID, strikegraph.RelPossiblySameAs, nil, where, listed(ctx))
	})
}

func (r *incidentResolver) Claims(ctx context.Context, obj *strikegraph.Incident, stance *strikegraph.Stance, where *strikegraph.ClaimWhere) ([]*strikegraph.Claim, error) {
	return checked(where, func() ([]*strikegraph.Claim, error) {
		return incidentClaims(ctx, obj.ID, obj.AsOf, ofStance(where, stance), claimEnds(ctx))
	})
}

// incidentClaims are the claims of the incident id that where selects, with
// ends, as they stood at asOf when not nil: each claim is read with when it
// was recorded and retracted, to tell how it then stood.
func incidentClaims(ctx context.Context, id string, asOf *time.Time, where *strikegraph.ClaimWhere, ends strikegraph.ClaimEnds) ([]*strikegraph.Claim, error) {
	if asOf != nil && ends.Own.Wanted() {
		ends.Own = ends.Own.Or(strikegraph.FieldsNamed("provenance", "retraction"))
	}
	claims, err := loaders.Claims(ctx, strikegraph.ClaimsOfIncident, id, where, ends)
	if err != nil || asOf == nil {
		return claims, err
	}
	return claimsAsOf(ctx, claims, *asOf, id)
}

func (r *incidentResolver) ClaimsConnection(ctx context.Context, obj *strikegraph.Incident, where *strikegraph.ClaimWhere, sort []*strikegraph.ClaimSort, first *int, after *string, last *int, before *string) (*graph.ClaimsConnection, error) {
	return r.claimsConnection(ctx, where, &strikegraph.ClaimWhere{Incident: &obj.ID}, sort, connectionPage(first, after, last, before), obj.AsOf)
}

func (r *incidentResolver) Speakers(ctx context.Context, obj *strikegraph.Incident, stance *strikegraph.Stance, where *strikegraph.ActorWhere) ([]*strikegraph.Actor, error) {
	claims, err := incidentClaims(ctx, obj.ID, obj.AsOf, nil, strikegraph.ClaimEnds{Speaker: strikegraph.AllFields})
	if err != nil {
		return nil, err
	}
	var ids []string
	seen := map[string]bool{}
	for _, c := range claims {
		if stance != nil && c.Stance != *stance {
			continue
		}
		if !seen[c.SpeakerID] {
			seen[c.SpeakerID] = true
			ids = append(ids, c.SpeakerID)
		}
	}
	if where != nil {
		return checked(where, func() ([]*strikegraph.Actor, error) { return loaders.ActorsMatching(ctx, ids, where) })
	}
	return entitiesAs[strikegraph.Actor](ctx, ids)
}

func (r *incidentResolver) CivilianToll(ctx context.Context, obj *strikegraph.Incident, latest *bool, asOf *string, sources *strikegraph.TollSources) (*strikegraph.TollRange, error) {
	return r.toll(ctx, obj, latest, asOf, sources, strikegraph.CivilianToll)
}

func (r *incidentResolver) Toll(ctx context.Context, obj *strikegraph.Incident, latest *bool, asOf *string, sources *strikegraph.TollSources) (*strikegraph.TollRange, error) {
	return r.toll(ctx, obj, latest, asOf, sources, strikegraph.Toll)
}

func (r *incidentResolver) toll(ctx context.Context, obj *strikegraph.Incident, latest *bool, asOf *string, sources *strikegraph.TollSources,
	of func([]*strikegraph.Claim, strikegraph.TollOptions) strikegraph.TollRange) (*strikegraph.TollRange, error) {
	o := strikegraph.TollOptions{Latest: latest != nil && *latest, Sources: strikegraph.SourcesAll, AsOf: obj.AsOf}
	if sources != nil { // an explicit null is the default
		o.Sources = *sources
	}
	if asOf != nil { // the toll's own asOf, else the incident's
		t, err := asOfTime(asOf)
		if err != nil {
			return nil, err
		}
		o.AsOf = t
	}
	parts, err := loaders.LinkedPlaces(ctx, obj.ID, strikegraph.RelLocatedIn, out, &strikegraph.PlaceWhere{KindIn: strikegraph.SettlementKinds}, strikegraph.AllFields)
	if err != nil {
		return nil, err
	}
	o.Parts = parts
	claims, err := incidentClaims(ctx, obj.ID, o.AsOf, nil, strikegraph.ClaimEnds{})
	if err != nil {
		return nil, err
	}
	if asksIndependence(ctx) {
		if o.Relays, err = loaders.ListAll(ctx, loaders.For(ctx).Relays, articlesOf(claims)); err != nil {
			return nil, err
		}
	}
	if o.Sources == strikegraph.SourcesAll {
		return ptr(of(claims, o)), nil
	}
	o.Kinds, err = sourceKinds(ctx, claims)
	return ptr(of(claims, o)), err
}

// asksIndependence tells whether the toll being resolved is asked for its
// independent sources, which need the relays its articles record.
func asksIndependence(ctx context.Context) bool {
	for _, f := range graphql.CollectFieldsCtx(ctx, nil) {
		if f.Name == "independentSources" || f.Name == "chains" {
			return true
		}
	}
	return false
}

// articlesOf are the ids of the articles claims are from, each once.
func articlesOf(claims []*strikegraph.Claim) []string {
	var ids []string
	for _, c := range claims {
		if !slices.Contains(ids, c.ArticleID) {
			ids = append(ids, c.ArticleID)
		}
	}
	return ids
}

type sourceChainResolver struct{ *Resolver }

func (r *sourceChainResolver) Source(ctx context.Context, obj *strikegraph.SourceChain) (*strikegraph.Actor, error) {
	return byID[strikegraph.Actor](ctx, obj.SourceID)
}

func (r *sourceChainResolver) Relays(ctx context.Context, obj *strikegraph.SourceChain) ([]*strikegraph.Actor, error) {
	return entitiesAs[strikegraph.Actor](ctx, obj.RelaysIDs)
}

func (r *sourceChainResolver) Origins(ctx context.Context, obj *strikegraph.SourceChain) ([]*strikegraph.Actor, error) {
	return entitiesAs[strikegraph.Actor](ctx, obj.OriginIDs)
}

// sourceKinds are the kinds of the sources of claims, by id.
func sourceKinds(ctx context.Context, claims []*strikegraph.Claim) (map[string]strikegraph.ActorKind, error) {
	var ids []string
	for _, c := range claims {
		if !slices.Contains(ids, c.Source()) {
			ids = append(ids, c.Source())
		}
	}
	actors, err := entitiesAs[strikegraph.Actor](ctx, ids)
	kinds := map[string]strikegraph.ActorKind{}
	for _, a := range actors {
		kinds[a.ID] = a.Kind
	}
	return kinds, err
}

type placeTollResolver struct{ *Resolver }

func (r *placeTollResolver) Places(ctx context.Context, obj *strikegraph.PlaceToll) ([]*strikegraph.Place, error) {
	return entitiesAs[strikegraph.Place](ctx, obj.PlaceIDs)
}

type derivedTollResolver struct{ *Resolver }

func (r *derivedTollResolver) Source(ctx context.Context, obj *strikegraph.DerivedToll) (*strikegraph.Actor, error) {
	return byID[strikegraph.Actor](ctx, obj.SourceID)
}

func (r *incidentResolver) Contested(ctx context.Context, obj *strikegraph.Incident) (bool, error) {
	claims, err := incidentClaims(ctx, obj.ID, obj.AsOf, nil, strikegraph.ClaimEnds{})
	return strikegraph.Contested(claims), err
}
