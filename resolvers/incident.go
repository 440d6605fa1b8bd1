package resolvers

import (
	"context"

	"github.com/strikegraph/strikegraph"
	"github.com/strikegraph/strikegraph/graph"
	"github.com/strikegraph/strikegraph/loaders"
)

func (r *queryResolver) Incident(ctx context.Context, id string) (*strikegraph.Incident, error) {
	return byID[strikegraph.Incident](ctx, id)
}

func (r *queryResolver) Incidents(ctx context.Context, where *strikegraph.IncidentWhere, sort []*strikegraph.IncidentSort, limit *int, offset *int) ([]*strikegraph.Incident, error) {
	s, err := r.incidents(ctx, where, sort, listPage(limit, offset))
	return s.Items, err
}

func (r *queryResolver) IncidentsConnection(ctx context.Context, where *strikegraph.IncidentWhere, sort []*strikegraph.IncidentSort, first *int, after *string, last *int, before *string) (*graph.IncidentsConnection, error) {
	s, err := r.incidents(ctx, where, sort, connectionPage(first, after, last, before))
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

func (r *queryResolver) incidents(ctx context.Context, where *strikegraph.IncidentWhere, sort []*strikegraph.IncidentSort, page strikegraph.Page) (strikegraph.Slice[strikegraph.Incident], error) {
	l, err := strikegraph.IncidentList(where, sort, page)
	if err != nil {
		return strikegraph.Slice[strikegraph.Incident]{}, err
	}
	return r.Store.FindIncidents(ctx, l)
}

type incidentResolver struct{ *Resolver }

func (r *incidentResolver) Links(ctx context.Context, obj *strikegraph.Incident, types []strikegraph.RelationType, dir *strikegraph.Direction) ([]*strikegraph.Link, error) {
	return links(ctx, obj.ID, dir, types...)
}

func (r *incidentResolver) Places(ctx context.Context, obj *strikegraph.Incident) ([]*strikegraph.Link, error) {
	return links(ctx, obj.ID, out, strikegraph.RelLocatedIn, strikegraph.RelLocatedNear)
}

func (r *incidentResolver) Perpetrators(ctx context.Context, obj *strikegraph.Incident, where *strikegraph.ActorWhere) ([]*strikegraph.Actor, error) {
	items, err := linked[strikegraph.Actor](ctx, obj.ID, in, strikegraph.RelCarriedOut)
	return r.actorsWhere(ctx, items, err, where)
}

func (r *incidentResolver) Targets(ctx context.Context, obj *strikegraph.Incident, where *strikegraph.ActorWhere) ([]*strikegraph.Actor, error) {
	items, err := linked[strikegraph.Actor](ctx, obj.ID, out, strikegraph.RelTargeted)
	return r.actorsWhere(ctx, items, err, where)
}

func (r *incidentResolver) PartOf(ctx context.Context, obj *strikegraph.Incident, where *strikegraph.IncidentWhere) ([]*strikegraph.Incident, error) {
	items, err := linked[strikegraph.Incident](ctx, obj.ID, out, strikegraph.RelPartOf)
	return r.incidentsWhere(ctx, items, err, where)
}

func (r *incidentResolver) Parts(ctx context.Context, obj *strikegraph.Incident, where *strikegraph.IncidentWhere) ([]*strikegraph.Incident, error) {
	items, err := linked[strikegraph.Incident](ctx, obj.ID, in, strikegraph.RelPartOf)
	return r.incidentsWhere(ctx, items, err, where)
}

func (r *incidentResolver) PossiblySameAs(ctx context.Context, obj *strikegraph.Incident, where *strikegraph.IncidentWhere) ([]*strikegraph.Incident, error) {
	items, err := linked[strikegraph.Incident](ctx, obj.ID, nil, strikegraph.RelPossiblySameAs)
	return r.incidentsWhere(ctx, items, err, where)
}

func (r *incidentResolver) Claims(ctx context.Context, obj *strikegraph.Incident, stance *strikegraph.Stance, where *strikegraph.ClaimWhere) ([]*strikegraph.Claim, error) {
	claims, err := loaders.List(ctx, loaders.For(ctx).ClaimsByIncident, obj.ID)
	return r.claimsWhere(ctx, ofStance(claims, stance), err, where)
}

func (r *incidentResolver) ClaimsConnection(ctx context.Context, obj *strikegraph.Incident, where *strikegraph.ClaimWhere, sort []*strikegraph.ClaimSort, first *int, after *string, last *int, before *string) (*graph.ClaimsConnection, error) {
	return r.claimsConnection(ctx, where, &strikegraph.ClaimWhere{Incident: &obj.ID}, sort, connectionPage(first, after, last, before))
}

func (r *incidentResolver) Speakers(ctx context.Context, obj *strikegraph.Incident, stance *strikegraph.Stance, where *strikegraph.ActorWhere) ([]*strikegraph.Actor, error) {
	claims, err := r.Claims(ctx, obj, stance, nil)
	if err != nil {
		return nil, err
	}
	var ids []string
	seen := map[string]bool{}
	for _, c := range claims {
		if !seen[c.SpeakerID] {
			seen[c.SpeakerID] = true
			ids = append(ids, c.SpeakerID)
		}
	}
	speakers, err := entitiesAs[strikegraph.Actor](ctx, ids)
	return r.actorsWhere(ctx, speakers, err, where)
}

func (r *incidentResolver) CivilianToll(ctx context.Context, obj *strikegraph.Incident) (*strikegraph.TollRange, error) {
	claims, err := loaders.List(ctx, loaders.For(ctx).ClaimsByIncident, obj.ID)
	return ptr(strikegraph.CivilianToll(claims)), err
}

func (r *incidentResolver) Toll(ctx context.Context, obj *strikegraph.Incident) (*strikegraph.TollRange, error) {
	claims, err := loaders.List(ctx, loaders.For(ctx).ClaimsByIncident, obj.ID)
	return ptr(strikegraph.Toll(claims)), err
}

func (r *incidentResolver) Contested(ctx context.Context, obj *strikegraph.Incident) (bool, error) {
	claims, err := loaders.List(ctx, loaders.For(ctx).ClaimsByIncident, obj.ID)
	return strikegraph.Contested(claims), err
}
