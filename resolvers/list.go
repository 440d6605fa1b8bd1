package resolvers

import (
	"context"

	"github.com/strikegraph/strikegraph"
	"github.com/strikegraph/strikegraph/graph"
)

func listPage(limit, offset *int) strikegraph.Page {
	return strikegraph.Page{Limit: limit, Offset: offset}
}

func connectionPage(first *int, after *string, last *int, before *string) strikegraph.Page {
	return strikegraph.Page{First: first, After: after, Last: last, Before: before}
}

// edges gives each item of a page its cursor.
func edges[T, E any](s strikegraph.Slice[T], edge func(cursor string, node *T) E) []E {
	out := make([]E, len(s.Items))
	for i, n := range s.Items {
		out[i] = edge(strikegraph.Cursor(s.Start+i), n)
	}
	return out
}

func pageInfo[T any](s strikegraph.Slice[T]) *graph.PageInfo {
	info := &graph.PageInfo{HasPreviousPage: s.HasPrevious(), HasNextPage: s.HasNext()}
	if n := len(s.Items); n > 0 {
		info.StartCursor = ptr(strikegraph.Cursor(s.Start))
		info.EndCursor = ptr(strikegraph.Cursor(s.Start + n - 1))
	}
	return info
}

// narrow keeps the items that the same filter selects at the top level, in
// their order: list makes the request for the items' ids, find runs it.
func narrow[T any](ctx context.Context, items []*T, id func(*T) string, list func(ids []string) (strikegraph.List, error), find func(context.Context, strikegraph.List) (strikegraph.Slice[T], error)) ([]*T, error) {
	if len(items) == 0 {
		return items, nil
	}
	ids := make([]string, len(items))
	for i, t := range items {
		ids[i] = id(t)
	}
	l, err := list(ids)
	if err != nil {
		return nil, err
	}
	l.Window = strikegraph.Window{Limit: len(ids)} // every item may qualify
	s, err := find(ctx, l)
	if err != nil {
		return nil, err
	}
	keep := map[string]bool{}
	for _, t := range s.Items {
		keep[id(t)] = true
	}
	out := make([]*T, 0, len(s.Items))
	for _, t := range items {
		if keep[id(t)] {
			out = append(out, t)
		}
	}
	return out, nil
}

func entityID[T strikegraph.Entity](t *T) string { return (*t).EntityID() }

func (r *Resolver) incidentsWhere(ctx context.Context, items []*strikegraph.Incident, err error, where *strikegraph.IncidentWhere) ([]*strikegraph.Incident, error) {
	if err != nil || where == nil {
		return items, err
	}
	return narrow(ctx, items, entityID, func(ids []string) (strikegraph.List, error) {
		return strikegraph.IncidentList(&strikegraph.IncidentWhere{IDIn: ids, AND: []*strikegraph.IncidentWhere{where}}, nil, strikegraph.Page{})
	}, r.Store.FindIncidents)
}

func (r *Resolver) placesWhere(ctx context.Context, items []*strikegraph.Place, err error, where *strikegraph.PlaceWhere) ([]*strikegraph.Place, error) {
	if err != nil || where == nil {
		return items, err
	}
	return narrow(ctx, items, entityID, func(ids []string) (strikegraph.List, error) {
		return strikegraph.PlaceList(&strikegraph.PlaceWhere{IDIn: ids, AND: []*strikegraph.PlaceWhere{where}}, nil, strikegraph.Page{})
	}, r.Store.FindPlaces)
}

func (r *Resolver) actorsWhere(ctx context.Context, items []*strikegraph.Actor, err error, where *strikegraph.ActorWhere) ([]*strikegraph.Actor, error) {
	if err != nil || where == nil {
		return items, err
	}
	return narrow(ctx, items, entityID, func(ids []string) (strikegraph.List, error) {
		return strikegraph.ActorList(&strikegraph.ActorWhere{IDIn: ids, AND: []*strikegraph.ActorWhere{where}}, nil, strikegraph.Page{})
	}, r.Store.FindActors)
}

func (r *Resolver) articlesWhere(ctx context.Context, items []*strikegraph.Article, err error, where *strikegraph.ArticleWhere) ([]*strikegraph.Article, error) {
	if err != nil || where == nil {
		return items, err
	}
	return narrow(ctx, items, entityID, func(ids []string) (strikegraph.List, error) {
		return strikegraph.ArticleList(&strikegraph.ArticleWhere{IDIn: ids, AND: []*strikegraph.ArticleWhere{where}}, nil, strikegraph.Page{})
	}, r.Store.FindArticles)
}

func (r *Resolver) claimsWhere(ctx context.Context, items []*strikegraph.Claim, err error, where *strikegraph.ClaimWhere) ([]*strikegraph.Claim, error) {
	if err != nil || where == nil {
		return items, err
	}
	return narrow(ctx, items, func(c *strikegraph.Claim) string { return c.ID }, func(ids []string) (strikegraph.List, error) {
		return strikegraph.ClaimList(&strikegraph.ClaimWhere{IDIn: ids, AND: []*strikegraph.ClaimWhere{where}}, nil, strikegraph.Page{})
	}, r.Store.FindClaims)
}
