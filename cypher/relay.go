package cypher

import (
	"context"

	"github.com/strikegraph/strikegraph"
)

// FindRelaysByArticleIDs returns the relays each article records: a claim's
// via, and the publisher of an article that CITES an actor.
func (db *DB) FindRelaysByArticleIDs(ctx context.Context, ids []string) (map[string][]strikegraph.Relay, error) {
	recs, err := db.read(ctx, findRelaysByArticleIDs, map[string]any{"ids": ids})
	if err != nil {
		return nil, err
	}
	out := map[string][]strikegraph.Relay{}
	for _, rec := range recs {
		m := rec.AsMap()
		r := strikegraph.Relay{ArticleID: m["article"].(string), RelayerID: m["relayer"].(string), SourceID: m["source"].(string)}
		out[r.ArticleID] = append(out[r.ArticleID], r)
	}
	return out, nil
}
