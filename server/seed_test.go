package server_test

import (
	"fmt"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/strikegraph/strikegraph/internal/graphtest"
	"github.com/strikegraph/strikegraph/server"
)

type named struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

type figure struct {
	Min  *int   `json:"min"`
	Max  *int   `json:"max"`
	Text string `json:"text"`
}

type claim struct {
	ID         string `json:"id"`
	Stance     string `json:"stance"`
	Speaker    named  `json:"speaker"`
	OnBehalfOf *named `json:"onBehalfOf"`
	Quote      string `json:"quote"`
	Denies     string `json:"denies"`
	Response   string `json:"response"`
	Incident   named  `json:"incident"`
	Figures    struct {
		CiviliansKilled *figure `json:"civiliansKilled"`
		ChildrenKilled  *figure `json:"childrenKilled"`
		WomenKilled     *figure `json:"womenKilled"`
		Killed          *figure `json:"killed"`
	} `json:"figures"`
	Article struct {
		ID        string `json:"id"`
		Text      string `json:"text"`
		Publisher *named `json:"publisher"`
		Published struct {
			Value     *string `json:"value"`
			Precision string  `json:"precision"`
		} `json:"published"`
	} `json:"article"`
}

const claimFields = `id stance quote denies response
	speaker { id name } onBehalfOf { id name } incident { id name }
	figures { civiliansKilled { min max text } childrenKilled { min max text } womenKilled { min max text } killed { min max text } }
	article { id text publisher { id name } published { value precision } }`

func findClaim(t *testing.T, claims []claim, id string) claim {
	t.Helper()
	for _, c := range claims {
		if c.ID == id {
			return c
		}
	}
	t.Fatalf("no claim %s among %d", id, len(claims))
	return claim{}
}

func ids(ns []named) []string {
	out := make([]string, len(ns))
	for i, n := range ns {
		out[i] = n.ID
	}
	return out
}

func hasAll(t *testing.T, what string, got []string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !slices.Contains(got, w) {
			t.Errorf("%s: %v lacks %s", what, got, w)
		}
	}
}

