package strikegraph

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Outcome is what a write did to one item: an entity, a relation or a claim.
type Outcome string

const (
	Created   Outcome = "CREATED"
	Updated   Outcome = "UPDATED"
	Unchanged Outcome = "UNCHANGED" // it already said exactly this
)

// Author is who writes, when and why. Every write records who and when on
// what it creates or changes, and leaves what it does not change as it was;
// each change also leaves a Revision with the reason and the earlier state.
type Author struct {
	By     string // "key:alice", "jwt:<sub>", "cli:<user>", "seed"
	At     time.Time
	Reason string         // optional on updates; "" when none
	Action RevisionAction // what the revisions record; "" is RevisionUpdate
}

// Provenance is who created an entity, relation or claim and who last changed
// it, and when.
type Provenance struct {
	CreatedBy string
	CreatedAt time.Time
	UpdatedBy string
	UpdatedAt time.Time
}

// Change is one item a write touched. Kind is NodeIncident, NodePlace,
// NodeArticle, "Actor", "Relation" or "Claim"; a relation's ID is
// "from|TYPE|to".
type Change struct {
	Kind    string
	ID      string
	Outcome Outcome
}

// Changes are what writing one document did.
type Changes []Change

// Outcome sums up a document: CREATED when it created anything, else UPDATED
// when it changed anything, else UNCHANGED.
func (cs Changes) Outcome() Outcome {
	out := Unchanged
	for _, c := range cs {
		switch c.Outcome {
		case Created:
			return Created
		case Updated:
			out = Updated
		}
	}
	return out
}

// WriteMode says what a write may do to what already exists.
type WriteMode int

const (
	// Upsert creates what is missing and overwrites what differs.
	Upsert WriteMode = iota
	// CreateOnly creates what is missing and leaves what is identical, but
	// refuses, with CONFLICT, to overwrite anything that differs: creating the
	// same thing twice is harmless, creating something else under a taken id
	// is a mistake.
	CreateOnly
)

// Retraction marks a claim withdrawn. A retracted claim is kept, with who
// retracted it, when and why, but no longer counts in tolls, totals,
// timelines or filters.
type Retraction struct {
	By     string    `json:"by"`
	At     time.Time `json:"at"`
	Reason string    `json:"reason"`
}

// Merge records that one entity was found to be another and merged into it:
// its names became aliases of the kept entity, and its relations and claims
// moved there.
type Merge struct {
	ID         string    `json:"id"`
	KeptID     string    `json:"kept"`
	MergedID   string    `json:"merged"`
	MergedName string    `json:"mergedName"`
	MergedKind string    `json:"mergedKind"` // NodePlace, NodeIncident, NodeArticle or an ActorKind
	Reason     string    `json:"reason"`
	By         string    `json:"by"`
	At         time.Time `json:"at"`
	Moved      int       `json:"moved"` // relations and claims moved to the kept entity
}

// Validate checks the merge as field of a document.
func (m *Merge) Validate(field string) error {
	if m.ID == "" || m.KeptID == "" || m.MergedID == "" {
		return Invalidf(field, "a merge has an id, kept and merged")
	}
	return nil
}

