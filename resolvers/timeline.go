package resolvers

import (
	"context"

	"github.com/strikegraph/strikegraph"
)

func (r *queryResolver) Timeline(ctx context.Context, by strikegraph.TimeBucket, where *strikegraph.IncidentWhere) (*strikegraph.Timeline, error) {
	if err := where.Validate(); err != nil {
		return nil, err
	}
	t, err := r.Store.FindTimeline(ctx, by, where)
	return &t, err
}
