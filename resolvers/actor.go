package resolvers

import (
	"cmp"
	"context"
	"slices"
	"strings"

	"github.com/strikegraph/strikegraph"
	"github.com/strikegraph/strikegraph/graph"
	"github.com/strikegraph/strikegraph/loaders"
)

func (r *queryResolver) Actor(ctx context.Context, id string) (*strikegraph.Actor, error) {
	withClaims(ctx, strikegraph.ClaimsOfActor, id)
	return byID[strikegraph.Actor](ctx, id)
}

func (r *queryResolver) Actors(ctx context.Context, where *strikegraph.ActorWhere, sort []*strikegraph.ActorSort, limit *int, offset *int) ([]*strikegraph.Actor, error) {
	s, err := find(ctx, where, sort, listPage(limit, offset), false, r.Store.FindActors)
	return s.Items, err
}

func (r *queryResolver) ActorsConnection(ctx context.Context, where *strikegraph.ActorWhere, sort []*strikegraph.ActorSort, first *int, after *string, last *int, before *string) (*graph.ActorsConnection, error) {
	s, err := find(ctx, where, sort, connectionPage(first, after, last, before), true, r.Store.FindActors)
	if err != nil {
		return nil, err
	}
	return &graph.ActorsConnection{Edges: edges(s, func(cursor string, n *strikegraph.Actor) *graph.ActorEdge {
		return &graph.ActorEdge{Cursor: cursor, Node: n}
	}), PageInfo: pageInfo(s), TotalCount: s.Total}, nil
}

type actorResolver struct{ *Resolver }

func (r *actorResolver) Links(ctx context.Context, obj *strikegraph.Actor, types []strikegraph.RelationType, dir *strikegraph.Direction) ([]*strikegraph.Link, error) {
	return links(ctx, obj.ID, dir, types...)
}

func (r *actorResolver) ClaimsConnection(ctx context.Context, obj *strikegraph.Actor, where *strikegraph.ClaimWhere, sort []*strikegraph.ClaimSort, first *int, after *string, last *int, before *string, includeSubordinates *bool) (*graph.ClaimsConnection, error) {
	speaker := &strikegraph.ClaimWhere{Speaker: &obj.ID}
	if includeSubordinates != nil && *includeSubordinates {
		ids, err := withSubordinates(ctx, obj.ID)
		if err != nil {
			return nil, err
		}
		speaker = &strikegraph.ClaimWhere{SpeakerIn: ids}
	}
	return r.claimsConnection(ctx, where, speaker, sort, connectionPage(first, after, last, before), nil)
}

func (r *actorResolver) Claims(ctx context.Context, obj *strikegraph.Actor, stance *strikegraph.Stance, where *strikegraph.ClaimWhere, includeSubordinates *bool) ([]*strikegraph.Claim, error) {
	return checked(where, func() ([]*strikegraph.Claim, error) {
		if includeSubordinates == nil || !*includeSubordinates {
			return loaders.Claims(ctx, strikegraph.ClaimsOfActor, obj.ID, ofStance(where, stance), claimEnds(ctx))
		}
		ids, err := withSubordinates(ctx, obj.ID)
		if err != nil {
			return nil, err
		}
		return loaders.ClaimsOfAll(ctx, strikegraph.ClaimsOfActor, ids, ofStance(where, stance), claimEnds(ctx))
	})
}

func (r *actorResolver) Subordinates(ctx context.Context, obj *strikegraph.Actor) ([]*strikegraph.Actor, error) {
	ids, err := loaders.List(ctx, loaders.For(ctx).Subordinates, obj.ID)
	if err != nil {
		return nil, err
	}
	actors, err := entitiesAs[strikegraph.Actor](ctx, ids)
	slices.SortFunc(actors, func(a, b *strikegraph.Actor) int {
		return cmp.Or(strings.Compare(a.Name, b.Name), strings.Compare(a.ID, b.ID))
	})
	return actors, err
}

// withSubordinates is id and the ids of its subordinates.
func withSubordinates(ctx context.Context, id string) ([]string, error) {
	ids, err := loaders.List(ctx, loaders.For(ctx).Subordinates, id)
	return append([]string{id}, ids...), err
}

func (r *actorResolver) Relayed(ctx context.Context, obj *strikegraph.Actor, stance *strikegraph.Stance, where *strikegraph.ClaimWhere) ([]*strikegraph.Claim, error) {
	return checked(where, func() ([]*strikegraph.Claim, error) {
		return loaders.Claims(ctx, strikegraph.ClaimsOfRelayer, obj.ID, ofStance(where, stance), claimEnds(ctx))
	})
}

func (r *actorResolver) SpeaksFor(ctx context.Context, obj *strikegraph.Actor) ([]*strikegraph.Link, error) {
	return links(ctx, obj.ID, out, strikegraph.RelSpeaksFor)
}

