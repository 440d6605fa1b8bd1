package resolvers

import (
	"context"

	"github.com/strikegraph/strikegraph"
	"github.com/strikegraph/strikegraph/graph"
	"github.com/strikegraph/strikegraph/loaders"
)

func (r *queryResolver) History(ctx context.Context, of string) ([]*strikegraph.Revision, error) {
	return r.history(ctx, of)
}

func (r *incidentResolver) History(ctx context.Context, obj *strikegraph.Incident) ([]*strikegraph.Revision, error) {
	return r.history(ctx, obj.ID)
}

func (r *placeResolver) History(ctx context.Context, obj *strikegraph.Place) ([]*strikegraph.Revision, error) {
	return r.history(ctx, obj.ID)
}

func (r *actorResolver) History(ctx context.Context, obj *strikegraph.Actor) ([]*strikegraph.Revision, error) {
	return r.history(ctx, obj.ID)
}

func (r *articleResolver) History(ctx context.Context, obj *strikegraph.Article) ([]*strikegraph.Revision, error) {
	return r.history(ctx, obj.ID)
}

func (r *claimResolver) History(ctx context.Context, obj *strikegraph.Claim) ([]*strikegraph.Revision, error) {
	return r.history(ctx, obj.ID)
}

// history is batched: a list of claims with their history is one read.
func (r *Resolver) history(ctx context.Context, id string) ([]*strikegraph.Revision, error) {
	return loaders.List(ctx, loaders.For(ctx).History, id)
}

type revisionResolver struct{ *Resolver }

func (r *Resolver) Revision() graph.RevisionResolver { return &revisionResolver{r} }

func (r *revisionResolver) At(ctx context.Context, rev *strikegraph.Revision) (string, error) {
	return timestamp(rev.At), nil
}
