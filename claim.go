package strikegraph

import (
	"context"
	"strings"
)

// Stance is what a claim does to an incident. It is the claim's edge type in
// the graph: (speaker)-[:REPORTED|DENIED|RESPONDED]->(incident).
type Stance string

const (
	StanceReported  Stance = "REPORTED"  // states that it happened, with figures where given
	StanceDenied    Stance = "DENIED"    // denies civilian harm, the report's credibility, the target or responsibility
	StanceResponded Stance = "RESPONDED" // neither: acknowledges, investigates, confirms a strike, justifies a target
)

// Denial is what a DENIED claim denies.
type Denial string

const (
	DeniesCivilianHarm   Denial = "CIVILIAN_HARM"  // "no civilian casualties are associated"
	DeniesCredibility    Denial = "CREDIBILITY"    // "not credible", "unsubstantiated"
	DeniesTarget         Denial = "TARGET"         // that what was hit is what the report says
	DeniesResponsibility Denial = "RESPONSIBILITY" // that it carried out the strike
)

// Response is what a RESPONDED claim does. A belligerent that acknowledges a
// report, investigates it or justifies the target has not denied anything, and
// one that concedes casualties has REPORTED them.
type Response string

const (
	RespondsAcknowledged    Response = "ACKNOWLEDGED"     // aware of the report
	RespondsInvestigating   Response = "INVESTIGATING"    // assessing, investigating, reviewing
	RespondsConfirmedStrike Response = "CONFIRMED_STRIKE" // confirms it struck there, says nothing of harm
	RespondsJustified       Response = "JUSTIFIED"        // justifies the target: "lost its protected status"
	RespondsUnverified      Response = "UNVERIFIED"       // could not verify: a relaying outlet, an activist
	RespondsOther           Response = "OTHER"
)

// Figure is a number as a source states it: "at least 43" is {43, nil},
// "between 30 and 60" is {30, 60}, "roughly 15" is {15, 15} with Approximate.
// Bounds are inclusive; Text keeps the source's words.
type Figure struct {
	Min         *int   `json:"min,omitempty"`
	Max         *int   `json:"max,omitempty"`
	Approximate bool   `json:"approximate,omitempty"`
	Text        string `json:"text"`
}

// Figures are the tolls a report states; nil where the report says nothing.
type Figures struct {
	CiviliansKilled  *Figure `json:"civiliansKilled,omitempty"`
	ChildrenKilled   *Figure `json:"childrenKilled,omitempty"`
	WomenKilled      *Figure `json:"womenKilled,omitempty"`
	Injured          *Figure `json:"injured,omitempty"`
	CombatantsKilled *Figure `json:"combatantsKilled,omitempty"`
	Killed           *Figure `json:"killed,omitempty"` // people killed, civilian status not stated
}

// Claim is one statement about an incident, kept as it was said: who said it
// (and for whom), when, where it was published and in what words.
type Claim struct {
	ID           string   `json:"id"`
	Stance       Stance   `json:"stance"`
	SpeakerID    string   `json:"speaker"`              // actor id
	OnBehalfOfID string   `json:"onBehalfOf,omitempty"` // actor id, when a spokesperson speaks for an organisation
	IncidentID   string   `json:"incident"`             // incident id
	ArticleID    string   `json:"article"`              // the article the claim is taken from
	Quote        string   `json:"quote"`                // verbatim from the article
	Direct       bool     `json:"direct,omitempty"`     // the quote is the speaker's own words, not the article's paraphrase
	StatedOn     Date     `json:"statedOn"`
	ViaIDs       []string `json:"via,omitempty"`    // actor ids that relayed it: "citing the report", "in an email to AP"
	PlaceIDs     []string `json:"places,omitempty"` // where the speaker says it happened, when it differs between sources
	Figures      Figures  `json:"figures,omitempty"`
	Denies       Denial   `json:"denies,omitempty"`
	Response     Response `json:"response,omitempty"`
	Note         string   `json:"note,omitempty"`
	// UpdatesID is the claim this one updates: the same source's earlier
	// statement about the same incident (a later count), which stays as
	// history.
	UpdatesID string `json:"updates,omitempty"`

	Retracted  *Retraction `json:"retracted,omitempty"` // withdrawn, kept with who, when and why
	Provenance Provenance  `json:"-"`
}

