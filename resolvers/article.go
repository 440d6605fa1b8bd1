package resolvers

import (
	"context"

	"github.com/strikegraph/strikegraph"
	"github.com/strikegraph/strikegraph/loaders"
)

func (r *queryResolver) Article(ctx context.Context, id string) (*strikegraph.Article, error) {
	return byID[strikegraph.Article](ctx, id)
}

func (r *queryResolver) Articles(ctx context.Context) ([]*strikegraph.Article, error) {
	return r.Store.FindArticles(ctx)
}

type articleResolver struct{ *Resolver }

func (r *articleResolver) Publisher(ctx context.Context, obj *strikegraph.Article) (*strikegraph.Actor, error) {
	if obj.PublisherID == "" {
		return nil, nil
	}
	return byID[strikegraph.Actor](ctx, obj.PublisherID)
}

func (r *articleResolver) Links(ctx context.Context, obj *strikegraph.Article, types []strikegraph.RelationType, dir *strikegraph.Direction) ([]*strikegraph.Link, error) {
	return links(ctx, obj.ID, dir, types...)
}

func (r *articleResolver) Claims(ctx context.Context, obj *strikegraph.Article) ([]*strikegraph.Claim, error) {
	return loaders.List(ctx, loaders.For(ctx).ClaimsByArticle, obj.ID)
}