func (r *actorResolver) Spokespeople(ctx context.Context, obj *strikegraph.Actor) ([]*strikegraph.Link, error) {
	return links(ctx, obj.ID, in, strikegraph.RelSpeaksFor)
}

func (r *actorResolver) PartOf(ctx context.Context, obj *strikegraph.Actor, where *strikegraph.ActorWhere) ([]*strikegraph.Actor, error) {
	return checked(where, func() ([]*strikegraph.Actor, error) {
		return loaders.LinkedActors(ctx, obj.ID, strikegraph.RelPartOf, out, where, listed(ctx))
	})
}

func (r *actorResolver) Components(ctx context.Context, obj *strikegraph.Actor, where *strikegraph.ActorWhere) ([]*strikegraph.Actor, error) {
	return checked(where, func() ([]*strikegraph.Actor, error) {
		return loaders.LinkedActors(ctx, obj.ID, strikegraph.RelPartOf, in, where, listed(ctx))
	})
}

func (r *actorResolver) Leads(ctx context.Context, obj *strikegraph.Actor, where *strikegraph.ActorWhere) ([]*strikegraph.Actor, error) {
	return checked(where, func() ([]*strikegraph.Actor, error) {
		return loaders.LinkedActors(ctx, obj.ID, strikegraph.RelLeads, out, where, listed(ctx))
	})
}

func (r *actorResolver) LedBy(ctx context.Context, obj *strikegraph.Actor, where *strikegraph.ActorWhere) ([]*strikegraph.Actor, error) {
	return checked(where, func() ([]*strikegraph.Actor, error) {
		return loaders.LinkedActors(ctx, obj.ID, strikegraph.RelLeads, in, where, listed(ctx))
	})
}

func (r *actorResolver) Backs(ctx context.Context, obj *strikegraph.Actor, where *strikegraph.ActorWhere) ([]*strikegraph.Actor, error) {
	return checked(where, func() ([]*strikegraph.Actor, error) {
		return loaders.LinkedActors(ctx, obj.ID, strikegraph.RelBacks, out, where, listed(ctx))
	})
}

func (r *actorResolver) BackedBy(ctx context.Context, obj *strikegraph.Actor, where *strikegraph.ActorWhere) ([]*strikegraph.Actor, error) {
	return checked(where, func() ([]*strikegraph.Actor, error) {
		return loaders.LinkedActors(ctx, obj.ID, strikegraph.RelBacks, in, where, listed(ctx))
	})
}

func (r *actorResolver) Allies(ctx context.Context, obj *strikegraph.Actor, where *strikegraph.ActorWhere) ([]*strikegraph.Actor, error) {
	return checked(where, func() ([]*strikegraph.Actor, error) {
		return loaders.LinkedActors(ctx, obj.ID, strikegraph.RelAlliedWith, nil, where, listed(ctx))
	})
}

func (r *actorResolver) Fights(ctx context.Context, obj *strikegraph.Actor, where *strikegraph.ActorWhere) ([]*strikegraph.Actor, error) {
	return checked(where, func() ([]*strikegraph.Actor, error) {
		return loaders.LinkedActors(ctx, obj.ID, strikegraph.RelFights, nil, where, listed(ctx))
	})
}

func (r *actorResolver) Controls(ctx context.Context, obj *strikegraph.Actor, where *strikegraph.PlaceWhere) ([]*strikegraph.Place, error) {
	return checked(where, func() ([]*strikegraph.Place, error) {
		return loaders.LinkedPlaces(ctx, obj.ID, strikegraph.RelControls, out, where, listed(ctx))
	})
}

func (r *actorResolver) CarriedOut(ctx context.Context, obj *strikegraph.Actor, where *strikegraph.IncidentWhere) ([]*strikegraph.Incident, error) {
	return checked(where, func() ([]*strikegraph.Incident, error) {
		return loaders.LinkedIncidents(ctx, obj.ID, strikegraph.RelCarriedOut, out, where, listed(ctx))
	})
}

func (r *actorResolver) TargetedBy(ctx context.Context, obj *strikegraph.Actor, where *strikegraph.IncidentWhere) ([]*strikegraph.Incident, error) {
	return checked(where, func() ([]*strikegraph.Incident, error) {
		return loaders.LinkedIncidents(ctx, obj.ID, strikegraph.RelTargeted, in, where, listed(ctx))
	})
}

func (r *actorResolver) Articles(ctx context.Context, obj *strikegraph.Actor, where *strikegraph.ArticleWhere) ([]*strikegraph.Article, error) {
	return checked(where, func() ([]*strikegraph.Article, error) {
		return loaders.LinkedArticles(ctx, obj.ID, strikegraph.RelPublishedBy, in, where, listed(ctx))
	})
}
