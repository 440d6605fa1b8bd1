package strikegraph

import (
	"context"
	"time"
)

// Revision is one change to a claim, an entity or a relation, with the state
// before it: who made it, when, why, which stored fields it changed and what
// they held. A write records its revisions in its own transaction, so a write
// that fails leaves none. The current state is the thing itself; each
// revision keeps what the change replaced.
type Revision struct {
	// Of is the id of what changed: a claim's or entity's id, or a
	// relation's "from|TYPE|to".
	Of     string
	Action RevisionAction
	By     string
	At     time.Time
	Reason string // "" when none was given
	// Fields are the stored fields the change set, changed or removed, as
	// stored: a claim's figures are civiliansKilledMin, …, its statedOn
	// statedOnValue, ….
	Fields []string
	// Earlier holds the fields' values before the change; a field that was
	// unset is absent.
	Earlier JSON
}

// RevisionAction is what kind of change a revision records.
type RevisionAction string

const (
	RevisionUpdate  RevisionAction = "UPDATE"  // a mutation or an import changed fields
	RevisionRetract RevisionAction = "RETRACT" // a claim or relation was retracted
	RevisionMerge   RevisionAction = "MERGE"   // another entity was merged into this one
)

// MaxReason bounds the reason a write gives, in bytes.
const MaxReason = 10000

// RevisionService reads the history of what the graph holds.
type RevisionService interface {
	// FindRevisions returns the revisions of each id, newest first.
	FindRevisions(ctx context.Context, ids []string) (map[string][]*Revision, error)
	// ClaimAsOf returns claim c as the graph held it at t, from c as it
	// stands now and its revisions (in any order): every revision made at t
	// or later is undone, newest first, and a retraction made at t or later
	// with it. It is nil when c was recorded at t or later. c is not
	// changed, and nothing is read.
	ClaimAsOf(c *Claim, revs []*Revision, t time.Time) *Claim
	// IncidentAsOf is ClaimAsOf for an incident's own fields: its names,
	// scope, dates, target and description.
	IncidentAsOf(in *Incident, revs []*Revision, t time.Time) *Incident
}

// RelationID is how a relation is named in revisions: "from|TYPE|to".
func RelationID(from string, t RelationType, to string) string {
	return from + "|" + string(t) + "|" + to
}

// ReasonIfAny is the reason, or nil when none was given.
func (r *Revision) ReasonIfAny() *string {
	if r.Reason == "" {
		return nil
	}
	return &r.Reason
}

// AsOfTime reads an asOf argument, YYYY-MM-DD, YYYY-MM or YYYY, as the end
// of that (UTC) day: what was recorded before it is what the graph said
// then. field names the argument in the error.
func AsOfTime(field, s string) (time.Time, error) {
	day, err := DateBound(field, s, true)
	if err != nil {
		return time.Time{}, err
	}
	return day.AddDate(0, 0, 1), nil
}
