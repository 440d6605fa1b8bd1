package resolvers

import (
	"context"

	"github.com/strikegraph/strikegraph"
)

func (r *queryResolver) ServerInfo(ctx context.Context) (*strikegraph.ServerInfo, error) {
	return r.Store.FindServerInfo(ctx)
}
