package strikegraph

import (
	"context"
	"fmt"
	"iter"
	"maps"
	"slices"
	"strings"
	"unicode/utf8"
)

// Document is one import document, the project's annotation format: what one
// article states, or a gazetteer of places and actors. A document is loaded in
// one transaction; ids it references but does not define must already be in the
// graph. docs/annotation-format.md describes it for annotators.
type Document struct {
	Source    string     `json:"-"` // where it was read from, for messages
	Articles  []Article  `json:"articles,omitempty"`
	Places    []Place    `json:"places,omitempty"`
	Actors    []Actor    `json:"actors,omitempty"`
	Incidents []Incident `json:"incidents,omitempty"`
	Relations []Relation `json:"relations,omitempty"`
	Claims    []Claim    `json:"claims,omitempty"`
	Merges    []Merge    `json:"merges,omitempty"` // merges done in the graph this was exported from
	// Input, for the one-item document a mutation writes, names its item
	// "input" in errors, as the mutation names its argument.
	Input bool `json:"-"`
}

// Field is the field of item i of list ("incidents[0]"), for errors.
func (d *Document) Field(list string, i int) string {
	if d.Input {
		return "input"
	}
	return fmt.Sprintf("%s[%d]", list, i)
}

// maxText bounds every free-text field, and maxArticle an article's text, so
// one document cannot bloat the graph.
const (
	maxText    = 10000
	maxArticle = 1 << 20
)

// Validate checks the document on its own: required fields, enum values, ranges
// and duplicate ids; CheckReferences checks what it refers to. It returns the
// first problem found; Problems lists them all.
func (d *Document) Validate() error { return first(d.Problems()) }

// Problems lists what Validate finds wrong with the document: the first
// problem of each article, place, actor, incident, relation, claim and merge.
// The document checks each id (given, short, defined once); each item's
// Validate, the rest.
func (d *Document) Problems() []error {
	var problems []error
	ids := map[string]bool{}
	check := func(field string, id *string, validate func(string) error) {
		var err error
		if id != nil {
			err = define(ids, field, *id)
		}
		if err == nil {
			err = validate(field)
		}
		if err != nil {
			problems = append(problems, err)
		}
	}
	for i := range d.Articles {
		check(d.Field("articles", i), &d.Articles[i].ID, d.Articles[i].Validate)
	}
	for i := range d.Places {
		check(d.Field("places", i), &d.Places[i].ID, d.Places[i].Validate)
	}
	for i := range d.Actors {
		check(d.Field("actors", i), &d.Actors[i].ID, d.Actors[i].Validate)
	}
	for i := range d.Incidents {
		check(d.Field("incidents", i), &d.Incidents[i].ID, d.Incidents[i].Validate)
	}
	for i := range d.Relations {
		check(d.Field("relations", i), nil, d.Relations[i].Validate)
	}
	for i := range d.Claims {
		check(d.Field("claims", i), &d.Claims[i].ID, d.Claims[i].Validate)
	}
	for i := range d.Merges {
		check(d.Field("merges", i), nil, d.Merges[i].Validate)
	}
	return problems
}

// define checks the id of the item at field and records it in ids: it must
// be given, at most 200 bytes and not already defined.
func define(ids map[string]bool, field, id string) error {
	if strings.TrimSpace(id) == "" {
		return Invalidf(field+".id", "id is required")
	}
	if len(id) > 200 {
		return Invalidf(field+".id", "id is longer than 200 bytes")
	}
	if ids[id] {
		return &Error{Code: ECodeConflict, Field: field + ".id", Message: fmt.Sprintf("id %q is defined twice", id)}
	}
	ids[id] = true
	return nil
}

// validTexts checks texts, by their field names under prefix, in name order.
func validTexts(prefix string, texts map[string]string) error {
	for _, name := range slices.Sorted(maps.Keys(texts)) {
		if err := validText(prefix+"."+name, texts[name]); err != nil {
			return err
		}
	}
	return nil
}

// RelationEnds tells whether a relation of type t may join nodes of kinds from
// and to (an actor's kind is its ActorKind).
func RelationEnds(t RelationType, from, to string) bool {
	for _, e := range relationEnds[t] {
		fromOK := e[0] == from || (e[0] == "ACTOR" && isActorKind(from))
		toOK := e[1] == to || (e[1] == "ACTOR" && isActorKind(to))
		if fromOK && toOK {
			return true
		}
	}
	return false
}

func validQuote(field, quote string) error { return validText(field, quote) }

// validText bounds a free-text field.
func validText(field, s string) error {
	if len(s) > maxText || !utf8.ValidString(s) {
		return Invalidf(field, "must be valid UTF-8 of at most %d bytes", maxText)
	}
	return nil
}

