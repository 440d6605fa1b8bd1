package resolvers

import (
	"context"

	"github.com/strikegraph/strikegraph"
	"github.com/strikegraph/strikegraph/graph"
	"github.com/strikegraph/strikegraph/loaders"
)

func (r *queryResolver) Article(ctx context.Context, id string) (*strikegraph.Article, error) {
	withClaims(ctx, strikegraph.ClaimsOfArticle, id)
	return byID[strikegraph.Article](ctx, id)
}

func (r *queryResolver) Articles(ctx context.Context, where *strikegraph.ArticleWhere, sort []*strikegraph.ArticleSort, limit *int, offset *int) ([]*strikegraph.Article, error) {
	s, err := find(ctx, where, sort, listPage(limit, offset), false, r.Store.FindArticles)
	return s.Items, err
}

func (r *queryResolver) ArticlesConnection(ctx context.Context, where *strikegraph.ArticleWhere, sort []*strikegraph.ArticleSort, first *int, after *string, last *int, before *string) (*graph.ArticlesConnection, error) {
	s, err := find(ctx, where, sort, connectionPage(first, after, last, before), true, r.Store.FindArticles)
	if err != nil {
		return nil, err
	}
	return &graph.ArticlesConnection{Edges: edges(s, func(cursor string, n *strikegraph.Article) *graph.ArticleEdge {
		return &graph.ArticleEdge{Cursor: cursor, Node: n}
	}), PageInfo: pageInfo(s), TotalCount: s.Total}, nil
}

type articleResolver struct{ *Resolver }

func (r *articleResolver) Publisher(ctx context.Context, obj *strikegraph.Article) (*strikegraph.Actor, error) {
	if obj.PublisherID == "" {
		return nil, nil
	}
	return selected[strikegraph.Actor](ctx, obj.PublisherID)
}

func (r *articleResolver) Links(ctx context.Context, obj *strikegraph.Article, types []strikegraph.RelationType, dir *strikegraph.Direction) ([]*strikegraph.Link, error) {
	return links(ctx, obj.ID, dir, types...)
}

func (r *articleResolver) ClaimsConnection(ctx context.Context, obj *strikegraph.Article, where *strikegraph.ClaimWhere, sort []*strikegraph.ClaimSort, first *int, after *string, last *int, before *string) (*graph.ClaimsConnection, error) {
	return r.claimsConnection(ctx, where, &strikegraph.ClaimWhere{Article: &obj.ID}, sort, connectionPage(first, after, last, before), nil)
}

func (r *articleResolver) Claims(ctx context.Context, obj *strikegraph.Article, where *strikegraph.ClaimWhere) ([]*strikegraph.Claim, error) {
	return checked(where, func() ([]*strikegraph.Claim, error) {
		return loaders.Claims(ctx, strikegraph.ClaimsOfArticle, obj.ID, where, claimEnds(ctx))
	})
}
