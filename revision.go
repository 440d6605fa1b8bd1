package strikegraph

import (
	"context"
	"slices"
	"strings"
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

// ClaimAsOf returns claim c as the graph held it at t, from c as it stands
// now and its revisions (in any order): every revision made at t or later
// is undone, newest first, and a retraction made at t or later with it.
// It is nil when c was recorded at t or later. c is not changed.
func ClaimAsOf(c *Claim, revs []*Revision, t time.Time) *Claim {
	if !c.Provenance.CreatedAt.Before(t) {
		return nil
	}
	was := *c
	was.ViaIDs = slices.Clone(c.ViaIDs)
	was.PlaceIDs = slices.Clone(c.PlaceIDs)
	for _, f := range was.Figures.Named() {
		if *f != nil {
			*f = ptrTo(**f) // its own copy, to change
		}
	}
	if c.Retracted != nil && !c.Retracted.At.Before(t) {
		was.Retracted = nil
	}
	was.Provenance = undo(revs, t, c.Provenance, was.setStored)
	return &was
}

// IncidentAsOf is ClaimAsOf for an incident's own fields: its names, scope,
// dates, target and description as the graph held them at t.
func IncidentAsOf(in *Incident, revs []*Revision, t time.Time) *Incident {
	if !in.Provenance.CreatedAt.Before(t) {
		return nil
	}
	was := *in
	was.Aliases = slices.Clone(in.Aliases)
	if in.Until != nil {
		was.Until = ptrTo(*in.Until)
	}
	was.Provenance = undo(revs, t, in.Provenance, was.setStored)
	return &was
}

// undo calls set with the earlier value of every field that a revision of
// revs made at t or later changed, newest first, and returns the
// provenance p as it stood at t: last changed by the latest revision
// before t, else when created. A retraction is the claim's own to undo.
func undo(revs []*Revision, t time.Time, p Provenance, set func(field string, v any, ok bool)) Provenance {
	p.UpdatedAt, p.UpdatedBy = p.CreatedAt, p.CreatedBy
	revs = slices.SortedStableFunc(slices.Values(revs), func(a, b *Revision) int { return b.At.Compare(a.At) })
	for _, rev := range revs {
		switch {
		case rev.Action == RevisionRetract:
		case rev.At.Before(t):
			if p.UpdatedAt.Before(rev.At) {
				p.UpdatedAt, p.UpdatedBy = rev.At, rev.By
			}
		default:
			for _, f := range rev.Fields {
				v, ok := rev.Earlier[f]
				set(f, v, ok)
			}
		}
	}
	return p
}

// setStored sets the incident's field stored as name to v, or unsets it
// (!ok); see Claim.setStored.
func (in *Incident) setStored(name string, v any, ok bool) {
	s, _ := v.(string)
	switch name {
	case "name":
		in.Name = s
	case "aliases":
		in.Aliases = storedStrings(v)
	case "description":
		in.Description = s
	case "scope":
		in.Scope = IncidentScope(s)
	case "target":
		in.Target = s
	case "dateValue", "datePrecision", "dateText", "dateNote":
		in.Date.setStored(strings.TrimPrefix(name, "date"), s)
	case "untilValue", "untilPrecision", "untilText", "untilNote":
		switch {
		case name == "untilPrecision" && !ok:
			in.Until = nil // an end is stored with its precision: without it, there is none
			return
		case in.Until == nil && !ok:
			return
		case in.Until == nil:
			in.Until = &Date{}
		}
		in.Until.setStored(strings.TrimPrefix(name, "until"), s)
	}
}

// setStored sets the part of a date stored under the suffix part (Value,
// Precision, Text, Note).
func (d *Date) setStored(part, s string) {
	switch part {
	case "Value":
		d.Value = s
	case "Precision":
		d.Precision = DatePrecision(s)
	case "Text":
		d.Text = s
	case "Note":
		d.Note = s
	}
}

func ptrTo[T any](v T) *T { return &v }

// setStored sets the claim's field stored as name (as a revision names
// it: civiliansKilledMin, statedOnValue, …) to v, or unsets it when the
// field was absent (!ok). Names it does not know are left: they are derived
// (statedOn, the date itself) or kept elsewhere.
func (c *Claim) setStored(name string, v any, ok bool) {
	s, _ := v.(string)
	switch name {
	case "speaker":
		c.SpeakerID = s
	case "incident":
		c.IncidentID = s
	case "onBehalfOf":
		c.OnBehalfOfID = s
	case "article":
		c.ArticleID = s
	case "quote":
		c.Quote = s
	case "note":
		c.Note = s
	case "updates":
		c.UpdatesID = s
	case "denies":
		c.Denies = Denial(s)
	case "response":
		c.Response = Response(s)
	case "direct":
		c.Direct, _ = v.(bool)
	case "via":
		c.ViaIDs = storedStrings(v)
	case "places":
		c.PlaceIDs = storedStrings(v)
	case "statedOnValue", "statedOnPrecision", "statedOnText", "statedOnNote":
		c.StatedOn.setStored(strings.TrimPrefix(name, "statedOn"), s)
	}
	for fig, f := range c.Figures.Named() {
		part, found := strings.CutPrefix(name, fig)
		if !found || !slices.Contains([]string{"Text", "Min", "Max", "Approximate"}, part) {
			continue
		}
		if part == "Text" && !ok {
			*f = nil // a figure is stored with its text: without it, there is none
			return
		}
		if *f == nil {
			if !ok {
				return
			}
			*f = &Figure{}
		}
		switch part {
		case "Text":
			(*f).Text = s
		case "Min":
			(*f).Min = storedInt(v, ok)
		case "Max":
			(*f).Max = storedInt(v, ok)
		case "Approximate":
			(*f).Approximate, _ = v.(bool)
		}
		return
	}
}

// storedInt is a stored whole number as a revision holds it: an int64 from
// Neo4j, a float64 through JSON.
func storedInt(v any, ok bool) *int {
	if !ok {
		return nil
	}
	switch n := v.(type) {
	case int64:
		return ptrTo(int(n))
	case int:
		return &n
	case float64:
		return ptrTo(int(n))
	}
	return nil
}

// storedStrings is a stored list of strings, nil when empty.
func storedStrings(v any) []string {
	var out []string
	switch l := v.(type) {
	case []string:
		out = slices.Clone(l)
	case []any:
		for _, s := range l {
			if s, ok := s.(string); ok {
				out = append(out, s)
			}
		}
	}
	return out
}
