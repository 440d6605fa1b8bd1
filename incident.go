package strikegraph

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
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
	// AsOf, when set, is the time the incident is read at, not stored: its
	// claims and tolls are as the graph held them then (Query.incident's
	// asOf).
	AsOf *time.Time `json:"-"`
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

// TollRange is the spread of the figures reported for one incident. Lowest
// and Highest are over whole-incident figures only: a figure a source stated
// for some of the incident's parts is shown in Parts, and one source's
// figures for every part, apart, are summed into a whole (Derived). See
// docs/tolls.md.
type TollRange struct {
	Lowest     *int
	Highest    *int
	Reports    int // claims that give a figure, whole or partial
	Reporters  int // distinct sources of them
	Parts      []PlaceToll
	Derived    []DerivedToll
	Derivation string // how Lowest and Highest were reached, in words
	// IndependentSources counts the sources once each relay is followed to
	// where it comes from (see Relay); Chains shows each source's.
	IndependentSources int
	Chains             []SourceChain
}

// PlaceToll is the spread of the figures stated for one set of an incident's
// parts only ("roughly 15 in Haijin"), not for the whole incident.
type PlaceToll struct {
	PlaceIDs  []string // in the incident's order of parts
	Lowest    *int
	Highest   *int
	Reports   int
	Reporters int
}

// DerivedToll is a whole-incident figure summed from one source's figures for
// parts that are disjoint and together cover every part of the incident.
type DerivedToll struct {
	SourceID string
	Lowest   int
	Highest  int
	ClaimIDs []string // the partial claims summed, in the order of their parts
}

// SettlementKinds are the kinds of place an incident's parts are: a SERIES
// "in al-Shafa, Gamsha and Haijin" has three. Areas, sites, provinces and
// countries contain or overlap settlements, so they are not parts.
var SettlementKinds = []PlaceKind{PlaceCity, PlaceTown, PlaceVillage}

// TollSources says whose figures a toll counts, by the kind of its source
// (the organisation a spokesperson speaks for, else the speaker).
type TollSources string

const (
	SourcesAll        TollSources = "ALL"
	SourcesMonitors   TollSources = "MONITORS"    // MONITOR actors only: SOHR, SNHR, Amnesty
	SourcesNonParties TollSources = "NON_PARTIES" // no ARMED_GROUP: not the belligerent, its target or any other party
)

// TollOptions choose the claims a toll counts.
type TollOptions struct {
	// Latest counts each source's latest figure only: of its claims that
	// state one for the same parts (or for the whole), the last stated
	// (statedOn; undated ones first), then the last recorded. A source's
	// successive counts are then one, its last; and its own whole-incident
	// figure is preferred to a sum of its parts.
	Latest bool
	// AsOf, when set, counts what had been recorded before it: claims
	// recorded before AsOf and not retracted before it. The claims are
	// given as they then stood (RevisionService.ClaimAsOf), with the figures then recorded.
	AsOf *time.Time
	// Sources, when not ALL, counts only the claims of sources of the kinds
	// it names; Kinds holds the kind of each claim's source.
	Sources TollSources
	Kinds   map[string]ActorKind
	// Parts are the incident's parts: the places of a settlement kind it is
	// LOCATED_IN, taken in name order. With fewer than two, every figure is
	// for the whole.
	Parts []*Place
	// Relays are those recorded in the articles of the claims: a source
	// that relays another counted source is not independent of it.
	Relays []Relay
}

// CivilianToll returns the spread of the civilian tolls in claims: the lowest
// lower bound, the highest bound, and how many reports and distinct sources
// give one. A spokesperson counts as the organisation it speaks for; a
// retracted claim does not count; a figure for part of the incident counts
// in Parts, not in the range.
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

// counted is a claim a toll counts and the parts its figure is for (nil:
// the whole incident).
type counted struct {
	claim *Claim
	parts []int // indexes into TollOptions.Parts, ascending
	low   int
	high  int
}

