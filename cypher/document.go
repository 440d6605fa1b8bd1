package cypher

import (
	"context"
	"slices"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/strikegraph/strikegraph"
)

// LoadDocument writes an import document in one transaction: all of it, or,
// on any error, none of it. Every write is a MERGE on a stable id that sets
// the whole of an entity or claim, so loading the same document twice leaves
// the graph as it was.
func (db *DB) LoadDocument(ctx context.Context, doc *strikegraph.Document) error {
	if err := doc.Validate(); err != nil {
		return err
	}
	return db.writeTx(ctx, func(tx neo4j.ManagedTransaction) error {
		refs, err := db.findRefs(ctx, tx, doc.ExternalIDs())
		if err != nil {
			return err
		}
		for id, ref := range doc.Refs() {
			refs[id] = ref
		}
		if err := doc.CheckReferences(refs); err != nil {
			return err
		}
		for _, step := range []struct {
			query string
			rows  []map[string]any
		}{
			{"merge_places", rows(doc.Places, func(p *strikegraph.Place) map[string]any {
				return map[string]any{"id": p.ID, "props": placeProps(p)}
			})},
			{"merge_actors", rows(doc.Actors, func(a *strikegraph.Actor) map[string]any {
				return map[string]any{"id": a.ID, "props": actorProps(a), "labels": actorLabels[a.Kind]}
			})},
			{"merge_articles", rows(doc.Articles, func(a *strikegraph.Article) map[string]any {
				return map[string]any{"id": a.ID, "props": articleProps(a), "publisher": nullable(a.PublisherID)}
			})},
			{"merge_incidents", rows(doc.Incidents, func(in *strikegraph.Incident) map[string]any {
				return map[string]any{"id": in.ID, "props": incidentProps(in)}
			})},
			{"merge_relations", rows(doc.Relations, func(r *strikegraph.Relation) map[string]any {
				row := map[string]any{"type": string(r.Type), "from": r.From, "to": r.To, "article": nullable(r.Article),
					"quote": r.Quote, "role": nullable(r.Role), "note": nullable(r.Note), "distanceKm": nil}
				if r.DistanceKm != nil {
					row["distanceKm"] = *r.DistanceKm
				}
				return row
			})},
			{"merge_claims", rows(doc.Claims, func(c *strikegraph.Claim) map[string]any {
				return map[string]any{"id": c.ID, "stance": string(c.Stance), "speaker": c.SpeakerID, "incident": c.IncidentID, "props": claimProps(c)}
			})},
		} {
			if len(step.rows) == 0 {
				continue
			}
			if _, err := db.run(ctx, tx, step.query, map[string]any{"rows": step.rows}); err != nil {
				return err
			}
		}
		return nil
	})
}

// findRefs returns the kind (and an article's text) of each id in the graph.
func (db *DB) findRefs(ctx context.Context, tx neo4j.ManagedTransaction, ids []string) (map[string]strikegraph.Ref, error) {
	refs := map[string]strikegraph.Ref{}
	if len(ids) == 0 {
		return refs, nil
	}
	recs, err := db.run(ctx, tx, "find_refs", map[string]any{"ids": ids})
	if err != nil {
		return nil, err
	}
	for _, rec := range recs {
		m := rec.AsMap()
		labels := strs(m, "labels")
		kind := str(m, "kind")
		for _, l := range []string{strikegraph.NodeIncident, strikegraph.NodePlace, strikegraph.NodeArticle} {
			if slices.Contains(labels, l) {
				kind = l
			}
		}
		refs[str(m, "id")] = strikegraph.Ref{Kind: kind, Text: str(m, "text")}
	}
	return refs, nil
}

// IsEmpty tells whether the graph holds no entities.
func (db *DB) IsEmpty(ctx context.Context) (bool, error) {
	recs, err := db.read(ctx, "is_empty", nil)
	if err != nil {
		return false, err
	}
	return recs[0].AsMap()["empty"].(bool), nil
}

func rows[T any](items []T, row func(*T) map[string]any) []map[string]any {
	out := make([]map[string]any, len(items))
	for i := range items {
		out[i] = row(&items[i])
	}
	return out
}

func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}
