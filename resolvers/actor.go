package resolvers

import (
	"context"

	"github.com/strikegraph/strikegraph"
	"github.com/strikegraph/strikegraph/graph"
	"github.com/strikegraph/strikegraph/loaders"
)

func (r *queryResolver) Actor(ctx context.Context, id string) (*strikegraph.Actor, error) {
	return byID[strikegraph.Actor](ctx, id)
}

func (r *queryResolver) Actors(ctx context.Context, where *strikegraph.ActorWhere, sort []*strikegraph.ActorSort, limit *int, offset *int) ([]*strikegraph.Actor, error) {
	s, err := r.actors(ctx, where, sort, listPage(limit, offset))
	return s.Items, err
}

func (r *queryResolver) ActorsConnection(ctx context.Context, where *strikegraph.ActorWhere, sort []*strikegraph.ActorSort, first *int, after *string, last *int, before *string) (*graph.ActorsConnection, error) {
	s, err := r.actors(ctx, where, sort, connectionPage(first, after, last, before))
	if err != nil {
		return nil, err
	}
	return &graph.ActorsConnection{Edges: edges(s, func(cursor string, n *strikegraph.Actor) *graph.ActorEdge {
		return &graph.ActorEdge{Cursor: cursor, Node: n}
	}), PageInfo: pageInfo(s), TotalCount: s.Total}, nil
}

func (r *queryResolver) actors(ctx context.Context, where *strikegraph.ActorWhere, sort []*strikegraph.ActorSort, page strikegraph.Page) (strikegraph.Slice[strikegraph.Actor], error) {
	l, err := strikegraph.ActorList(where, sort, page)
	if err != nil {
		return strikegraph.Slice[strikegraph.Actor]{}, err
	}
	return r.Store.FindActors(ctx, l)
}

type actorResolver struct{ *Resolver }

func (r *actorResolver) Links(ctx context.Context, obj *strikegraph.Actor, types []strikegraph.RelationType, dir *strikegraph.Direction) ([]*strikegraph.Link, error) {
	return links(ctx, obj.ID, dir, types...)
}

func (r *actorResolver) ClaimsConnection(ctx context.Context, obj *strikegraph.Actor, where *strikegraph.ClaimWhere, sort []*strikegraph.ClaimSort, first *int, after *string, last *int, before *string) (*graph.ClaimsConnection, error) {
	return r.claimsConnection(ctx, where, &strikegraph.ClaimWhere{Speaker: &obj.ID}, sort, connectionPage(first, after, last, before))
}

func (r *actorResolver) Claims(ctx context.Context, obj *strikegraph.Actor, stance *strikegraph.Stance, where *strikegraph.ClaimWhere) ([]*strikegraph.Claim, error) {
	claims, err := loaders.List(ctx, loaders.For(ctx).ClaimsByActor, obj.ID)
	return r.claimsWhere(ctx, ofStance(claims, stance), err, where)
}

func (r *actorResolver) SpeaksFor(ctx context.Context, obj *strikegraph.Actor) ([]*strikegraph.Link, error) {
	return links(ctx, obj.ID, out, strikegraph.RelSpeaksFor)
}

func (r *actorResolver) Spokespeople(ctx context.Context, obj *strikegraph.Actor) ([]*strikegraph.Link, error) {
	return links(ctx, obj.ID, in, strikegraph.RelSpeaksFor)
}

func (r *actorResolver) PartOf(ctx context.Context, obj *strikegraph.Actor, where *strikegraph.ActorWhere) ([]*strikegraph.Actor, error) {
	items, err := linked[strikegraph.Actor](ctx, obj.ID, out, strikegraph.RelPartOf)
	return r.actorsWhere(ctx, items, err, where)
}

func (r *actorResolver) Components(ctx context.Context, obj *strikegraph.Actor, where *strikegraph.ActorWhere) ([]*strikegraph.Actor, error) {
	items, err := linked[strikegraph.Actor](ctx, obj.ID, in, strikegraph.RelPartOf)
	return r.actorsWhere(ctx, items, err, where)
}

func (r *actorResolver) Leads(ctx context.Context, obj *strikegraph.Actor, where *strikegraph.ActorWhere) ([]*strikegraph.Actor, error) {
	items, err := linked[strikegraph.Actor](ctx, obj.ID, out, strikegraph.RelLeads)
	return r.actorsWhere(ctx, items, err, where)
}

func (r *actorResolver) LedBy(ctx context.Context, obj *strikegraph.Actor, where *strikegraph.ActorWhere) ([]*strikegraph.Actor, error) {
	items, err := linked[strikegraph.Actor](ctx, obj.ID, in, strikegraph.RelLeads)
	return r.actorsWhere(ctx, items, err, where)
}

func (r *actorResolver) Backs(ctx context.Context, obj *strikegraph.Actor, where *strikegraph.ActorWhere) ([]*strikegraph.Actor, error) {
	items, err := linked[strikegraph.Actor](ctx, obj.ID, out, strikegraph.RelBacks)
	return r.actorsWhere(ctx, items, err, where)
}

func (r *actorResolver) BackedBy(ctx context.Context, obj *strikegraph.Actor, where *strikegraph.ActorWhere) ([]*strikegraph.Actor, error) {
	items, err := linked[strikegraph.Actor](ctx, obj.ID, in, strikegraph.RelBacks)
	return r.actorsWhere(ctx, items, err, where)
}

func (r *actorResolver) Allies(ctx context.Context, obj *strikegraph.Actor, where *strikegraph.ActorWhere) ([]*strikegraph.Actor, error) {
	items, err := linked[strikegraph.Actor](ctx, obj.ID, nil, strikegraph.RelAlliedWith)
	return r.actorsWhere(ctx, items, err, where)
}

func (r *actorResolver) Fights(ctx context.Context, obj *strikegraph.Actor, where *strikegraph.ActorWhere) ([]*strikegraph.Actor, error) {
	items, err := linked[strikegraph.Actor](ctx, obj.ID, nil, strikegraph.RelFights)
	return r.actorsWhere(ctx, items, err, where)
}

func (r *actorResolver) Controls(ctx context.Context, obj *strikegraph.Actor, where *strikegraph.PlaceWhere) ([]*strikegraph.Place, error) {
	items, err := linked[strikegraph.Place](ctx, obj.ID, out, strikegraph.RelControls)
	return r.placesWhere(ctx, items, err, where)
}

func (r *actorResolver) CarriedOut(ctx context.Context, obj *strikegraph.Actor, where *strikegraph.IncidentWhere) ([]*strikegraph.Incident, error) {
	items, err := linked[strikegraph.Incident](ctx, obj.ID, out, strikegraph.RelCarriedOut)
	return r.incidentsWhere(ctx, items, err, where)
}

func (r *actorResolver) TargetedBy(ctx context.Context, obj *strikegraph.Actor, where *strikegraph.IncidentWhere) ([]*strikegraph.Incident, error) {
	items, err := linked[strikegraph.Incident](ctx, obj.ID, in, strikegraph.RelTargeted)
	return r.incidentsWhere(ctx, items, err, where)
}

func (r *actorResolver) Articles(ctx context.Context, obj *strikegraph.Actor, where *strikegraph.ArticleWhere) ([]*strikegraph.Article, error) {
	items, err := linked[strikegraph.Article](ctx, obj.ID, in, strikegraph.RelPublishedBy)
	return r.articlesWhere(ctx, items, err, where)
}
