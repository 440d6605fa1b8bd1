package cypher

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"maps"
	"slices"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/strikegraph/strikegraph"
)

// WriteDocument writes one document in one transaction: all of it, or, on
// any error, none of it. Every write is a MERGE on a stable id or key, so
// writing the same document twice leaves the graph as it was.
func (db *DB) WriteDocument(ctx context.Context, doc *strikegraph.Document, mode strikegraph.WriteMode, a strikegraph.Author) (strikegraph.Changes, error) {
	if err := doc.Validate(); err != nil {
		return nil, err
	}
	var changes strikegraph.Changes
	err := db.writeTx(ctx, func(tx neo4j.ManagedTransaction) error {
		var err error
		changes, err = db.writeChecked(ctx, tx, doc, mode, a)
		return err
	})
	return changes, err
}

// CreateEntity writes the incident, place, actor or article e as a create…
// mutation does, and reads it back as written (see create).
func (db *DB) CreateEntity(ctx context.Context, e strikegraph.Entity, a strikegraph.Author) (strikegraph.Entity, strikegraph.Outcome, error) {
	return create(ctx, db, e, a, func(tx neo4j.ManagedTransaction) (strikegraph.Entity, error) {
		return db.written(ctx, tx, e.EntityID())
	})
}

// AddRelation writes the relation r as an addRelation mutation does, and
// reads it back as written: the link, as its start sees it.
func (db *DB) AddRelation(ctx context.Context, r *strikegraph.Relation, a strikegraph.Author) (*strikegraph.Link, strikegraph.Outcome, error) {
	return create(ctx, db, r, a, func(tx neo4j.ManagedTransaction) (*strikegraph.Link, error) {
		recs, err := db.run(ctx, tx, findLinksByIDs, map[string]any{"ids": []string{r.From}})
		if err != nil {
			return nil, err
		}
		for _, l := range linksOf(recs)[r.From] {
			if l.Type == r.Type && l.Direction == strikegraph.DirectionOut && l.OtherID == r.To {
				return &l, nil
			}
		}
		return nil, fmt.Errorf("the relation %s is not found after writing it", strikegraph.RelationID(r.From, r.Type, r.To))
	})
}

// RecordClaim writes the claim c as a record… mutation does, and reads it
// back as written.
func (db *DB) RecordClaim(ctx context.Context, c *strikegraph.Claim, a strikegraph.Author) (*strikegraph.Claim, strikegraph.Outcome, error) {
	return create(ctx, db, c, a, func(tx neo4j.ManagedTransaction) (*strikegraph.Claim, error) {
		recs, err := db.run(ctx, tx, findClaimByID, map[string]any{"id": c.ID})
		if err != nil {
			return nil, err
		}
		return claimFromRecord(recs[0]), nil
	})
}

// create writes item's document (strikegraph.InputDocument), refusing to
// overwrite what says otherwise, and reads back what it wrote with read, in
// the same transaction.
func create[T any](ctx context.Context, db *DB, item any, a strikegraph.Author, read func(neo4j.ManagedTransaction) (T, error)) (T, strikegraph.Outcome, error) {
	var saved T
	var outcome strikegraph.Outcome
	err := db.writeTx(ctx, func(tx neo4j.ManagedTransaction) error {
		changes, err := db.writeChecked(ctx, tx, strikegraph.InputDocument(item), strikegraph.CreateOnly, a)
		if err != nil {
			return err
		}
		outcome = changes.Outcome()
		saved, err = read(tx)
		return err
	})
	return saved, outcome, err
}

