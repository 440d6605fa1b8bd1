package strikegraph

import (
	"fmt"
	"slices"
	"strings"
)

// Grade is how well an incident's civilian harm is attested, in the five
// grades casualty recorders such as Airwars use. The graph never stores a
// grade: SuggestGrade derives one from the claims each time it is asked,
// as a suggestion for an investigator to check. See docs/tolls.md.
type Grade string

const (
	GradeConfirmed  Grade = "CONFIRMED"  // the belligerent's side conceded civilian harm
	GradeFair       Grade = "FAIR"       // two or more independent non-party sources, a specific place and day, a belligerent acting there
	GradeWeak       Grade = "WEAK"       // harm reported, but by one independent source, or too vaguely placed or dated
	GradeContested  Grade = "CONTESTED"  // harm reported by non-parties and denied by the belligerent's side
	GradeDiscounted Grade = "DISCOUNTED" // no standing report of civilian harm, or only the target's, denied
)

// SuggestedGrade is a grade and the reasons for it, in words: the rule
// that decided first, then the sources, the belligerent's position and the
// specificity of the date and place.
type SuggestedGrade struct {
	Grade   Grade
	Reasons []string
}

// GradeInput is what an incident's grade and summary are derived from: what
// the resolvers load for its tolls and its dispute.
type GradeInput struct {
	Incident *Incident
	Claims   []*Claim          // every claim about it, retracted ones too
	Actors   map[string]*Actor // the claims' sources (Claim.Source), by id
	Relays   []Relay           // recorded in the claims' articles
	// Perpetrators and Targets are the actors that CARRIED_OUT it and that
	// it TARGETED; In and Near the places it is LOCATED_IN and LOCATED_NEAR.
	Perpetrators []*Actor
	Targets      []*Actor
	In           []*Place
	Near         []*Place
}

// harmed tells whether c reports harm: a civilian, child, women's or
// injury toll, or deaths whose status the source did not state. A toll of
// combatants only is no harm.
func harmed(c *Claim) bool {
	fs := c.Figures
	return c.Stance == StanceReported && slices.ContainsFunc([]*Figure{fs.CiviliansKilled, fs.ChildrenKilled, fs.WomenKilled, fs.Injured, fs.Killed}, aboveZero)
}

// admits tells whether c concedes civilian harm: a civilian, child, women's
// or injury toll above 0.
func admits(c *Claim) bool {
	fs := c.Figures
	return c.Stance == StanceReported && slices.ContainsFunc([]*Figure{fs.CiviliansKilled, fs.ChildrenKilled, fs.WomenKilled, fs.Injured}, aboveZero)
}

// aboveZero tells whether f states some harm: a bound above 0, or words
// without a number.
func aboveZero(f *Figure) bool {
	return f != nil && (f.Min == nil && f.Max == nil || max(deref(f.Min), deref(f.Max)) > 0)
}

func deref(p *int) int {
	if p == nil {
		return 0
	}
	return *p
}

// gradeSides sorts an incident's standing claims by who speaks, the way
// Disputed does: the belligerent's side is every armed group the incident
// did not target; other parties are the armed groups it targeted.
type gradeSides struct {
	in                GradeInput
	nonPartyHarm      []*Claim // harm reported by sources not of kind ARMED_GROUP
	targetHarm        []*Claim // harm reported by the groups it targeted
	admissions        []*Claim // the belligerent's side conceding civilian harm
	denials           []*Claim // the belligerent's side denying harm, the reports' credibility or its responsibility
	confirmed         []*Claim // the belligerent's side confirming the strike
	retractedHarm     int      // harm reports since retracted
	combatants        []*Claim // standing reports of combatant deaths
	independent       int      // independent sources of nonPartyHarm
	independentChains []SourceChain
}

func sidesOf(in GradeInput) gradeSides {
	s := gradeSides{in: in}
	targeted := map[string]bool{}
	for _, a := range in.Targets {
		targeted[a.ID] = true
	}
	var cs []counted
	for _, c := range in.Claims {
		if !c.Standing() {
			if harmed(c) {
				s.retractedHarm++
			}
			continue
		}
		party := in.kind(c.Source()) == ActorArmedGroup
		belligerent := party && !targeted[c.Source()]
		switch {
		case belligerent && admits(c):
			s.admissions = append(s.admissions, c)
		case belligerent && c.Stance == StanceDenied && c.Denies != DeniesTarget:
			s.denials = append(s.denials, c)
		case belligerent && c.Stance == StanceResponded && c.Response == RespondsConfirmedStrike:
			s.confirmed = append(s.confirmed, c)
		case !party && harmed(c):
			s.nonPartyHarm = append(s.nonPartyHarm, c)
			cs = append(cs, counted{claim: c})
		case party && !belligerent && harmed(c):
			s.targetHarm = append(s.targetHarm, c)
		}
		if c.Stance == StanceReported && c.Figures.CombatantsKilled != nil {
			s.combatants = append(s.combatants, c)
		}
	}
	s.independent, s.independentChains = independence(cs, in.Relays)
	return s
}

func (in GradeInput) kind(id string) ActorKind {
	if a := in.Actors[id]; a != nil {
		return a.Kind
	}
	return ""
}

