package strikegraph

import (
	"context"
	"time"
)

// IncidentScope separates a single strike from what sources count over an area
// and a period: "191 civilians since 10 September" is not one strike.
type IncidentScope string

const (
	ScopeStrike IncidentScope = "STRIKE" // one strike or one attack
	ScopeSeries IncidentScope = "SERIES" // strikes on one occasion that sources describe together
	ScopePeriod IncidentScope = "PERIOD" // an area over a period: cumulative figures
)

// Incident is something that happened, about which claims are made. Its places,
// perpetrators and targets are relations (LOCATED_IN, LOCATED_NEAR, CARRIED_OUT,
// TARGETED); what was said about it are claims.
type Incident struct {
	ID          string        `json:"id"`
	Name        string        `json:"name"`
	Aliases     []string      `json:"aliases,omitempty"`
	Scope       IncidentScope `json:"scope"`
	Date        Date          `json:"date"`
	Until       *Date         `json:"until,omitempty"`  // end of a PERIOD, or of a SERIES over several days
	Target      string        `json:"target,omitempty"` // what was hit, as sources describe it: "a bakery"
	Description string        `json:"description,omitempty"`
	Provenance  Provenance    `json:"-"`
}

// Validate checks the incident as field of a document, but for its id: its
// names, its scope and its dates.
func (in *Incident) Validate(field string) error {
	if err := validName(field, in.Name, in.Aliases); err != nil {
		return err
	}
	if !oneOf(in.Scope, ScopeStrike, ScopeSeries, ScopePeriod) {
		return Invalidf(field+".scope", "unknown scope %q", in.Scope)
	}
	if err := in.Date.Validate(field + ".date"); err != nil {
		return err
	}
	if err := validTexts(field, map[string]string{"target": in.Target, "description": in.Description}); err != nil {
		return err
	}
	if in.Until == nil {
		return nil
	}
	if err := in.Until.Validate(field + ".until"); err != nil {
		return err
	}
	from, ok1 := in.Date.Start()
	until, ok2 := in.Until.Start()
	if ok1 && ok2 && until.Before(from) {
		return Invalidf(field+".until", "ends before it starts")
	}
	return nil
}

// IncidentService finds incidents.
type IncidentService interface {
	// FindIncidents returns a page of incidents.
	FindIncidents(ctx context.Context, q ListQuery[IncidentWhere]) (Slice[Incident], error)
	// FindLinkedIncidents returns, per entity of l, the incidents at the
	// other end of its edges that where selects (all when nil), by id.
	FindLinkedIncidents(ctx context.Context, l Linked, where *IncidentWhere) (map[string][]*Incident, error)
}

// TollRange is the spread of the figures reported for one incident.
type TollRange struct {
	Lowest    *int
	Highest   *int
	Reports   int
	Reporters int
}

// TollOptions choose the claims a toll counts.
type TollOptions struct {
	// Latest counts each source's latest figure only: of its claims that
	// state one, the last stated (statedOn; undated ones first), then the
	// last recorded. A source's successive counts are then one, its last.
	Latest bool
	// AsOf, when set, counts what had been recorded before it: claims
	// recorded before AsOf and not retracted before it. A claim's figures
	// are as they stand now: a claim whose figures were changed in place
	// keeps no earlier ones.
	AsOf *time.Time
}

// CivilianToll returns the spread of the civilian tolls in claims: the lowest
// lower bound, the highest bound, and how many reports and distinct sources
// give one. A spokesperson counts as the organisation it speaks for; a
// retracted claim does not count.
func CivilianToll(claims []*Claim, o TollOptions) TollRange {
	return tollRange(claims, o, func(fs Figures) *Figure { return fs.CiviliansKilled })
}

// Toll is CivilianToll over every death toll: civilians, or people whose
// status the source did not state.
func Toll(claims []*Claim, o TollOptions) TollRange {
	return tollRange(claims, o, func(fs Figures) *Figure {
		if fs.CiviliansKilled != nil {
			return fs.CiviliansKilled
		}
		return fs.Killed
	})
}

