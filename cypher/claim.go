package cypher

import (
	"context"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/strikegraph/strikegraph"
)

// FindClaimByID returns one claim, or a NOT_FOUND error.
func (db *DB) FindClaimByID(ctx context.Context, id string) (*strikegraph.Claim, error) {
	recs, err := db.read(ctx, findClaimByID, map[string]any{"id": id})
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

// claimFieldProps are the properties of a claim's edge each field of a
// claim is read from; "figures.killed" names one figure of figures. The id
// is always read; the rest of a claim (its stance, speaker, incident) comes
// from the statement's other columns. A field not named here makes a read
// take every property.
var claimFieldProps = func() map[string][]string {
	m := map[string][]string{
		"__typename": nil, "id": nil, "stance": nil, "speaker": nil, "incident": nil,
		"onBehalfOf": {"onBehalfOf"}, "article": {"article"},
		"quote": {"quote"}, "direct": {"direct"}, "note": {"note"},
		"statedOn": {"statedOnValue", "statedOnPrecision", "statedOnText", "statedOnNote"},
		"via":      {"via"}, "places": {"places"}, "denies": {"denies"}, "response": {"response"},
		"provenance": {"createdAt", "createdBy", "updatedAt", "updatedBy"},
		"retraction": {"retractedAt", "retractedBy", "retractionReason"},
		"updates":    {"updates"}, "history": nil, "updatedBy": nil, // history and updatedBy are read by the claim's id
	}
	for _, name := range slices.Sorted(maps.Keys((&strikegraph.Figures{}).Named())) {
		props := []string{name + "Text", name + "Min", name + "Max", name + "Approximate"}
		m["figures."+name] = props
		m["figures"] = append(m["figures"], props...)
	}
	return m
}()

// maxNamedClaimProps is the most properties of a claim a statement names
// one by one: past it, reading the whole map costs Neo4j less.
const maxNamedClaimProps = 16

// claimRead is how a statement reads the properties of the claim r that
// the fields own are read from: a list of them, in the order of names, or
// the map of all of them (names nil) when own names none.
func claimRead(own strikegraph.Fields) (expr string, names []string) {
	if own.All || !own.Wanted() {
		return "properties(r)", nil
	}
	names = []string{"id"}
	for _, name := range own.Names {
		ps, ok := claimFieldProps[name]
		if !ok {
			return "properties(r)", nil
		}
		for _, p := range ps {
			if !slices.Contains(names, p) {
				names = append(names, p)
			}
		}
	}
	if len(names) > maxNamedClaimProps {
		return "properties(r)", nil
	}
	var b strings.Builder
	for i, p := range names {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString("r." + p)
	}
	return "[" + b.String() + "]", names
}

// propsOf reads what claimRead returned as a claim's properties: those
// with a value.
func propsOf(v any, names []string) map[string]any {
	list, ok := v.([]any)
	if !ok {
		m, _ := v.(map[string]any)
		return m
	}
	m := make(map[string]any, len(list))
	for i, p := range list {
		if p != nil && i < len(names) {
			m[names[i]] = p
		}
	}
	return m
}

// claimFromRow reads a record or row of {speaker, stance, incident, props}.
func claimFromRow(m map[string]any) *strikegraph.Claim {
	return claimOf(m["speaker"].(string), m["stance"].(string), m["incident"].(string), m["props"].(map[string]any))
}

// claimOf reads a claim from its speaker's id, its stance, its incident's
// id and the properties of its edge.
func claimOf(speaker, stance, incident string, p map[string]any) *strikegraph.Claim {
	direct, _ := p["direct"].(bool)
	c := &strikegraph.Claim{
		ID: str(p, "id"), Stance: strikegraph.Stance(stance),
		SpeakerID: speaker, IncidentID: incident,
		OnBehalfOfID: str(p, "onBehalfOf"), ArticleID: str(p, "article"), Quote: str(p, "quote"), Direct: direct,
		StatedOn: getDate(p, "statedOn"), ViaIDs: strs(p, "via"), PlaceIDs: strs(p, "places"), Note: str(p, "note"),
		Denies: strikegraph.Denial(str(p, "denies")), Response: strikegraph.Response(str(p, "response")),
		UpdatesID: str(p, "updates"), Provenance: provenanceOf(p),
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
	if c.UpdatesID != "" {
		props["updates"] = c.UpdatesID
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

// FindClaimsUpdating returns the standing claims that update each id.
func (db *DB) FindClaimsUpdating(ctx context.Context, ids []string) (map[string][]*strikegraph.Claim, error) {
	recs, err := db.read(ctx, findClaimsUpdating, map[string]any{"ids": ids})
	if err != nil {
		return nil, err
	}
	out := map[string][]*strikegraph.Claim{}
	for _, rec := range recs {
		of := rec.AsMap()["of"].(string)
		out[of] = append(out[of], claimFromRecord(rec))
	}
	return out, nil
}

// RetractClaim marks a claim retracted, keeping it; retracting it again
// changes nothing.
func (db *DB) RetractClaim(ctx context.Context, id, reason string, a strikegraph.Author) (*strikegraph.Claim, error) {
	recs, err := db.write(ctx, retractClaim, map[string]any{"id": id, "reason": reason, "at": a.At, "by": a.By})
	if err != nil {
		return nil, err
	}
	if len(recs) == 0 {
		return nil, strikegraph.NotFoundf("no claim %q", id)
	}
	return claimFromRecord(recs[0]), nil
}
