package server_test

import (
	"net/http/httptest"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/strikegraph/strikegraph/internal/graphtest"
	"github.com/strikegraph/strikegraph/server"
)

// TestNestedRequestsCostDepthNotResults counts the Cypher round trips of a
// request five levels deep: the same for every incident as for one, because
// each level's lookups are batched into one query.
func TestNestedRequestsCostDepthNotResults(t *testing.T) {
	g := graphtest.Seeded(t)
	srv := httptest.NewServer(server.Handler(g, graphtest.Logger(t), server.Options{LoaderWait: 50 * time.Millisecond}))
	defer srv.Close()

	const deep = `claims { speaker { name claims { quote incident { name } article { name publisher { name } } } } }`
	type incident struct {
		Claims []struct {
			Speaker struct {
				Claims []struct{ Quote string }
			}
		}
	}
	// roundTrips runs q and returns the queries it sent and the number of
	// claims it returned at the deepest level.
	roundTrips := func(q string) (int64, int) {
		before := g.RoundTrips()
		mustQuery(t, srv.URL, q, nil, nil)
		sent := g.RoundTrips() - before
		var out struct {
			Incidents []incident
			Incident  *incident
		}
		mustQuery(t, srv.URL, q, nil, &out)
		results := 0
		all := out.Incidents
		if out.Incident != nil {
			all = append(all, *out.Incident)
		}
		for _, in := range all {
			for _, c := range in.Claims {
				results += len(c.Speaker.Claims)
			}
		}
		return sent, results
	}
	oneSent, oneResults := roundTrips(`{ incident(id: "incident:2018-11-17-abu-al-hassan") { ` + deep + ` } }`)
	allSent, allResults := roundTrips(`{ incidents { ` + deep + ` } }`)
	t.Logf("one incident: %d round trips for %d claims at depth 5; every incident: %d round trips for %d", oneSent, oneResults, allSent, allResults)
	if allResults <= oneResults {
		t.Fatalf("the wide request returned %d claims, the narrow one %d: the test proves nothing", allResults, oneResults)
	}
	// One query for the root, and one per level below it: claims, speakers,
	// their claims, then the incidents and articles together, then publishers.
	const depth = 6
	if oneSent > depth || allSent > depth {
		t.Errorf("round trips: %d for one incident, %d for all; want at most %d each (one per level)", oneSent, allSent, depth)
	}
}

// TestNestedWhereCheckedFirst sends a bad filter on a nested list: it is
// refused with its field before any Cypher runs, not once the lists above
// it have been read.
func TestNestedWhereCheckedFirst(t *testing.T) {
	g := graphtest.Seeded(t)
	srv := httptest.NewServer(server.Handler(g, graphtest.Logger(t), server.Options{}))
	defer srv.Close()
	for _, q := range []string{
		`{ incidents { perpetrators { carriedOut(where: {date_GTE: "2016-13"}) { id } } } }`,
		`fragment F on Actor { claims(where: {OR: [{incidentDate_LTE: "yesterday"}]}) { id } } { actors { ...F } }`,
		`{ incidents { claims(where: {NOT: {NOT: {NOT: {NOT: {NOT: {NOT: {NOT: {NOT: {NOT: {retracted: true}}}}}}}}}}) { id } } }`,
	} {
		before := g.RoundTrips()
		errs := query(t, srv.URL, q, nil, nil)
		if sent := g.RoundTrips() - before; sent != 0 {
			t.Errorf("%s: %d statements sent; want none", q, sent)
		}
		if len(errs) != 1 || errs[0].Extensions["code"] != "BAD_USER_INPUT" || errs[0].Extensions["field"] == nil {
			t.Errorf("%s: errors %+v; want one BAD_USER_INPUT naming its field", q, errs)
		}
	}
}

