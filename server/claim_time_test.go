package server_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/strikegraph/strikegraph"
	"github.com/strikegraph/strikegraph/internal/graphtest"
)

// TestClaimsOverTime records a local council's count rising over four
// days, an undated repeat, and the belligerent's admission months later,
// then sorts and filters them by when they were said and when recorded.
func TestClaimsOverTime(t *testing.T) {
	s := newWriteServer(t, graphtest.Open(t))
	text := "The council counted 8 dead on Tuesday, 21 on Wednesday, 56 on Friday and 73 by Monday. It repeated 73 later. " +
		"The coalition later said 24 civilians were unintentionally killed."
	s.mustWrite(t, s.editor, createActor, map[string]any{"in": map[string]any{"name": "Manbij council", "kind": "MONITOR"}}, nil)
	s.mustWrite(t, s.editor, createActor, map[string]any{"in": map[string]any{"name": "Test Coalition", "kind": "ARMED_GROUP"}}, nil)
	s.mustWrite(t, s.editor, createArt, map[string]any{"in": map[string]any{"id": "article:rising", "title": "A rising count", "text": text,
		"published": map[string]any{"value": "2017-04-30", "precision": "DAY"}}}, nil)
	s.mustWrite(t, s.editor, createInc, map[string]any{"in": map[string]any{"id": "incident:tokhar", "name": "Strikes on Tokhar", "scope": "STRIKE",
		"date": map[string]any{"value": "2016-07-19", "precision": "DAY"}}}, nil)
	claim := func(id, speaker, quote string, n int, day, precision string) {
		stated := map[string]any{"value": day, "precision": precision}
		if day == "" {
			stated = map[string]any{"precision": "UNKNOWN"}
		}
		s.mustWrite(t, s.editor, report, map[string]any{"in": map[string]any{"id": id, "speaker": speaker, "incident": "incident:tokhar",
			"article": "article:rising", "quote": quote, "statedOn": stated,
			"figures": map[string]any{"civiliansKilled": map[string]any{"min": n, "max": n, "text": fmt.Sprint(n)}}}}, nil)
	}
	claim("claim:council-21", "monitor:manbij-council", "21 on Wednesday", 21, "2016-07-20", "DAY")
	claim("claim:council-8", "monitor:manbij-council", "8 dead on Tuesday", 8, "2016-07-19", "DAY")
	claim("claim:council-73", "monitor:manbij-council", "73 by Monday", 73, "2016-07-25", "DAY")
	claim("claim:council-repeat", "monitor:manbij-council", "It repeated 73 later.", 73, "", "")
	claim("claim:council-56", "monitor:manbij-council", "56 on Friday", 56, "2016-07-22", "DAY")
	claim("claim:coalition-24", "group:test-coalition", "24 civilians were unintentionally killed", 24, "2017-04", "MONTH")

	ids := func(q string) string {
		t.Helper()
		var out struct{ Claims []struct{ ID string } }
		mustQuery(t, s.url, q, nil, &out)
		var got []string
		for _, c := range out.Claims {
			got = append(got, c.ID)
		}
		return fmt.Sprint(got)
	}
	today := time.Now().UTC().Format(time.DateOnly)
	yesterday := time.Now().UTC().AddDate(0, 0, -1).Format(time.DateOnly)
	for q, want := range map[string]string{
		`{ claims(sort: [{statedOn: ASC}]) { id } }`:  "[claim:council-8 claim:council-21 claim:council-56 claim:council-73 claim:coalition-24 claim:council-repeat]",
		`{ claims(sort: [{statedOn: DESC}]) { id } }`: "[claim:coalition-24 claim:council-73 claim:council-56 claim:council-21 claim:council-8 claim:council-repeat]",
		// What had been said by Friday, 22 July: the month-dated admission
		// counts from 1 April 2017, the undated repeat from no day.
		`{ claims(where: {statedOn_LTE: "2016-07-22"}, sort: [{statedOn: ASC}]) { id } }`:                       "[claim:council-8 claim:council-21 claim:council-56]",
		`{ claims(where: {statedOn_GTE: "2016-07-21", statedOn_LTE: "2017"}, sort: [{statedOn: ASC}]) { id } }`: "[claim:council-56 claim:council-73 claim:coalition-24]",
		// Recorded in the order of the calls, all today.
		`{ claims(sort: [{recordedAt: ASC}]) { id } }`: "[claim:council-21 claim:council-8 claim:council-73 claim:council-repeat claim:council-56 claim:coalition-24]",
		fmt.Sprintf(`{ claims(where: {recordedAt_GTE: %q, recordedAt_LTE: %q}, sort: [{statedOn: ASC}]) { id } }`, today, today): "[claim:council-8 claim:council-21 claim:council-56 claim:council-73 claim:coalition-24 claim:council-repeat]",
		fmt.Sprintf(`{ claims(where: {recordedAt_LTE: %q}) { id } }`, yesterday):                                                 "[]",
	} {
		if got := ids(q); got != want {
			t.Errorf("%s\n got %s\nwant %s", q, got, want)
		}
	}
	s.wantError(t, s.reader, `{ claims(where: {statedOn_GTE: "July 2016"}) { id } }`, nil, "BAD_USER_INPUT", "where.statedOn_GTE")

	// Every figure; each source's latest (the council's 73, the undated
	// repeat aside, and the coalition's 24); and what was known yesterday.
	type toll struct {
		Lowest, Highest    *int
		Reports, Reporters int
	}
	var tolls struct {
		Incident struct{ All, Latest, Before toll }
	}
	fields := "{ lowest highest reports reporters }"
	mustQuery(t, s.url, fmt.Sprintf(`{ incident(id: "incident:tokhar") { all: civilianToll %s latest: civilianToll(latest: true) %s before: civilianToll(asOf: %q) %s } }`,
		fields, fields, yesterday, fields), nil, &tolls)
	show := func(r toll) string {
		if r.Lowest == nil || r.Highest == nil {
			return fmt.Sprintf("none, %d reports", r.Reports)
		}
		return fmt.Sprintf("%d-%d, %d reports, %d sources", *r.Lowest, *r.Highest, r.Reports, r.Reporters)
	}
	in := tolls.Incident
	if got := show(in.All) + " | " + show(in.Latest) + " | " + show(in.Before); got != "8-73, 6 reports, 2 sources | 24-73, 2 reports, 2 sources | none, 0 reports" {
		t.Errorf("tolls: %s", got)
	}
	s.wantError(t, s.reader, `{ incident(id: "incident:tokhar") { civilianToll(asOf: "yesterday") { lowest } } }`, nil, "BAD_USER_INPUT", "asOf")
}

