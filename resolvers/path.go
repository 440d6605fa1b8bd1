package resolvers

import (
	"context"

	"github.com/strikegraph/strikegraph"
	"github.com/strikegraph/strikegraph/loaders"
)

func (r *queryResolver) ShortestPaths(ctx context.Context, from string, to string, maxLength *int, all *bool) ([]*strikegraph.Path, error) {
	paths, err := r.Store.FindShortestPaths(ctx, from, to, *maxLength, *all)
	return pointers(paths), err
}

type pathResolver struct{ *Resolver }

func (r *pathResolver) Nodes(ctx context.Context, p *strikegraph.Path) ([]strikegraph.Entity, error) {
	return loaders.Entities(ctx, p.NodeIDs)
}

type pathEdgeResolver struct{ *Resolver }

func (r *pathEdgeResolver) From(ctx context.Context, e *strikegraph.PathEdge) (strikegraph.Entity, error) {
	return loaders.Entity(ctx, e.FromID)
}

func (r *pathEdgeResolver) To(ctx context.Context, e *strikegraph.PathEdge) (strikegraph.Entity, error) {
	return loaders.Entity(ctx, e.ToID)
}

func (r *pathEdgeResolver) Sources(ctx context.Context, e *strikegraph.PathEdge) ([]*strikegraph.Article, error) {
	return entitiesAs[strikegraph.Article](ctx, e.SourceIDs)
}
