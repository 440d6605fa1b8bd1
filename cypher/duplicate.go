package cypher

import (
	"context"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/strikegraph/strikegraph"
)

// FindDuplicateCandidates lists likely duplicates: see
// find_duplicate_candidates.cypher.
func (db *DB) FindDuplicateCandidates(ctx context.Context, first int) ([]strikegraph.DuplicateCandidate, error) {
	if first < 1 || first > strikegraph.MaxDuplicateCandidates {
		return nil, strikegraph.Invalidf("first", "%d is out of range [1, %d]", first, strikegraph.MaxDuplicateCandidates)
	}
	recs, err := db.read(ctx, findDuplicateCandidates, map[string]any{"first": first})
	if err != nil {
		return nil, err
	}
	out := make([]strikegraph.DuplicateCandidate, len(recs))
	for i, rec := range recs {
		m := rec.AsMap()
		out[i] = strikegraph.DuplicateCandidate{Reason: strikegraph.DuplicateReason(str(m, "reason")), Key: str(m, "key"), IDs: strs(m, "ids")}
	}
	return out, nil
}

// FindIncidentsAt returns the incidents of one day at a place, but except.
// A day that is not one (another precision) has none.
func (db *DB) FindIncidentsAt(ctx context.Context, place string, day strikegraph.Date, except string) ([]string, error) {
	t, ok := day.Start()
	if !ok || day.Precision != strikegraph.DateDay {
		return nil, nil
	}
	recs, err := db.read(ctx, findIncidentsAt, map[string]any{"place": place, "day": neo4j.DateOf(t), "except": except})
	if err != nil {
		return nil, err
	}
	ids := make([]string, len(recs))
	for i, rec := range recs {
		ids[i] = rec.Values[0].(string)
	}
	return ids, nil
}
