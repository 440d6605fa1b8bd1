package strikegraph

import (
	"fmt"
	"slices"
	"strings"
)

// Summary is an incident in plain text an investigator can paste into a
// report: what, when and where, who carried it out, the tolls over every
// source, the monitors only and without the parties, the dispute, every
// source and what it said, and the suggested grade with its reasons. It is
// built from the same inputs as SuggestGrade.
func Summary(in GradeInput) string {
	var b strings.Builder
	inc := in.Incident
	if inc == nil {
		return ""
	}
	line := func(format string, args ...any) { fmt.Fprintf(&b, format+"\n", args...) }
	line("%s (%s)", inc.Name, inc.ID)
	line("Scope: %s", map[IncidentScope]string{ScopeStrike: "one strike", ScopeSeries: "a series of strikes", ScopePeriod: "a period (cumulative figures)"}[inc.Scope])
	date := dateText(inc.Date)
	if inc.Until != nil {
		date += " to " + dateText(*inc.Until)
	}
	line("Date: %s", date)
	var places []string
	for _, p := range in.In {
		places = append(places, "in "+p.Name)
	}
	for _, p := range in.Near {
		places = append(places, "near "+p.Name)
	}
	line("Places: %s", orNone(places))
	line("Carried out by: %s; targeted: %s", orNone(actorNames(in.Perpetrators)), orNone(actorNames(in.Targets)))

	kinds := map[string]ActorKind{}
	for id, a := range in.Actors {
		kinds[id] = a.Kind
	}
	var parts []*Place
	var partIDs, targets []string
	for _, p := range in.In {
		if slices.Contains(SettlementKinds, p.Kind) {
			parts, partIDs = append(parts, p), append(partIDs, p.ID)
		}
	}
	for _, a := range in.Targets {
		targets = append(targets, a.ID)
	}
	for _, t := range []struct {
		name string
		of   func([]*Claim, TollOptions) TollRange
	}{{"Civilian toll", CivilianToll}, {"Deaths (civilians, or status not stated)", Toll}} {
		var ranges []string
		var all TollRange
		for _, s := range []struct {
			sources TollSources
			name    string
		}{{SourcesAll, "all sources"}, {SourcesMonitors, "monitors only"}, {SourcesNonParties, "without parties to the conflict"}} {
			r := t.of(in.Claims, TollOptions{Sources: s.sources, Kinds: kinds, Parts: parts, Relays: in.Relays})
			if s.sources == SourcesAll {
				all = r
			}
			ranges = append(ranges, s.name+" "+rangeText(r))
		}
		line("%s: %s", t.name, strings.Join(ranges, "; "))
		if len(all.Parts) > 0 {
			line("  %s", all.Derivation)
		}
	}
	if d := Disputed(in.Claims, DisputeOptions{Kinds: kinds, Targets: targets, Parts: partIDs}); d != nil {
		line("Disputed: the belligerent's side %d–%d against the monitors' %d–%d (ratio %.3g, gap %d)",
			d.Belligerent.Lowest, d.Belligerent.Highest, d.Monitors.Lowest, d.Monitors.Highest, d.Ratio, d.Gap)
	}

	line("Sources and what they said:")
	var order []string
	bySource := map[string][]*Claim{}
	for _, c := range in.Claims {
		if bySource[c.Source()] == nil {
			order = append(order, c.Source())
		}
		bySource[c.Source()] = append(bySource[c.Source()], c)
	}
	for _, s := range order {
		line("- %s (%s):", in.name(s), strings.ToLower(strings.ReplaceAll(string(in.kind(s)), "_", " ")))
		for _, c := range bySource[s] {
			line("    %s", claimText(in, c))
		}
	}

	g := SuggestGrade(in)
	line("Suggested grade: %s (derived from the claims, not a finding)", g.Grade)
	for _, r := range g.Reasons {
		line("- %s", r)
	}
	return b.String()
}

// claimText is one claim in a line: its stance, figures, words, date and id.
func claimText(in GradeInput, c *Claim) string {
	var w strings.Builder
	switch c.Stance {
	case StanceReported:
		w.WriteString("reported")
	case StanceDenied:
		w.WriteString("denied " + strings.ToLower(strings.ReplaceAll(string(c.Denies), "_", " ")))
	case StanceResponded:
		w.WriteString("responded (" + strings.ToLower(strings.ReplaceAll(string(c.Response), "_", " ")) + ")")
	}
	if c.SpeakerID != c.Source() {
		w.WriteString(", through " + in.name(c.SpeakerID))
	}
	var figures []string
	for _, f := range []struct {
		name string
		f    *Figure
	}{{"civilians killed", c.Figures.CiviliansKilled}, {"children killed", c.Figures.ChildrenKilled}, {"women killed", c.Figures.WomenKilled},
		{"injured", c.Figures.Injured}, {"combatants killed", c.Figures.CombatantsKilled}, {"killed", c.Figures.Killed}} {
		if f.f != nil {
			figures = append(figures, fmt.Sprintf("%s %q", f.name, f.f.Text))
		}
	}
	if len(figures) > 0 {
		w.WriteString(": " + strings.Join(figures, ", "))
	}
	fmt.Fprintf(&w, "; %q", c.Quote)
	if c.StatedOn.Value != "" {
		w.WriteString("; stated " + c.StatedOn.Value)
	}
	if len(c.ViaIDs) > 0 {
		var via []string
		for _, v := range c.ViaIDs {
			via = append(via, in.name(v))
		}
		w.WriteString("; via " + strings.Join(via, ", "))
	}
	w.WriteString(" [" + c.ID + "]")
	if !c.Standing() {
		w.WriteString(" (retracted)")
	}
	return w.String()
}

func rangeText(r TollRange) string {
	if r.Lowest == nil {
		if len(r.Parts) > 0 {
			return "no figure for the whole incident"
		}
		return "none"
	}
	n := fmt.Sprintf("%d", *r.Lowest)
	if *r.Highest != *r.Lowest {
		n += fmt.Sprintf("–%d", *r.Highest)
	}
	return fmt.Sprintf("%s (%d %s, %d %s, %d independent)", n, r.Reports, plural(r.Reports, "report", "reports"),
		r.Reporters, plural(r.Reporters, "source", "sources"), r.IndependentSources)
}

func dateText(d Date) string {
	s := strings.ToLower(string(d.Precision))
	if d.Value != "" {
		s = d.Value + " (" + s + ")"
	}
	if d.Text != "" {
		s += fmt.Sprintf(", %q", d.Text)
	}
	return s
}

func actorNames(as []*Actor) []string {
	var out []string
	for _, a := range as {
		out = append(out, a.Name)
	}
	return out
}

func orNone(s []string) string {
	if len(s) == 0 {
		return "none recorded"
	}
	return strings.Join(s, ", ")
}
