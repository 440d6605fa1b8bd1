package server

import (
	"context"

	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/vektah/gqlparser/v2/ast"
)

// queryCache keeps the parsed and validated documents of the queries
// clients send again and again, so a repeated query skips both. Only
// queries of up to maxQueryBytes are kept: a few hundred of the largest
// bodies would otherwise hold their syntax trees in memory.
type queryCache struct{ lru *lru.LRU[*ast.QueryDocument] }

const (
	queryCacheSize = 500
	maxQueryBytes  = 16 << 10
)

func newQueryCache() queryCache {
	return queryCache{lru.New[*ast.QueryDocument](queryCacheSize)}
}

func (c queryCache) Get(ctx context.Context, query string) (*ast.QueryDocument, bool) {
	if len(query) > maxQueryBytes {
		return nil, false
	}
	return c.lru.Get(ctx, query)
}

func (c queryCache) Add(ctx context.Context, query string, doc *ast.QueryDocument) {
	if len(query) <= maxQueryBytes {
		c.lru.Add(ctx, query, doc)
	}
}
