package strikegraph

import (
	"context"
	"time"
)

// FeedService reads what the graph recorded or changed since a moment: the
// change feed that subscriptions follow. It is the graph itself, by the
// times every write stamps (Provenance), so that every instance of the
// service on one Neo4j sees every other's writes.
type FeedService interface {
	// FindClaimsRecordedSince returns the claims recorded after since,
	// oldest first, at most limit.
	FindClaimsRecordedSince(ctx context.Context, since time.Time, limit int) ([]*Claim, error)
	// FindEntitiesChangedSince returns the incidents, places, actors and
	// articles created or changed after since, oldest change first, at most
	// limit.
	FindEntitiesChangedSince(ctx context.Context, since time.Time, limit int) ([]Entity, error)
}