// TestSeedCorpusQueries asks the investigators' questions through GraphQL over
// HTTP, against the real Neo4j holding the seed corpus, and checks the answers
// against what the articles say.
func TestSeedCorpusQueries(t *testing.T) {
	g := graphtest.Seeded(t)
	srv := httptest.NewServer(server.Handler(g, graphtest.Logger(t), server.Options{}))
	defer srv.Close()
	url := srv.URL

	t.Run("server info comes from Neo4j", func(t *testing.T) {
		var out struct {
			ServerInfo struct{ Neo4jVersion, Neo4jEdition, Database string }
		}
		mustQuery(t, url, `{ serverInfo { neo4jVersion neo4jEdition database } }`, nil, &out)
		if !strings.HasPrefix(out.ServerInfo.Neo4jVersion, "5.26.") || out.ServerInfo.Neo4jEdition == "" || out.ServerInfo.Database == "" {
			t.Errorf("serverInfo = %+v, want Neo4j 5.26 and a database", out.ServerInfo)
		}
	})

	t.Run("an incident with its places, perpetrator, target, reports, denial and responses", func(t *testing.T) {
		var out struct {
			Incident struct {
				Name   string
				Date   struct{ Value, Precision, Text string }
				Places []struct {
					Type  string
					Other named
				}
				Perpetrators []named
				Targets      []named
				PartOf       []named
				Claims       []claim
			}
		}
		mustQuery(t, url, `query($id: ID!) { incident(id: $id) {
			name date { value precision text }
			places { type other { id name } }
			perpetrators { id name } targets { id name } partOf { id name }
			claims { `+claimFields+` } } }`, map[string]any{"id": "incident:2018-11-17-abu-al-hassan"}, &out)
		in := out.Incident
		if in.Date.Value != "2018-11-17" || in.Date.Precision != "DAY" {
			t.Errorf("date = %+v, want 2018-11-17 to the day (\"Saturday\" in an article posted on Saturday 17 November 2018)", in.Date)
		}
		var located []string
		for _, p := range in.Places {
			located = append(located, p.Type+" "+p.Other.ID)
		}
		hasAll(t, "places", located, "LOCATED_IN place:abu-al-hassan", "LOCATED_NEAR place:hajin")
		hasAll(t, "perpetrators", ids(in.Perpetrators), "group:us-led-coalition")
		hasAll(t, "targets", ids(in.Targets), "group:isis")
		hasAll(t, "part of", ids(in.PartOf), "incident:2018-09-10-hajin-pocket")

		sohr := findClaim(t, in.Claims, "claim:002-sohr-43")
		if sohr.Stance != "REPORTED" || sohr.Speaker.ID != "person:rami-abdurrahman" || sohr.OnBehalfOf == nil || sohr.OnBehalfOf.ID != "monitor:sohr" {
			t.Errorf("SOHR's report: %+v", sohr)
		}
		if f := sohr.Figures.Killed; f == nil || *f.Min != 43 || f.Max != nil || !strings.Contains(f.Text, "at least 43") {
			t.Errorf("SOHR's toll = %+v, want at least 43 with no upper bound", f)
		}
		if f := sohr.Figures.ChildrenKilled; f == nil || *f.Min != 17 {
			t.Errorf("SOHR's children = %+v, want 17", f)
		}
		if f := sohr.Figures.WomenKilled; f == nil || *f.Min != 12 {
			t.Errorf("SOHR's women = %+v, want 12", f)
		}
		if !strings.Contains(sohr.Quote, "killed at least 43 people, including 17 children and 12 women") {
			t.Errorf("SOHR's quote = %q", sohr.Quote)
		}
		if a := sohr.Article; a.ID != "article:002" || a.Publisher == nil || a.Publisher.ID != "outlet:cbc" || a.Published.Value == nil || *a.Published.Value != "2018-11-17" {
			t.Errorf("SOHR's report was published in %+v, want CBC's article of 2018-11-17", a)
		}

		denial := findClaim(t, in.Claims, "claim:002-coalition-no-civilian-casualties")
		if denial.Stance != "DENIED" || denial.Denies != "CIVILIAN_HARM" || denial.Speaker.ID != "group:us-led-coalition" ||
			!strings.Contains(denial.Quote, `no "civilian casualties are associated"`) {
			t.Errorf("the coalition's denial: %+v", denial)
		}
		confirmed := findClaim(t, in.Claims, "claim:002-coalition-confirmed-strikes")
		if confirmed.Stance != "RESPONDED" || confirmed.Response != "CONFIRMED_STRIKE" {
			t.Errorf("confirming the strikes is a response, not a denial: %+v", confirmed)
		}
		ryan := findClaim(t, in.Claims, "claim:002-ryan-human-shields")
		if ryan.Stance != "RESPONDED" || ryan.Response != "JUSTIFIED" || ryan.OnBehalfOf == nil || ryan.OnBehalfOf.ID != "group:us-led-coalition" {
			t.Errorf("Ryan's justification: %+v", ryan)
		}
		for _, id := range []string{"claim:002-sana-40", "claim:002-aamaq-40", "claim:002-cbc-40"} {
			if f := findClaim(t, in.Claims, id).Figures.Killed; f == nil || *f.Min != 40 {
				t.Errorf("%s: killed = %+v, want 40", id, f)
			}
		}
	})

	t.Run("contested incidents: a civilian toll reported and denied", func(t *testing.T) {
		var out struct{ ContestedIncidents []named }
		mustQuery(t, url, `{ contestedIncidents { id name } }`, nil, &out)
		got := ids(out.ContestedIncidents)
		slices.Sort(got)
		want := []string{"incident:001-hajin-gamsha-al-shafa", "incident:003-al-bab-is-prison", "incident:2018-11-17-abu-al-hassan"}
		if !slices.Equal(got, want) {
			t.Errorf("contested = %v, want %v", got, want)
		}
		// Brown was "aware of the report" and the coalition justified the
		// mosque strike: acknowledging and justifying are not denying.
		for _, id := range []string{"incident:000-hassakeh-two-days", "incident:004-mosque-strike"} {
			var one struct{ Incident struct{ Contested bool } }
			mustQuery(t, url, `query($id: ID!) { incident(id: $id) { contested } }`, map[string]any{"id": id}, &one)
			if one.Incident.Contested {
				t.Errorf("%s is contested, but nobody denied anything", id)
			}
		}
	})

	t.Run("an incident's lowest and highest toll and its distinct reporters", func(t *testing.T) {
		type placeToll struct {
			Places          []named
			Lowest, Highest *int
			Reports         int
		}
		type toll struct {
			Lowest, Highest    *int
			Reports, Reporters int
			Parts              []placeToll
			Derived            []struct {
				Source          named
				Lowest, Highest int
				ClaimIDs        []string `json:"claimIds"`
			}
			Derivation string
		}
		var out struct {
			Incident struct {
				CivilianToll, Latest toll
				Speakers             []named
			}
		}
		const fields = `{ lowest highest reports reporters parts { places { id } lowest highest reports } derived { source { id } lowest highest claimIds } derivation }`
		mustQuery(t, url, `{ incident(id: "incident:001-hajin-gamsha-al-shafa") {
			civilianToll `+fields+` latest: civilianToll(latest: true) `+fields+` speakers(stance: REPORTED) { id } } }`, nil, &out)
		// "between 30 to 60" (unattributed) and "over 60" (Syrian state
		// news) are for all three towns. Turkish state media's "roughly 15"
		// is Haijin's and its "no less than 20" Gamsha's and al-Shafa's: shown
		// per place, and together 35 for the whole. The floor is 30.
		for name, toll := range map[string]toll{"all": out.Incident.CivilianToll, "latest": out.Incident.Latest} {
			if deref(toll.Lowest) != 30 || deref(toll.Highest) != 61 || toll.Reports != 4 || toll.Reporters != 3 {
				t.Errorf("%s: civilian toll = lowest %v highest %v reports %d reporters %d; want 30, 61, 4, 3 (%s)", name, deref(toll.Lowest), deref(toll.Highest), toll.Reports, toll.Reporters, toll.Derivation)
			}
			var parts []string
			for _, p := range toll.Parts {
				parts = append(parts, fmt.Sprintf("%v %d-%d", ids(p.Places), deref(p.Lowest), deref(p.Highest)))
			}
			if want := []string{"[place:al-shafa place:gamsha] 20-20", "[place:hajin] 15-15"}; !slices.Equal(parts, want) {
				t.Errorf("%s: parts %v, want %v", name, parts, want)
			}
			if d := toll.Derived; len(d) != 1 || d[0].Source.ID != "outlet:turkish-state-media" || d[0].Lowest != 35 || d[0].Highest != 35 ||
				!slices.Equal(d[0].ClaimIDs, []string{"claim:001-turkish-state-media-gamsha-al-shafa", "claim:001-turkish-state-media-haijin"}) {
				t.Errorf("%s: derived %+v, want Turkish state media's 20 + 15 = 35", name, d)
			}
			if !strings.Contains(toll.Derivation, "Hajin") {
				t.Errorf("%s: derivation %q does not name Hajin's part", name, toll.Derivation)
			}
		}
		hasAll(t, "reporters", ids(out.Incident.Speakers), "outlet:turkish-state-media", "outlet:syrian-state-media", "outlet:washington-times", "person:eyewitnesses-001")

		var hassan struct {
			Incident struct {
				Toll struct {
					Lowest, Highest *int
					Reporters       int
				}
			}
		}
		mustQuery(t, url, `{ incident(id: "incident:2018-11-17-abu-al-hassan") { toll { lowest highest reporters } } }`, nil, &hassan)
		// SANA, Aamaq's medical official and CBC say 40; SOHR at least 43.
		if h := hassan.Incident.Toll; deref(h.Lowest) != 40 || deref(h.Highest) != 43 || h.Reporters != 4 {
			t.Errorf("toll near Hajin = %d–%d from %d sources, want 40–43 from 4", deref(h.Lowest), deref(h.Highest), h.Reporters)
		}
	})

	t.Run("everything an organisation said, its spokespeople included, and where it was published", func(t *testing.T) {
		var out struct{ Actor struct{ Claims []claim } }
		mustQuery(t, url, `{ actor(id: "monitor:sohr") { claims { `+claimFields+` } } }`, nil, &out)
		claims := out.Actor.Claims
		got := make([]string, len(claims))
		for i, c := range claims {
			got[i] = c.ID
		}
		// Its own reports in three articles, and its head's on its behalf.
		hasAll(t, "SOHR's claims", got, "claim:000-sohr-38", "claim:002-sohr-191", "claim:004-sohr-16", "claim:002-sohr-43")
		if c := findClaim(t, claims, "claim:002-sohr-191"); c.Incident.ID != "incident:2018-09-10-hajin-pocket" || deref(c.Figures.CiviliansKilled.Min) != 191 {
			t.Errorf("the cumulative 191 belongs to the period, not to one strike: %+v", c)
		}
		if c := findClaim(t, claims, "claim:004-sohr-16"); deref(c.Figures.CiviliansKilled.Min) != 16 || c.Figures.CiviliansKilled.Max != nil {
			t.Errorf("at least 16 near Baghouz: %+v", c.Figures.CiviliansKilled)
		}

		var coalition struct{ Actor struct{ Claims []claim } }
		mustQuery(t, url, `{ actor(id: "group:us-led-coalition") { claims(stance: DENIED) { `+claimFields+` } } }`, nil, &coalition)
		var denials []string
		for _, c := range coalition.Actor.Claims {
			denials = append(denials, c.ID)
			if c.Stance != "DENIED" {
				t.Errorf("stance filter let through %s", c.Stance)
			}
		}
		// Its own statement, and Ghika's on its behalf.
		hasAll(t, "the coalition's denials", denials, "claim:002-coalition-no-civilian-casualties", "claim:001-ghika-unsubstantiated")
		if slices.Contains(denials, "claim:004-ghika-protected-status") {
			t.Error("justifying the mosque strike was recorded as a denial")
		}
	})

	t.Run("everything one spokesperson said", func(t *testing.T) {
		var out struct {
			Actor struct {
				Kind      string
				SpeaksFor []struct {
					Role  string
					Other named
				}
				Claims []claim
			}
		}
		mustQuery(t, url, `{ actor(id: "person:christopher-ghika") { kind speaksFor { role other { id name } } claims { `+claimFields+` } } }`, nil, &out)
		a := out.Actor
		if a.Kind != "SPOKESPERSON" || len(a.SpeaksFor) == 0 || a.SpeaksFor[0].Other.ID != "group:us-led-coalition" {
			t.Errorf("Ghika: kind %s, speaks for %+v", a.Kind, a.SpeaksFor)
		}
		unsubstantiated := findClaim(t, a.Claims, "claim:001-ghika-unsubstantiated")
		if unsubstantiated.Denies != "CREDIBILITY" || unsubstantiated.Quote != "These are unsubstantiated at this stage." {
			t.Errorf("Ghika's denial: %+v", unsubstantiated)
		}
		mosque := findClaim(t, a.Claims, "claim:004-ghika-protected-status")
		if mosque.Stance != "RESPONDED" || mosque.Response != "JUSTIFIED" || !strings.Contains(mosque.Quote, "this mosque lost its protected status") {
			t.Errorf("Ghika on the mosque: %+v", mosque)
		}
		articles := map[string]bool{}
		for _, c := range a.Claims {
			articles[c.Article.ID] = true
		}
		if len(articles) < 3 {
			t.Errorf("Ghika speaks in articles %v, want 001, 002 and 004", articles)
		}
	})

	t.Run("what happened near Hajin, and what is near it", func(t *testing.T) {
		var out struct {
			Place struct {
				IncidentsNear []struct {
					Proximity string
					Via       named
					Incident  named
				}
				Near []struct{ Other named }
			}
		}
		mustQuery(t, url, `{ place(id: "place:hajin") {
			incidentsNear { proximity via { id name } incident { id name } }
			near { other { id name } } } }`, nil, &out)
		how := map[string]string{}
		for _, n := range out.Place.IncidentsNear {
			how[n.Incident.ID] = n.Proximity
		}
		if how["incident:2018-11-17-abu-al-hassan"] != "NEAR" {
			t.Errorf("the strikes \"near the town of Hajin\": %q, want NEAR (all: %v)", how["incident:2018-11-17-abu-al-hassan"], how)
		}
		if how["incident:001-hajin-gamsha-al-shafa"] != "IN" {
			t.Errorf("the strikes in Haijin: %q, want IN (all: %v)", how["incident:001-hajin-gamsha-al-shafa"], how)
		}
		var near []string
		for _, n := range out.Place.Near {
			near = append(near, n.Other.ID)
		}
		hasAll(t, "places near Hajin", near, "place:abu-al-hassan", "place:al-shafa")
	})

	t.Run("relations between armed groups, both ways", func(t *testing.T) {
		var out struct {
			YPG struct{ PartOf, BackedBy []named }             `json:"ypg"`
			SDF struct{ Components, BackedBy, Fights []named } `json:"sdf"`
		}
		mustQuery(t, url, `{
			ypg: actor(id: "group:ypg") { partOf { id } backedBy { id } }
			sdf: actor(id: "group:sdf") { components { id } backedBy { id } fights { id } } }`, nil, &out)
		hasAll(t, "the YPG is part of", ids(out.YPG.PartOf), "group:sdf")
		hasAll(t, "the SDF's components", ids(out.SDF.Components), "group:ypg")
		hasAll(t, "the SDF is backed by", ids(out.SDF.BackedBy), "group:united-states", "group:us-led-coalition")
		hasAll(t, "the SDF fights", ids(out.SDF.Fights), "group:isis")
	})

	t.Run("any entity by any spelling", func(t *testing.T) {
		for spelling, want := range map[string]string{
			"Haijin":                              "place:hajin",
			"HAJIN":                               "place:hajin",
			"Deir al-Zor":                         "place:deir-ez-zor-province",
			"deir el-zour":                        "place:deir-ez-zor-province",
			"Daesh":                               "group:isis",
			"syrian observatory for human rights": "monitor:sohr",
			"Carlo Munoz":                         "person:carlo-munoz",
			"Shaddadi":                            "place:al-shadadi",
		} {
			var out struct {
				Search []struct {
					Matched string
					Entity  named
				}
			}
			mustQuery(t, url, `query($name: String!) { search(name: $name) { matched entity { id name } } }`, map[string]any{"name": spelling}, &out)
			var found []string
			for _, h := range out.Search {
				found = append(found, h.Entity.ID)
			}
			if !slices.Contains(found, want) {
				t.Errorf("search(%q) = %v, want %s", spelling, found, want)
			}
		}
	})

	t.Run("every quote stands verbatim in its article", func(t *testing.T) {
		var out struct {
			Articles []struct {
				ID     string
				Text   string
				Claims []struct{ ID, Quote string }
			}
			Incidents []struct {
				Links []struct {
					Quotes  []string
					Sources []struct{ ID, Text string }
				}
			}
		}
		mustQuery(t, url, `{ articles { id text claims { id quote } }
			incidents { links { quotes sources { id text } } } }`, nil, &out)
		n := 0
		for _, a := range out.Articles {
			for _, c := range a.Claims {
				n++
				if !strings.Contains(a.Text, c.Quote) {
					t.Errorf("%s: %q is not in %s", c.ID, c.Quote, a.ID)
				}
			}
		}
		if n != 55 {
			t.Errorf("%d claims across the articles, want the 55 annotated", n)
		}
		for _, in := range out.Incidents {
			for _, l := range in.Links {
				for _, q := range l.Quotes {
					if !slices.ContainsFunc(l.Sources, func(s struct{ ID, Text string }) bool { return strings.Contains(s.Text, q) }) {
						t.Errorf("link quote %q is in none of its sources", q)
					}
				}
			}
		}
	})

	t.Run("bad input gets a stable code", func(t *testing.T) {
		for q, code := range map[string]string{
			`{ search(name: "  -- ") { matched } }`:           "BAD_USER_INPUT",
			`{ incident(id: 1 { name } }`:                     "GRAPHQL_PARSE_FAILED",
			`{ incident { name } }`:                           "GRAPHQL_VALIDATION_FAILED",
			`{ actors(where: {kind_IN: [WIZARD]}) { name } }`: "GRAPHQL_VALIDATION_FAILED",
		} {
			errs := query(t, url, q, nil, nil)
			if len(errs) == 0 || errs[0].Extensions["code"] != code {
				t.Errorf("%s: errors %+v, want code %s", q, errs, code)
			}
		}
		var out struct{ Incident *named }
		mustQuery(t, url, `{ incident(id: "incident:none") { id } }`, nil, &out)
		if out.Incident != nil {
			t.Errorf("an unknown id gave %+v, want null", out.Incident)
		}
	})
}

func deref(p *int) int {
	if p == nil {
		return -1
	}
	return *p
}