// WriteDocuments writes docs in one transaction, in order. A document that is
// invalid, or whose references fail, is left out and its error kept at its
// index; the others are written together, so an import writes in batches.
func (db *DB) WriteDocuments(ctx context.Context, docs []*strikegraph.Document, a strikegraph.Author) ([]strikegraph.Changes, []error, error) {
	var changes []strikegraph.Changes
	var errs []error
	err := db.writeTx(ctx, func(tx neo4j.ManagedTransaction) error {
		// The driver may run this again: start afresh.
		errs = make([]error, len(docs))
		external := map[string]bool{}
		defined := map[string]bool{}
		for i, doc := range docs {
			if errs[i] = doc.Validate(); errs[i] != nil {
				continue
			}
			for _, id := range doc.ExternalIDs() {
				if !defined[id] {
					external[id] = true
				}
			}
			for id := range doc.Refs() {
				defined[id] = true
			}
		}
		known, err := db.findRefs(ctx, tx, slices.Collect(maps.Keys(external)))
		if err != nil {
			return err
		}
		// Each document may use what the graph holds and what the documents
		// before it that passed define.
		var good []*strikegraph.Document
		var at []int
		for i, doc := range docs {
			if errs[i] != nil {
				continue
			}
			// Only what the document references of known: a copy of all of
			// known per document made a batch quadratic in its size.
			own := doc.Refs()
			refs := maps.Clone(own)
			for _, id := range doc.ExternalIDs() {
				if ref, ok := known[id]; ok {
					refs[id] = ref
				}
			}
			if errs[i] = doc.CheckReferences(refs); errs[i] != nil {
				continue
			}
			maps.Copy(known, own)
			good = append(good, doc)
			at = append(at, i)
		}
		written, err := db.writeRows(ctx, tx, good, strikegraph.Upsert, a)
		if err != nil {
			return err
		}
		changes = make([]strikegraph.Changes, len(docs))
		for j, i := range at {
			changes[i] = written[j]
		}
		return nil
	})
	return changes, errs, err
}

// UpdateEntity locks the entity, reads it, and writes what edit makes of it,
// in one transaction: two updates of one entity cannot lose each other's
// changes.
func (db *DB) UpdateEntity(ctx context.Context, id string, edit func(strikegraph.Entity) (*strikegraph.Document, error), a strikegraph.Author) (strikegraph.Entity, strikegraph.Outcome, error) {
	var saved strikegraph.Entity
	var outcome strikegraph.Outcome
	err := db.writeTx(ctx, func(tx neo4j.ManagedTransaction) error {
		found, err := db.lockEntities(ctx, tx, id)
		if err != nil {
			return err
		}
		doc, err := edit(found[id])
		if err != nil {
			return err
		}
		changes, err := db.writeChecked(ctx, tx, doc, strikegraph.Upsert, a)
		if err != nil {
			return err
		}
		outcome = changes.Outcome()
		saved, err = db.written(ctx, tx, id)
		return err
	})
	return saved, outcome, err
}

// written reads the entity id in tx, after writing it: as it was written,
// with its provenance.
func (db *DB) written(ctx context.Context, tx neo4j.ManagedTransaction, id string) (strikegraph.Entity, error) {
	recs, err := db.run(ctx, tx, findEntitiesByIDs, map[string]any{"ids": []string{id}})
	if err != nil {
		return nil, err
	}
	if es := entities(recs); len(es) == 1 {
		return es[0], nil
	}
	return nil, fmt.Errorf("entity %q is not found after writing it", id)
}

// lockEntities takes a write lock on each entity, held until the transaction
// ends, and reads it; an id not in the graph is NOT_FOUND.
func (db *DB) lockEntities(ctx context.Context, tx neo4j.ManagedTransaction, ids ...string) (map[string]strikegraph.Entity, error) {
	recs, err := db.run(ctx, tx, lockEntities, map[string]any{"ids": ids})
	if err != nil {
		return nil, err
	}
	found := map[string]strikegraph.Entity{}
	for _, e := range entities(recs) {
		found[e.EntityID()] = e
	}
	for _, id := range ids {
		if found[id] == nil {
			return nil, strikegraph.NotFoundf("no entity %q", id)
		}
	}
	return found, nil
}

// item is where a row came from: its document, what it is, and the field
// that defines it, for CONFLICT errors.
type item struct {
	doc   int
	kind  string
	id    string
	field string
}

