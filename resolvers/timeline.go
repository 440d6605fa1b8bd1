package resolvers

import (
	"context"

	"github.com/strikegraph/strikegraph"
)

func (r *queryResolver) Timeline(ctx context.Context, by strikegraph.TimeBucket, where *strikegraph.IncidentWhere) (*strikegraph.Timeline, error) {
	f, err := strikegraph.IncidentFilter(where)
	if err != nil {
		return nil, err
	}
	t, err := r.Store.FindTimeline(ctx, by, f)
	return &t, err
}
