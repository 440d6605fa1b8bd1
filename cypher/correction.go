package cypher

import (
	"context"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/strikegraph/strikegraph"
)

// UpdateClaim locks the claim, reads it, lets edit change it, and writes it
// in one transaction, with the same checks as a recorded claim: its quote
// must stand verbatim in its article. The claim keeps its id, stance,
// speaker, incident and article; a retracted claim is not corrected.
func (db *DB) UpdateClaim(ctx context.Context, id string, edit func(*strikegraph.Claim) error, a strikegraph.Author) (*strikegraph.Claim, strikegraph.Outcome, error) {
	var saved *strikegraph.Claim
	var outcome strikegraph.Outcome
	err := db.writeTx(ctx, func(tx neo4j.ManagedTransaction) error {
		recs, err := db.run(ctx, tx, lockClaim, map[string]any{"id": id})
		if err != nil {
			return err
		}
		if len(recs) == 0 {
			return strikegraph.NotFoundf("no claim %q", id)
		}
		c := claimFromRecord(recs[0])
		if c.Retracted != nil {
			return strikegraph.Invalidf("id", "claim %q is retracted: record a new one", id)
		}
		ends := [4]string{string(c.Stance), c.SpeakerID, c.IncidentID, c.ArticleID}
		if err := edit(c); err != nil {
			return err
		}
		if ends != [4]string{string(c.Stance), c.SpeakerID, c.IncidentID, c.ArticleID} {
			return strikegraph.Invalidf("id", "a claim keeps its stance, speaker, incident and article: retract it and record a new one")
		}
		written, err := db.writeChecked(ctx, tx, strikegraph.InputDocument(c), strikegraph.Upsert, a)
		if e, ok := err.(*strikegraph.Error); ok && e.Field == "input.article" {
			// The article is the claim's own, not input: what fails to
			// stand in it is the quote.
			moved := *e
			moved.Field = "input.quote"
			return &moved
		}
		if err != nil {
			return err
		}
		outcome = written.Outcome()
		recs, err = db.run(ctx, tx, findClaimByID, map[string]any{"id": id})
		if err != nil {
			return err
		}
		saved = claimFromRecord(recs[0])
		return nil
	})
	return saved, outcome, err
}

// UpdateArticle is UpdateEntity for an article, which also checks that the
// quote of every claim from it, retracted or not, and of every relation it
// states still stands verbatim in its text: if one does not, it refuses with
// QUOTE_BROKEN naming them.
func (db *DB) UpdateArticle(ctx context.Context, id string, edit func(*strikegraph.Article) error, a strikegraph.Author) (*strikegraph.Article, strikegraph.Outcome, error) {
	var saved *strikegraph.Article
	var outcome strikegraph.Outcome
	err := db.writeTx(ctx, func(tx neo4j.ManagedTransaction) error {
		found, err := db.lockEntities(ctx, tx, id)
		if err != nil {
			return err
		}
		ar, ok := found[id].(*strikegraph.Article)
		if !ok {
			return strikegraph.Invalidf("id", "%q is not an article", id)
		}
		text := ar.Text
		if err := edit(ar); err != nil {
			return err
		}
		if ar.Text != text {
			recs, err := db.run(ctx, tx, findArticleQuotes, map[string]any{"id": id})
			if err != nil {
				return err
			}
			var claims, relations []string
			for _, rec := range recs {
				m := rec.AsMap()
				if !strings.Contains(ar.Text, str(m, "quote")) {
					claims = append(claims, str(m, "id"))
				}
			}
			if recs, err = db.run(ctx, tx, findArticleRelationQuotes, map[string]any{"id": id}); err != nil {
				return err
			}
			for _, rec := range recs {
				m := rec.AsMap()
				for _, q := range m["quotes"].([]any) {
					if !strings.Contains(ar.Text, q.(string)) {
						relations = append(relations, str(m, "id"))
						break
					}
				}
			}
			if len(claims) > 0 || len(relations) > 0 {
				return strikegraph.QuoteBroken("input.text", claims, relations)
			}
		}
		written, err := db.writeChecked(ctx, tx, strikegraph.InputDocument(ar), strikegraph.Upsert, a)
		if err != nil {
			return err
		}
		outcome = written.Outcome()
		e, err := db.written(ctx, tx, id)
		saved, _ = e.(*strikegraph.Article)
		return err
	})
	return saved, outcome, err
}

// RetractRelation deletes the relation from → to of type t, so that no
// query counts it, keeping its whole state, who created and last changed it
// included, in a RETRACT revision.
func (db *DB) RetractRelation(ctx context.Context, t strikegraph.RelationType, from, to string, a strikegraph.Author) (*strikegraph.Revision, error) {
	of := strikegraph.RelationID(from, t, to)
	recs, err := db.write(ctx, retractRelation, map[string]any{"from": from, "to": to, "type": string(t), "of": of,
		"at": a.At, "by": a.By, "reason": nullable(a.Reason), "skip": []string{"created_"}})
	if err != nil {
		return nil, err
	}
	if len(recs) == 0 {
		return nil, strikegraph.NotFoundf("no %s relation from %q to %q", t, from, to)
	}
	return revisionFromProps(recs[0].AsMap()["props"].(map[string]any)), nil
}
