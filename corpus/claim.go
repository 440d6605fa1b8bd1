package corpus

import (
	"fmt"
	"strings"

	"github.com/strikegraph/strikegraph"
)

// claimContext is what the claims about one incident share.
type claimContext struct {
	num          string // the incident's number, for ids
	town         town
	perp, target int    // groups
	strike       string // "strike" or "strikes"
	sources      int    // anonymous sources made so far
}

// fill puts the context into a sentence template: {group}, {strike}, {town},
// {target}, and the extra pairs given.
func (c *claimContext) fill(tmpl string, extra ...string) string {
	return strings.NewReplacer(append([]string{"{group}", groups[c.perp].name, "{strike}", c.strike,
		"{town}", c.town.name, "{target}", groups[c.target].name}, extra...)...).Replace(tmpl)
}

// report is a REPORTED claim with figures: from a monitor or its head, an
// outlet citing local sources, residents, or a medical official.
func (g *generator) report(doc *strikegraph.Document, c *claimContext, base int) *strikegraph.Claim {
	cl := &strikegraph.Claim{Stance: strikegraph.StanceReported}
	switch source := g.pick(45, 10, 20, 15, 10); source {
	case 0, 1:
		m := g.monitors[g.monitorRank.Uint64()]
		noun := "civilian"
		if g.chance(0.15) {
			noun = "person" // civilian status not stated
		}
		fig := g.toll(base, noun)
		cl.Figures = deaths(noun, fig)
		cl.SpeakerID = m.id
		cl.Quote = c.fill(g.oneOf("The {strike} killed {toll}, the {monitor} said.", "The {monitor} said the {strike} killed {toll}.",
			"According to the {monitor}, {toll} died in the {strike}.", "The {monitor} documented the deaths of {toll} in the {strike}."),
			"{monitor}", m.name, "{toll}", fig.Text)
		if source == 1 && len(m.spokespeople) > 0 {
			s := m.spokespeople[g.rng.IntN(len(m.spokespeople))]
			cl.SpeakerID, cl.OnBehalfOfID, cl.Direct = s.id, m.id, true
			cl.Quote = c.fill("“The {strike} killed {toll},” said {name}, {role} of the {monitor}.",
				"{toll}", fig.Text, "{name}", s.name, "{role}", s.role, "{monitor}", m.name)
		}
		if low := lower(fig); cl.Figures.CiviliansKilled != nil && low >= 2 && g.chance(0.25) {
			k := 1 + g.rng.IntN(low/2)
			children := &strikegraph.Figure{Min: ptr(k), Max: ptr(k), Text: fmt.Sprintf("%d children", k)}
			sentence := "Among the dead were " + children.Text + "."
			if k == 1 {
				children.Text, sentence = "a child", "Among the dead was a child."
			}
			cl.Figures.ChildrenKilled = children
			cl.Quote += " " + sentence
		}
		if g.chance(0.2) {
			w := 1 + g.rng.IntN(2*base+1)
			cl.Figures.Injured = &strikegraph.Figure{Min: ptr(w), Max: ptr(w), Text: fmt.Sprintf("wounded %d %s", w, plural("person", w))}
			cl.Quote += " " + c.fill("The {strike} also {wounded}.", "{wounded}", cl.Figures.Injured.Text)
		}
	case 2:
		o := g.outlets[g.outletRank.Uint64()]
		noun := g.oneOf("civilian", "person")
		fig := g.toll(base, noun)
		cl.Figures = deaths(noun, fig)
		cl.SpeakerID, cl.Note = o.id, "unattributed: the outlet reports what local sources told it"
		cl.Quote = fmt.Sprintf("Local sources told %s that %s had been killed.", o.name, fig.Text)
	case 3:
		fig := g.toll(base, "person")
		cl.Figures.Killed = fig
		cl.SpeakerID = g.anonymous(doc, c, "Residents of "+c.town.name)
		cl.Quote = fmt.Sprintf("Residents said %s had been pulled from the rubble.", fig.Text)
	case 4:
		fig := g.toll(base, "person")
		o := g.outlets[g.outletRank.Uint64()]
		cl.Figures.Killed = fig
		cl.SpeakerID, cl.ViaIDs = g.anonymous(doc, c, "Medical official in "+c.town.name), []string{o.id}
		cl.Quote = fmt.Sprintf("A medical official in %s told %s that %s had died.", c.town.name, o.name, fig.Text)
	}
	return cl
}

// anonymous adds an unnamed source to doc and returns its id.
func (g *generator) anonymous(doc *strikegraph.Document, c *claimContext, name string) string {
	c.sources++
	id := fmt.Sprintf("gen:person:%s-%d", c.num, c.sources)
	doc.Actors = append(doc.Actors, strikegraph.Actor{ID: id, Kind: strikegraph.ActorPerson, Name: name, Anonymous: true})
	return id
}