func tollRange(claims []*Claim, o TollOptions, figure func(Figures) *Figure) TollRange {
	o.Parts = slices.SortedFunc(slices.Values(o.Parts), func(a, b *Place) int {
		return cmp.Or(strings.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)), strings.Compare(a.ID, b.ID))
	})
	var cs []counted
	latest := map[string]int{} // source and parts → index in cs
	sources := map[string]bool{}
	for _, c := range claims {
		f := figure(c.Figures)
		if c.Stance != StanceReported || f == nil || f.Min == nil && f.Max == nil || !o.standing(c) || !o.counts(c) {
			continue
		}
		parts := o.partsOf(c)
		key := fmt.Sprint(c.Source(), parts)
		low, high := bounds(f)
		if i, ok := latest[key]; ok && o.Latest {
			if later(c, cs[i].claim) {
				cs[i] = counted{c, parts, low, high}
			}
			continue
		}
		latest[key] = len(cs)
		sources[c.Source()] = true
		cs = append(cs, counted{c, parts, low, high})
	}
	t := TollRange{Reports: len(cs), Reporters: len(sources), Parts: []PlaceToll{}, Derived: []DerivedToll{}}
	whole := 0
	for _, c := range cs {
		if c.parts == nil {
			t.widen(c.low, c.high)
			whole++
		}
	}
	t.Parts = o.placeTolls(cs)
	t.Derived = o.derived(cs)
	for _, d := range t.Derived {
		t.widen(d.Lowest, d.Highest)
	}
	t.Derivation = o.derivation(t, whole)
	t.IndependentSources, t.Chains = independence(cs, o.Relays)
	return t
}

// bounds are a figure's lower and upper bound, each standing for the other
// when only one is stated.
func bounds(f *Figure) (low, high int) {
	switch {
	case f.Min == nil:
		return *f.Max, *f.Max
	case f.Max == nil:
		return *f.Min, *f.Min
	}
	return *f.Min, *f.Max
}

func (t *TollRange) widen(low, high int) {
	if t.Lowest == nil || low < *t.Lowest {
		t.Lowest = &low
	}
	if t.Highest == nil || high > *t.Highest {
		t.Highest = &high
	}
}

// partsOf returns the parts c's figure is for, or nil when it is for the
// whole incident: c names no part, or names every one. Places c names that
// are not parts (a village the source locates it in instead) do not count.
func (o TollOptions) partsOf(c *Claim) []int {
	var in []int
	for i, p := range o.Parts {
		if slices.Contains(c.PlaceIDs, p.ID) {
			in = append(in, i)
		}
	}
	if len(in) == 0 || len(in) == len(o.Parts) {
		return nil
	}
	return in
}

// placeTolls gives the spread of the partial figures for each set of parts,
// in the order of the parts.
func (o TollOptions) placeTolls(cs []counted) []PlaceToll {
	out := []PlaceToll{}
	at := map[string]int{}                  // parts → index in out
	sources := map[string]map[string]bool{} // parts → their sources
	for _, c := range cs {
		if c.parts == nil {
			continue
		}
		key := fmt.Sprint(c.parts)
		i, ok := at[key]
		if !ok {
			i, at[key], sources[key] = len(out), len(out), map[string]bool{}
			out = append(out, PlaceToll{PlaceIDs: o.ids(c.parts)})
		}
		p := &out[i]
		p.Reports++
		sources[key][c.claim.Source()] = true
		p.Reporters = len(sources[key])
		if p.Lowest == nil || c.low < *p.Lowest {
			p.Lowest = &c.low
		}
		if p.Highest == nil || c.high > *p.Highest {
			p.Highest = &c.high
		}
	}
	slices.SortStableFunc(out, func(a, b PlaceToll) int {
		return slices.Compare(o.indexes(a.PlaceIDs), o.indexes(b.PlaceIDs))
	})
	return out
}

