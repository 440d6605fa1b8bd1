package corpus

import (
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/strikegraph/strikegraph"
)

// incident is what a later incident may need of an earlier one: a report of
// possibly the same strike shares its town and dates.
type incident struct {
	id              string
	town            int
	date, published strikegraph.Date
	words           string
}

var targets = []string{"a bakery", "homes", "a market", "a mosque", "a school", "a hospital", "a water station",
	"an oil refinery", "a bridge", "a vehicle", "a checkpoint", "a residential building", "a farm", "a fuel station",
	"a building used as a headquarters"}

var datelines = []string{"BEIRUT", "BAGHDAD", "ERBIL", "AMMAN", "ISTANBUL", "GAZIANTEP"}

var closings = []string{
	"The area has seen repeated strikes in recent months.",
	"Aid groups say tens of thousands of people have fled the fighting.",
	"The war has killed hundreds of thousands of people since 2011.",
	"Residents say they have little warning before the strikes.",
}

// article is one article being written about an incident.
type article struct {
	strikegraph.Article
	publisher reporter
	sentences []string
}

// incident adds incident n to doc: the incident, one or two articles, its
// relations, its claims and the anonymous sources they quote.
func (g *generator) incident(doc *strikegraph.Document, shard string, n int) {
	num := fmt.Sprintf("%07d", n)
	in := incident{id: "gen:incident:" + num, town: int(g.townRank.Uint64())}
	same := g.previous != nil && g.chance(0.02)
	if same {
		in.town, in.date, in.published, in.words = g.previous.town, g.previous.date, g.previous.published, g.previous.words
	} else {
		in.date, in.published, in.words = g.dates()
	}
	t := g.towns[in.town]
	perp := g.pick(perpetrators[provinces[t.province].country]...)
	gr := groups[perp]
	target := gr.targets[g.rng.IntN(len(gr.targets))]

	scope := []strikegraph.IncidentScope{strikegraph.ScopeStrike, strikegraph.ScopeSeries, strikegraph.ScopePeriod}[g.pick(90, 7, 3)]
	if scope == strikegraph.ScopePeriod && in.date.Precision != strikegraph.DateDay {
		scope = strikegraph.ScopeStrike // a period needs a start and an end
	}
	strike, where := "strike", "in "+t.name
	located := strikegraph.Relation{Type: strikegraph.RelLocatedIn, From: in.id, To: t.id}
	if g.chance(0.15) {
		located.Type, where = strikegraph.RelLocatedNear, "near "+t.name
		if g.chance(0.4) {
			km := 2 + g.rng.IntN(14)
			located.DistanceKm, where = ptr(float64(km)), fmt.Sprintf("about %d km from %s", km, t.name)
		}
	}
	inc := strikegraph.Incident{ID: in.id, Scope: scope, Date: in.date}
	var lead, title string
	switch scope {
	case strikegraph.ScopePeriod:
		strike = "strikes"
		from, _ := in.date.Start()
		until := from.AddDate(0, 0, 7+g.rng.IntN(60))
		inc.Date.Text = "from " + from.Format("2 January")
		inc.Until = &strikegraph.Date{Value: until.Format(time.DateOnly), Precision: strikegraph.DateDay, Text: "to " + until.Format("2 January"), Note: "year from the start of the campaign"}
		inc.Name = fmt.Sprintf("%s air campaign around %s, %s to %s", gr.short, t.name, from.Format("2 January 2006"), until.Format("2 January 2006"))
		lead = fmt.Sprintf("%s warplanes struck %s and the villages around it repeatedly %s %s.", gr.short, t.name, inc.Date.Text, inc.Until.Text)
		title = fmt.Sprintf("Weeks of %s strikes around %s", gr.short, t.name)
	default:
		what := targets[g.rng.IntN(len(targets))]
		kind, hit := "airstrike", "hits"
		if scope == strikegraph.ScopeSeries {
			strike, kind, hit = "strikes", "airstrikes", "hit"
		}
		inc.Target = what
		inc.Name = fmt.Sprintf("%s %s on %s %s", gr.short, kind, what, where)
		lead = fmt.Sprintf("%s warplanes struck %s %s %s.", gr.short, what, where, in.words)
		title = fmt.Sprintf("%s %s %s %s", gr.short, kind, hit, t.name)
	}
	if g.chance(0.2) {
		inc.Aliases = []string{strings.Replace(inc.Name, t.name, t.alias, 1)}
	}
	doc.Incidents = append(doc.Incidents, inc)

	articles := make([]*article, 1+g.pick(75, 25))
	for k := range articles {
		a := &article{publisher: g.outlets[g.outletRank.Uint64()], sentences: []string{lead}}
		a.Article = strikegraph.Article{
			ID: fmt.Sprintf("gen:article:%s-%d", num, k+1), File: fmt.Sprintf("%s/%s-%d.txt", shard, num, k+1),
			Title: title, PublisherID: a.publisher.id, Dateline: datelines[g.rng.IntN(len(datelines))],
			URL:       fmt.Sprintf("https://example.org/%s/%s-%d", strings.TrimPrefix(a.publisher.id, "gen:outlet:"), num, k+1),
			Published: in.published, Description: fmt.Sprintf("synthetic article (package corpus, seed %d)", g.seed),
		}
		articles[k] = a
	}
	first := articles[0]
	located.Article, located.Quote = first.ID, lead
	doc.Relations = append(doc.Relations, located,
		strikegraph.Relation{Type: strikegraph.RelCarriedOut, From: groupID(perp), To: in.id, Article: first.ID, Quote: lead})
	if g.chance(0.5) {
		s := fmt.Sprintf("%s officials said the %s targeted %s positions.", gr.short, strike, groups[target].name)
		first.sentences = append(first.sentences, s)
		doc.Relations = append(doc.Relations, strikegraph.Relation{Type: strikegraph.RelTargeted, From: in.id, To: groupID(target), Article: first.ID, Quote: s})
	}
	if same {
		doc.Relations = append(doc.Relations, strikegraph.Relation{Type: strikegraph.RelPossiblySameAs, From: in.id, To: g.previous.id,
			Note: "same town and day as another report; the sources do not say whether it is the same strike"})
	}

	c := claimContext{num: num, town: t, perp: perp, target: target, strike: strike}
	base := int(math.Min(400, 2*math.Pow(1-g.rng.Float64(), -0.9))) // heavy-tailed: mostly a few, sometimes hundreds
	if scope == strikegraph.ScopePeriod {
		base *= 5
	}
	var claims []*strikegraph.Claim
	for range 1 + g.pick(35, 30, 20, 10, 5) {
		claims = append(claims, g.report(doc, &c, base))
	}
	if g.chance(0.15) {
		claims = append(claims, g.denial(&c))
	}
	if g.chance(0.25) {
		// An outlet that could not verify the toll is the one publishing the
		// article the response goes into (claim i goes into article i mod the number).
		claims = append(claims, g.response(&c, articles[len(claims)%len(articles)].publisher))
	}
	for i, cl := range claims {
		a := articles[i%len(articles)]
		cl.ID = fmt.Sprintf("gen:claim:%s-%d", num, i+1)
		cl.IncidentID, cl.ArticleID = in.id, a.ID
		cl.StatedOn = strikegraph.Date{Precision: strikegraph.DateUnknown, Note: "article date not stated"}
		if a.Published.Precision == strikegraph.DateDay {
			cl.StatedOn = strikegraph.Date{Value: a.Published.Value, Precision: strikegraph.DateDay, Note: "the article date"}
		}
		a.sentences = append(a.sentences, cl.Quote)
		doc.Claims = append(doc.Claims, *cl)
	}
	for _, a := range articles {
		a.Text = fmt.Sprintf("%s\n\n%s — %s\n\n%s\n", a.Title, a.Dateline, strings.Join(a.sentences, " "), closings[g.rng.IntN(len(closings))])
		doc.Articles = append(doc.Articles, a.Article)
	}
	g.previous = &in
}

