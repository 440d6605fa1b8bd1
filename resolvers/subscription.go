package resolvers

import (
	"context"
	"slices"

	"github.com/strikegraph/strikegraph"
	"github.com/strikegraph/strikegraph/graph"
)

type subscriptionResolver struct{ *Resolver }

func (r *Resolver) Subscription() graph.SubscriptionResolver { return &subscriptionResolver{r} }

// ClaimRecorded sends each claim the feed hears of that where selects; a
// where is checked against the graph, one statement for each claim heard.
func (r *subscriptionResolver) ClaimRecorded(ctx context.Context, where *strikegraph.ClaimWhere) (<-chan *strikegraph.Claim, error) {
	if where != nil {
		if err := where.Validate(); err != nil {
			return nil, err
		}
	}
	return follow(ctx, r.Feed.Claims(ctx), func(c *strikegraph.Claim) (bool, error) {
		if where == nil {
			return true, nil
		}
		s, err := r.Store.FindClaims(ctx, strikegraph.ListQuery[strikegraph.ClaimWhere]{
			Where:  &strikegraph.ClaimWhere{AND: []*strikegraph.ClaimWhere{where, {IDIn: []string{c.ID}}}},
			Window: strikegraph.Window{Limit: 1}, Fields: strikegraph.FieldsNamed("id"),
		})
		return len(s.Items) > 0, err
	}), nil
}

// EntityChanged sends each entity the feed hears of, of types when given.
func (r *subscriptionResolver) EntityChanged(ctx context.Context, types []strikegraph.EntityType) (<-chan strikegraph.Entity, error) {
	return follow(ctx, r.Feed.Entities(ctx), func(e strikegraph.Entity) (bool, error) {
		t, named := entityType(e)
		if !named {
			t = strikegraph.TypeArticle
		}
		return len(types) == 0 || slices.Contains(types, t), nil
	}), nil
}

// follow passes on what in sends that keep keeps, until in closes or ctx
// ends. An item keep cannot decide on is left out: the subscription goes on.
func follow[T any](ctx context.Context, in <-chan T, keep func(T) (bool, error)) <-chan T {
	out := make(chan T)
	go func() {
		defer close(out)
		for it := range in {
			if ok, err := keep(it); err != nil || !ok {
				continue
			}
			select {
			case out <- it:
			case <-ctx.Done():
				return
			}
		}
	}()
	return out
}
