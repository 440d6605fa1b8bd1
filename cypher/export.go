package cypher

import (
	"context"
	"fmt"
	"iter"

	"github.com/strikegraph/strikegraph"
)

// ExportDocument reads the whole graph as one annotation document: every
// entity, relation, claim (retracted ones too) and merge record, each list in
// id order (relations by their ends and type), so that two exports of one
// graph are the same bytes. Importing it into an empty graph gives this graph
// back, all but who wrote what and when: the import records itself.
//
// Each list is read as it is written, a page of graphPage items a query,
// each row handed on as it arrives, so that a graph of any size costs the
// memory of a row. An export taken while others write may see some of their
// writes and not others.
func (db *DB) ExportDocument(ctx context.Context) *strikegraph.DocumentStream {
	return &strikegraph.DocumentStream{
		Articles: documentEntities[strikegraph.Article](db, ctx, "Article"), Places: documentEntities[strikegraph.Place](db, ctx, "Place"),
		Actors: documentEntities[strikegraph.Actor](db, ctx, "Actor"), Incidents: documentEntities[strikegraph.Incident](db, ctx, "Incident"),
		Relations: db.documentRelations(ctx),
		Claims: inIDOrder(db.documentClaims(ctx, strikegraph.StanceReported), db.documentClaims(ctx, strikegraph.StanceDenied),
			db.documentClaims(ctx, strikegraph.StanceResponded)),
		Merges: documentRows(db, ctx, findDocumentMerges, nil, func(m map[string]any) []*strikegraph.Merge {
			return []*strikegraph.Merge{mergeFromProps(m["props"].(map[string]any))}
		}),
	}
}

// documentClaims is a page of the claims of one stance (%s, a Stance), by
// id, read from the stance's id index in its order.
const documentClaims = "MATCH (speaker:Entity)-[r:%s]->(incident:Incident)\nWHERE r.id > $after\nWITH speaker, r, incident ORDER BY r.id LIMIT $limit\n" +
	"RETURN r.id AS id, speaker.id AS speaker, type(r) AS stance, incident.id AS incident, properties(r) AS props"

func (db *DB) documentClaims(ctx context.Context, stance strikegraph.Stance) iter.Seq2[*strikegraph.Claim, error] {
	return documentRows(db, ctx, query{name: "find_document_claims", text: fmt.Sprintf(documentClaims, stance)}, nil, func(m map[string]any) []*strikegraph.Claim {
		return []*strikegraph.Claim{claimFromRow(m)}
	})
}

// documentEntities are the entities of one kind, T, by id.
func documentEntities[T any](db *DB, ctx context.Context, label string) iter.Seq2[*T, error] {
	return documentRows(db, ctx, findDocumentEntities, map[string]any{"label": label},
		func(m map[string]any) []*T {
			e, _ := any(entityOf(m)).(*T)
			if e == nil {
				return nil
			}
			return []*T{e}
		})
}

// documentRelations are the relations: an edge stated by articles is one
// relation per article, and one more where the gazetteer states it (no
// article states it, or it has a role or note of its own). An article's
// publisher field states its PUBLISHED_BY edge, which is then no relation
// of its own unless it has a role or note, or a distance no article gives.
func (db *DB) documentRelations(ctx context.Context) iter.Seq2[*strikegraph.Relation, error] {
	return documentRows(db, ctx, findDocumentRelations, nil, func(m map[string]any) []*strikegraph.Relation {
		if m["type"] == nil { // an entity with none
			return nil
		}
		props := m["props"].(map[string]any)
		r := strikegraph.Relation{Type: strikegraph.RelationType(str(m, "type")), From: str(m, "id"), To: str(m, "to"),
			Role: str(props, "role"), Note: str(props, "note"), DistanceKm: float(props, "distanceKm")}
		stated := len(strs(props, "sources")) > 0
		gazetteer := !stated || r.Role != "" || r.Note != ""
		if publisher, _ := m["publisher"].(bool); publisher {
			gazetteer = r.Role != "" || r.Note != "" || !stated && r.DistanceKm != nil
		}
		var out []*strikegraph.Relation
		if gazetteer {
			out = append(out, &r)
		}
		for _, s := range statedBy(r, props) {
			out = append(out, &s)
		}
		return out
	})
}

// documentRows pages through a query (see pages), yielding what each row
// reads as.
func documentRows[T any](db *DB, ctx context.Context, q query, params map[string]any, read func(map[string]any) []*T) iter.Seq2[*T, error] {
	return func(yield func(*T, error) bool) {
		err := db.pages(ctx, q, params, func(m map[string]any) bool {
			for _, it := range read(m) {
				if !yield(it, nil) {
					return false
				}
			}
			return true
		})
		if err != nil {
			yield(nil, err)
		}
	}
}

// inIDOrder merges lists of claims, each in id order, into one in id order.
func inIDOrder(lists ...iter.Seq2[*strikegraph.Claim, error]) iter.Seq2[*strikegraph.Claim, error] {
	return func(yield func(*strikegraph.Claim, error) bool) {
		type head struct {
			claim *strikegraph.Claim
			next  func() (*strikegraph.Claim, error, bool)
		}
		heads := make([]head, len(lists))
		pull := func(h *head) error {
			c, err, ok := h.next()
			h.claim = c
			if !ok {
				h.claim = nil
			}
			return err
		}
		for i, l := range lists {
			next, stop := iter.Pull2(l)
			defer stop()
			heads[i].next = next
			if err := pull(&heads[i]); err != nil {
				yield(nil, err)
				return
			}
		}
		for {
			first := -1
			for i, h := range heads {
				if h.claim != nil && (first < 0 || h.claim.ID < heads[first].claim.ID) {
					first = i
				}
			}
			if first < 0 || !yield(heads[first].claim, nil) {
				return
			}
			if err := pull(&heads[first]); err != nil {
				yield(nil, err)
				return
			}
		}
	}
}
