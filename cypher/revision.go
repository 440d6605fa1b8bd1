package cypher

import (
	"context"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/strikegraph/strikegraph"
)

// A change's earlier values are kept on its :Revision node under these
// prefixed names, beside the revision's own fields (of, action, at, by,
// reason, fields): a node property cannot hold a map.
const earlierPrefix = "earlier."

// revisionSkip are the stored fields a revision does not record: the write
// derives them (hash, name and word keys) or keeps them itself (provenance,
// retraction, which has its own revision).
var revisionSkip = []string{"hash", "created_", "createdAt", "createdBy", "updatedAt", "updatedBy",
	"nameKeys", "wordKeys", "retractedAt", "retractedBy", "retractionReason"}

func revisionAction(a strikegraph.Author) strikegraph.RevisionAction {
	if a.Action == "" {
		return strikegraph.RevisionUpdate
	}
	return a.Action
}

// FindRevisions returns the revisions of each id, newest first.
func (db *DB) FindRevisions(ctx context.Context, ids []string) (map[string][]*strikegraph.Revision, error) {
	recs, err := db.read(ctx, findRevisions, map[string]any{"ids": ids})
	if err != nil {
		return nil, err
	}
	out := map[string][]*strikegraph.Revision{}
	for _, rec := range recs {
		rev := revisionFromProps(rec.AsMap()["props"].(map[string]any))
		out[rev.Of] = append(out[rev.Of], rev)
	}
	return out, nil
}

// recordRevision writes a revision of id whose earlier state is before,
// for a change no upsert makes: a retraction, a merge that changed nothing.
func (db *DB) recordRevision(ctx context.Context, tx neo4j.ManagedTransaction, id string, fields []string, before map[string]any, a strikegraph.Author) error {
	earlier := map[string]any{}
	for _, f := range fields {
		if v, ok := before[f]; ok {
			earlier[f] = v
		}
	}
	_, err := db.run(ctx, tx, createRevision, map[string]any{"of": id, "action": string(revisionAction(a)), "at": a.At,
		"by": a.By, "reason": nullable(a.Reason), "fields": nonNil(fields), "earlier": earlier})
	return err
}

func revisionFromProps(p map[string]any) *strikegraph.Revision {
	at, _ := p["at"].(time.Time)
	rev := &strikegraph.Revision{Of: str(p, "of"), Action: strikegraph.RevisionAction(str(p, "action")), By: str(p, "by"),
		At: at, Reason: str(p, "reason"), Fields: strs(p, "fields"), Earlier: strikegraph.JSON{}}
	for k, v := range p {
		if f, ok := strings.CutPrefix(k, earlierPrefix); ok {
			rev.Earlier[f] = jsonValue(v)
		}
	}
	return rev
}

// jsonValue is a stored value as JSON writes it: times and dates as
// text, a point as its latitude and longitude.
func jsonValue(v any) any {
	switch v := v.(type) {
	case time.Time:
		return v.UTC().Format(time.RFC3339Nano)
	case neo4j.Date:
		return v.Time().Format(time.DateOnly)
	case neo4j.Point2D:
		return map[string]any{"latitude": v.Y, "longitude": v.X}
	}
	return v
}
