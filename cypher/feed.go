package cypher

import (
	"context"
	"time"

	"github.com/strikegraph/strikegraph"
)

// FindClaimsRecordedSince returns the claims recorded after since, oldest
// first, at most limit.
func (db *DB) FindClaimsRecordedSince(ctx context.Context, since time.Time, limit int) ([]*strikegraph.Claim, error) {
	recs, err := db.read(ctx, findClaimsRecordedSince, map[string]any{"since": since, "limit": limit})
	if err != nil {
		return nil, err
	}
	out := make([]*strikegraph.Claim, len(recs))
	for i, rec := range recs {
		out[i] = claimFromRow(rec.AsMap())
	}
	return out, nil
}

// FindEntitiesChangedSince returns the entities created or changed after
// since, oldest change first, at most limit.
func (db *DB) FindEntitiesChangedSince(ctx context.Context, since time.Time, limit int) ([]strikegraph.Entity, error) {
	recs, err := db.read(ctx, findEntitiesChangedSince, map[string]any{"since": since, "limit": limit})
	if err != nil {
		return nil, err
	}
	return entities(recs), nil
}