// TestClaimsReadForTheirFields asks for the claims of every incident twice
// in one request: at the top without their quotes, and again below each
// claim with them. Claims read for some fields must not be handed to a
// reader of others, and a stance argument must keep the same claims as
// filtering all of them.
func TestClaimsReadForTheirFields(t *testing.T) {
	g := graphtest.Seeded(t)
	srv := httptest.NewServer(server.Handler(g, graphtest.Logger(t), server.Options{MaxComplexity: 1_000_000}))
	defer srv.Close()

	type figure struct {
		Min, Max *int
		Text     string
	}
	type claim struct {
		ID, Stance, Quote string
		Figures           struct{ CiviliansKilled, Injured *figure }
	}
	var want struct {
		Incidents []struct {
			ID     string
			Claims []claim
		}
	}
	mustQuery(t, srv.URL, `{ incidents { id claims { id stance quote
		figures { civiliansKilled { min max text } injured { min max text } } } } }`, nil, &want)
	claims := map[string]claim{}
	figures := 0
	for _, in := range want.Incidents {
		for _, c := range in.Claims {
			if c.Quote == "" {
				t.Fatalf("claim %s has no quote in the seed corpus", c.ID)
			}
			if c.Figures.CiviliansKilled != nil {
				figures++
			}
			claims[c.ID] = c
		}
	}
	if figures == 0 {
		t.Fatal("no civilian tolls in the seed corpus: the test proves nothing")
	}
	if len(claims) == 0 {
		t.Fatal("no claims in the seed corpus: the test proves nothing")
	}

	var got struct {
		Incidents []struct {
			ID     string
			Claims []struct {
				ID       string
				Incident struct{ Claims []claim }
			}
		}
	}
	mustQuery(t, srv.URL, `{ incidents { id
		claims { id incident { claims { id stance quote
			figures { civiliansKilled { min max text } injured { min max text } } } } } } }`, nil, &got)
	var stances struct {
		Incidents []struct {
			ID                          string
			Reported, Denied, Responded []claim
		}
	}
	mustQuery(t, srv.URL, `{ incidents { id
		reported: claims(stance: REPORTED) { id stance }
		denied: claims(stance: DENIED) { id stance }
		responded: claims(stance: RESPONDED) { id stance } } }`, nil, &stances)
	checked, narrowed := 0, 0
	for _, in := range got.Incidents {
		for _, c := range in.Claims {
			for _, inner := range c.Incident.Claims {
				if w := claims[inner.ID]; !reflect.DeepEqual(inner, w) {
					t.Fatalf("claim %s below claim %s: %+v, want %+v", inner.ID, c.ID, inner, w)
				}
				checked++
			}
		}
	}
	for i, in := range stances.Incidents {
		for stance, list := range map[string][]claim{"REPORTED": in.Reported, "DENIED": in.Denied, "RESPONDED": in.Responded} {
			var ids []string
			for _, c := range want.Incidents[i].Claims {
				if c.Stance == stance {
					ids = append(ids, c.ID)
				}
			}
			var gotIDs []string
			for _, c := range list {
				gotIDs = append(gotIDs, c.ID)
			}
			if !slices.Equal(gotIDs, ids) {
				t.Errorf("%s claims(stance: %s): %v, want %v", in.ID, stance, gotIDs, ids)
			}
			if stance != "REPORTED" {
				narrowed += len(list)
			}
		}
	}
	if checked == 0 || narrowed == 0 {
		t.Fatalf("%d nested claims checked, %d claims of other stances than REPORTED: the test proves nothing", checked, narrowed)
	}
}