func validStance(f string, c *Claim) error {
	hasFigures := c.Figures != (Figures{})
	switch c.Stance {
	case StanceReported:
		if c.Denies != "" || c.Response != "" {
			return Invalidf(f, "a REPORTED claim has neither denies nor response")
		}
		for name, fig := range c.Figures.Named() {
			if *fig == nil {
				continue
			}
			if err := (*fig).validate(f + ".figures." + name); err != nil {
				return err
			}
		}
	case StanceDenied:
		if !oneOf(c.Denies, DeniesCivilianHarm, DeniesCredibility, DeniesTarget, DeniesResponsibility) {
			return Invalidf(f+".denies", "a DENIED claim says what it denies; got %q", c.Denies)
		}
		if hasFigures || c.Response != "" {
			return Invalidf(f, "a DENIED claim has neither figures nor response")
		}
	case StanceResponded:
		if !oneOf(c.Response, RespondsAcknowledged, RespondsInvestigating, RespondsConfirmedStrike, RespondsJustified, RespondsUnverified, RespondsOther) {
			return Invalidf(f+".response", "a RESPONDED claim says how it responds; got %q", c.Response)
		}
		if hasFigures || c.Denies != "" {
			return Invalidf(f, "a RESPONDED claim has neither figures nor denies")
		}
	default:
		return Invalidf(f+".stance", "unknown stance %q", c.Stance)
	}
	return nil
}

func (fig *Figure) validate(field string) error {
	if fig.Min == nil && fig.Max == nil {
		return Invalidf(field, "a figure needs min, max or both")
	}
	if fig.Min != nil && *fig.Min < 0 || fig.Max != nil && *fig.Max < 0 {
		return Invalidf(field, "a toll is not negative")
	}
	if fig.Min != nil && fig.Max != nil && *fig.Min > *fig.Max {
		return Invalidf(field, "min %d is above max %d", *fig.Min, *fig.Max)
	}
	if strings.TrimSpace(fig.Text) == "" {
		return Invalidf(field+".text", "keep the source's words for the figure")
	}
	if err := validText(field+".text", fig.Text); err != nil {
		return err
	}
	return nil
}

func validName(field, name string, aliases []string) error {
	if strings.TrimSpace(name) == "" {
		return Invalidf(field+".name", "name is required")
	}
	for i, n := range append([]string{name}, aliases...) {
		if len(n) > 300 || !utf8.ValidString(n) {
			f := field + ".name"
			if i > 0 {
				f = fmt.Sprintf("%s.aliases[%d]", field, i-1)
			}
			return Invalidf(f, "a name must be valid UTF-8 of at most 300 bytes")
		}
	}
	return nil
}

func isActorKind(k string) bool {
	return oneOf(ActorKind(k), ActorArmedGroup, ActorMonitor, ActorOutlet, ActorPerson, ActorSpokesperson)
}

func oneOf[T comparable](v T, allowed ...T) bool {
	for _, a := range allowed {
		if v == a {
			return true
		}
	}
	return false
}

func abbreviate(s string) string {
	if len(s) <= 60 {
		return s
	}
	return s[:57] + "..."
}

// DocumentService tells about the graph as a whole.
type DocumentService interface {
	// IsEmpty tells whether the graph holds no entities.
	IsEmpty(ctx context.Context) (bool, error)
	// ExportDocument returns the whole graph as one document, which imports
	// back into the same graph, all but its provenance: each list in id
	// order, read as it is written.
	ExportDocument(ctx context.Context) *DocumentStream
}

// DocumentStream is a document read as it is written: each list in turn,
// in the order of Document's fields, each item once. An error ends a list.
type DocumentStream struct {
	Articles  iter.Seq2[*Article, error]
	Places    iter.Seq2[*Place, error]
	Actors    iter.Seq2[*Actor, error]
	Incidents iter.Seq2[*Incident, error]
	Relations iter.Seq2[*Relation, error]
	Claims    iter.Seq2[*Claim, error]
	Merges    iter.Seq2[*Merge, error]
}

// Document reads the whole stream, for a graph that fits in memory.
func (s *DocumentStream) Document() (*Document, error) {
	doc := &Document{}
	for _, read := range []func() error{
		func() error { return collect(&doc.Articles, s.Articles) }, func() error { return collect(&doc.Places, s.Places) },
		func() error { return collect(&doc.Actors, s.Actors) }, func() error { return collect(&doc.Incidents, s.Incidents) },
		func() error { return collect(&doc.Relations, s.Relations) }, func() error { return collect(&doc.Claims, s.Claims) },
		func() error { return collect(&doc.Merges, s.Merges) },
	} {
		if err := read(); err != nil {
			return nil, err
		}
	}
	return doc, nil
}

func collect[T any](list *[]T, seq iter.Seq2[*T, error]) error {
	for it, err := range seq {
		if err != nil {
			return err
		}
		*list = append(*list, *it)
	}
	return nil
}

