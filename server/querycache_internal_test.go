package server

import (
	"context"
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2/ast"
)

func TestQueryCacheKeepsSmallQueriesOnly(t *testing.T) {
	ctx := context.Background()
	c := newQueryCache()
	small, large := "{ serverInfo { neo4jVersion } }", "{ "+strings.Repeat("__typename ", maxQueryBytes/10)+"}"
	doc := &ast.QueryDocument{}
	c.Add(ctx, small, doc)
	c.Add(ctx, large, doc)
	if got, ok := c.Get(ctx, small); !ok || got != doc {
		t.Error("a small query was not kept")
	}
	if _, ok := c.Get(ctx, large); ok {
		t.Errorf("a query of %d bytes was kept", len(large))
	}
}