// TestEntityReadWithItsClaims asks for one entity and its claims: the two
// are one statement, whether the entity has claims or none, and an entity
// that does not exist is still null. A claims field with a filter is read
// on its own, and answers the same.
func TestEntityReadWithItsClaims(t *testing.T) {
	g := graphtest.Seeded(t)
	srv := httptest.NewServer(server.Handler(g, graphtest.Logger(t), server.Options{}))
	defer srv.Close()
	type actor struct {
		ID, Name string
		Claims   []struct{ ID, Stance string }
	}
	var all struct{ Actors []actor }
	mustQuery(t, srv.URL, `{ actors(limit: 500) { id name claims { id stance } } }`, nil, &all)
	var speaker, silent *actor
	for i, a := range all.Actors {
		if speaker == nil && len(a.Claims) > 1 {
			speaker = &all.Actors[i]
		}
		if silent == nil && len(a.Claims) == 0 {
			silent = &all.Actors[i]
		}
	}
	if speaker == nil || silent == nil {
		t.Fatalf("the seed corpus has no actor with several claims or none: the test proves nothing")
	}
	one := func(q, id string) (*actor, int64) {
		t.Helper()
		var out struct{ Actor *actor }
		n := statements(t, g, srv.URL, q, map[string]any{"id": id}, &out)
		return out.Actor, n
	}
	const q = `query($id: ID!) { actor(id: $id) { id name claims { id stance } } }`
	for _, want := range []*actor{speaker, silent} {
		got, sent := one(q, want.ID)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("actor %s alone: %+v; in the list: %+v", want.ID, got, want)
		}
		if sent != 1 {
			t.Errorf("actor %s with its %d claims: %d statements, want 1", want.ID, len(want.Claims), sent)
		}
	}
	if got, _ := one(q, "actor:nobody"); got != nil {
		t.Errorf("a missing actor with its claims: %+v, want null", got)
	}

	stance := speaker.Claims[0].Stance
	got, sent := one(`query($id: ID!) { actor(id: $id) { id name claims(where: {stance_IN: [`+stance+`]}) { id stance } } }`, speaker.ID)
	if got == nil || len(got.Claims) == 0 || sent != 2 {
		t.Fatalf("actor %s with a filter on its claims: %+v in %d statements, want its %s claims in 2", speaker.ID, got, sent, stance)
	}
	for _, c := range got.Claims {
		if c.Stance != stance {
			t.Errorf("claims(where: {stance_IN: [%s]}) gave %+v", stance, c)
		}
	}
}

// TestListReadsAlongItsItems asks for a page of incidents with who carried
// each out and what each targeted: one statement for the page and both
// nested lists, answering as the nested lists read on their own do.
func TestListReadsAlongItsItems(t *testing.T) {
	g := graphtest.Seeded(t)
	srv := httptest.NewServer(server.Handler(g, graphtest.Logger(t), server.Options{}))
	defer srv.Close()
	type page struct {
		Incidents []struct {
			ID           string
			Perpetrators []struct{ ID, Name string }
			Targets      []struct{ ID string }
		}
	}
	read := func(q string) (page, int64) {
		t.Helper()
		var out page
		n := statements(t, g, srv.URL, q, nil, &out)
		return out, n
	}
	along, sent := read(`{ incidents(limit: 100) { id perpetrators { id name } targets { id } } }`)
	apart, apartSent := read(`{ incidents(limit: 100) { id perpetrators(where: {}) { id name } targets(where: {}) { id } } }`)
	perpetrators, targets := 0, 0
	for _, in := range along.Incidents {
		perpetrators += len(in.Perpetrators)
		targets += len(in.Targets)
	}
	if perpetrators == 0 || targets == 0 {
		t.Fatalf("%d incidents with %d perpetrators and %d targets: the test proves nothing", len(along.Incidents), perpetrators, targets)
	}
	if !reflect.DeepEqual(along, apart) {
		t.Errorf("read along the page:\n%+v\nread apart:\n%+v", along, apart)
	}
	if sent != 1 || apartSent != 3 {
		t.Errorf("statements: %d along the page, want 1; %d apart, want 3", sent, apartSent)
	}

	var conn struct {
		IncidentsConnection struct {
			Edges []struct {
				Node struct {
					ID           string
					Perpetrators []struct{ ID, Name string }
				}
			}
		}
	}
	if n := statements(t, g, srv.URL, `{ incidentsConnection(first: 100) { totalCount edges { node { id perpetrators { id name } } } } }`, nil, &conn); n != 1 {
		t.Errorf("a connection's page with its perpetrators: %d statements, want 1", n)
	}
	for i, e := range conn.IncidentsConnection.Edges {
		if i < len(along.Incidents) && e.Node.ID == along.Incidents[i].ID && !reflect.DeepEqual(e.Node.Perpetrators, along.Incidents[i].Perpetrators) {
			t.Errorf("%s: perpetrators %+v in a connection, %+v in a list", e.Node.ID, e.Node.Perpetrators, along.Incidents[i].Perpetrators)
		}
	}
}
