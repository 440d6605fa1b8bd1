package resolvers

import (
	"context"

	"github.com/strikegraph/strikegraph"
)

func (r *queryResolver) ReporterTotals(ctx context.Context, where *strikegraph.IncidentWhere, first *int, includeSubordinates *bool) ([]*strikegraph.ReporterTotal, error) {
	if err := where.Validate(); err != nil {
		return nil, err
	}
	totals, err := r.Store.FindReporterTotals(ctx, where, *first, includeSubordinates != nil && *includeSubordinates)
	return pointers(totals), err
}

func (r *queryResolver) BelligerentTotals(ctx context.Context, where *strikegraph.IncidentWhere, first *int, includeSubordinates *bool) ([]*strikegraph.BelligerentTotal, error) {
	if err := where.Validate(); err != nil {
		return nil, err
	}
	totals, err := r.Store.FindBelligerentTotals(ctx, where, *first, includeSubordinates != nil && *includeSubordinates)
	return pointers(totals), err
}

type reporterTotalResolver struct{ *Resolver }

func (r *reporterTotalResolver) Reporter(ctx context.Context, t *strikegraph.ReporterTotal) (*strikegraph.Actor, error) {
	return byID[strikegraph.Actor](ctx, t.ReporterID)
}

type belligerentTotalResolver struct{ *Resolver }

func (r *belligerentTotalResolver) Belligerent(ctx context.Context, t *strikegraph.BelligerentTotal) (*strikegraph.Actor, error) {
	return byID[strikegraph.Actor](ctx, t.BelligerentID)
}