// Ref is what a document may reference: an entity's kind (NodeIncident,
// NodePlace, NodeArticle or an ActorKind) and, for an article, its text.
type Ref struct {
	Kind string
	Text string
}

// Refs returns what d defines, by id.
func (d *Document) Refs() map[string]Ref {
	refs := map[string]Ref{}
	for _, a := range d.Articles {
		refs[a.ID] = Ref{Kind: NodeArticle, Text: a.Text}
	}
	for _, p := range d.Places {
		refs[p.ID] = Ref{Kind: NodePlace}
	}
	for _, a := range d.Actors {
		refs[a.ID] = Ref{Kind: string(a.Kind)}
	}
	for _, in := range d.Incidents {
		refs[in.ID] = Ref{Kind: NodeIncident}
	}
	return refs
}

type reference struct {
	field, id string
	kinds     []string
	quote     string
}

// references calls fn with every id d references, with the kinds allowed
// there ("ACTOR" for any actor) and the quote to find when it is an article.
func (d *Document) references(fn func(field, id string, kinds []string, quote string) error) error {
	actor := []string{"ACTOR"}
	for i, a := range d.Articles {
		if a.PublisherID != "" {
			if err := fn(d.Field("articles", i)+".publisher", a.PublisherID, PublisherKinds, ""); err != nil {
				return err
			}
		}
	}
	for i, r := range d.Relations {
		f := d.Field("relations", i)
		if err := fn(f+".from", r.From, nil, ""); err != nil {
			return err
		}
		if err := fn(f+".to", r.To, nil, ""); err != nil {
			return err
		}
		if r.Article != "" {
			if err := fn(f+".article", r.Article, []string{NodeArticle}, r.Quote); err != nil {
				return err
			}
		}
	}
	for i, c := range d.Claims {
		f := d.Field("claims", i)
		checks := []reference{
			{"speaker", c.SpeakerID, actor, ""},
			{"onBehalfOf", c.OnBehalfOfID, actor, ""},
			{"incident", c.IncidentID, []string{NodeIncident}, ""},
			{"article", c.ArticleID, []string{NodeArticle}, c.Quote},
		}
		for j, id := range c.ViaIDs {
			checks = append(checks, reference{fmt.Sprintf("via[%d]", j), id, actor, ""})
		}
		for j, id := range c.PlaceIDs {
			checks = append(checks, reference{fmt.Sprintf("places[%d]", j), id, []string{NodePlace}, ""})
		}
		for _, ch := range checks {
			if ch.id == "" {
				continue
			}
			if err := fn(f+"."+ch.field, ch.id, ch.kinds, ch.quote); err != nil {
				return err
			}
		}
	}
	return nil
}

// ExternalIDs returns the ids d references but does not define.
func (d *Document) ExternalIDs() []string {
	own := d.Refs()
	seen := map[string]bool{}
	var ids []string
	d.references(func(_, id string, _ []string, _ string) error {
		if _, ok := own[id]; !ok && !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
		return nil
	})
	return ids
}

// CheckReferences checks that every id d references is in refs (d's own
// definitions and what the graph already holds), of a kind allowed there, that
// each relation joins kinds it may join, and that every quote stands verbatim
// in its article. It returns the first problem; ReferenceProblems all.
func (d *Document) CheckReferences(refs map[string]Ref) error {
	return first(d.ReferenceProblems(refs))
}

// ReferenceProblems lists what CheckReferences finds wrong, each reference
// apart.
func (d *Document) ReferenceProblems(refs map[string]Ref) []error {
	var problems []error
	d.references(func(field, id string, kinds []string, quote string) error {
		ref, ok := refs[id]
		switch {
		case !ok:
			problems = append(problems, &Error{Code: ECodeInvalid, Field: field, Message: fmt.Sprintf("unknown reference %q", id)})
		case kinds != nil && !oneOf(ref.Kind, kinds...) && !(oneOf("ACTOR", kinds...) && isActorKind(ref.Kind)):
			problems = append(problems, Invalidf(field, "%q is a %s; it must be: %s", id, ref.Kind, strings.Join(kinds, " or ")))
		case quote != "" && !strings.Contains(ref.Text, quote):
			problems = append(problems, Invalidf(field, "the quote %q does not stand verbatim in article %s", abbreviate(quote), id))
		}
		return nil
	})
	for i, r := range d.Relations {
		from, ok1 := refs[r.From]
		to, ok2 := refs[r.To]
		if ok1 && ok2 && !RelationEnds(r.Type, from.Kind, to.Kind) {
			problems = append(problems, Invalidf(d.Field("relations", i), "%s cannot join a %s to a %s", r.Type, from.Kind, to.Kind))
		}
	}
	return problems
}

// first is the first of errs, or nil.
func first(errs []error) error {
	if len(errs) == 0 {
		return nil
	}
	return errs[0]
}