// A belligerent's words, spoken by a spokesperson (first) or reported of it
// (second).
var denials = map[strikegraph.Denial][2]string{
	strikegraph.DeniesCivilianHarm:   {"There were no civilian casualties", "The {group} said no civilian casualties were associated with the {strike}."},
	strikegraph.DeniesCredibility:    {"These claims are unsubstantiated", "The {group} said the reports of civilian deaths were not credible."},
	strikegraph.DeniesResponsibility: {"We did not carry out any strike there", "The {group} denied carrying out any strike on {town}."},
	strikegraph.DeniesTarget:         {"We struck a command post, not a civilian building", "The {group} said the target was a command post used by {target}."},
}

var responses = map[strikegraph.Response][2]string{
	strikegraph.RespondsAcknowledged:    {"We are aware of the reports", "The {group} said it was aware of the reports."},
	strikegraph.RespondsInvestigating:   {"We are looking into it", "The {group} said it would assess the credibility of the report."},
	strikegraph.RespondsConfirmedStrike: {"We have been striking in that area", "The {group} confirmed it had carried out strikes near {town}."},
	strikegraph.RespondsJustified:       {"The site was being used by {target}", "The {group} said the site was used by {target} as a command centre."},
}

// denial is the perpetrator's DENIED claim.
func (g *generator) denial(c *claimContext) *strikegraph.Claim {
	d := []strikegraph.Denial{strikegraph.DeniesCivilianHarm, strikegraph.DeniesCredibility, strikegraph.DeniesResponsibility, strikegraph.DeniesTarget}[g.pick(50, 30, 10, 10)]
	cl := &strikegraph.Claim{Stance: strikegraph.StanceDenied, Denies: d}
	g.belligerent(cl, c, denials[d])
	return cl
}

// response is a RESPONDED claim: the perpetrator's, or the publisher's when it
// could not verify the toll.
func (g *generator) response(c *claimContext, publisher reporter) *strikegraph.Claim {
	r := []strikegraph.Response{strikegraph.RespondsAcknowledged, strikegraph.RespondsInvestigating, strikegraph.RespondsConfirmedStrike,
		strikegraph.RespondsJustified, strikegraph.RespondsUnverified}[g.pick(20, 35, 20, 10, 15)]
	cl := &strikegraph.Claim{Stance: strikegraph.StanceResponded, Response: r}
	if r == strikegraph.RespondsUnverified {
		cl.SpeakerID, cl.Quote = publisher.id, publisher.name+" could not independently verify the toll."
		return cl
	}
	g.belligerent(cl, c, responses[r])
	return cl
}

// belligerent has the perpetrator say words: through a spokesperson in
// direct speech, or reported as the group's.
func (g *generator) belligerent(cl *strikegraph.Claim, c *claimContext, words [2]string) {
	people := g.spokespeople[c.perp]
	if len(people) > 0 && g.chance(0.4) {
		s := people[g.rng.IntN(len(people))]
		cl.SpeakerID, cl.OnBehalfOfID, cl.Direct = s.id, groupID(c.perp), true
		cl.Quote = c.fill("“"+words[0]+",” said {name}, {role} of the {group}.", "{name}", s.name, "{role}", s.role)
		return
	}
	cl.SpeakerID, cl.Quote = groupID(c.perp), c.fill(words[1])
}

// toll is a figure near base, stated as a source might: "at least 12
// civilians", "between 10 and 15 people", "roughly 20 civilians".
func (g *generator) toll(base int, noun string) *strikegraph.Figure {
	n := max(1, base+g.rng.IntN(base/2+1)-base/4)
	f := &strikegraph.Figure{}
	switch g.pick(35, 25, 15, 10, 15) {
	case 0:
		f.Min, f.Text = ptr(n), fmt.Sprintf("at least %d %s", n, plural(noun, n))
	case 1:
		f.Min, f.Max, f.Text = ptr(n), ptr(n), fmt.Sprintf("%d %s", n, plural(noun, n))
	case 2:
		m := n + 1 + g.rng.IntN(n/2+1)
		f.Min, f.Max, f.Text = ptr(n), ptr(m), fmt.Sprintf("between %d and %d %s", n, m, plural(noun, m))
	case 3:
		f.Min, f.Max, f.Approximate, f.Text = ptr(n), ptr(n), true, fmt.Sprintf("%s %d %s", g.oneOf("roughly", "about", "some"), n, plural(noun, n))
	default:
		f.Min, f.Text = ptr(n+1), fmt.Sprintf("more than %d %s", n, plural(noun, n))
	}
	return f
}

// deaths files a death toll as civilian or, for "people", as killed.
func deaths(noun string, f *strikegraph.Figure) strikegraph.Figures {
	if noun == "civilian" {
		return strikegraph.Figures{CiviliansKilled: f}
	}
	return strikegraph.Figures{Killed: f}
}

// lower is a figure's lower bound, or its upper one when it has none.
func lower(f *strikegraph.Figure) int {
	if f.Min != nil {
		return *f.Min
	}
	return *f.Max
}

func plural(noun string, n int) string {
	if n == 1 {
		return noun
	}
	return map[string]string{"civilian": "civilians", "person": "people"}[noun]
}