// TestClaimsAsOf replays a council's rising count as the graph recorded it,
// on the days given (an import's time is its author's): 8 on Tuesday,
// recorded that day; 21 on Wednesday, updating it; "at least 70" on Monday,
// re-imported the next day as 73; Friday's 56 recorded late, on that
// Tuesday, mistyped as 65, and corrected now by updateClaim; and the
// coalition's admission of 24 the next April. Asked as of each day, the
// claims, the incident and its tolls give the figures recorded by then (and
// the incident the target it then had), and the history holds the figures
// they replaced.
func TestClaimsAsOf(t *testing.T) {
	s := newWriteServer(t, graphtest.Open(t))
	at := func(day string) time.Time {
		d, err := time.Parse(time.DateOnly, day)
		if err != nil {
			t.Fatal(err)
		}
		return d.Add(9 * time.Hour)
	}
	write := func(day string, doc *strikegraph.Document) {
		t.Helper()
		if _, err := s.g.WriteDocument(t.Context(), doc, strikegraph.Upsert, strikegraph.Author{By: "cli:importer", At: at(day)}); err != nil {
			t.Fatalf("%s: %v", day, err)
		}
	}
	dated := func(day string) strikegraph.Date {
		return strikegraph.Date{Value: day, Precision: strikegraph.DateDay}
	}
	article := func(id, day, text string) strikegraph.Article {
		return strikegraph.Article{ID: id, Title: "Tokhar", Published: dated(day), Text: text}
	}
	claim := func(id, speaker, article, quote string, n int, stated strikegraph.Date, updates string) strikegraph.Claim {
		return strikegraph.Claim{ID: id, Stance: strikegraph.StanceReported, SpeakerID: speaker, IncidentID: "incident:tokhar",
			ArticleID: article, Quote: quote, StatedOn: stated, UpdatesID: updates,
			Figures: strikegraph.Figures{CiviliansKilled: &strikegraph.Figure{Min: &n, Text: quote}}}
	}
	const council, coalition = "monitor:manbij-council", "group:test-coalition"
	write("2016-07-19", &strikegraph.Document{
		Actors: []strikegraph.Actor{{ID: council, Kind: strikegraph.ActorMonitor, Name: "Manbij council"},
			{ID: coalition, Kind: strikegraph.ActorArmedGroup, Name: "Test Coalition"}},
		Incidents: []strikegraph.Incident{{ID: "incident:tokhar", Name: "Strikes on Tokhar", Scope: strikegraph.ScopeStrike, Date: dated("2016-07-19")}},
		Articles:  []strikegraph.Article{article("article:tue", "2016-07-19", "The council counted 8 dead.")},
		Claims:    []strikegraph.Claim{claim("claim:council-0719", council, "article:tue", "8 dead", 8, dated("2016-07-19"), "")},
	})
	write("2016-07-20", &strikegraph.Document{
		Articles: []strikegraph.Article{article("article:wed", "2016-07-20", "The council now counts 21 dead.")},
		Claims:   []strikegraph.Claim{claim("claim:council-0720", council, "article:wed", "21 dead", 21, dated("2016-07-20"), "claim:council-0719")},
	})
	monday := claim("claim:council-0725", council, "article:mon", "at least 70 dead", 70, dated("2016-07-25"), "")
	write("2016-07-25", &strikegraph.Document{
		Articles: []strikegraph.Article{article("article:mon", "2016-07-25", "The council said at least 70 dead, then 73 dead.")},
		Claims:   []strikegraph.Claim{monday},
	})
	monday.Quote = "73 dead"
	*monday.Figures.CiviliansKilled = strikegraph.Figure{Min: ptr(73), Text: "73 dead"}
	write("2016-07-26", &strikegraph.Document{
		Articles: []strikegraph.Article{article("article:fri", "2016-07-26", "On Friday the council had counted 56 dead.")},
		Claims:   []strikegraph.Claim{monday, claim("claim:council-0722", council, "article:fri", "56 dead", 65, dated("2016-07-22"), "")},
	})
	write("2017-04-30", &strikegraph.Document{
		Articles: []strikegraph.Article{article("article:coalition", "2017-04-30", "The coalition said 24 civilians were unintentionally killed.")},
		Claims: []strikegraph.Claim{claim("claim:coalition-24", coalition, "article:coalition", "24 civilians were unintentionally killed", 24,
			strikegraph.Date{Value: "2017-04", Precision: strikegraph.DateMonth}, "")},
	})
	// Friday's 65 was a typing error.
	s.mustWrite(t, s.editor, updateClaim, map[string]any{"id": "claim:council-0722", "reason": "the article says 56",
		"in": map[string]any{"figures": map[string]any{"civiliansKilled": map[string]any{"min": 56, "text": "56 dead"}}}}, nil)

	// And the incident is given its target now.
	s.mustWrite(t, s.editor, `mutation { updateIncident(id: "incident:tokhar", input: {target: "a village"}) { outcome } }`, nil, nil)

	today := time.Now().UTC().Format(time.DateOnly)
	yesterday := time.Now().UTC().AddDate(0, 0, -1).Format(time.DateOnly)
	type figured struct {
		ID      string
		Figures struct{ CiviliansKilled *struct{ Min int } }
	}
	show := func(cs []figured) string {
		var out []string
		for _, c := range cs {
			out = append(out, fmt.Sprintf("%s=%d", strings.TrimPrefix(c.ID, "claim:"), c.Figures.CiviliansKilled.Min))
		}
		return strings.Join(out, " ")
	}
	type toll struct {
		Lowest, Highest    *int
		Reports, Reporters int
	}
	showToll := func(r toll) string {
		if r.Lowest == nil {
			return fmt.Sprintf("none/%d", r.Reports)
		}
		return fmt.Sprintf("%d-%d/%d/%d", *r.Lowest, *r.Highest, r.Reports, r.Reporters)
	}
	const claimFields = `id figures { civiliansKilled { min } }`
	const tollFields = `{ lowest highest reports reporters }`
	asOf := func(day string) string {
		t.Helper()
		var out struct {
			Claims           []figured
			ClaimsConnection struct {
				TotalCount int
				Edges      []struct{ Node figured }
			}
			Incident *struct {
				Target         string
				Claims         []figured
				Latest, All    toll
				OwnAsOf        toll
				ClaimsByStated struct{ Edges []struct{ Node figured } }
			}
		}
		mustQuery(t, s.url, `query($day: String) {
			claims(asOf: $day, sort: [{statedOn: ASC}]) { `+claimFields+` }
			claimsConnection(asOf: $day, sort: [{statedOn: DESC}], first: 2) { totalCount edges { node { `+claimFields+` } } }
			incident(id: "incident:tokhar", asOf: $day) {
				target
				claims { `+claimFields+` }
				latest: civilianToll(latest: true) `+tollFields+`
				all: civilianToll `+tollFields+`
				claimsByStated: claimsConnection(sort: [{statedOn: ASC}]) { edges { node { `+claimFields+` } } }
			}
		}`, map[string]any{"day": day}, &out)
		if out.Incident == nil {
			return fmt.Sprintf("[%s] no incident", show(out.Claims))
		}
		var conn, byStated []figured
		for _, e := range out.ClaimsConnection.Edges {
			conn = append(conn, e.Node)
		}
		for _, e := range out.Incident.ClaimsByStated.Edges {
			byStated = append(byStated, e.Node)
		}
		// The incident's claims, unsorted, are the list's.
		inc := slices.Clone(out.Incident.Claims)
		slices.SortFunc(inc, func(a, b figured) int { return strings.Compare(a.ID, b.ID) })
		all := slices.Clone(out.Claims)
		slices.SortFunc(all, func(a, b figured) int { return strings.Compare(a.ID, b.ID) })
		if show(inc) != show(all) || show(byStated) != show(out.Claims) {
			t.Errorf("as of %s: incident's claims %s, by statedOn %s; claims %s", day, show(inc), show(byStated), show(out.Claims))
		}
		return fmt.Sprintf("[%s] last two [%s] of %d | latest %s | all %s | target %q", show(out.Claims), show(conn), out.ClaimsConnection.TotalCount,
			showToll(out.Incident.Latest), showToll(out.Incident.All), out.Incident.Target)
	}
	for _, c := range []struct{ day, want string }{
		{"2016-07-18", "[] no incident"},
		{"2016-07-19", "[council-0719=8] last two [council-0719=8] of 1 | latest 8-8/1/1 | all 8-8/1/1 | target \"\""},
		{"2016-07-20", "[council-0719=8 council-0720=21] last two [council-0720=21 council-0719=8] of 2 | latest 21-21/1/1 | all 8-21/2/1 | target \"\""},
		{"2016-07", "[council-0719=8 council-0720=21 council-0722=65 council-0725=73] last two [council-0725=73 council-0722=65] of 4 | latest 73-73/1/1 | all 8-73/4/1 | target \"\""},
		{"2016-07-25", "[council-0719=8 council-0720=21 council-0725=70] last two [council-0725=70 council-0720=21] of 3 | latest 70-70/1/1 | all 8-70/3/1 | target \"\""},
		// Friday's count, recorded after Monday's, sorts before it.
		{"2016-07-26", "[council-0719=8 council-0720=21 council-0722=65 council-0725=73] last two [council-0725=73 council-0722=65] of 4 | latest 73-73/1/1 | all 8-73/4/1 | target \"\""},
		{"2017-04-29", "[council-0719=8 council-0720=21 council-0722=65 council-0725=73] last two [council-0725=73 council-0722=65] of 4 | latest 73-73/1/1 | all 8-73/4/1 | target \"\""},
		{"2017-04-30", "[council-0719=8 council-0720=21 council-0722=65 council-0725=73 coalition-24=24] last two [coalition-24=24 council-0725=73] of 5 | latest 24-73/2/2 | all 8-73/5/2 | target \"\""},
		{yesterday, "[council-0719=8 council-0720=21 council-0722=65 council-0725=73 coalition-24=24] last two [coalition-24=24 council-0725=73] of 5 | latest 24-73/2/2 | all 8-73/5/2 | target \"\""},
		{today, "[council-0719=8 council-0720=21 council-0722=56 council-0725=73 coalition-24=24] last two [coalition-24=24 council-0725=73] of 5 | latest 24-73/2/2 | all 8-73/5/2 | target \"a village\""},
	} {
		if got := asOf(c.day); got != c.want {
			t.Errorf("as of %s:\n got %s\nwant %s", c.day, got, c.want)
		}
	}

	// Five claims as of a day are two statements: the page, then every
	// claim's revisions at once.
	before := s.g.RoundTrips()
	mustQuery(t, s.url, `{ claims(asOf: "2017") { `+claimFields+` history { at } } }`, nil, nil)
	if sent := s.g.RoundTrips() - before; sent != 2 {
		t.Errorf("claims as of 2017 sent %d statements, want 2", sent)
	}

	// The toll's own asOf counts the figures then recorded too; without
	// asOf, the claims are as they stand.
	var now struct {
		Incident struct {
			Monday, Latest toll
		}
	}
	mustQuery(t, s.url, `{ incident(id: "incident:tokhar") { monday: civilianToll(latest: true, asOf: "2016-07-25") `+tollFields+
		` latest: civilianToll(latest: true) `+tollFields+` } }`, nil, &now)
	if got := showToll(now.Incident.Monday) + " " + showToll(now.Incident.Latest); got != "70-70/1/1 24-73/2/2" {
		t.Errorf("tolls now: %s", got)
	}

	// Each correction's history holds the figure the day before it showed,
	// and the latest toll then counted it.
	for id, want := range map[string]string{"claim:council-0725": "70 then 73", "claim:council-0722": "65 then 56"} {
		var h struct {
			Claim struct {
				History []revision
				Figures struct{ CiviliansKilled struct{ Min int } }
			}
		}
		mustQuery(t, s.url, `query($id: ID!) { claim(id: $id) { history { `+revisionFields+` } figures { civiliansKilled { min } } } }`, map[string]any{"id": id}, &h)
		if len(h.Claim.History) != 1 {
			t.Fatalf("%s: history %+v", id, h.Claim.History)
		}
		rev := h.Claim.History[0]
		if got := fmt.Sprintf("%v then %d", rev.Earlier["civiliansKilledMin"], h.Claim.Figures.CiviliansKilled.Min); got != want {
			t.Errorf("%s: %s, want %s", id, got, want)
		}
		revAt, err := time.Parse(time.RFC3339Nano, rev.At)
		if err != nil {
			t.Fatal(err)
		}
		before := revAt.UTC().AddDate(0, 0, -1).Format(time.DateOnly)
		var then struct {
			Claims   []figured
			One      *figured
			Incident struct{ CivilianToll toll }
		}
		mustQuery(t, s.url, `query($id: ID!, $day: String) { claims(asOf: $day, where: {id_IN: [$id]}) { `+claimFields+` }
			one: claim(id: $id, asOf: $day) { `+claimFields+` }
			incident(id: "incident:tokhar", asOf: $day) { civilianToll(latest: true) `+tollFields+` } }`, map[string]any{"id": id, "day": before}, &then)
		if len(then.Claims) != 1 || float64(then.Claims[0].Figures.CiviliansKilled.Min) != rev.Earlier["civiliansKilledMin"] {
			t.Errorf("%s as of %s: %s, history says %v", id, before, show(then.Claims), rev.Earlier["civiliansKilledMin"])
		}
		if then.One == nil || float64(then.One.Figures.CiviliansKilled.Min) != rev.Earlier["civiliansKilledMin"] {
			t.Errorf("claim(id: %q, asOf: %q): %+v, history says %v", id, before, then.One, rev.Earlier["civiliansKilledMin"])
		}
		if id == "claim:council-0725" && showToll(then.Incident.CivilianToll) != "70-70/1/1" {
			t.Errorf("latest toll as of %s: %s", before, showToll(then.Incident.CivilianToll))
		}
	}

	// Recorded on the 25th: not there on the 18th.
	var early struct{ Claim *struct{ ID string } }
	mustQuery(t, s.url, `{ claim(id: "claim:council-0725", asOf: "2016-07-18") { id } }`, nil, &early)
	if early.Claim != nil {
		t.Errorf("claim as of the 18th: %+v, want null", early.Claim)
	}
	for _, q := range []string{
		`{ claim(id: "claim:council-0725", asOf: "soon") { id } }`,
		`{ incident(id: "incident:tokhar", asOf: "last week") { id } }`,
		`{ claims(asOf: "2016-13-01") { id } }`,
		`{ claimsConnection(asOf: "July") { totalCount } }`,
	} {
		s.wantError(t, s.reader, q, nil, "BAD_USER_INPUT", "asOf")
	}
}
