package server_test

import (
	"fmt"
	"math/rand/v2"
	"net/http/httptest"
	"slices"
	"testing"

	"github.com/strikegraph/strikegraph"
	"github.com/strikegraph/strikegraph/internal/graphtest"
	"github.com/strikegraph/strikegraph/server"
)

// TestIndependenceAndRollUpGenerated plants relays (vias, CITES) and a
// hierarchy with cycles (PART_OF, LEADS, SPEAKS_FOR) in generated data,
// loads it into the real Neo4j, and checks that each incident's independent
// sources, each actor's claims with its subordinates, and each
// belligerent's and reporter's totals with them, equal what Go computes from
// the same document.
func TestIndependenceAndRollUpGenerated(t *testing.T) {
	rng := rand.New(rand.NewPCG(15, 3))
	doc := &strikegraph.Document{}
	const text = "Generated. Relays and hierarchies."
	day := strikegraph.Date{Value: "2021-03-04", Precision: strikegraph.DateDay}
	kinds := []strikegraph.ActorKind{strikegraph.ActorArmedGroup, strikegraph.ActorArmedGroup, strikegraph.ActorMonitor, strikegraph.ActorOutlet}
	var orgs, groups, outlets, people []string
	for i := range 14 {
		a := strikegraph.Actor{ID: fmt.Sprintf("group:gen-%d", i), Name: fmt.Sprintf("Generated %d", i), Kind: kinds[i%4]}
		doc.Actors = append(doc.Actors, a)
		orgs = append(orgs, a.ID)
		switch a.Kind {
		case strikegraph.ActorOutlet:
			outlets = append(outlets, a.ID)
		case strikegraph.ActorArmedGroup:
			groups = append(groups, a.ID)
		}
	}
	for i := range 6 {
		a := strikegraph.Actor{ID: fmt.Sprintf("person:gen-%d", i), Name: fmt.Sprintf("Speaker %d", i), Kind: strikegraph.ActorSpokesperson}
		doc.Actors = append(doc.Actors, a)
		people = append(people, a.ID)
	}
	pick := func(ids []string) string { return ids[rng.IntN(len(ids))] }
	for i := range 4 {
		doc.Articles = append(doc.Articles, strikegraph.Article{ID: fmt.Sprintf("article:gen-%d", i), Text: text, Published: day, PublisherID: outlets[i%len(outlets)]})
	}
	rel := func(t strikegraph.RelationType, from, to string) {
		for _, r := range doc.Relations {
			if r.Type == t && r.From == from && r.To == to {
				return
			}
		}
		doc.Relations = append(doc.Relations, strikegraph.Relation{Type: t, From: from, To: to, Article: "article:gen-0", Quote: "Relays and hierarchies."})
	}
	speaksFor := map[string][]string{}
	for _, p := range people {
		for range 1 + rng.IntN(2) {
			o := pick(orgs)
			rel(strikegraph.RelSpeaksFor, p, o)
			speaksFor[p] = append(speaksFor[p], o)
		}
	}
	up := map[string][]string{} // group → those it is PART_OF or LEADS: cycles too
	for range 18 {
		a, b := pick(groups), pick(groups)
		if a == b || slices.Contains(up[a], b) {
			continue
		}
		rel([]strikegraph.RelationType{strikegraph.RelPartOf, strikegraph.RelLeads}[rng.IntN(2)], a, b)
		up[a] = append(up[a], b)
	}
	for _, a := range doc.Articles {
		for range rng.IntN(3) {
			rel(strikegraph.RelCites, a.ID, pick(orgs))
		}
	}
	for i := range 5 {
		in := strikegraph.Incident{ID: fmt.Sprintf("incident:gen-%d", i), Name: fmt.Sprintf("Strike %d", i), Scope: strikegraph.ScopeStrike, Date: day}
		doc.Incidents = append(doc.Incidents, in)
		rel(strikegraph.RelCarriedOut, pick(groups), in.ID)
	}
	for i := range 60 {
		c := strikegraph.Claim{ID: fmt.Sprintf("claim:gen-%d", i), Stance: strikegraph.StanceReported, IncidentID: pick([]string{"incident:gen-0", "incident:gen-1", "incident:gen-2", "incident:gen-3", "incident:gen-4"}),
			ArticleID: fmt.Sprintf("article:gen-%d", rng.IntN(4)), Quote: "Generated.", StatedOn: day}
		if rng.IntN(3) == 0 {
			c.SpeakerID = pick(people)
			c.OnBehalfOfID = pick(speaksFor[c.SpeakerID])
		} else {
			c.SpeakerID = pick(orgs)
		}
		if rng.IntN(4) == 0 {
			c.Stance = strikegraph.StanceDenied
			c.Denies = strikegraph.DeniesCivilianHarm
		} else {
			n := 1 + rng.IntN(50)
			c.Figures.CiviliansKilled = &strikegraph.Figure{Min: &n, Max: &n, Text: "Generated"}
		}
		for range rng.IntN(3) {
			if v := pick(orgs); !slices.Contains(c.ViaIDs, v) {
				c.ViaIDs = append(c.ViaIDs, v)
			}
		}
		doc.Claims = append(doc.Claims, c)
	}
	g := graphtest.Open(t)
	if err := g.LoadDocument(t.Context(), doc); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(server.Handler(g, graphtest.Logger(t), server.Options{}))
	defer srv.Close()

	// In Go: the relays the document records, each incident's toll over them.
	var relays []strikegraph.Relay
	for _, c := range doc.Claims {
		for _, v := range c.ViaIDs {
			relays = append(relays, strikegraph.Relay{ArticleID: c.ArticleID, RelayerID: v, SourceID: c.Source()})
		}
	}
	for _, r := range doc.Relations {
		if r.Type == strikegraph.RelCites {
			a := doc.Articles[slices.IndexFunc(doc.Articles, func(a strikegraph.Article) bool { return a.ID == r.From })]
			relays = append(relays, strikegraph.Relay{ArticleID: a.ID, RelayerID: a.PublisherID, SourceID: r.To})
		}
	}
	planted := 0
	for _, in := range doc.Incidents {
		var claims []*strikegraph.Claim
		for i := range doc.Claims {
			if doc.Claims[i].IncidentID == in.ID {
				claims = append(claims, &doc.Claims[i])
			}
		}
		want := strikegraph.CivilianToll(claims, strikegraph.TollOptions{Relays: relays})
		var out struct {
			Incident struct{ CivilianToll independenceOut }
		}
		mustQuery(t, srv.URL, `query($id: ID!) { incident(id: $id) { civilianToll `+independenceFields+` } }`, map[string]any{"id": in.ID}, &out)
		got := out.Incident.CivilianToll
		if got.IndependentSources != want.IndependentSources || got.Reporters != want.Reporters {
			t.Errorf("%s: %d independent of %d sources, Go computes %d of %d", in.ID, got.IndependentSources, got.Reporters, want.IndependentSources, want.Reporters)
		}
		if want.IndependentSources < want.Reporters {
			planted++
		}
	}
	if planted == 0 {
		t.Error("no incident has a source that relays another: the relays planted test nothing")
	}

	// In Go: each actor's subordinates, by breadth-first search down PART_OF
	// and LEADS (at most MaxSubordinateDepth edges), and their spokespeople.
	subordinates := func(id string) []string {
		in := map[string]bool{id: true}
		frontier := []string{id}
		for range strikegraph.MaxSubordinateDepth {
			var next []string
			for _, x := range frontier {
				for m, ups := range up {
					if slices.Contains(ups, x) && !in[m] {
						in[m] = true
						next = append(next, m)
					}
				}
			}
			frontier = next
		}
		for p, os := range speaksFor {
			if slices.ContainsFunc(os, func(o string) bool { return in[o] }) {
				in[p] = true
			}
		}
		return slices.Sorted(func(yield func(string) bool) {
			for k := range in {
				if !yield(k) {
					return
				}
			}
		})
	}
	deep := 0
	for _, id := range orgs {
		subs := subordinates(id)
		want := 0
		for _, c := range doc.Claims {
			if slices.Contains(subs, c.SpeakerID) || slices.Contains(subs, c.OnBehalfOfID) {
				want++
			}
		}
		var out struct {
			Actor struct {
				Claims     []struct{ ID string }
				Connection struct{ TotalCount int }
			}
		}
		mustQuery(t, srv.URL, `query($id: ID!) { actor(id: $id) { claims(includeSubordinates: true) { id }
			connection: claimsConnection(includeSubordinates: true) { totalCount } } }`, map[string]any{"id": id}, &out)
		if len(out.Actor.Claims) != want || out.Actor.Connection.TotalCount != want {
			t.Errorf("%s: %d claims with subordinates (connection %d), Go computes %d over %v", id, len(out.Actor.Claims), out.Actor.Connection.TotalCount, want, subs)
		}
		if len(subs) > 3 {
			deep++
		}
	}
	if deep == 0 {
		t.Error("no actor has more than two subordinates: the hierarchy planted tests little")
	}

	// Belligerent totals with subordinates: incidents carried out by the
	// belligerent or an organisation below it, and those denied by any of
	// its subordinates.
	var totals struct {
		BelligerentTotals []struct {
			Belligerent       struct{ ID string }
			Incidents, Denied int
		}
	}
	mustQuery(t, srv.URL, `{ belligerentTotals(first: 500, includeSubordinates: true) { belligerent { id } incidents denied } }`, nil, &totals)
	got := map[string]string{}
	for _, r := range totals.BelligerentTotals {
		got[r.Belligerent.ID] = fmt.Sprintf("%d incidents, %d denied", r.Incidents, r.Denied)
	}
	want := map[string]string{}
	for _, id := range orgs {
		subs := subordinates(id)
		incidents, denied := 0, 0
		for _, in := range doc.Incidents {
			if !slices.ContainsFunc(doc.Relations, func(r strikegraph.Relation) bool {
				return r.Type == strikegraph.RelCarriedOut && r.To == in.ID && slices.Contains(subs, r.From)
			}) {
				continue
			}
			incidents++
			if slices.ContainsFunc(doc.Claims, func(c strikegraph.Claim) bool {
				return c.IncidentID == in.ID && c.Stance == strikegraph.StanceDenied && (slices.Contains(subs, c.SpeakerID) || slices.Contains(subs, c.OnBehalfOfID))
			}) {
				denied++
			}
		}
		if incidents > 0 {
			want[id] = fmt.Sprintf("%d incidents, %d denied", incidents, denied)
		}
	}
	for id := range want {
		if got[id] != want[id] {
			t.Errorf("belligerentTotals for %s: %q, Go computes %q", id, got[id], want[id])
		}
	}
	if len(got) != len(want) {
		t.Errorf("belligerentTotals: %d rows, Go computes %d: %v vs %v", len(got), len(want), got, want)
	}

	// Reporter totals with subordinates: a report counts for its source and
	// for every actor whose subordinates hold its speaker or its onBehalfOf,
	// but the speaker.
	var reporters struct {
		ReporterTotals []struct {
			Reporter           struct{ ID string }
			Incidents, Reports int
		}
	}
	mustQuery(t, srv.URL, `{ reporterTotals(first: 500, includeSubordinates: true) { reporter { id } incidents reports } }`, nil, &reporters)
	got = map[string]string{}
	for _, r := range reporters.ReporterTotals {
		got[r.Reporter.ID] = fmt.Sprintf("%d incidents, %d reports", r.Incidents, r.Reports)
	}
	members := map[string][]string{}
	for _, a := range doc.Actors {
		members[a.ID] = subordinates(a.ID)
	}
	reports := map[string]int{}
	incidents := map[string]map[string]bool{}
	for _, c := range doc.Claims {
		if c.Stance != strikegraph.StanceReported {
			continue
		}
		for _, a := range doc.Actors {
			if a.ID == c.Source() || a.ID != c.SpeakerID && (slices.Contains(members[a.ID], c.SpeakerID) || slices.Contains(members[a.ID], c.OnBehalfOfID)) {
				reports[a.ID]++
				if incidents[a.ID] == nil {
					incidents[a.ID] = map[string]bool{}
				}
				incidents[a.ID][c.IncidentID] = true
			}
		}
	}
	want = map[string]string{}
	for id, n := range reports {
		want[id] = fmt.Sprintf("%d incidents, %d reports", len(incidents[id]), n)
	}
	for id := range want {
		if got[id] != want[id] {
			t.Errorf("reporterTotals for %s: %q, Go computes %q", id, got[id], want[id])
		}
	}
	if len(got) != len(want) {
		t.Errorf("reporterTotals: %d rows, Go computes %d", len(got), len(want))
	}
}
