package strikegraph

import (
	"slices"
)

// Dispute is the gap between what the belligerent's side says of an
// incident's toll and what the monitors say: the most disputed tolls are
// a belligerent's admission of a few deaths, or its denial of any, against
// the monitors' count, where nobody need have denied anything. See
// docs/tolls.md.
type Dispute struct {
	Belligerent DisputeFigures
	Monitors    DisputeFigures
	// Ratio is the monitors' lowest over the belligerent's highest (at
	// least 1, so that a denial, 0, divides): how many times the smallest
	// count the monitors give exceeds the largest the belligerent concedes.
	Ratio float64
	// Gap is the monitors' lowest less the belligerent's highest; negative
	// when the belligerent concedes more than the monitors count.
	Gap int
}

// DisputeFigures are one side's figures in a Dispute.
type DisputeFigures struct {
	Lowest   int
	Highest  int
	ClaimIDs []string // the claims counted, in the order given
}

// DisputeOptions are what Disputed needs besides the claims: the kind of
// each claim's source (Claim.Source), the incident's targets and the ids
// of its parts (as TollOptions.Parts).
type DisputeOptions struct {
	Kinds   map[string]ActorKind
	Targets []string
	Parts   []string
}

// Disputed compares the belligerent's figures with the monitors', or
// returns nil when either side gives none. Both sides' figures are the
// death tolls of Toll (civilians, or people whose status the source did
// not state) in standing claims for the whole incident: a figure for some
// of its parts only does not count.
//
// The belligerent's side is every party to the conflict (a source of kind
// ARMED_GROUP, as TollSources tells parties apart) that the incident did
// not target: the group that carried it out, its commands and its allies,
// but not the group it struck, whose figures are no admission. Its figures
// are what it REPORTED, and 0 for a denial of civilian harm. The monitors
// are the sources of kind MONITOR, and their figures what they REPORTED.
func Disputed(claims []*Claim, o DisputeOptions) *Dispute {
	var d Dispute
	for _, c := range claims {
		if !c.Standing() || o.partial(c) {
			continue
		}
		low, high, ok := disputeFigure(c)
		if !ok {
			continue
		}
		switch kind := o.Kinds[c.Source()]; {
		case kind == ActorArmedGroup && !slices.Contains(o.Targets, c.Source()):
			d.Belligerent.add(c.ID, low, high)
		case kind == ActorMonitor && c.Stance == StanceReported:
			d.Monitors.add(c.ID, low, high)
		}
	}
	if d.Belligerent.ClaimIDs == nil || d.Monitors.ClaimIDs == nil {
		return nil
	}
	d.Ratio = float64(d.Monitors.Lowest) / float64(max(d.Belligerent.Highest, 1))
	d.Gap = d.Monitors.Lowest - d.Belligerent.Highest
	return &d
}

// disputeFigure is the toll c states: its bounds, as Toll reads them, or
// 0 for a denial of civilian harm.
func disputeFigure(c *Claim) (low, high int, ok bool) {
	switch c.Stance {
	case StanceDenied:
		return 0, 0, c.Denies == DeniesCivilianHarm
	case StanceReported:
		f := c.Figures.CiviliansKilled
		if f == nil {
			f = c.Figures.Killed
		}
		if f == nil || f.Min == nil && f.Max == nil {
			return 0, 0, false
		}
		low, high = bounds(f)
		return low, high, true
	}
	return 0, 0, false
}

// add widens the figures by one claim's.
func (f *DisputeFigures) add(id string, low, high int) {
	if f.ClaimIDs == nil || low < f.Lowest {
		f.Lowest = low
	}
	if f.ClaimIDs == nil || high > f.Highest {
		f.Highest = high
	}
	f.ClaimIDs = append(f.ClaimIDs, id)
}

// partial tells whether c's places name some of the incident's parts but
// not all, the rule of TollOptions.partsOf.
func (o DisputeOptions) partial(c *Claim) bool {
	some, all := false, true
	for _, p := range o.Parts {
		in := slices.Contains(c.PlaceIDs, p)
		some, all = some || in, all && in
	}
	return some && !all
}

// ContestedOn is what the standing denials of a contested incident deny
// (see Contested), each once, in the order of the Denial constants; empty
// when it is not contested.
func ContestedOn(claims []*Claim) []Denial {
	out := []Denial{}
	if !Contested(claims) {
		return out
	}
	for _, d := range []Denial{DeniesCivilianHarm, DeniesCredibility, DeniesTarget, DeniesResponsibility} {
		if slices.ContainsFunc(claims, func(c *Claim) bool { return c.Standing() && c.Stance == StanceDenied && c.Denies == d }) {
			out = append(out, d)
		}
	}
	return out
}
