package strikegraph

import (
	"cmp"
	"fmt"
)

// The mutations' inputs are the domain's types (gqlgen.yml binds them):
// createIncident's input is an Incident, recordReport's a Claim, and
// updateIncident's an IncidentUpdate, whose fields given replace the
// entity's and the others stay. A mutation writes a document of its one item
// named "input", so errors name the input's fields ("input.date.value").

// InputDocument is the document a mutation writes: its one item, a pointer
// to an Incident, Place, Actor, Article, Relation or Claim, with its id
// defaulted (DefaultID).
func InputDocument(item any) *Document {
	DefaultID(item)
	d := &Document{Input: true}
	switch it := item.(type) {
	case *Incident:
		d.Incidents = []Incident{*it}
	case *Place:
		d.Places = []Place{*it}
	case *Actor:
		d.Actors = []Actor{*it}
	case *Article:
		d.Articles = []Article{*it}
	case *Relation:
		d.Relations = []Relation{*it}
	case *Claim:
		d.Claims = []Claim{*it}
	default:
		panic(fmt.Sprintf("no document holds a %T", item))
	}
	return d
}

// DefaultID gives item, given no id, the id of its natural key (IncidentID,
// PlaceID, …), so that a mutation sent twice writes one item.
func DefaultID(item any) {
	switch it := item.(type) {
	case *Incident:
		it.ID = cmp.Or(it.ID, IncidentID(it.Name, it.Date))
	case *Place:
		it.ID = cmp.Or(it.ID, PlaceID(it.Name))
	case *Actor:
		it.ID = cmp.Or(it.ID, ActorID(it.Kind, it.Name))
	case *Article:
		it.ID = cmp.Or(it.ID, ArticleID(it.Text))
	case *Claim:
		it.ID = cmp.Or(it.ID, ClaimID(it))
	}
}

// IncidentUpdate is what updateIncident changes.
type IncidentUpdate struct {
	Name        *string
	Aliases     []string
	Scope       *IncidentScope
	Date        *Date
	Until       *Date
	Target      *string
	Description *string
}

// Edit is the document updating e with u.
func (u *IncidentUpdate) Edit(e Entity) (*Document, error) {
	in, ok := e.(*Incident)
	if !ok {
		return nil, Invalidf("id", "%q is not an incident", e.EntityID())
	}
	set(&in.Name, u.Name)
	set(&in.Scope, u.Scope)
	set(&in.Target, u.Target)
	set(&in.Description, u.Description)
	set(&in.Date, u.Date)
	if u.Aliases != nil {
		in.Aliases = u.Aliases
	}
	if u.Until != nil {
		in.Until = u.Until
	}
	return InputDocument(in), nil
}

// PlaceUpdate is what updatePlace changes. Latitude and longitude go
// together: given one, the other is what is given of it.
type PlaceUpdate struct {
	Name         *string
	Aliases      []string
	Kind         *PlaceKind
	Latitude     *float64
	Longitude    *float64
	GeoPrecision *GeoPrecision
	GeoSource    *string
	Description  *string
}

// Edit is the document updating e with u.
func (u *PlaceUpdate) Edit(e Entity) (*Document, error) {
	p, ok := e.(*Place)
	if !ok {
		return nil, Invalidf("id", "%q is not a place", e.EntityID())
	}
	set(&p.Name, u.Name)
	set(&p.Kind, u.Kind)
	set(&p.GeoPrecision, u.GeoPrecision)
	set(&p.GeoSource, u.GeoSource)
	set(&p.Description, u.Description)
	if u.Aliases != nil {
		p.Aliases = u.Aliases
	}
	if u.Latitude != nil || u.Longitude != nil {
		p.Latitude, p.Longitude = u.Latitude, u.Longitude
	}
	return InputDocument(p), nil
}

// ActorUpdate is what updateActor changes; an actor keeps its kind.
type ActorUpdate struct {
	Name        *string
	Aliases     []string
	Description *string
	Anonymous   *bool
}

// Edit is the document updating e with u.
func (u *ActorUpdate) Edit(e Entity) (*Document, error) {
	a, ok := e.(*Actor)
	if !ok {
		return nil, Invalidf("id", "%q is not an actor", e.EntityID())
	}
	set(&a.Name, u.Name)
	set(&a.Description, u.Description)
	set(&a.Anonymous, u.Anonymous)
	if u.Aliases != nil {
		a.Aliases = u.Aliases
	}
	return InputDocument(a), nil
}

// AddAliases is the document adding aliases to e, an incident, place or
// actor: each one it does not already have.
func AddAliases(e Entity, aliases []string) (*Document, error) {
	add := func(name string, have []string) []string {
		for _, a := range aliases {
			if a != name && !oneOf(a, have...) {
				have = append(have, a)
			}
		}
		return have
	}
	switch e := e.(type) {
	case *Incident:
		e.Aliases = add(e.Name, e.Aliases)
		return InputDocument(e), nil
	case *Place:
		e.Aliases = add(e.Name, e.Aliases)
		return InputDocument(e), nil
	case *Actor:
		e.Aliases = add(e.Name, e.Aliases)
		return InputDocument(e), nil
	}
	return nil, Invalidf("id", "an article has no aliases")
}

// ArticleUpdate is what updateArticle changes; its publisher is a relation.
type ArticleUpdate struct {
	Title       *string
	Text        *string
	Byline      *string
	Dateline    *string
	URL         *string
	Published   *Date
	Description *string
}

// Apply updates a with u.
func (u *ArticleUpdate) Apply(a *Article) error {
	set(&a.Title, u.Title)
	set(&a.Text, u.Text)
	set(&a.Byline, u.Byline)
	set(&a.Dateline, u.Dateline)
	set(&a.URL, u.URL)
	set(&a.Description, u.Description)
	set(&a.Published, u.Published)
	return nil
}

// ClaimUpdate is what updateClaim corrects. A claim keeps its stance,
// speaker, incident and article; figures given replace all its figures.
type ClaimUpdate struct {
	Quote      *string
	Direct     *bool
	StatedOn   *Date
	OnBehalfOf *string
	Via        []string
	Places     []string
	Note       *string
	Updates    *string
	Figures    *Figures
	Denies     *Denial
	Response   *Response
}

// Apply corrects c with u, refusing a field c's stance cannot hold rather
// than dropping it.
func (u *ClaimUpdate) Apply(c *Claim) error {
	switch {
	case u.Figures != nil && c.Stance != StanceReported:
		return Invalidf("input.figures", "only a REPORTED claim has figures; this one is %s", c.Stance)
	case u.Denies != nil && c.Stance != StanceDenied:
		return Invalidf("input.denies", "only a DENIED claim says what it denies; this one is %s", c.Stance)
	case u.Response != nil && c.Stance != StanceResponded:
		return Invalidf("input.response", "only a RESPONDED claim has a response; this one is %s", c.Stance)
	}
	set(&c.Quote, u.Quote)
	set(&c.Direct, u.Direct)
	set(&c.OnBehalfOfID, u.OnBehalfOf)
	set(&c.Note, u.Note)
	set(&c.UpdatesID, u.Updates)
	set(&c.Denies, u.Denies)
	set(&c.Response, u.Response)
	set(&c.StatedOn, u.StatedOn)
	set(&c.Figures, u.Figures)
	if u.Via != nil {
		c.ViaIDs = u.Via
	}
	if u.Places != nil {
		c.PlaceIDs = u.Places
	}
	return nil
}

// set sets *dst to *src when src is given.
func set[T any](dst, src *T) {
	if src != nil {
		*dst = *src
	}
}