// Validate checks the claim as field of a document, but for its id: what it
// names, its quote, its date and what its stance needs.
func (c *Claim) Validate(field string) error {
	if c.SpeakerID == "" || c.IncidentID == "" || c.ArticleID == "" {
		return Invalidf(field, "speaker, incident and article are required")
	}
	if strings.TrimSpace(c.Quote) == "" {
		return Invalidf(field+".quote", "a claim needs the article's words")
	}
	if err := c.StatedOn.Validate(field + ".statedOn"); err != nil {
		return err
	}
	if err := validStance(field, c); err != nil {
		return err
	}
	if err := validQuote(field+".quote", c.Quote); err != nil {
		return err
	}
	if err := validText(field+".note", c.Note); err != nil {
		return err
	}
	if c.UpdatesID != "" && c.UpdatesID == c.ID {
		return Invalidf(field+".updates", "a claim does not update itself")
	}
	return nil
}

// DenialIfAny and ResponseIfAny are Denies and Response, nil when unset.
func (c *Claim) DenialIfAny() *Denial     { return ifAny(c.Denies) }
func (c *Claim) ResponseIfAny() *Response { return ifAny(c.Response) }

// ifAny is nil for the zero value: an absent enum or string is null. The
// methods built on it take no context, so that GraphQL resolves them in
// line, not in a goroutine of their own for each item of a list.
func ifAny[T comparable](v T) *T {
	var zero T
	if v == zero {
		return nil
	}
	return &v
}

// Standing tells whether a claim still counts: it has not been retracted.
func (c *Claim) Standing() bool { return c.Retracted == nil }

// Source is who a claim counts for: the organisation a spokesperson speaks
// for, else the speaker.
func (c *Claim) Source() string {
	if c.OnBehalfOfID != "" {
		return c.OnBehalfOfID
	}
	return c.SpeakerID
}

// ClaimService finds claims.
type ClaimService interface {
	FindClaimByID(ctx context.Context, id string) (*Claim, error)
	// FindClaims returns a page of claims.
	FindClaims(ctx context.Context, q ListQuery[ClaimWhere]) (Slice[Claim], error)
	// FindClaimsOf returns the claims of each entity of ids that where
	// selects (all when nil), by id, with the entities they name that ends
	// asks for.
	FindClaimsOf(ctx context.Context, of ClaimsOf, ids []string, where *ClaimWhere, ends ClaimEnds) (ClaimsFound, error)
	// FindClaimsUpdating returns, for each claim id, the standing claims
	// that name it in updates, oldest statement first.
	FindClaimsUpdating(ctx context.Context, ids []string) (map[string][]*Claim, error)
}

// ClaimsOf says whose claims a nested list gives.
type ClaimsOf string

const (
	ClaimsOfIncident ClaimsOf = "incident" // the claims about an incident
	ClaimsOfActor    ClaimsOf = "actor"    // what an actor said, and what its spokespeople said on its behalf
	ClaimsOfArticle  ClaimsOf = "article"  // the claims an article carries
	ClaimsOfRelayer  ClaimsOf = "relayer"  // the claims an actor relayed (their via names it)
)

// ClaimEnds say which of the entities a claim names to read with it, and
// which of their fields, so that a request need not ask for them again. The
// publisher is the article's, read when the article is. Own names the
// claim's own fields to read; when it names none, all are read. Of is the
// entity whose claims they are, read with them when wanted, so that a
// query for one entity and its claims is one statement.
type ClaimEnds struct {
	Speaker, Incident, Article, Publisher, OnBehalfOf Fields
	Own                                               Fields
	Of                                                Fields
}

// Or is what either asks for.
func (e ClaimEnds) Or(o ClaimEnds) ClaimEnds {
	own := e.Own.Or(o.Own)
	if !e.Own.Wanted() || !o.Own.Wanted() {
		own = Fields{} // one of them reads all
	}
	return ClaimEnds{e.Speaker.Or(o.Speaker), e.Incident.Or(o.Incident), e.Article.Or(o.Article),
		e.Publisher.Or(o.Publisher), e.OnBehalfOf.Or(o.OnBehalfOf), own, e.Of.Or(o.Of)}
}