// name is how a reason names an actor: its name, else its id.
func (in GradeInput) name(id string) string {
	if a := in.Actors[id]; a != nil && a.Name != "" {
		return a.Name
	}
	return id
}

// sourceNames are the distinct sources of claims, named, in order.
func (in GradeInput) sourceNames(claims []*Claim) []string {
	var out []string
	for _, c := range claims {
		if n := in.name(c.Source()); !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	return out
}

// SuggestGrade derives an incident's grade from its claims by the first of
// these rules that holds (docs/tolls.md, "Suggested grade"):
//
//  1. CONFIRMED: the belligerent's side conceded civilian harm.
//  2. DISCOUNTED: no standing claim reports harm (none made, every one
//     retracted, or combatants only), or only the groups it targeted
//     report harm and the belligerent's side denied it.
//  3. CONTESTED: a non-party source reports harm and the belligerent's
//     side denied the harm, the reports' credibility or its responsibility.
//  4. FAIR: two or more independent non-party sources report harm, the
//     incident is one strike or series (not a period) dated to the day
//     (DAY or APPROXIMATE) and placed in or near a settlement or site, or
//     at coordinates of town precision or finer, and a belligerent is
//     recorded as carrying it out or confirmed the strike.
//  5. WEAK: anything else that reports harm.
func SuggestGrade(in GradeInput) SuggestedGrade {
	s := sidesOf(in)
	g, rule := s.rule()
	reasons := []string{rule}
	reasons = append(reasons, s.sourceReasons()...)
	reasons = append(reasons, s.belligerentReason())
	reasons = append(reasons, dateReason(in.Incident))
	reasons = append(reasons, placeReason(in))
	if in.Incident != nil && in.Incident.Scope == ScopePeriod && g != GradeWeak { // rule 5 says so
		reasons = append(reasons, "a period, not one strike: its figures are cumulative")
	}
	return SuggestedGrade{Grade: g, Reasons: reasons}
}

func (s gradeSides) rule() (Grade, string) {
	in := s.in
	switch {
	case len(s.admissions) > 0:
		return GradeConfirmed, fmt.Sprintf("rule 1, CONFIRMED: the belligerent's side conceded civilian harm (%s)", strings.Join(in.sourceNames(s.admissions), ", "))
	case len(s.nonPartyHarm)+len(s.targetHarm) == 0:
		why := "no claim reports civilian harm"
		switch {
		case s.retractedHarm > 0:
			why = fmt.Sprintf("every report of harm was retracted (%d)", s.retractedHarm)
		case len(s.combatants) > 0:
			why = fmt.Sprintf("those reported killed were combatants (%s)", strings.Join(in.sourceNames(s.combatants), ", "))
		}
		return GradeDiscounted, "rule 2, DISCOUNTED: " + why
	case len(s.nonPartyHarm) == 0 && len(s.denials) > 0:
		return GradeDiscounted, fmt.Sprintf("rule 2, DISCOUNTED: only the target reports harm (%s), and the belligerent's side denied it",
			strings.Join(in.sourceNames(s.targetHarm), ", "))
	case len(s.nonPartyHarm) > 0 && len(s.denials) > 0:
		return GradeContested, fmt.Sprintf("rule 3, CONTESTED: non-party sources report harm and the belligerent's side denied %s", denied(s.denials))
	case s.independent >= 2 && s.specific():
		return GradeFair, fmt.Sprintf("rule 4, FAIR: %d independent non-party sources, a specific place and day, and a belligerent acting there", s.independent)
	}
	return GradeWeak, "rule 5, WEAK: " + s.weakness()
}

// specific tells whether the incident is placed and dated as rule 4 asks,
// and a belligerent is recorded as acting there.
func (s gradeSides) specific() bool {
	in := s.in
	return in.Incident != nil && in.Incident.Scope != ScopePeriod && dayKnown(in.Incident.Date) && placed(in) &&
		(len(in.Perpetrators) > 0 || len(s.confirmed) > 0)
}

// weakness says why rule 4 does not hold.
func (s gradeSides) weakness() string {
	in := s.in
	var why []string
	switch {
	case len(s.nonPartyHarm) == 0:
		why = append(why, "only the target reports harm")
	case s.independent < 2:
		why = append(why, "a single independent source")
	}
	if in.Incident == nil || in.Incident.Scope == ScopePeriod {
		why = append(why, "a period, not one strike")
	} else if !dayKnown(in.Incident.Date) {
		why = append(why, "the day is not known")
	}
	if !placed(in) {
		why = append(why, "no specific place")
	}
	if len(in.Perpetrators) == 0 && len(s.confirmed) == 0 {
		why = append(why, "no belligerent recorded as acting there")
	}
	return strings.Join(why, "; ")
}

// denied names what denials deny, in the order of the Denial constants.
func denied(cs []*Claim) string {
	words := map[Denial]string{DeniesCivilianHarm: "civilian harm", DeniesCredibility: "the reports' credibility", DeniesResponsibility: "responsibility"}
	var out []string
	for _, d := range []Denial{DeniesCivilianHarm, DeniesCredibility, DeniesResponsibility} {
		if slices.ContainsFunc(cs, func(c *Claim) bool { return c.Denies == d }) {
			out = append(out, words[d])
		}
	}
	return strings.Join(out, " and ")
}

// sourceReasons say who reports harm and how independent they are.
func (s gradeSides) sourceReasons() []string {
	in := s.in
	var out []string
	if n := len(s.nonPartyHarm); n > 0 {
		names := in.sourceNames(s.nonPartyHarm)
		out = append(out, fmt.Sprintf("%d non-party %s harm (%s)", len(names), plural(len(names), "source reports", "sources report"), strings.Join(names, ", ")))
		var relays []string
		for _, ch := range s.independentChains {
			if !ch.Independent {
				var from []string
				for _, o := range ch.OriginIDs {
					from = append(from, in.name(o))
				}
				relays = append(relays, fmt.Sprintf("%s relays %s", in.name(ch.SourceID), strings.Join(from, ", ")))
			}
		}
		line := fmt.Sprintf("%d independent %s", s.independent, plural(s.independent, "source", "sources"))
		if len(relays) > 0 {
			line += ": " + strings.Join(relays, "; ")
		}
		out = append(out, line)
	}
	if len(s.targetHarm) > 0 {
		out = append(out, fmt.Sprintf("the target reports harm (%s)", strings.Join(in.sourceNames(s.targetHarm), ", ")))
	}
	if s.retractedHarm > 0 && len(s.nonPartyHarm)+len(s.targetHarm) > 0 {
		out = append(out, fmt.Sprintf("%d %s of harm retracted", s.retractedHarm, plural(s.retractedHarm, "report", "reports")))
	}
	return out
}

// belligerentReason is the belligerent side's position.
func (s gradeSides) belligerentReason() string {
	in := s.in
	switch {
	case len(s.admissions) > 0:
		return fmt.Sprintf("the belligerent's side conceded civilian harm (%s)", strings.Join(in.sourceNames(s.admissions), ", "))
	case len(s.denials) > 0:
		return fmt.Sprintf("the belligerent's side denied %s (%s)", denied(s.denials), strings.Join(in.sourceNames(s.denials), ", "))
	case len(s.confirmed) > 0:
		return fmt.Sprintf("the belligerent's side confirmed the strike and denied nothing (%s)", strings.Join(in.sourceNames(s.confirmed), ", "))
	case len(in.Perpetrators) > 0:
		var names []string
		for _, a := range in.Perpetrators {
			names = append(names, a.Name)
		}
		return fmt.Sprintf("carried out by %s, which neither conceded nor denied harm", strings.Join(names, ", "))
	}
	return "no belligerent recorded"
}

func dayKnown(d Date) bool { return d.Precision == DateDay || d.Precision == DateApproximate }

func dateReason(in *Incident) string {
	if in == nil {
		return "date unknown"
	}
	d := in.Date
	switch d.Precision {
	case DateDay:
		return "date known to the day (" + d.Value + ")"
	case DateApproximate:
		return "date known to the day, approximately (" + d.Value + ")"
	case DateMonth:
		return "date known to the month only (" + d.Value + ")"
	case DateYear:
		return "date known to the year only (" + d.Value + ")"
	}
	if d.Text != "" {
		return fmt.Sprintf("date unknown (%q)", d.Text)
	}
	return "date unknown"
}

// specificKinds are the kinds of place that locate a strike: a settlement
// or a site. Provinces, countries and areas without borders do not.
var specificKinds = append([]PlaceKind{PlaceSite}, SettlementKinds...)

// fineGeo are the coordinates' precisions that locate a strike.
var fineGeo = []GeoPrecision{GeoTown, GeoVillage, GeoStreet, GeoExact}

// placed tells whether the incident is in or near a settlement or site, or
// at a place with coordinates of town precision or finer.
func placed(in GradeInput) bool {
	for _, p := range slices.Concat(in.In, in.Near) {
		if slices.Contains(specificKinds, p.Kind) || p.Latitude != nil && slices.Contains(fineGeo, p.GeoPrecision) {
			return true
		}
	}
	return false
}

func placeReason(in GradeInput) string {
	var specific, vague []string
	for _, p := range in.In {
		w := "in " + p.Name + " (" + strings.ToLower(string(p.Kind)) + ")"
		if slices.Contains(specificKinds, p.Kind) || p.Latitude != nil && slices.Contains(fineGeo, p.GeoPrecision) {
			specific = append(specific, w)
		} else {
			vague = append(vague, w)
		}
	}
	for _, p := range in.Near {
		w := "near " + p.Name + " (" + strings.ToLower(string(p.Kind)) + ")"
		if slices.Contains(specificKinds, p.Kind) || p.Latitude != nil && slices.Contains(fineGeo, p.GeoPrecision) {
			specific = append(specific, w)
		} else {
			vague = append(vague, w)
		}
	}
	switch {
	case len(specific) > 0:
		return "place specific: " + strings.Join(specific, ", ")
	case len(vague) > 0:
		return "place not specific: only " + strings.Join(vague, ", ")
	}
	return "no place recorded"
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
