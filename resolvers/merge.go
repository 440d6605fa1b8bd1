package resolvers

import (
	"context"
	"time"

	"github.com/strikegraph/strikegraph"
	"github.com/strikegraph/strikegraph/graph"
)

func (r *queryResolver) Merge(ctx context.Context, mergedID string) (*strikegraph.Merge, error) {
	return r.Store.FindMerge(ctx, mergedID)
}

func (r *incidentResolver) Merges(ctx context.Context, obj *strikegraph.Incident) ([]*strikegraph.Merge, error) {
	return r.merges(ctx, obj.ID)
}

func (r *placeResolver) Merges(ctx context.Context, obj *strikegraph.Place) ([]*strikegraph.Merge, error) {
	return r.merges(ctx, obj.ID)
}

func (r *actorResolver) Merges(ctx context.Context, obj *strikegraph.Actor) ([]*strikegraph.Merge, error) {
	return r.merges(ctx, obj.ID)
}

func (r *Resolver) merges(ctx context.Context, id string) ([]*strikegraph.Merge, error) {
	m, err := r.Store.FindMerges(ctx, []string{id})
	if m[id] == nil {
		return []*strikegraph.Merge{}, err
	}
	return m[id], err
}

type mergeResolver struct{ *Resolver }

func (r *Resolver) Merge() graph.MergeResolver { return &mergeResolver{r} }

func (r *mergeResolver) Kept(ctx context.Context, m *strikegraph.Merge) (strikegraph.Entity, error) {
	return (&queryResolver{r.Resolver}).Node(ctx, m.KeptID)
}

func (r *mergeResolver) At(ctx context.Context, m *strikegraph.Merge) (string, error) {
	return timestamp(m.At), nil
}

type provenanceResolver struct{ *Resolver }

func (r *Resolver) Provenance() graph.ProvenanceResolver { return &provenanceResolver{r} }

func (r *provenanceResolver) CreatedAt(ctx context.Context, p *strikegraph.Provenance) (*string, error) {
	return optionalTimestamp(p.CreatedAt), nil
}

func (r *provenanceResolver) UpdatedAt(ctx context.Context, p *strikegraph.Provenance) (*string, error) {
	return optionalTimestamp(p.UpdatedAt), nil
}

type retractionResolver struct{ *Resolver }

func (r *Resolver) Retraction() graph.RetractionResolver { return &retractionResolver{r} }

func (r *retractionResolver) At(ctx context.Context, rt *strikegraph.Retraction) (string, error) {
	return timestamp(rt.At), nil
}

func timestamp(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }

// optionalTimestamp is null for what was written before provenance was kept.
func optionalTimestamp(t time.Time) *string {
	if t.IsZero() {
		return nil
	}
	return ptr(timestamp(t))
}
