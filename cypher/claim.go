package cypher

import (
	"context"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/strikegraph/strikegraph"
)

// FindClaimByID returns one claim, or a NOT_FOUND error.
func (db *DB) FindClaimByID(ctx context.Context, id string) (*strikegraph.Claim, error) {
	recs, err := db.read(ctx, "find_claim_by_id", map[string]any{"id": id})
	if err != nil {
		return nil, err
	}
	if len(recs) == 0 {
		return nil, strikegraph.NotFoundf("no claim %q", id)
	}
	return claimFromRecord(recs[0]), nil
}

// claimFromRecord reads a record of (speaker, stance, incident, props).
func claimFromRecord(rec *neo4j.Record) *strikegraph.Claim { return claimFromRow(rec.AsMap()) }

// claimFromRow reads a record or row of {speaker, stance, incident, props}.
func claimFromRow(m map[string]any) *strikegraph.Claim {
	p := m["props"].(map[string]any)
	direct, _ := p["direct"].(bool)
	c := &strikegraph.Claim{
		ID: str(p, "id"), Stance: strikegraph.Stance(m["stance"].(string)),
		SpeakerID: m["speaker"].(string), IncidentID: m["incident"].(string),
		OnBehalfOfID: str(p, "onBehalfOf"), ArticleID: str(p, "article"), Quote: str(p, "quote"), Direct: direct,
		StatedOn: getDate(p, "statedOn"), ViaIDs: strs(p, "via"), PlaceIDs: strs(p, "places"), Note: str(p, "note"),
		Denies: strikegraph.Denial(str(p, "denies")), Response: strikegraph.Response(str(p, "response")),
		Provenance: provenanceOf(p),
	}
	if at, ok := p["retractedAt"].(time.Time); ok {
		c.Retracted = &strikegraph.Retraction{By: str(p, "retractedBy"), At: at, Reason: str(p, "retractionReason")}
	}
	for name, f := range c.Figures.Named() {
		if text, ok := p[name+"Text"].(string); ok {
			approx, _ := p[name+"Approximate"].(bool)
			*f = &strikegraph.Figure{Min: integer(p, name+"Min"), Max: integer(p, name+"Max"), Approximate: approx, Text: text}
		}
	}
	return c
}

func claimProps(c *strikegraph.Claim) map[string]any {
	props := map[string]any{
		"id": c.ID, "article": c.ArticleID, "quote": c.Quote, "direct": c.Direct, "note": c.Note,
		"via": nonNil(c.ViaIDs), "places": nonNil(c.PlaceIDs),
	}
	if c.OnBehalfOfID != "" {
		props["onBehalfOf"] = c.OnBehalfOfID
	}
	if c.Denies != "" {
		props["denies"] = string(c.Denies)
	}
	if c.Response != "" {
		props["response"] = string(c.Response)
	}
	setDate(props, "statedOn", c.StatedOn)
	for name, ptr := range c.Figures.Named() {
		f := *ptr
		if f == nil {
			continue
		}
		props[name+"Text"] = f.Text
		props[name+"Approximate"] = f.Approximate
		if f.Min != nil {
			props[name+"Min"] = *f.Min
		}
		if f.Max != nil {
			props[name+"Max"] = *f.Max
		}
	}
	return props
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// RetractClaim marks a claim retracted, keeping it; retracting it again
// changes nothing.
func (db *DB) RetractClaim(ctx context.Context, id, reason string, a strikegraph.Author) (*strikegraph.Claim, error) {
	recs, err := db.write(ctx, "retract_claim", map[string]any{"id": id, "reason": reason, "at": a.At, "by": a.By})
	if err != nil {
		return nil, err
	}
	if len(recs) == 0 {
		return nil, strikegraph.NotFoundf("no claim %q", id)
	}
	return claimFromRecord(recs[0]), nil
}
