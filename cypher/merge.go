package cypher

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/strikegraph/strikegraph"
)

// MergeEntities merges the entity merged into kept, in one transaction: the
// merged entity's names become aliases of kept, its relations and claims move
// to kept, it is deleted, and a Merge records what was done, by whom, when and
// why. Merging again what is already merged returns the first record.
func (db *DB) MergeEntities(ctx context.Context, keptID, mergedID, reason string, a strikegraph.Author) (*strikegraph.Merge, error) {
	switch {
	case keptID == mergedID:
		return nil, strikegraph.Invalidf("merged", "an entity is not merged into itself")
	case strings.TrimSpace(reason) == "":
		return nil, strikegraph.Invalidf("reason", "say why the two are the same")
	case len(reason) > 10000:
		return nil, strikegraph.Invalidf("reason", "give at most 10000 bytes")
	}
	// Every revision the merge leaves, on the kept entity and on the claims
	// and relations it moves, says so and why.
	a.Action, a.Reason = strikegraph.RevisionMerge, reason
	var merge *strikegraph.Merge
	err := db.writeTx(ctx, func(tx neo4j.ManagedTransaction) error {
		recs, err := db.run(ctx, tx, findMerge, map[string]any{"merged": mergedID})
		if err != nil {
			return err
		}
		if len(recs) > 0 {
			if m := mergeFromProps(recs[0].AsMap()["props"].(map[string]any)); m.KeptID == keptID {
				merge = m
				return nil
			}
		}
		found, err := db.lockEntities(ctx, tx, keptID, mergedID)
		if err != nil {
			return err
		}
		kept, merged := found[keptID], found[mergedID]
		kind := entityKind(merged)
		if kind == strikegraph.NodeArticle {
			return strikegraph.Invalidf("merged", "articles are not merged: each is its own text")
		}
		if entityKind(kept) != kind {
			return strikegraph.Invalidf("merged", "%q is a %s and %q a %s; only entities of one kind are merged", mergedID, kind, keptID, entityKind(kept))
		}
		moved, err := db.moveEdges(ctx, tx, keptID, mergedID, a)
		if err != nil {
			return err
		}
		// The kept entity takes the merged one's names as aliases.
		name, aliases := names(kept)
		mergedName, mergedAliases := names(merged)
		for _, n := range append([]string{mergedName}, mergedAliases...) {
			if n != name && !slices.Contains(aliases, n) {
				aliases = append(aliases, n)
			}
		}
		doc := withAliases(kept, aliases)
		changes, err := db.writeRows(ctx, tx, []*strikegraph.Document{doc}, strikegraph.Upsert, a)
		if err != nil {
			return err
		}
		// The kept entity's history shows the merge even when it gained no
		// alias.
		if changes[0].Outcome() == strikegraph.Unchanged {
			if err := db.recordRevision(ctx, tx, keptID, nil, nil, a); err != nil {
				return err
			}
		}
		merge = &strikegraph.Merge{
			ID: fmt.Sprintf("merge:%s:%d", mergedID, a.At.UnixMilli()), KeptID: keptID, MergedID: mergedID,
			MergedName: mergedName, MergedKind: kind, Reason: reason, By: a.By, At: a.At, Moved: moved,
		}
		_, err = db.writeRows(ctx, tx, []*strikegraph.Document{{Merges: []strikegraph.Merge{*merge}}}, strikegraph.Upsert, a)
		return err
	})
	return merge, err
}

