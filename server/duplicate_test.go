package server_test

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/strikegraph/strikegraph"
	"github.com/strikegraph/strikegraph/internal/graphgen"
	"github.com/strikegraph/strikegraph/internal/graphtest"
)

// wantDuplicate sends a mutation that must be refused DUPLICATE at field,
// naming candidates.
func (s *writeServer) wantDuplicate(t *testing.T, q string, vars map[string]any, field string, candidates ...string) {
	t.Helper()
	errs := queryAs(t, s.url, s.editor, q, vars, nil)
	if len(errs) != 1 || errs[0].Extensions["code"] != strikegraph.ECodeDuplicate || errs[0].Extensions["field"] != field {
		t.Fatalf("errors %+v, want one DUPLICATE at %s", errs, field)
	}
	if got := fmt.Sprint(errs[0].Extensions["candidates"]); got != fmt.Sprint(candidates) {
		t.Errorf("candidates %s, want %v (%s)", got, candidates, errs[0].Message)
	}
}

// TestDuplicatesAtEntry enters, through the API, a place, an actor and an
// incident under a spelling the graph already holds, an alias that is
// another place's name, and a second incident of a day at the place of
// another: each is refused DUPLICATE naming what it may duplicate, and
// entered with allowDuplicate; duplicateCandidates then lists them.
func TestDuplicatesAtEntry(t *testing.T) {
	s := newWriteServer(t, graphtest.Seeded(t))
	place := func(name string, aliases ...string) map[string]any {
		return map[string]any{"in": map[string]any{"name": name, "aliases": aliases, "kind": "TOWN"}}
	}
	createPlaceAllowing := `mutation($in: PlaceInput!) { createPlace(input: $in, allowDuplicate: true) { outcome place { id } } }`

	// Accents and case fold away: Hajīn is Hajin.
	s.wantDuplicate(t, createPlace, place("HAJĪN"), "input.name", "place:hajin")
	s.wantDuplicate(t, createPlace, place("Hajin town", "Baghouz"), "input.aliases[0]", "place:baghouz")
	var created struct {
		CreatePlace struct {
			Outcome string
			Place   struct{ ID string }
		}
	}
	s.mustWrite(t, s.editor, createPlaceAllowing, place("HAJĪN"), &created)
	if created.CreatePlace.Outcome != "CREATED" || created.CreatePlace.Place.ID == "place:hajin" {
		t.Fatalf("allowDuplicate: %+v, want a second place", created)
	}
	second := created.CreatePlace.Place.ID
	// The same input again is that place again, no duplicate of itself; now
	// it names two places.
	s.wantDuplicate(t, createPlace, place("HAJĪN"), "input.name", "place:hajin")
	s.mustWrite(t, s.editor, createPlaceAllowing, place("HAJĪN"), &created)
	if created.CreatePlace.Outcome != "UNCHANGED" {
		t.Errorf("the same place again: %+v", created)
	}
	s.wantDuplicate(t, createPlace, place("al-Hajin"), "input.name", "place:hajin", second)

	s.wantDuplicate(t, createActor, map[string]any{"in": map[string]any{"kind": "MONITOR", "name": "syrian observatory for human rights"}},
		"input.name", "monitor:sohr")

	var seedIncident struct{ ID, Name, Date, Place string }
	res, err := neo4j.ExecuteQuery(t.Context(), s.g.Target.Driver, `MATCH (n:Incident)-[:LOCATED_IN]->(p:Place)
		WHERE n.datePrecision = 'DAY' RETURN n.id, n.name, n.dateValue, p.id ORDER BY n.id LIMIT 1`, nil,
		neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(s.g.Target.Database))
	if err != nil || len(res.Records) == 0 {
		t.Fatalf("no seed incident of a day located in a place: %v", err)
	}
	v := res.Records[0].Values
	seedIncident.ID, seedIncident.Name, seedIncident.Date, seedIncident.Place = v[0].(string), v[1].(string), v[2].(string), v[3].(string)
	incident := func(name string) map[string]any {
		return map[string]any{"in": map[string]any{"name": name, "scope": "STRIKE", "date": map[string]any{"value": seedIncident.Date, "precision": "DAY"}}}
	}
	s.wantDuplicate(t, createInc, incident(seedIncident.Name), "input.name", seedIncident.ID)
	var inc struct {
		CreateIncident struct{ Incident struct{ ID string } }
	}
	s.mustWrite(t, s.editor, createInc, incident("Strike reported by a local council"), &inc)
	newIncident := inc.CreateIncident.Incident.ID
	located := map[string]any{"in": map[string]any{"type": "LOCATED_IN", "from": newIncident, "to": seedIncident.Place}}
	s.wantDuplicate(t, addRelation, located, "input.to", seedIncident.ID)
	s.mustWrite(t, s.editor, `mutation($in: RelationInput!) { addRelation(input: $in, allowDuplicate: true) { outcome } }`, located, nil)

	s.wantDuplicate(t, `mutation { addAliases(id: "place:baghouz", aliases: ["Hajin"]) { outcome } }`, nil, "aliases[0]", "place:hajin", second)
	s.mustWrite(t, s.editor, `mutation { addAliases(id: "place:baghouz", aliases: ["Hajin"], allowDuplicate: true) { outcome } }`, nil, nil)

	var listed struct {
		DuplicateCandidates []struct {
			Reason, Key string
			Entities    []struct{ ID string }
		}
	}
	s.mustWrite(t, s.reader, `{ duplicateCandidates { reason key entities { id } } }`, nil, &listed)
	want := map[string][]string{
		"SAME_NAME":          {"place:baghouz", "place:hajin", second},
		"SAME_DAY_AND_PLACE": {seedIncident.ID, newIncident},
	}
	for reason, ids := range want {
		slices.Sort(ids)
		found := slices.ContainsFunc(listed.DuplicateCandidates, func(c struct {
			Reason, Key string
			Entities    []struct{ ID string }
		}) bool {
			var got []string
			for _, e := range c.Entities {
				got = append(got, e.ID)
			}
			return c.Reason == reason && slices.Equal(got, ids)
		})
		if !found {
			t.Errorf("duplicateCandidates %+v lacks %s %v", listed.DuplicateCandidates, reason, ids)
		}
	}
}

