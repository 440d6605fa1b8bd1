package graphgen

import (
	"cmp"
	"time"

	"github.com/strikegraph/strikegraph"
	"github.com/strikegraph/strikegraph/cypher"
)

// The nodes and claims are built by package cypher (EntityRow, ClaimRow), as
// its writes store them; TestSameGraphAsTheImport holds the rest to it.

// provenance is who writes, and when: what upsert_* record as createdBy,
// createdAt, updatedBy and updatedAt.
type provenance struct {
	by string
	at time.Time
}

// stamp records p on props, after the content was hashed.
func (p provenance) stamp(props map[string]any) map[string]any {
	props["createdAt"], props["createdBy"] = p.at, p.by
	props["updatedAt"], props["updatedBy"] = p.at, p.by
	return props
}

// entity is a create_nodes row: an entity's labels besides Entity, and its
// properties, hash and provenance.
func (p provenance) entity(e strikegraph.Entity) map[string]any {
	labels, props := cypher.EntityRow(e)
	return map[string]any{"labels": labels, "props": p.stamp(props)}
}

// claim is a create_edges row: the claim's edge from its speaker to its
// incident, typed by its stance.
func (p provenance) claim(c *strikegraph.Claim) map[string]any {
	props := p.stamp(cypher.ClaimRow(c))
	if r := c.Retracted; r != nil {
		props["retractedAt"], props["retractedBy"], props["retractionReason"] = r.At.UTC(), r.By, r.Reason
	}
	return map[string]any{"type": string(c.Stance), "from": c.SpeakerID, "to": c.IncidentID, "props": props}
}

// relation is one edge but a claim, with every statement of it: each
// article's quote, note and role at the same position in sources, quotes,
// notes and roles, and the gazetteer's role and note.
type relation struct {
	typ, from, to                 string
	sources, quotes, notes, roles []string
	role, note                    string
	distanceKm                    *float64
}

// state adds one statement of the relation, as upsert_relations does: an
// article states it again in its place; a gazetteer fact sets role and note
// where given; the latest distance given is kept.
func (r *relation) state(s strikegraph.Relation) {
	if s.Article == "" {
		r.role = cmp.Or(s.Role, r.role)
		r.note = cmp.Or(s.Note, r.note)
	} else {
		at := len(r.sources)
		for i, src := range r.sources {
			if src == s.Article {
				at = i
				break
			}
		}
		if at == len(r.sources) {
			r.sources, r.quotes, r.notes, r.roles = append(r.sources, s.Article), append(r.quotes, ""), append(r.notes, ""), append(r.roles, "")
		}
		r.quotes[at], r.notes[at], r.roles[at] = s.Quote, s.Note, s.Role
	}
	if s.DistanceKm != nil {
		r.distanceKm = s.DistanceKm
	}
}

// row is the relation's create_edges row.
func (p provenance) relation(r *relation) map[string]any {
	props := map[string]any{"sources": nonNil(r.sources), "quotes": nonNil(r.quotes), "notes": nonNil(r.notes), "roles": nonNil(r.roles)}
	if r.role != "" {
		props["role"] = r.role
	}
	if r.note != "" {
		props["note"] = r.note
	}
	if r.distanceKm != nil {
		props["distanceKm"] = *r.distanceKm
	}
	return map[string]any{"type": r.typ, "from": r.from, "to": r.to, "props": p.stamp(props)}
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
