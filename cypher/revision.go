package cypher

import (
	"context"
	"slices"
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

// ClaimAsOf (see strikegraph.RevisionService) undoes revisions on the
// claim's stored form, which is what they record.
func (db *DB) ClaimAsOf(c *strikegraph.Claim, revs []*strikegraph.Revision, t time.Time) *strikegraph.Claim {
	if !c.Provenance.CreatedAt.Before(t) {
		return nil
	}
	p := claimProps(c)
	p["speaker"], p["incident"] = c.SpeakerID, c.IncidentID // a merge moves a claim's ends
	prov := undo(revs, t, c.Provenance, p)
	was := claimOf(str(p, "speaker"), string(c.Stance), str(p, "incident"), p)
	was.Provenance = prov
	if c.Retracted != nil && c.Retracted.At.Before(t) {
		r := *c.Retracted
		was.Retracted = &r
	}
	return was
}

// IncidentAsOf (see strikegraph.RevisionService) is ClaimAsOf for an
// incident's own fields.
func (db *DB) IncidentAsOf(in *strikegraph.Incident, revs []*strikegraph.Revision, t time.Time) *strikegraph.Incident {
	if !in.Provenance.CreatedAt.Before(t) {
		return nil
	}
	p := incidentProps(in)
	prov := undo(revs, t, in.Provenance, p)
	was := incidentFromProps(p)
	was.Provenance, was.AsOf = prov, in.AsOf
	return was
}

// undo sets in props the earlier value of every field that a revision of
// revs made at t or later changed, newest first, removing those that were
// unset, and returns the provenance p as it stood at t: last changed by the
// latest revision before t, else when created. A retraction is the
// claim's own to undo.
func undo(revs []*strikegraph.Revision, t time.Time, p strikegraph.Provenance, props map[string]any) strikegraph.Provenance {
	p.UpdatedAt, p.UpdatedBy = p.CreatedAt, p.CreatedBy
	revs = slices.SortedStableFunc(slices.Values(revs), func(a, b *strikegraph.Revision) int { return b.At.Compare(a.At) })
	for _, rev := range revs {
		switch {
		case rev.Action == strikegraph.RevisionRetract:
		case rev.At.Before(t):
			if p.UpdatedAt.Before(rev.At) {
				p.UpdatedAt, p.UpdatedBy = rev.At, rev.By
			}
		default:
			for _, f := range rev.Fields {
				if v, ok := rev.Earlier[f]; ok {
					props[f] = v
				} else {
					delete(props, f)
				}
			}
		}
	}
	return p
}