// TestDuplicateCandidatesFindPlanted plants duplicates in a generated graph
// of 2,000 incidents, as an import would write them, unchecked: places and
// actors under another spelling of a name the graph holds, and incidents of
// a day at the place of another under another name. duplicateCandidates
// must find every planted pair (recall); the test logs its precision, the
// share of the pairs it lists that were planted.
func TestDuplicateCandidatesFindPlanted(t *testing.T) {
	g := graphtest.Open(t)
	if _, err := graphgen.Write(t.Context(), g.Target.Driver, g.Target.Database, 2_000, 1); err != nil {
		t.Fatal(err)
	}
	s := newWriteServer(t, g)
	rows := func(q string) [][]any {
		res, err := neo4j.ExecuteQuery(t.Context(), g.Target.Driver, q, nil, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(g.Target.Database))
		if err != nil {
			t.Fatal(err)
		}
		var out [][]any
		for _, r := range res.Records {
			out = append(out, r.Values)
		}
		return out
	}
	planted := map[[2]string]bool{}
	pair := func(a, b string) [2]string {
		if b < a {
			a, b = b, a
		}
		return [2]string{a, b}
	}
	doc := &strikegraph.Document{}
	for i, r := range rows(`MATCH (p:Place) WHERE p.kind IN ['TOWN', 'VILLAGE'] RETURN p.id, p.name ORDER BY p.id LIMIT 10`) {
		id := fmt.Sprintf("place:planted-%d", i)
		doc.Places = append(doc.Places, strikegraph.Place{ID: id, Name: " " + r[1].(string) + " ", Kind: strikegraph.PlaceTown})
		planted[pair(r[0].(string), id)] = true
	}
	for i, r := range rows(`MATCH (a:Actor:ArmedGroup) RETURN a.id, a.name ORDER BY a.id LIMIT 5`) {
		id := fmt.Sprintf("group:planted-%d", i)
		doc.Actors = append(doc.Actors, strikegraph.Actor{ID: id, Name: fmt.Sprint(r[1]) + ".", Kind: strikegraph.ActorArmedGroup})
		planted[pair(r[0].(string), id)] = true
	}
	for i, r := range rows(`MATCH (n:Incident)-[:LOCATED_IN]->(p:Place) WHERE n.datePrecision = 'DAY'
		RETURN n.id, n.dateValue, p.id ORDER BY n.id SKIP 100 LIMIT 10`) {
		id := fmt.Sprintf("incident:planted-%d", i)
		doc.Incidents = append(doc.Incidents, strikegraph.Incident{ID: id, Name: fmt.Sprintf("Planted strike %d", i), Scope: strikegraph.ScopeStrike,
			Date: strikegraph.Date{Value: r[1].(string), Precision: strikegraph.DateDay}})
		doc.Relations = append(doc.Relations, strikegraph.Relation{Type: strikegraph.RelLocatedIn, From: id, To: r[2].(string)})
		planted[pair(r[0].(string), id)] = true
	}
	if _, err := g.WriteDocument(t.Context(), doc, strikegraph.Upsert, strikegraph.Author{By: "test", At: time.Now().UTC()}); err != nil {
		t.Fatal(err)
	}
	var listed struct {
		DuplicateCandidates []struct{ Entities []struct{ ID string } }
	}
	s.mustWrite(t, s.reader, `{ duplicateCandidates(first: 1000) { entities { id } } }`, nil, &listed)
	found := map[[2]string]bool{}
	for _, c := range listed.DuplicateCandidates {
		for i, a := range c.Entities {
			for _, b := range c.Entities[i+1:] {
				found[pair(a.ID, b.ID)] = true
			}
		}
	}
	hits := 0
	for p := range planted {
		if found[p] {
			hits++
		} else {
			t.Errorf("planted pair %v not listed", p)
		}
	}
	t.Logf("planted %d pairs; listed %d pairs in %d candidates; recall %.2f, precision %.2f",
		len(planted), len(found), len(listed.DuplicateCandidates), float64(hits)/float64(len(planted)), float64(hits)/float64(max(len(found), 1)))
}