// moveEdges moves every relation and claim of merged to kept and deletes
// merged. An edge between the two would become a loop, and is dropped.
func (db *DB) moveEdges(ctx context.Context, tx neo4j.ManagedTransaction, keptID, mergedID string, a strikegraph.Author) (int, error) {
	recs, err := db.run(ctx, tx, findEntityEdges, map[string]any{"id": mergedID})
	if err != nil {
		return 0, err
	}
	var claims []map[string]any
	var relations []strikegraph.Relation
	for _, rec := range recs {
		m := rec.AsMap()
		other, out, props := str(m, "other"), m["out"].(bool), m["props"].(map[string]any)
		if other == keptID {
			continue
		}
		from, to := keptID, other
		if !out {
			from, to = other, keptID
		}
		typ := str(m, "type")
		if slices.Contains([]string{"REPORTED", "DENIED", "RESPONDED"}, typ) {
			claims = append(claims, map[string]any{"stance": typ, "speaker": from, "incident": to, "props": props})
			continue
		}
		// A relation is written again the way a document states it, once per
		// article, so that it joins an edge kept may already have.
		r := strikegraph.Relation{Type: strikegraph.RelationType(typ), From: from, To: to,
			Role: str(props, "role"), DistanceKm: float(props, "distanceKm"), Note: str(props, "note")}
		if len(strs(props, "sources")) == 0 || r.Role != "" || r.Note != "" {
			relations = append(relations, r)
		}
		relations = append(relations, statedBy(r, props)...)
	}
	if _, err := db.run(ctx, tx, deleteEntity, map[string]any{"id": mergedID}); err != nil {
		return 0, err
	}
	params := map[string]any{"kept": keptID, "merged": mergedID, "at": a.At, "by": a.By, "rows": claims,
		"action": string(revisionAction(a)), "reason": nullable(a.Reason)}
	if len(claims) > 0 {
		if _, err := db.run(ctx, tx, moveClaims, params); err != nil {
			return 0, err
		}
	}
	// Claims name actors and places in properties too: those now name the
	// kept entity, and are written again as a document would state them.
	naming, err := db.run(ctx, tx, findClaimsNaming, map[string]any{"id": mergedID})
	if err != nil {
		return 0, err
	}
	renamed := &strikegraph.Document{}
	swap := func(id string) string {
		if id == mergedID {
			return keptID
		}
		return id
	}
	for _, rec := range naming {
		c := claimFromRecord(rec)
		c.OnBehalfOfID = swap(c.OnBehalfOfID)
		for i := range c.ViaIDs {
			c.ViaIDs[i] = swap(c.ViaIDs[i])
		}
		for i := range c.PlaceIDs {
			c.PlaceIDs[i] = swap(c.PlaceIDs[i])
		}
		renamed.Claims = append(renamed.Claims, *c)
	}
	if len(renamed.Claims) > 0 {
		if _, err := db.writeRows(ctx, tx, []*strikegraph.Document{renamed}, strikegraph.Upsert, a); err != nil {
			return 0, err
		}
	}
	if len(relations) > 0 {
		if _, err := db.writeRows(ctx, tx, []*strikegraph.Document{{Relations: relations}}, strikegraph.Upsert, a); err != nil {
			return 0, err
		}
	}
	return len(recs), nil
}

// FindMerges returns the merges into each entity, oldest first.
func (db *DB) FindMerges(ctx context.Context, keptIDs []string) (map[string][]*strikegraph.Merge, error) {
	recs, err := db.read(ctx, findMergesByKeptIDs, map[string]any{"ids": keptIDs})
	if err != nil {
		return nil, err
	}
	out := map[string][]*strikegraph.Merge{}
	for _, rec := range recs {
		m := rec.AsMap()
		id := str(m, "id")
		out[id] = append(out[id], mergeFromProps(m["props"].(map[string]any)))
	}
	return out, nil
}

// FindMerge returns the latest merge of the entity id into another, or nil.
func (db *DB) FindMerge(ctx context.Context, mergedID string) (*strikegraph.Merge, error) {
	recs, err := db.read(ctx, findMerge, map[string]any{"merged": mergedID})
	if err != nil || len(recs) == 0 {
		return nil, err
	}
	return mergeFromProps(recs[0].AsMap()["props"].(map[string]any)), nil
}

// mergeProps are a merge's properties; its time in UTC, as for a retraction.
func mergeProps(m *strikegraph.Merge) map[string]any {
	return map[string]any{
		"id": m.ID, "kept": m.KeptID, "merged": m.MergedID, "mergedName": m.MergedName, "mergedKind": m.MergedKind,
		"reason": m.Reason, "by": m.By, "at": m.At.UTC(), "moved": m.Moved,
	}
}

func mergeFromProps(p map[string]any) *strikegraph.Merge {
	at, _ := p["at"].(time.Time)
	moved, _ := p["moved"].(int64)
	return &strikegraph.Merge{
		ID: str(p, "id"), KeptID: str(p, "kept"), MergedID: str(p, "merged"), MergedName: str(p, "mergedName"),
		MergedKind: str(p, "mergedKind"), Reason: str(p, "reason"), By: str(p, "by"), At: at, Moved: int(moved),
	}
}

// entityKind is NodeIncident, NodePlace, NodeArticle or the actor's kind.
func entityKind(e strikegraph.Entity) string {
	switch e := e.(type) {
	case *strikegraph.Incident:
		return strikegraph.NodeIncident
	case *strikegraph.Place:
		return strikegraph.NodePlace
	case *strikegraph.Actor:
		return string(e.Kind)
	}
	return strikegraph.NodeArticle
}

func names(e strikegraph.Entity) (string, []string) {
	switch e := e.(type) {
	case *strikegraph.Incident:
		return e.Name, e.Aliases
	case *strikegraph.Place:
		return e.Name, e.Aliases
	case *strikegraph.Actor:
		return e.Name, e.Aliases
	case *strikegraph.Article:
		return e.Name(), nil
	}
	return "", nil
}

// withAliases is a document that writes e with these aliases.
func withAliases(e strikegraph.Entity, aliases []string) *strikegraph.Document {
	switch e := e.(type) {
	case *strikegraph.Incident:
		c := *e
		c.Aliases = aliases
		return &strikegraph.Document{Incidents: []strikegraph.Incident{c}}
	case *strikegraph.Place:
		c := *e
		c.Aliases = aliases
		return &strikegraph.Document{Places: []strikegraph.Place{c}}
	case *strikegraph.Actor:
		c := *e
		c.Aliases = aliases
		return &strikegraph.Document{Actors: []strikegraph.Actor{c}}
	}
	return &strikegraph.Document{}
}
