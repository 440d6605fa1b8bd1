package resolvers

import (
	"context"

	"github.com/strikegraph/strikegraph"
)

func (r *queryResolver) Neighbourhood(ctx context.Context, ids []string, depth *int, types []string, dateFrom *string, dateTo *string, maxNodes *int) (*strikegraph.Network, error) {
	n, err := strikegraph.NewNeighbourhood(ids, *depth, types, dateFrom, dateTo, *maxNodes)
	if err != nil {
		return nil, err
	}
	return r.Store.FindNeighbourhood(ctx, n)
}

func (r *queryResolver) PathNetwork(ctx context.Context, from string, to string, maxLength *int, all *bool) (*strikegraph.Network, error) {
	return r.Store.FindPathNetwork(ctx, from, to, *maxLength, *all)
}