func tollRange(claims []*Claim, o TollOptions, figure func(Figures) *Figure) TollRange {
	var counted []*Claim
	latest := map[string]int{} // source → its claim's index in counted
	for _, c := range claims {
		if c.Stance != StanceReported || figure(c.Figures) == nil || !o.standing(c) {
			continue
		}
		if i, ok := latest[c.Source()]; ok && o.Latest {
			if later(c, counted[i]) {
				counted[i] = c
			}
			continue
		}
		latest[c.Source()] = len(counted)
		counted = append(counted, c)
	}
	var t TollRange
	for _, c := range counted {
		f := figure(c.Figures)
		t.Reports++
		low, high := f.Min, f.Max
		if low == nil {
			low = high
		}
		if high == nil {
			high = low
		}
		if t.Lowest == nil || *low < *t.Lowest {
			t.Lowest = low
		}
		if t.Highest == nil || *high > *t.Highest {
			t.Highest = high
		}
	}
	t.Reporters = len(latest)
	return t
}

// standing tells whether c counted at o.AsOf, or now.
func (o TollOptions) standing(c *Claim) bool {
	if o.AsOf == nil {
		return c.Standing()
	}
	return c.Provenance.CreatedAt.Before(*o.AsOf) && (c.Retracted == nil || !c.Retracted.At.Before(*o.AsOf))
}

// later tells whether a was said after b: by statedOn (undated first), then
// by when each was recorded.
func later(a, b *Claim) bool {
	ta, oka := a.StatedOn.Start()
	tb, okb := b.StatedOn.Start()
	switch {
	case oka != okb:
		return oka
	case !ta.Equal(tb):
		return ta.After(tb)
	}
	return a.Provenance.CreatedAt.After(b.Provenance.CreatedAt)
}

// Contested tells whether claims report civilian harm and deny it: a civilian,
// child or women's toll or injuries reported, and a denial of any kind.
// Retracted claims do not count.
func Contested(claims []*Claim) bool {
	var harmed, denied bool
	for _, c := range claims {
		if !c.Standing() {
			continue
		}
		switch c.Stance {
		case StanceReported:
			fs := c.Figures
			harmed = harmed || fs.CiviliansKilled != nil || fs.ChildrenKilled != nil || fs.WomenKilled != nil || fs.Injured != nil
		case StanceDenied:
			denied = true
		}
	}
	return harmed && denied
}

// IncidentWhere selects incidents: every field given must hold, and AND, OR
// and NOT combine inputs. Dates compare by the first day an incident's date
// may stand for; undated incidents meet no date condition.
type IncidentWhere struct {
	AND []*IncidentWhere
	OR  []*IncidentWhere
	NOT *IncidentWhere

	IDIn            []string
	ScopeIn         []IncidentScope
	DateGTE         *string // YYYY-MM-DD, YYYY-MM or YYYY: from its first day
	DateLTE         *string // to its last day
	Place           *string // in or near the place, or in or near a place within it
	Actor           *string // carried out, targeted, or spoken of by the actor or on its behalf
	Perpetrator     *string
	Stance          *Stance    // some claim of this stance was made
	ReporterKind    *ActorKind // reported by an actor of this kind
	CivilianTollGTE *int       // some report gives at least this civilian toll
	CivilianTollLTE *int       // some report gives at most this civilian toll
	Contested       *bool
	Text            *string // in a name or alias (any spelling), the target or the description
}

// Validate checks the filter and every filter nested in it.
func (w *IncidentWhere) Validate() error {
	if w == nil {
		return nil
	}
	return validate(w)
}

func (w *IncidentWhere) children() []filterNode { return children(w.AND, w.OR, w.NOT) }

func (w *IncidentWhere) check() (int, error) {
	var c fieldCheck
	c.ids(w.IDIn)
	c.set(w.ScopeIn != nil)
	c.date("where.date_GTE", w.DateGTE, false)
	c.date("where.date_LTE", w.DateLTE, true)
	c.set(w.Place != nil)
	c.set(w.Actor != nil)
	c.set(w.Perpetrator != nil)
	c.set(w.Stance != nil)
	c.set(w.ReporterKind != nil)
	c.set(w.CivilianTollGTE != nil)
	c.set(w.CivilianTollLTE != nil)
	c.set(w.Contested != nil)
	c.text(w.Text)
	return c.result()
}

// IncidentSort orders incidents by one field.
type IncidentSort struct {
	Date         *SortDirection
	Name         *SortDirection
	CivilianToll *SortDirection // the highest civilian toll reported
}

func (s *IncidentSort) fields() map[string]*SortDirection {
	return map[string]*SortDirection{"date": s.Date, "name": s.Name, "civilianToll": s.CivilianToll}
}
