package resolvers

import (
	"context"

	"github.com/strikegraph/strikegraph"
	"github.com/strikegraph/strikegraph/loaders"
)

type linkResolver struct{ *Resolver }

func (r *linkResolver) Other(ctx context.Context, l *strikegraph.Link) (strikegraph.Entity, error) {
	return loaders.Entity(ctx, l.OtherID)
}

func (r *linkResolver) Sources(ctx context.Context, l *strikegraph.Link) ([]*strikegraph.Article, error) {
	return entitiesAs[strikegraph.Article](ctx, l.SourceIDs)
}

// Quotes leaves out the sources that state the link without quotable words.
func (r *linkResolver) Quotes(ctx context.Context, l *strikegraph.Link) ([]string, error) {
	quotes := []string{}
	for _, q := range l.Quotes {
		if q != "" {
			quotes = append(quotes, q)
		}
	}
	return quotes, nil
}