// writeRows writes what docs define, entities first, then relations, then
// claims, one UNWIND per step, and returns each document's changes. An item
// written twice in docs (a place many rows name) is written once; the later
// documents see it unchanged. The relations are written in rounds: a row
// stating an edge that an earlier row of docs states otherwise (another
// article) waits for the next round, so that each round writes an edge
// once and its rows need not be written one by one.
func (db *DB) writeRows(ctx context.Context, tx neo4j.ManagedTransaction, docs []*strikegraph.Document, mode strikegraph.WriteMode, a strikegraph.Author) ([]strikegraph.Changes, error) {
	if err := db.checkClaimEnds(ctx, tx, docs); err != nil {
		return nil, err
	}
	changes := make([]strikegraph.Changes, len(docs))
	type step struct {
		query query
		rows  []map[string]any
		items []item
	}
	var entities, claims, merges step
	var relations []step // the rounds
	entities.query, claims.query, merges.query = upsertEntities, upsertClaims, upsertMerges
	stated := map[string]int{} // rows of each edge so far
	seen := map[string]bool{}  // key and hash of what is already in a step
	add := func(s *step, it item, key string, row map[string]any) {
		if seen[key] {
			changes[it.doc] = append(changes[it.doc], strikegraph.Change{Kind: it.kind, ID: it.id, Outcome: strikegraph.Unchanged})
			return
		}
		seen[key] = true
		row["i"] = len(s.rows)
		s.rows = append(s.rows, row)
		s.items = append(s.items, it)
	}
	entity := func(d int, field, kind, id string, labels []string, props map[string]any) {
		h := hash(props)
		add(&entities, item{d, kind, id, field}, "entity|"+id+"|"+h, map[string]any{"id": id, "props": props, "labels": labels, "hash": h})
	}
	relation := func(d int, field string, r strikegraph.Relation) {
		row := map[string]any{"type": string(r.Type), "from": r.From, "to": r.To, "article": nullable(r.Article),
			"quote": r.Quote, "role": nullable(r.Role), "note": nullable(r.Note), "distanceKm": nil}
		if r.DistanceKm != nil {
			row["distanceKm"] = *r.DistanceKm
		}
		id := r.From + "|" + string(r.Type) + "|" + r.To
		key := "relation|" + hash(row)
		round := stated[id]
		if !seen[key] {
			stated[id]++
		}
		if round == len(relations) {
			relations = append(relations, step{query: upsertRelations})
		}
		add(&relations[round], item{d, "Relation", id, field}, key, row)
	}
	for d, doc := range docs {
		for i := range doc.Places {
			p := &doc.Places[i]
			entity(d, doc.Field("places", i), strikegraph.NodePlace, p.ID, []string{"Place"}, placeProps(p))
		}
		for i := range doc.Actors {
			ac := &doc.Actors[i]
			entity(d, doc.Field("actors", i), "Actor", ac.ID, actorLabels[ac.Kind], actorProps(ac))
		}
		for i := range doc.Articles {
			ar := &doc.Articles[i]
			entity(d, doc.Field("articles", i), strikegraph.NodeArticle, ar.ID, []string{"Article"}, articleProps(ar))
			if ar.PublisherID != "" {
				relation(d, doc.Field("articles", i)+".publisher", strikegraph.Relation{Type: strikegraph.RelPublishedBy, From: ar.ID, To: ar.PublisherID})
			}
		}
		for i := range doc.Incidents {
			in := &doc.Incidents[i]
			entity(d, doc.Field("incidents", i), strikegraph.NodeIncident, in.ID, []string{"Incident"}, incidentProps(in))
		}
		for i, r := range doc.Relations {
			relation(d, doc.Field("relations", i), r)
		}
		for i := range doc.Claims {
			c := &doc.Claims[i]
			props := claimProps(c)
			h := hash(props)
			row := map[string]any{"id": c.ID, "stance": string(c.Stance), "speaker": c.SpeakerID, "incident": c.IncidentID,
				"props": props, "hash": h, "retractedAt": nil, "retractedBy": nil, "retractionReason": nil}
			if r := c.Retracted; r != nil {
				// In UTC, as the graph writes its own times: the driver cannot send
				// a time parsed with an offset, whose zone has no name.
				row["retractedAt"], row["retractedBy"], row["retractionReason"] = r.At.UTC(), r.By, r.Reason
			}
			add(&claims, item{d, "Claim", c.ID, doc.Field("claims", i)}, "claim|"+c.ID+"|"+h, row)
		}
		for i := range doc.Merges {
			m := &doc.Merges[i]
			add(&merges, item{d, "Merge", m.ID, doc.Field("merges", i)}, "merge|"+m.ID, map[string]any{"id": m.ID, "props": mergeProps(m)})
		}
	}
	for _, s := range slices.Concat([]step{entities}, relations, []step{claims, merges}) {
		if len(s.rows) == 0 {
			continue
		}
		var rows any = s.rows
		if s.query == upsertRelations {
			rows = byType(s.rows)
		}
		recs, err := db.run(ctx, tx, s.query, map[string]any{
			"rows": rows, "at": a.At, "by": a.By, "createOnly": mode == strikegraph.CreateOnly,
			"action": string(revisionAction(a)), "reason": nullable(a.Reason), "skip": revisionSkip,
		})
		if err != nil {
			return nil, err
		}
		if len(recs) != len(s.rows) {
			return nil, fmt.Errorf("%s: wrote %d of %d rows", s.query.name, len(recs), len(s.rows))
		}
		for _, rec := range recs {
			m := rec.AsMap()
			it := s.items[m["i"].(int64)]
			outcome := strikegraph.Outcome(m["outcome"].(string))
			if outcome == "CONFLICT" {
				return nil, &strikegraph.Error{Code: strikegraph.ECodeConflict, Field: it.field,
					Message: fmt.Sprintf("%s %q already exists and says something else; update it instead", it.kind, it.id)}
			}
			changes[it.doc] = append(changes[it.doc], strikegraph.Change{Kind: it.kind, ID: it.id, Outcome: outcome})
		}
	}
	return changes, nil
}