// WriteService writes to the graph. Every write is one transaction: all of it
// or, on any error, none of it.
type WriteService interface {
	// WriteDocument validates doc, checks its references against itself and
	// the graph, and writes it.
	WriteDocument(ctx context.Context, doc *Document, mode WriteMode, a Author) (Changes, error)
	// WriteDocuments writes valid documents in one transaction, in order; a
	// document may reference what an earlier one defines. Each document's
	// changes are at its index; a document whose references fail is not
	// written, and its error is at its index in errs.
	WriteDocuments(ctx context.Context, docs []*Document, a Author) (changes []Changes, errs []error, err error)
	// FindRefs returns what the graph holds of ids, as a write checks a
	// document's references against it, for checking without writing.
	FindRefs(ctx context.Context, ids []string) (map[string]Ref, error)
	// CreateEntity writes the incident, place, actor or article e as
	// InputDocument(e), in CreateOnly mode, and returns it as written.
	CreateEntity(ctx context.Context, e Entity, a Author) (Entity, Outcome, error)
	// RecordClaim writes the claim c as InputDocument(c), in CreateOnly mode,
	// and returns it as written.
	RecordClaim(ctx context.Context, c *Claim, a Author) (*Claim, Outcome, error)
	// AddRelation writes the relation r as InputDocument(r), in CreateOnly
	// mode, and returns it as written: the link, as its start sees it.
	AddRelation(ctx context.Context, r *Relation, a Author) (*Link, Outcome, error)
	// UpdateEntity reads the entity id, with a lock on it until the write
	// commits, lets edit turn it into a document, writes that, and returns
	// the entity as written.
	UpdateEntity(ctx context.Context, id string, edit func(Entity) (*Document, error), a Author) (Entity, Outcome, error)
	// RetractClaim marks a claim retracted; retracting it again changes nothing.
	RetractClaim(ctx context.Context, id, reason string, a Author) (*Claim, error)
	// UpdateClaim reads the claim id, locked until the write commits, lets
	// edit correct it, checks it as a recorded claim and writes it.
	UpdateClaim(ctx context.Context, id string, edit func(*Claim) error, a Author) (*Claim, Outcome, error)
	// UpdateArticle is UpdateEntity for an article; a text that breaks the
	// quote of any of its claims is refused with QUOTE_BROKEN.
	UpdateArticle(ctx context.Context, id string, edit func(*Article) error, a Author) (*Article, Outcome, error)
	// RetractRelation removes a relation from every query, keeping its state,
	// who, when and why (a.Reason) in a RETRACT revision, which it returns.
	RetractRelation(ctx context.Context, t RelationType, from, to string, a Author) (*Revision, error)
	// MergeEntities merges the entity merged into kept and records it.
	MergeEntities(ctx context.Context, kept, merged, reason string, a Author) (*Merge, error)
	// FindMerges returns the merges into each entity, oldest first.
	FindMerges(ctx context.Context, keptIDs []string) (map[string][]*Merge, error)
	// FindMerge returns the latest merge of mergedID into another entity, or
	// nil.
	FindMerge(ctx context.Context, mergedID string) (*Merge, error)
}

// Natural keys: the id a create… or record… mutation gives what it creates
// when the client gives none. The same input gives the same id, so a retried
// mutation finds what the first one wrote instead of creating it again.

// PlaceID is place:<slug of the name>.
func PlaceID(name string) string { return "place:" + Slug(name) }

// ActorID is a prefix for the kind and the slug of the name: group:isis.
func ActorID(kind ActorKind, name string) string {
	prefix := map[ActorKind]string{ActorArmedGroup: "group", ActorMonitor: "monitor", ActorOutlet: "outlet"}[kind]
	if prefix == "" {
		prefix = "person"
	}
	return prefix + ":" + Slug(name)
}

// IncidentID is incident:<slug of the name>:<date>.
func IncidentID(name string, d Date) string {
	date := d.Value
	if date == "" {
		date = "undated"
	}
	return "incident:" + Slug(name) + ":" + date
}

// ArticleID is article:<digest of the text>: an article is its text.
func ArticleID(text string) string { return "article:" + digest(text) }

// ClaimID is claim:<digest of stance, speaker, incident, article and quote>:
// the same words from the same article are the same claim.
func ClaimID(c *Claim) string {
	return "claim:" + digest(strings.Join([]string{string(c.Stance), c.SpeakerID, c.IncidentID, c.ArticleID, c.Quote}, "\x00"))
}

func digest(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:8])
}

// Slug is s in lower case, letters and digits kept, every other run of
// characters one hyphen: "Deir ez-Zor" is deir-ez-zor. A slug of over 80
// bytes is cut to its first 64, a hyphen and a digest of the whole: 81 at
// most. (Ids are made from slugs, so this stays as it is.)
func Slug(s string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			hyphen = false
			b.WriteRune(r)
			continue
		}
		hyphen = true
	}
	out := b.String()
	if out == "" {
		return digest(s)
	}
	// Ids stay short: a long name keeps its start and a digest of the rest.
	if len(out) > 80 {
		cut := 64
		for !utf8.RuneStart(out[cut]) {
			cut--
		}
		out = out[:cut] + "-" + digest(out)
	}
	return out
}
