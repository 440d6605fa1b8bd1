package server

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/strikegraph/strikegraph"
)

// persistedQueryCacheSize is how many queries automatic persisted queries
// keep by hash; with persistedQueries' cap on their size, at most 16 MiB.
const persistedQueryCacheSize = 1000

// persistedQueries is gqlgen's automatic persisted queries (Apollo's
// createPersistedQueryLink): a request may name a query by its SHA-256 alone
// once a request has sent it in full with that hash. An unknown hash is
// answered PERSISTED_QUERY_NOT_FOUND, and the client sends the query. The
// hash of a query sent in full must match it, else BAD_REQUEST: gqlgen's
// other refusals carry no code, and would be masked as INTERNAL.
type persistedQueries struct {
	extension.AutomaticPersistedQuery
}

func init() {
	// A hash that does not match its query is refused before execution,
	// like a validation failure: HTTP 422.
	errcode.RegisterErrorType(strikegraph.ECodeBadRequest, errcode.KindProtocol)
}

func newPersistedQueries() persistedQueries {
	return persistedQueries{extension.AutomaticPersistedQuery{Cache: persistedCache{lru.New[string](persistedQueryCacheSize)}}}
}

func (p persistedQueries) MutateOperationParameters(ctx context.Context, params *graphql.RawParams) *gqlerror.Error {
	err := p.AutomaticPersistedQuery.MutateOperationParameters(ctx, params)
	if err != nil && err.Extensions["code"] == nil {
		errcode.Set(err, strikegraph.ECodeBadRequest)
	}
	return err
}

// persistedCache keeps only queries of up to maxQueryBytes, as the query
// cache does, so that its memory stays small; a longer query is sent in full
// each time, which Apollo's link does when its hash is not found.
type persistedCache struct{ lru *lru.LRU[string] }

func (c persistedCache) Get(ctx context.Context, hash string) (string, bool) {
	return c.lru.Get(ctx, hash)
}

func (c persistedCache) Add(ctx context.Context, hash, query string) {
	if len(query) <= maxQueryBytes {
		c.lru.Add(ctx, hash, query)
	}
}
