package cypher

import (
	"context"
	"slices"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/strikegraph/strikegraph"
)

// FindEntitiesByIDs returns the entities found, keyed by id.
func (db *DB) FindEntitiesByIDs(ctx context.Context, ids []string) (map[string]strikegraph.Entity, error) {
	recs, err := db.read(ctx, findEntitiesByIDs, map[string]any{"ids": ids})
	if err != nil {
		return nil, err
	}
	found := make(map[string]strikegraph.Entity, len(recs))
	for _, e := range entities(recs) {
		found[e.EntityID()] = e
	}
	return found, nil
}

// entities reads records of (n, publisher) into entities of their kind.
func entities(recs []*neo4j.Record) []strikegraph.Entity {
	out := make([]strikegraph.Entity, 0, len(recs))
	for _, rec := range recs {
		if e := entity(rec); e != nil {
			out = append(out, e)
		}
	}
	return out
}

// entity reads one (n, publisher) record; nil when n is of no known kind.
func entity(rec *neo4j.Record) strikegraph.Entity { return entityOf(rec.AsMap()) }

// entityOf reads a record or row of {n, publisher}.
func entityOf(m map[string]any) strikegraph.Entity {
	n, _ := nodeOf(m["n"])
	switch {
	case slices.Contains(n.Labels, "Incident"):
		return incidentFromProps(n.Props)
	case slices.Contains(n.Labels, "Place"):
		return placeFromProps(n.Props)
	case slices.Contains(n.Labels, "Actor"):
		return actorFromProps(n.Props)
	case slices.Contains(n.Labels, "Article"):
		a := articleFromProps(n.Props)
		a.PublisherID, _ = m["publisher"].(string)
		return a
	}
	return nil
}

// FindLinksByIDs returns every edge but claims of each entity.
func (db *DB) FindLinksByIDs(ctx context.Context, ids []string) (map[string][]strikegraph.Link, error) {
	recs, err := db.read(ctx, findLinksByIDs, map[string]any{"ids": ids})
	if err != nil {
		return nil, err
	}
	return linksOf(recs), nil
}

// linksOf reads records of find_links_by_ids, by the id they are links of.
func linksOf(recs []*neo4j.Record) map[string][]strikegraph.Link {
	links := map[string][]strikegraph.Link{}
	for _, rec := range recs {
		m := rec.AsMap()
		props := m["props"].(map[string]any)
		dir := strikegraph.DirectionIn
		if m["out"].(bool) {
			dir = strikegraph.DirectionOut
		}
		id := m["id"].(string)
		links[id] = append(links[id], strikegraph.Link{
			Type:       strikegraph.RelationType(m["type"].(string)),
			Direction:  dir,
			OtherID:    m["other"].(string),
			Role:       relationRole(props),
			DistanceKm: float(props, "distanceKm"),
			SourceIDs:  strs(props, "sources"),
			Quotes:     strs(props, "quotes"),
			Note:       relationNote(props),
		})
	}
	return links
}

// entityLabels are the node labels of each entity type.
var entityLabels = map[strikegraph.EntityType]string{
	strikegraph.TypeIncident: strikegraph.NodeIncident, strikegraph.TypePlace: strikegraph.NodePlace,
	strikegraph.TypeActor: "Actor", strikegraph.TypeArticle: strikegraph.NodeArticle,
}

// SearchEntities finds entities by any spelling of a name: the full-text
// index holds one token per spelling key (strikegraph.NameKey).
func (db *DB) SearchEntities(ctx context.Context, s strikegraph.Search) ([]strikegraph.SearchHit, error) {
	key, err := s.Key()
	if err != nil {
		return nil, err
	}
	var labels any // null: every type
	if len(s.Types) > 0 {
		l := make([]string, len(s.Types))
		for i, t := range s.Types {
			l[i] = entityLabels[t]
		}
		labels = l
	}
	recs, err := db.read(ctx, searchEntities, map[string]any{"query": fulltextQuery(key), "labels": labels, "first": s.First})
	if err != nil {
		return nil, err
	}
	hits := []strikegraph.SearchHit{}
	for _, rec := range recs {
		e := entity(rec)
		if e == nil {
			continue
		}
		n := rec.AsMap()["n"].(neo4j.Node)
		names := append([]string{str(n.Props, "name")}, strs(n.Props, "aliases")...)
		hits = append(hits, strikegraph.SearchHit{Entity: e, Matched: bestSpelling(s.Name, names), Score: rec.AsMap()["score"].(float64)})
	}
	return hits, nil
}