// dates returns when an incident happened, between August 2014 and 2019, the
// article's publication date, and the words the article uses for the first.
// Most dates are exact; some are approximate, only a month or a year, or
// unknown because the article is undated.
func (g *generator) dates() (date, published strikegraph.Date, words string) {
	start := time.Date(2014, 8, 8, 0, 0, 0, 0, time.UTC)
	day := start.AddDate(0, 0, g.rng.IntN(int(time.Date(2019, 12, 31, 0, 0, 0, 0, time.UTC).Sub(start).Hours()/24)+1))
	pub := day.AddDate(0, 0, g.rng.IntN(3))
	switch g.pick(75, 10, 7, 3, 5) {
	case 0:
		words = "on " + day.Weekday().String()
		if g.chance(0.5) {
			words = "on " + day.Format("2 January")
		}
		date = strikegraph.Date{Value: day.Format(time.DateOnly), Precision: strikegraph.DateDay, Text: words, Note: "resolved against the article date"}
	case 1:
		words = g.oneOf("earlier this week", "late last week", "a few days ago")
		pub = day.AddDate(0, 0, 2+g.rng.IntN(5))
		date = strikegraph.Date{Value: day.Format(time.DateOnly), Precision: strikegraph.DateApproximate, Text: words, Note: "around this day: the article gives no exact day"}
	case 2:
		words = "in " + day.Month().String()
		pub = day.AddDate(0, 0, 20+g.rng.IntN(20))
		date = strikegraph.Date{Value: day.Format("2006-01"), Precision: strikegraph.DateMonth, Text: words, Note: "only the month is stated"}
	case 3:
		words = "earlier this year"
		pub = day.AddDate(0, 0, g.rng.IntN(time.Date(day.Year(), 12, 31, 0, 0, 0, 0, time.UTC).YearDay()-day.YearDay()+1))
		date = strikegraph.Date{Value: day.Format("2006"), Precision: strikegraph.DateYear, Text: words, Note: "only the year follows from the article date"}
	default:
		words = "on " + day.Weekday().String()
		return strikegraph.Date{Precision: strikegraph.DateUnknown, Text: words, Note: "article date not stated"},
			strikegraph.Date{Precision: strikegraph.DateUnknown, Note: "publication date not stated in the text"}, words
	}
	return date, strikegraph.Date{Value: pub.Format(time.DateOnly), Precision: strikegraph.DateDay, Text: pub.Format("2 January 2006")}, words
}
