package cypher

import (
	"context"

	"github.com/strikegraph/strikegraph"
)

// ExportDocument reads the whole graph as one annotation document: every
// entity, relation, claim (retracted ones too) and merge record, each list in
// id order, so that two exports of one graph are the same bytes. Importing it
// into an empty graph gives this graph back, all but who wrote what and when:
// the import records itself.
//
// It reads everything at once, which suits graphs of up to some 100,000
// items. Each list is one query; an export taken while others write may see
// some of their writes and not others.
func (db *DB) ExportDocument(ctx context.Context) (*strikegraph.Document, error) {
	doc := &strikegraph.Document{}
	articles := map[string]int{} // id → index in doc.Articles
	recs, err := db.read(ctx, "find_document_entities", nil)
	if err != nil {
		return nil, err
	}
	for _, e := range entities(recs) {
		switch e := e.(type) {
		case *strikegraph.Article:
			articles[e.ID] = len(doc.Articles)
			doc.Articles = append(doc.Articles, *e)
		case *strikegraph.Place:
			doc.Places = append(doc.Places, *e)
		case *strikegraph.Actor:
			doc.Actors = append(doc.Actors, *e)
		case *strikegraph.Incident:
			doc.Incidents = append(doc.Incidents, *e)
		}
	}
	if recs, err = db.read(ctx, "find_document_relations", nil); err != nil {
		return nil, err
	}
	for _, rec := range recs {
		m := rec.AsMap()
		props := m["props"].(map[string]any)
		r := strikegraph.Relation{Type: strikegraph.RelationType(str(m, "type")), From: str(m, "from"), To: str(m, "to"),
			Role: str(props, "role"), Note: str(props, "note"), DistanceKm: float(props, "distanceKm")}
		// The edge as the gazetteer states it, without an article: needed when
		// no article states it, and for its own role or note. An article's
		// publisher field states its PUBLISHED_BY edge so, and is what a
		// document uses; but it carries no distance.
		stated := len(strs(props, "sources")) > 0
		gazetteer := !stated || r.Role != "" || r.Note != ""
		if i, ok := articles[r.From]; ok && r.Type == strikegraph.RelPublishedBy && doc.Articles[i].PublisherID == "" {
			doc.Articles[i].PublisherID = r.To
			gazetteer = r.Role != "" || r.Note != "" || !stated && r.DistanceKm != nil
		}
		if gazetteer {
			doc.Relations = append(doc.Relations, r)
		}
		doc.Relations = append(doc.Relations, statedBy(r, props)...)
	}
	if recs, err = db.read(ctx, "find_document_claims", nil); err != nil {
		return nil, err
	}
	for _, rec := range recs {
		doc.Claims = append(doc.Claims, *claimFromRecord(rec))
	}
	if recs, err = db.read(ctx, "find_document_merges", nil); err != nil {
		return nil, err
	}
	for _, rec := range recs {
		doc.Merges = append(doc.Merges, *mergeFromProps(rec.AsMap()["props"].(map[string]any)))
	}
	return doc, nil
}
