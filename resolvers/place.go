package resolvers

import (
	"context"

	"github.com/strikegraph/strikegraph"
	"github.com/strikegraph/strikegraph/graph"
	"github.com/strikegraph/strikegraph/loaders"
)

func (r *queryResolver) Place(ctx context.Context, id string) (*strikegraph.Place, error) {
	return byID[strikegraph.Place](ctx, id)
}

func (r *queryResolver) Places(ctx context.Context, where *strikegraph.PlaceWhere, sort []*strikegraph.PlaceSort, limit *int, offset *int) ([]*strikegraph.Place, error) {
	s, err := find(ctx, where, sort, listPage(limit, offset), false, r.Store.FindPlaces)
	return s.Items, err
}

func (r *queryResolver) PlacesConnection(ctx context.Context, where *strikegraph.PlaceWhere, sort []*strikegraph.PlaceSort, first *int, after *string, last *int, before *string) (*graph.PlacesConnection, error) {
	s, err := find(ctx, where, sort, connectionPage(first, after, last, before), true, r.Store.FindPlaces)
	if err != nil {
		return nil, err
	}
	return &graph.PlacesConnection{Edges: edges(s, func(cursor string, n *strikegraph.Place) *graph.PlaceEdge {
		return &graph.PlaceEdge{Cursor: cursor, Node: n}
	}), PageInfo: pageInfo(s), TotalCount: s.Total}, nil
}

type placeResolver struct{ *Resolver }

func (r *placeResolver) Links(ctx context.Context, obj *strikegraph.Place, types []strikegraph.RelationType, dir *strikegraph.Direction) ([]*strikegraph.Link, error) {
	return links(ctx, obj.ID, dir, types...)
}

func (r *placeResolver) Within(ctx context.Context, obj *strikegraph.Place, where *strikegraph.PlaceWhere) ([]*strikegraph.Place, error) {
	return checked(where, func() ([]*strikegraph.Place, error) {
		return loaders.LinkedPlaces(ctx, obj.ID, strikegraph.RelLocatedIn, out, where, listed(ctx))
	})
}

func (r *placeResolver) Contains(ctx context.Context, obj *strikegraph.Place, where *strikegraph.PlaceWhere) ([]*strikegraph.Place, error) {
	return checked(where, func() ([]*strikegraph.Place, error) {
		return loaders.LinkedPlaces(ctx, obj.ID, strikegraph.RelLocatedIn, in, where, listed(ctx))
	})
}

func (r *placeResolver) Near(ctx context.Context, obj *strikegraph.Place) ([]*strikegraph.Link, error) {
	ls, err := links(ctx, obj.ID, nil, strikegraph.RelLocatedNear)
	if err != nil {
		return nil, err
	}
	// Incidents are near places too; here only places count.
	places, err := loaders.LinkedPlaces(ctx, obj.ID, strikegraph.RelLocatedNear, nil, nil, strikegraph.FieldsNamed())
	isPlace := map[string]bool{}
	for _, p := range places {
		isPlace[p.ID] = true
	}
	var near []*strikegraph.Link
	for _, l := range ls {
		if isPlace[l.OtherID] {
			near = append(near, l)
		}
	}
	return near, err
}

func (r *placeResolver) Borders(ctx context.Context, obj *strikegraph.Place, where *strikegraph.PlaceWhere) ([]*strikegraph.Place, error) {
	return checked(where, func() ([]*strikegraph.Place, error) {
		return loaders.LinkedPlaces(ctx, obj.ID, strikegraph.RelBorders, nil, where, listed(ctx))
	})
}

func (r *placeResolver) IncidentsNear(ctx context.Context, obj *strikegraph.Place) ([]*strikegraph.IncidentNearPlace, error) {
	near, err := loaders.List(ctx, loaders.For(ctx).IncidentsNearPlace, obj.ID)
	return pointers(near), err
}

type incidentNearPlaceResolver struct{ *Resolver }

func (r *incidentNearPlaceResolver) Incident(ctx context.Context, obj *strikegraph.IncidentNearPlace) (*strikegraph.Incident, error) {
	return byID[strikegraph.Incident](ctx, obj.IncidentID)
}

func (r *incidentNearPlaceResolver) Via(ctx context.Context, obj *strikegraph.IncidentNearPlace) (*strikegraph.Place, error) {
	return byID[strikegraph.Place](ctx, obj.ViaID)
}

func (r *queryResolver) PlacesNear(ctx context.Context, near strikegraph.Near, first *int) ([]*strikegraph.PlaceDistance, error) {
	found, err := r.Store.FindPlacesNear(ctx, near, *first)
	return pointers(found), err
}

func (r *queryResolver) IncidentsNear(ctx context.Context, near strikegraph.Near, first *int) ([]*strikegraph.IncidentDistance, error) {
	found, err := r.Store.FindIncidentsNear(ctx, near, *first)
	return pointers(found), err
}

type incidentDistanceResolver struct{ *Resolver }

func (r *incidentDistanceResolver) Place(ctx context.Context, d *strikegraph.IncidentDistance) (*strikegraph.Place, error) {
	return byID[strikegraph.Place](ctx, d.PlaceID)
}