// derived sums, per source, its partial figures when they are for disjoint
// parts that together are every part; with Latest, not for a source that
// also gave a whole-incident figure.
func (o TollOptions) derived(cs []counted) []DerivedToll {
	var order []string
	bySource := map[string][]counted{}
	hasWhole := map[string]bool{}
	for _, c := range cs {
		s := c.claim.Source()
		if c.parts == nil {
			hasWhole[s] = true
			continue
		}
		if bySource[s] == nil {
			order = append(order, s)
		}
		bySource[s] = append(bySource[s], c)
	}
	out := []DerivedToll{}
	for _, s := range order {
		if o.Latest && hasWhole[s] {
			continue
		}
		covered := make([]int, len(o.Parts))
		for _, c := range bySource[s] {
			for _, i := range c.parts {
				covered[i]++
			}
		}
		if slices.ContainsFunc(covered, func(n int) bool { return n != 1 }) {
			continue // a part missing, or counted twice
		}
		parts := slices.Clone(bySource[s])
		slices.SortFunc(parts, func(a, b counted) int { return a.parts[0] - b.parts[0] })
		d := DerivedToll{SourceID: s}
		for _, c := range parts {
			d.Lowest += c.low
			d.Highest += c.high
			d.ClaimIDs = append(d.ClaimIDs, c.claim.ID)
		}
		out = append(out, d)
	}
	return out
}

// derivation says in words how t's range was reached; whole is how many
// figures were stated for the whole incident.
func (o TollOptions) derivation(t TollRange, whole int) string {
	partial := t.Reports - whole
	if partial == 0 {
		if whole == 0 {
			return "no report gives a figure"
		}
		return fmt.Sprintf("over %d figures, each for the whole incident", whole)
	}
	var b strings.Builder
	if whole+len(t.Derived) == 0 {
		b.WriteString("no figure for the whole incident")
	} else {
		fmt.Fprintf(&b, "over %d figures for the whole incident and %d summed from one source's figures for every part", whole, len(t.Derived))
	}
	for _, d := range t.Derived {
		fmt.Fprintf(&b, "; %s: %d–%d, the sum of %s", d.SourceID, d.Lowest, d.Highest, strings.Join(d.ClaimIDs, " + "))
	}
	var sets []string
	for _, p := range t.Parts {
		sets = append(sets, o.names(p.PlaceIDs))
	}
	fmt.Fprintf(&b, ". %d figures for part of the incident only (%s) are in parts, not in the range", partial, strings.Join(sets, "; "))
	return b.String()
}

func (o TollOptions) ids(parts []int) []string {
	out := make([]string, len(parts))
	for i, p := range parts {
		out[i] = o.Parts[p].ID
	}
	return out
}

func (o TollOptions) indexes(ids []string) []int {
	out := make([]int, len(ids))
	for i, id := range ids {
		out[i] = slices.IndexFunc(o.Parts, func(p *Place) bool { return p.ID == id })
	}
	return out
}

func (o TollOptions) names(ids []string) string {
	out := make([]string, len(ids))
	for i, j := range o.indexes(ids) {
		out[i] = o.Parts[j].Name
	}
	return strings.Join(out, ", ")
}

// counts tells whether o.Sources counts c's source.
func (o TollOptions) counts(c *Claim) bool {
	switch o.Sources {
	case SourcesMonitors:
		return o.Kinds[c.Source()] == ActorMonitor
	case SourcesNonParties:
		return o.Kinds[c.Source()] != ActorArmedGroup
	}
	return true
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
	DisputedGTE     *float64 // a Dispute whose Ratio is at least this
	// SuggestedGradeIn is worked out in Go (resolvers/grade.go), which
	// replaces it with the ids of the incidents it selects before a query.
	SuggestedGradeIn []Grade
	Text             *string // in a name or alias (any spelling), the target or the description
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
	c.set(w.DisputedGTE != nil)
	c.set(w.SuggestedGradeIn != nil)
	c.text(w.Text)
	return c.result()
}

// IncidentSort orders incidents by one field.
type IncidentSort struct {
	Date         *SortDirection
	Name         *SortDirection
	CivilianToll *SortDirection // the highest civilian toll reported
	Disputed     *SortDirection // the Dispute's Ratio; undisputed incidents last
}

func (s *IncidentSort) fields() map[string]*SortDirection {
	return map[string]*SortDirection{"date": s.Date, "name": s.Name, "civilianToll": s.CivilianToll, "disputed": s.Disputed}
}