// ClaimsFound are claims by the id they were asked for, and the entities
// they name that were read with them, by the Key of the fields read.
type ClaimsFound struct {
	ByID     map[string][]*Claim
	Entities map[string][]Entity
}

// Named returns each figure field by its name in the import format, for code
// that handles the figures one by one.
func (fs *Figures) Named() map[string]**Figure {
	return map[string]**Figure{
		"civiliansKilled": &fs.CiviliansKilled, "childrenKilled": &fs.ChildrenKilled, "womenKilled": &fs.WomenKilled,
		"injured": &fs.Injured, "combatantsKilled": &fs.CombatantsKilled, "killed": &fs.Killed,
	}
}

// ClaimWhere selects claims: every field given must hold, and AND, OR and
// NOT combine inputs.
type ClaimWhere struct {
	AND []*ClaimWhere
	OR  []*ClaimWhere
	NOT *ClaimWhere

	IDIn      []string
	Retracted *bool
	StanceIn  []Stance
	Speaker   *string // said by the actor or on its behalf
	// SpeakerIn is Speaker for any of several actors: what includeSubordinates
	// reads. It is no GraphQL input.
	SpeakerIn       []string
	SpeakerKindIn   []ActorKind
	Incident        *string
	Article         *string
	Place           *string // about an incident in or near the place or a place within it
	Via             *string // relayed by the actor: an outlet citing the report, an agency quoting it
	IncidentDateGTE *string // the incident's date, YYYY-MM-DD, YYYY-MM or YYYY
	IncidentDateLTE *string
	StatedOnGTE     *string // when the claim was made, as its source dates it (the first day it may stand for)
	StatedOnLTE     *string
	RecordedAtGTE   *string // the UTC day the claim was recorded in the graph
	RecordedAtLTE   *string
	CivilianTollGTE *int // a civilian toll of at least this
	CivilianTollLTE *int
	DeniesIn        []Denial
	ResponseIn      []Response
	Text            *string // in the quote, case-insensitive
}

// Validate checks the filter and every filter nested in it.
func (w *ClaimWhere) Validate() error {
	if w == nil {
		return nil
	}
	return validate(w)
}

func (w *ClaimWhere) children() []filterNode { return children(w.AND, w.OR, w.NOT) }

func (w *ClaimWhere) check() (int, error) {
	var c fieldCheck
	c.ids(w.IDIn)
	c.set(w.Retracted != nil)
	c.set(w.StanceIn != nil)
	c.set(w.SpeakerKindIn != nil)
	c.set(w.DeniesIn != nil)
	c.set(w.ResponseIn != nil)
	c.set(w.Speaker != nil)
	c.set(w.SpeakerIn != nil)
	c.set(w.Incident != nil)
	c.set(w.Article != nil)
	c.set(w.Place != nil)
	c.set(w.Via != nil)
	c.date("where.incidentDate_GTE", w.IncidentDateGTE, false)
	c.date("where.incidentDate_LTE", w.IncidentDateLTE, true)
	c.date("where.statedOn_GTE", w.StatedOnGTE, false)
	c.date("where.statedOn_LTE", w.StatedOnLTE, true)
	c.date("where.recordedAt_GTE", w.RecordedAtGTE, false)
	c.date("where.recordedAt_LTE", w.RecordedAtLTE, true)
	c.set(w.CivilianTollGTE != nil)
	c.set(w.CivilianTollLTE != nil)
	if w.Text != nil {
		c.n++
		if len(*w.Text) > 300 && c.err == nil {
			c.err = Invalidf("where.text", "give at most 300 bytes")
		}
	}
	return c.result()
}

// ClaimSort orders claims by one field.
type ClaimSort struct {
	IncidentDate *SortDirection
	CivilianToll *SortDirection
	StatedOn     *SortDirection // when the claim was made; undated claims last
	RecordedAt   *SortDirection // when it was recorded in the graph
}

func (s *ClaimSort) fields() map[string]*SortDirection {
	return map[string]*SortDirection{"incidentDate": s.IncidentDate, "civilianToll": s.CivilianToll,
		"statedOn": s.StatedOn, "recordedAt": s.RecordedAt}
}