// byType groups relation rows by their type, for upsert_relations, whose
// MERGE of each type is written out.
func byType(rows []map[string]any) map[string]any {
	grouped := map[string][]map[string]any{}
	for _, row := range rows {
		t := row["type"].(string)
		grouped[t] = append(grouped[t], row)
	}
	out := make(map[string]any, len(grouped))
	for t, rows := range grouped {
		out[t] = rows
	}
	return out
}

// checkClaimEnds refuses a claim whose id the graph, or an earlier document
// of docs, already holds with another stance, speaker or incident: a claim is
// what was said, and what was said does not change; a wrong claim is
// retracted and a new one made.
func (db *DB) checkClaimEnds(ctx context.Context, tx neo4j.ManagedTransaction, docs []*strikegraph.Document) error {
	var ids []string
	for _, doc := range docs {
		for _, c := range doc.Claims {
			ids = append(ids, c.ID)
			if c.UpdatesID != "" {
				ids = append(ids, c.UpdatesID)
			}
		}
	}
	if len(ids) == 0 {
		return nil
	}
	recs, err := db.run(ctx, tx, findClaimEnds, map[string]any{"ids": ids})
	if err != nil {
		return err
	}
	held := map[string][3]string{}
	source := map[string]string{} // who each claim counts for: see Claim.Source
	for _, rec := range recs {
		m := rec.AsMap()
		held[str(m, "id")] = [3]string{str(m, "stance"), str(m, "speaker"), str(m, "incident")}
		source[str(m, "id")] = (&strikegraph.Claim{SpeakerID: str(m, "speaker"), OnBehalfOfID: str(m, "onBehalfOf")}).Source()
	}
	for _, doc := range docs {
		for i, c := range doc.Claims {
			ends := [3]string{string(c.Stance), c.SpeakerID, c.IncidentID}
			h, ok := held[c.ID]
			if ok && h != ends {
				return &strikegraph.Error{Code: strikegraph.ECodeConflict, Field: doc.Field("claims", i) + ".id",
					Message: fmt.Sprintf("claim %q is a %s claim by %s about %s; a claim keeps its stance, speaker and incident: retract it and record a new one", c.ID, h[0], h[1], h[2])}
			}
			// The first document of a batch to state a claim fixes its ends
			// for the later ones: else one id could be written under two
			// stances, or a claim with other ends taken for the first.
			held[c.ID] = ends
			if _, ok := source[c.ID]; !ok {
				source[c.ID] = c.Source()
			}
		}
	}
	// A claim updates the same source's claim about the same incident, in
	// the graph or anywhere in docs.
	for _, doc := range docs {
		for i, c := range doc.Claims {
			if c.UpdatesID == "" {
				continue
			}
			f := doc.Field("claims", i) + ".updates"
			h, ok := held[c.UpdatesID]
			switch {
			case !ok:
				return strikegraph.Invalidf(f, "no claim %q to update", c.UpdatesID)
			case h[2] != c.IncidentID || source[c.UpdatesID] != c.Source():
				return strikegraph.Invalidf(f, "claim %q is %s's about %s; a claim updates only its own source's claim about the same incident", c.UpdatesID, source[c.UpdatesID], h[2])
			}
		}
	}
	return nil
}

