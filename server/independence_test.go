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

type chainOut struct {
	Source      struct{ ID string }
	Relays      []struct{ ID string }
	Origins     []struct{ ID string }
	Independent bool
}

type independenceOut struct {
	Reporters, IndependentSources int
	Chains                        []chainOut
}

const independenceFields = `{ reporters independentSources chains { source { id } relays { id } origins { id } independent } }`

func showChains(cs []chainOut) string {
	var out []string
	for _, c := range cs {
		ids := func(as []struct{ ID string }) string {
			var s []string
			for _, a := range as {
				s = append(s, a.ID)
			}
			return strings.Join(s, "+")
		}
		out = append(out, fmt.Sprintf("%s>%s=%s", c.Source.ID, ids(c.Relays), ids(c.Origins)))
	}
	return strings.Join(out, " ")
}

// TestIndependentSourcesOnSeed reads, on the seed corpus in the real Neo4j,
// the independent sources of two tolls whose sources relay others: CBC's
// "at least 40" sums up SOHR and SANA (article 002 CITES both), and
// McClatchy, which relays SNHR's report in article 003 ("reports
// McClatchyDC, citing the report"), gives SNHR's 51 for Al Bab.
func TestIndependentSourcesOnSeed(t *testing.T) {
	g := graphtest.Seeded(t)
	srv := httptest.NewServer(server.Handler(g, graphtest.Logger(t), server.Options{}))
	defer srv.Close()
	var out struct {
		AbuAlHassan struct{ Toll independenceOut }
		AlBab       struct{ CivilianToll independenceOut }
	}
	mustQuery(t, srv.URL, `{
		abuAlHassan: incident(id: "incident:2018-11-17-abu-al-hassan") { toll `+independenceFields+` }
		alBab: incident(id: "incident:003-al-bab-is-prison") { civilianToll `+independenceFields+` } }`, nil, &out)
	for name, c := range map[string]struct {
		got  independenceOut
		want string
	}{
		// SOHR counts once: its head's 43 and CBC's summary of it.
		"Abu al-Hassan": {out.AbuAlHassan.Toll, "3 of 4: monitor:sohr>=monitor:sohr outlet:cbc>monitor:sohr+outlet:sana=monitor:sohr+outlet:sana " +
			"outlet:sana>=outlet:sana person:medical-official-002>=person:medical-official-002"},
		"Al Bab": {out.AlBab.CivilianToll, "1 of 2: monitor:snhr>=monitor:snhr outlet:mcclatchydc>monitor:snhr=monitor:snhr"},
	} {
		if got := fmt.Sprintf("%d of %d: %s", c.got.IndependentSources, c.got.Reporters, showChains(c.got.Chains)); got != c.want {
			t.Errorf("%s: %s, want %s", name, got, c.want)
		}
	}
}

// TestRollUpOnSeed reads everything said for the coalition, with and
// without its subordinates, on the seed corpus in the real Neo4j: the
// coalition is led by the United States and CENTCOM, AFCENT is part of
// CENTCOM, so Brown (AFCENT's head) and Ryder (CENTCOM's spokesman) are in.
func TestRollUpOnSeed(t *testing.T) {
	g := graphtest.Seeded(t)
	srv := httptest.NewServer(server.Handler(g, graphtest.Logger(t), server.Options{}))
	defer srv.Close()
	type claims []struct{ Speaker struct{ ID string } }
	var out struct {
		Actor struct {
			Own, All     claims
			Subordinates []struct{ ID string }
			Connection   struct{ TotalCount int }
		}
	}
	mustQuery(t, srv.URL, `{ actor(id: "group:us-led-coalition") {
		own: claims { speaker { id } } all: claims(includeSubordinates: true) { speaker { id } }
		subordinates { id } connection: claimsConnection(includeSubordinates: true) { totalCount } } }`, nil, &out)
	speakers := func(cs claims) []string {
		var ids []string
		for _, c := range cs {
			if !slices.Contains(ids, c.Speaker.ID) {
				ids = append(ids, c.Speaker.ID)
			}
		}
		slices.Sort(ids)
		return ids
	}
	for _, p := range []string{"person:charles-brown", "person:patrick-ryder"} {
		if slices.Contains(speakers(out.Actor.Own), p) {
			t.Errorf("%s among the coalition's own claims: %v", p, speakers(out.Actor.Own))
		}
		if !slices.Contains(speakers(out.Actor.All), p) {
			t.Errorf("%s not among the claims with subordinates: %v", p, speakers(out.Actor.All))
		}
	}
	var subs []string
	for _, s := range out.Actor.Subordinates {
		subs = append(subs, s.ID)
	}
	slices.Sort(subs)
	if want := "group:afcent group:centcom group:united-states person:charles-brown person:christopher-ghika person:patrick-ryder person:sean-ryan person:us-officials-004"; strings.Join(subs, " ") != want {
		t.Errorf("subordinates %v, want %s", subs, want)
	}
	if out.Actor.Connection.TotalCount != len(out.Actor.All) {
		t.Errorf("claimsConnection with subordinates counts %d, claims %d", out.Actor.Connection.TotalCount, len(out.Actor.All))
	}
	// includeSubordinates' default leaves an actor and its own claims one
	// statement (withClaims).
	before := g.RoundTrips()
	var one any
	mustQuery(t, srv.URL, `{ actor(id: "group:us-led-coalition") { name claims(stance: DENIED) { id } } }`, nil, &one)
	if n := g.RoundTrips() - before; n != 1 {
		t.Errorf("an actor and its claims took %d statements, want 1", n)
	}
	t.Logf("own %d claims (%v), with subordinates %d (%v)", len(out.Actor.Own), speakers(out.Actor.Own), len(out.Actor.All), speakers(out.Actor.All))
}