// hash is a digest of what a document says of an item: equal hashes, equal
// content.
func hash(v any) string {
	b, err := json.Marshal(v) // maps marshal with sorted keys
	if err != nil {
		panic(err) // props hold only strings, numbers, booleans, lists, dates and points
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:16])
}

// FindRefs returns the kind (and an article's text) of each id in the graph.
func (db *DB) FindRefs(ctx context.Context, ids []string) (map[string]strikegraph.Ref, error) {
	if len(ids) == 0 {
		return map[string]strikegraph.Ref{}, nil
	}
	recs, err := db.read(ctx, findRefs, map[string]any{"ids": ids})
	if err != nil {
		return nil, err
	}
	return refsOf(recs), nil
}

// findRefs is FindRefs inside a write transaction.
func (db *DB) findRefs(ctx context.Context, tx neo4j.ManagedTransaction, ids []string) (map[string]strikegraph.Ref, error) {
	if len(ids) == 0 {
		return map[string]strikegraph.Ref{}, nil
	}
	recs, err := db.run(ctx, tx, findRefs, map[string]any{"ids": ids})
	if err != nil {
		return nil, err
	}
	return refsOf(recs), nil
}

func refsOf(recs []*neo4j.Record) map[string]strikegraph.Ref {
	refs := map[string]strikegraph.Ref{}
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
	return refs
}

// IsEmpty tells whether the graph holds no entities.
func (db *DB) IsEmpty(ctx context.Context) (bool, error) {
	recs, err := db.read(ctx, isEmpty, nil)
	if err != nil {
		return false, err
	}
	return recs[0].AsMap()["empty"].(bool), nil
}

func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// writeChecked writes doc in tx: valid, its references found in the graph
// (or doc) and checked, then written as mode says.
func (db *DB) writeChecked(ctx context.Context, tx neo4j.ManagedTransaction, doc *strikegraph.Document, mode strikegraph.WriteMode, a strikegraph.Author) (strikegraph.Changes, error) {
	if err := doc.Validate(); err != nil {
		return nil, err
	}
	refs, err := db.findRefs(ctx, tx, doc.ExternalIDs())
	if err != nil {
		return nil, err
	}
	maps.Copy(refs, doc.Refs())
	if err := doc.CheckReferences(refs); err != nil {
		return nil, err
	}
	all, err := db.writeRows(ctx, tx, []*strikegraph.Document{doc}, mode, a)
	if err != nil {
		return nil, err
	}
	return all[0], nil
}
