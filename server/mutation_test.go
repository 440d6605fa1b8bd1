package server_test

import (
	"fmt"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/strikegraph/strikegraph/auth"
	"github.com/strikegraph/strikegraph/internal/graphtest"
	"github.com/strikegraph/strikegraph/server"
)

// writeServer serves g with a key for each role.
type writeServer struct {
	url                   string
	reader, editor, admin string
	g                     *graphtest.Graph
}

func newWriteServer(t *testing.T, g *graphtest.Graph) *writeServer {
	t.Helper()
	var lines []string
	keys := map[auth.Role]string{}
	for _, role := range []auth.Role{auth.RoleReader, auth.RoleEditor, auth.RoleAdmin} {
		key, line, err := auth.NewAPIKey(role.String(), role)
		if err != nil {
			t.Fatal(err)
		}
		keys[role] = key
		lines = append(lines, line)
	}
	a, err := auth.New(auth.Config{APIKeys: strings.Join(lines, "\n"), Logger: graphtest.Logger(t)})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(server.Handler(g, graphtest.Logger(t), server.Options{Auth: a}))
	t.Cleanup(srv.Close)
	return &writeServer{srv.URL, keys[auth.RoleReader], keys[auth.RoleEditor], keys[auth.RoleAdmin], g}
}

// count runs a counting query of the test's own around the service.
func (s *writeServer) count(t *testing.T, q string, params map[string]any) int64 {
	t.Helper()
	res, err := neo4j.ExecuteQuery(t.Context(), s.g.Target.Driver, q, params, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(s.g.Target.Database))
	if err != nil {
		t.Fatal(err)
	}
	return res.Records[0].Values[0].(int64)
}

// mustWrite sends a mutation that must succeed.
func (s *writeServer) mustWrite(t *testing.T, key, q string, vars map[string]any, out any) {
	t.Helper()
	if errs := queryAs(t, s.url, key, q, vars, out); len(errs) > 0 {
		t.Fatalf("errors: %+v", errs)
	}
}

// wantError sends a mutation that must fail with code, naming field.
func (s *writeServer) wantError(t *testing.T, key, q string, vars map[string]any, code, field string) {
	t.Helper()
	errs := queryAs(t, s.url, key, q, vars, nil)
	if len(errs) != 1 {
		t.Fatalf("got errors %+v, want one %s", errs, code)
	}
	if got := errs[0].Extensions["code"]; got != code {
		t.Errorf("code %v (%s), want %s", got, errs[0].Message, code)
	}
	if got, _ := errs[0].Extensions["field"].(string); got != field {
		t.Errorf("field %q (%s), want %q", got, errs[0].Message, field)
	}
}

const (
	createPlace = `mutation($in: PlaceInput!) { createPlace(input: $in) { outcome place { id name kind latitude provenance { createdBy updatedBy createdAt updatedAt } } } }`
	createActor = `mutation($in: ActorInput!) { createActor(input: $in) { outcome actor { id kind name aliases provenance { createdBy } } } }`
	createArt   = `mutation($in: ArticleInput!) { createArticle(input: $in) { outcome article { id name } } }`
	createInc   = `mutation($in: IncidentInput!) { createIncident(input: $in) { outcome incident { id name date { value precision } provenance { createdBy createdAt updatedAt } } } }`
	addRelation = `mutation($in: RelationInput!) { addRelation(input: $in) { outcome link { type other { id } sources { id } quotes } } }`
	report      = `mutation($in: ReportInput!) { recordReport(input: $in) { outcome claim { id stance quote speaker { id } incident { id civilianToll { lowest highest } contested } figures { civiliansKilled { min max text } } provenance { createdBy } retraction { by reason } } } }`
	denial      = `mutation($in: DenialInput!) { recordDenial(input: $in) { outcome claim { id stance denies incident { contested } } } }`
	response    = `mutation($in: ResponseInput!) { recordResponse(input: $in) { outcome claim { id stance response } } }`
	retract     = `mutation($id: ID!, $reason: String!) { retractClaim(id: $id, reason: $reason) { outcome claim { id retraction { by reason at } incident { civilianToll { lowest } contested } } } }`
	merge       = `mutation($kept: ID!, $merged: ID!, $reason: String!) { mergeEntities(kept: $kept, merged: $merged, reason: $reason) { id mergedId mergedName by reason moved kept { id aliases } } }`
)

// article is the text the claims below quote.
const articleText = `Airstrikes hit the market in Al-Testa on Tuesday. The monitor said 12 civilians were killed. ` +
	`The coalition said it "found no civilian casualties associated" with the strike. The coalition is assessing the report.`

// seedWrites writes, as the editor, what the claim tests need: a place, a
// monitor, a belligerent, an article and an incident.
func seedWrites(t *testing.T, s *writeServer) {
	t.Helper()
	s.mustWrite(t, s.editor, createPlace, map[string]any{"in": map[string]any{"name": "Al-Testa", "kind": "TOWN", "latitude": 35.1, "longitude": 40.2, "geoPrecision": "TOWN"}}, nil)
	s.mustWrite(t, s.editor, createActor, map[string]any{"in": map[string]any{"name": "Test Monitor", "kind": "MONITOR"}}, nil)
	s.mustWrite(t, s.editor, createActor, map[string]any{"in": map[string]any{"name": "Test Coalition", "kind": "ARMED_GROUP"}}, nil)
	s.mustWrite(t, s.editor, createArt, map[string]any{"in": map[string]any{"id": "article:test", "title": "Strike on Al-Testa", "text": articleText,
		"published": map[string]any{"value": "2018-02-06", "precision": "DAY"}}}, nil)
	s.mustWrite(t, s.editor, createInc, map[string]any{"in": map[string]any{"name": "Strike on Al-Testa market", "scope": "STRIKE",
		"date": map[string]any{"value": "2018-02-06", "precision": "DAY", "text": "on Tuesday"}}}, nil)
}

const incidentID = "incident:strike-on-al-testa-market:2018-02-06"

func reportInput() map[string]any {
	return map[string]any{"speaker": "monitor:test-monitor", "incident": incidentID, "article": "article:test",
		"quote": "The monitor said 12 civilians were killed.", "statedOn": map[string]any{"value": "2018-02-06", "precision": "DAY"},
		"figures": map[string]any{"civiliansKilled": map[string]any{"min": 12, "max": 12, "text": "12 civilians"}}}
}

// TestMutations runs each mutation once as the right role and checks what
// it wrote, who it says wrote it, and that sending it again changes nothing.
func TestMutations(t *testing.T) {
	s := newWriteServer(t, graphtest.Open(t))

	var place struct {
		CreatePlace struct {
			Outcome string
			Place   struct {
				ID, Name, Kind string
				Latitude       float64
				Provenance     struct{ CreatedBy, UpdatedBy, CreatedAt, UpdatedAt string }
			}
		}
	}
	in := map[string]any{"in": map[string]any{"name": "Al-Testa", "kind": "TOWN", "latitude": 35.1, "longitude": 40.2, "geoPrecision": "TOWN"}}
	s.mustWrite(t, s.editor, createPlace, in, &place)
	p := place.CreatePlace
	if p.Outcome != "CREATED" || p.Place.ID != "place:al-testa" || p.Place.Latitude != 35.1 || p.Place.Provenance.CreatedBy != "key:editor" || p.Place.Provenance.CreatedAt == "" {
		t.Fatalf("createPlace: %+v", p)
	}
	first := p.Place.Provenance
	s.mustWrite(t, s.editor, createPlace, in, &place)
	if place.CreatePlace.Outcome != "UNCHANGED" || place.CreatePlace.Place.Provenance != first {
		t.Errorf("createPlace again: %+v, want UNCHANGED with provenance %+v", place.CreatePlace, first)
	}
	// Another place under the same id is a conflict, not an overwrite.
	s.wantError(t, s.editor, createPlace, map[string]any{"in": map[string]any{"name": "Al-Testa", "kind": "VILLAGE"}}, "CONFLICT", "input")

	seedWrites(t, s)
	var upd struct {
		UpdatePlace struct {
			Outcome string
			Place   struct {
				Kind       string
				Aliases    []string
				Provenance struct{ CreatedBy, UpdatedBy, CreatedAt, UpdatedAt string }
			}
		}
	}
	s.mustWrite(t, s.admin, `mutation { updatePlace(id: "place:al-testa", input: {kind: VILLAGE, aliases: ["Al Testa"]}) { outcome place { kind aliases provenance { createdBy updatedBy createdAt updatedAt } } } }`, nil, &upd)
	u := upd.UpdatePlace
	if u.Outcome != "UPDATED" || u.Place.Kind != "VILLAGE" || len(u.Place.Aliases) != 1 || u.Place.Provenance.CreatedBy != "key:editor" ||
		u.Place.Provenance.UpdatedBy != "key:admin" || u.Place.Provenance.CreatedAt != first.CreatedAt || u.Place.Provenance.UpdatedAt == first.UpdatedAt {
		t.Errorf("updatePlace: %+v", u)
	}
	var found struct {
		Search []struct{ Entity struct{ ID string } }
	}
	mustQuery(t, s.url, `{ search(name: "Al Testa", types: [PLACE]) { entity { id } } }`, nil, &found)
	if len(found.Search) == 0 || found.Search[0].Entity.ID != "place:al-testa" {
		t.Errorf("search by the new alias: %+v", found)
	}

	var aliases struct {
		AddAliases struct {
			Outcome string
			Entity  struct{ Aliases []string }
		}
	}
	q := `mutation { addAliases(id: "group:test-coalition", aliases: ["TC", "Test Coalition", "TC"]) { outcome entity { aliases } } }`
	s.mustWrite(t, s.editor, q, nil, &aliases)
	if aliases.AddAliases.Outcome != "UPDATED" || fmt.Sprint(aliases.AddAliases.Entity.Aliases) != "[TC]" {
		t.Errorf("addAliases: %+v, want the one new alias", aliases.AddAliases)
	}
	s.mustWrite(t, s.editor, q, nil, &aliases)
	if aliases.AddAliases.Outcome != "UNCHANGED" {
		t.Errorf("addAliases again: %+v", aliases.AddAliases)
	}
	// Another actor's name is no alias: search would find both under it.
	s.wantError(t, s.editor, `mutation { addAliases(id: "group:test-coalition", aliases: ["TC2", "test  monitor"]) { outcome } }`, nil, "DUPLICATE", "aliases[1]")

	var inc struct {
		UpdateIncident struct {
			Outcome  string
			Incident struct{ Target string }
		}
	}
	s.mustWrite(t, s.editor, `mutation($id: ID!) { updateIncident(id: $id, input: {target: "a market"}) { outcome incident { target } } }`, map[string]any{"id": incidentID}, &inc)
	if inc.UpdateIncident.Outcome != "UPDATED" || inc.UpdateIncident.Incident.Target != "a market" {
		t.Errorf("updateIncident: %+v", inc)
	}

	var rel struct {
		AddRelation struct {
			Outcome string
			Link    struct {
				Type    string
				Other   struct{ ID string }
				Sources []struct{ ID string }
				Quotes  []string
			}
		}
	}
	relIn := map[string]any{"in": map[string]any{"type": "LOCATED_IN", "from": incidentID, "to": "place:al-testa", "article": "article:test", "quote": "Airstrikes hit the market in Al-Testa"}}
	s.mustWrite(t, s.editor, addRelation, relIn, &rel)
	if rel.AddRelation.Outcome != "CREATED" || rel.AddRelation.Link.Other.ID != "place:al-testa" || len(rel.AddRelation.Link.Sources) != 1 {
		t.Errorf("addRelation: %+v", rel)
	}
	s.mustWrite(t, s.editor, addRelation, relIn, &rel)
	if rel.AddRelation.Outcome != "UNCHANGED" {
		t.Errorf("addRelation again: %+v", rel)
	}

	type claimPayload struct {
		Outcome string
		Claim   struct {
			ID, Stance, Quote, Denies, Response string
			Incident                            struct {
				CivilianToll struct{ Lowest, Highest *int }
				Contested    bool
			}
			Provenance struct{ CreatedBy string }
			Retraction *struct{ By, Reason, At string }
		}
	}
	var rep struct{ RecordReport claimPayload }
	s.mustWrite(t, s.editor, report, map[string]any{"in": reportInput()}, &rep)
	r := rep.RecordReport
	if r.Outcome != "CREATED" || r.Claim.Stance != "REPORTED" || !strings.HasPrefix(r.Claim.ID, "claim:") || r.Claim.Provenance.CreatedBy != "key:editor" ||
		r.Claim.Incident.CivilianToll.Lowest == nil || *r.Claim.Incident.CivilianToll.Lowest != 12 || r.Claim.Incident.Contested {
		t.Fatalf("recordReport: %+v", r)
	}
	reportID := r.Claim.ID
	s.mustWrite(t, s.editor, report, map[string]any{"in": reportInput()}, &rep)
	if rep.RecordReport.Outcome != "UNCHANGED" || rep.RecordReport.Claim.ID != reportID {
		t.Errorf("recordReport again: %+v, want UNCHANGED %s", rep.RecordReport, reportID)
	}

	var den struct{ RecordDenial claimPayload }
	s.mustWrite(t, s.editor, denial, map[string]any{"in": map[string]any{"speaker": "group:test-coalition", "incident": incidentID, "article": "article:test",
		"quote": `found no civilian casualties associated`, "statedOn": map[string]any{"precision": "UNKNOWN"}, "denies": "CIVILIAN_HARM"}}, &den)
	if d := den.RecordDenial; d.Outcome != "CREATED" || d.Claim.Denies != "CIVILIAN_HARM" || !d.Claim.Incident.Contested {
		t.Errorf("recordDenial: %+v, want a denial that makes the incident contested", d)
	}
	var resp struct{ RecordResponse claimPayload }
	s.mustWrite(t, s.editor, response, map[string]any{"in": map[string]any{"speaker": "group:test-coalition", "incident": incidentID, "article": "article:test",
		"quote": "The coalition is assessing the report.", "statedOn": map[string]any{"precision": "UNKNOWN"}, "response": "INVESTIGATING"}}, &resp)
	if rs := resp.RecordResponse; rs.Outcome != "CREATED" || rs.Claim.Response != "INVESTIGATING" {
		t.Errorf("recordResponse: %+v", rs)
	}

	// Retracting takes an admin. The claim stays, marked, and stops counting.
	s.wantError(t, s.editor, retract, map[string]any{"id": reportID, "reason": "misread"}, "FORBIDDEN", "")
	var ret struct{ RetractClaim claimPayload }
	s.mustWrite(t, s.admin, retract, map[string]any{"id": reportID, "reason": "the monitor corrected its figure"}, &ret)
	rt := ret.RetractClaim
	if rt.Outcome != "UPDATED" || rt.Claim.Retraction == nil || rt.Claim.Retraction.By != "key:admin" || rt.Claim.Retraction.At == "" ||
		rt.Claim.Incident.CivilianToll.Lowest != nil || rt.Claim.Incident.Contested {
		t.Errorf("retractClaim: %+v, want it marked, and no toll or contest left", rt)
	}
	s.mustWrite(t, s.admin, retract, map[string]any{"id": reportID, "reason": "again"}, &ret)
	if ret.RetractClaim.Outcome != "UNCHANGED" || ret.RetractClaim.Claim.Retraction.Reason != "the monitor corrected its figure" {
		t.Errorf("retractClaim again: %+v, want the first retraction kept", ret.RetractClaim)
	}
	var claims struct {
		Claims   []struct{ ID string }
		Standing []struct{ ID string }
	}
	mustQuery(t, s.url, `{ claims(where: {retracted: true}) { id } standing: claims(where: {retracted: false}) { id } }`, nil, &claims)
	if len(claims.Claims) != 1 || claims.Claims[0].ID != reportID || len(claims.Standing) != 2 {
		t.Errorf("claims by retraction: %+v", claims)
	}
	if n := s.count(t, `MATCH ()-[r:REPORTED {id: $id}]->() RETURN count(r)`, map[string]any{"id": reportID}); n != 1 {
		t.Errorf("the retracted claim: %d edges, want it kept", n)
	}

	// Merging takes an admin: the duplicate's names, edges and claims move.
	s.mustWrite(t, s.editor, createActor, map[string]any{"in": map[string]any{"name": "The Test Monitor Group", "kind": "MONITOR", "aliases": []string{"TMG"}}}, nil)
	dupReport := reportInput()
	dupReport["speaker"] = "monitor:the-test-monitor-group"
	s.mustWrite(t, s.editor, report, map[string]any{"in": dupReport}, nil)
	mergeVars := map[string]any{"kept": "monitor:test-monitor", "merged": "monitor:the-test-monitor-group", "reason": "one organisation"}
	s.wantError(t, s.editor, merge, mergeVars, "FORBIDDEN", "")
	var m struct {
		MergeEntities struct {
			ID, MergedID, MergedName, By, Reason string
			Moved                                int
			Kept                                 struct {
				ID      string
				Aliases []string
			}
		}
	}
	s.mustWrite(t, s.admin, merge, mergeVars, &m)
	mg := m.MergeEntities
	if mg.By != "key:admin" || mg.Moved != 1 || mg.Kept.ID != "monitor:test-monitor" || fmt.Sprint(mg.Kept.Aliases) != "[The Test Monitor Group TMG]" {
		t.Errorf("mergeEntities: %+v", mg)
	}
	if n := s.count(t, `MATCH (n:Entity {id: 'monitor:the-test-monitor-group'}) RETURN count(n)`, nil); n != 0 {
		t.Errorf("the merged entity is still there")
	}
	if n := s.count(t, `MATCH (:Entity {id: 'monitor:test-monitor'})-[r:REPORTED]->() RETURN count(r)`, nil); n != 2 {
		t.Errorf("the kept monitor has %d reports, want its own and the merged one's", n)
	}
	var rec struct {
		Merge struct{ ID, Reason string }
		Actor struct{ Merges []struct{ MergedID string } }
	}
	mustQuery(t, s.url, `{ merge(mergedId: "monitor:the-test-monitor-group") { id reason } actor(id: "monitor:test-monitor") { merges { mergedId } } }`, nil, &rec)
	if rec.Merge.ID != mg.ID || len(rec.Actor.Merges) != 1 {
		t.Errorf("the merge record: %+v", rec)
	}
	s.mustWrite(t, s.admin, merge, mergeVars, &m)
	if m.MergeEntities.ID != mg.ID {
		t.Errorf("merging again: %+v, want the first record", m.MergeEntities)
	}
}

// TestMutationValidation: each kind of bad input is refused with
// BAD_USER_INPUT naming the input field, and writes nothing.
func TestMutationValidation(t *testing.T) {
	s := newWriteServer(t, graphtest.Open(t))
	seedWrites(t, s)
	before := s.count(t, `MATCH (n) RETURN count(n)`, nil) + s.count(t, `MATCH ()-[r]->() RETURN count(r)`, nil)
	with := func(change func(map[string]any)) map[string]any {
		in := reportInput()
		change(in)
		return map[string]any{"in": in}
	}
	for _, tc := range []struct {
		name, query string
		vars        map[string]any
		field       string
	}{
		{"unknown reference", report, with(func(in map[string]any) { in["incident"] = "incident:nowhere" }), "input.incident"},
		{"min above max", report, with(func(in map[string]any) {
			in["figures"] = map[string]any{"civiliansKilled": map[string]any{"min": 20, "max": 12, "text": "12 to 20"}}
		}), "input.figures.civiliansKilled"},
		{"date in the future", report, with(func(in map[string]any) { in["statedOn"] = map[string]any{"value": "2999-01-01", "precision": "DAY"} }), "input.statedOn.value"},
		{"date that does not fit its precision", createInc, map[string]any{"in": map[string]any{"name": "X", "scope": "STRIKE",
			"date": map[string]any{"value": "2018-02", "precision": "DAY"}}}, "input.date.value"},
		{"empty quote", report, with(func(in map[string]any) { in["quote"] = "  " }), "input.quote"},
		{"quote not in the article", report, with(func(in map[string]any) { in["quote"] = "100 civilians were killed" }), "input.article"},
		{"latitude out of range", createPlace, map[string]any{"in": map[string]any{"name": "Far", "kind": "TOWN", "latitude": 123.0, "longitude": 40.0, "geoPrecision": "TOWN"}}, "input.latitude"},
		{"oversize name", createActor, map[string]any{"in": map[string]any{"name": strings.Repeat("x", 301), "kind": "MONITOR"}}, "input.name"},
		{"oversize description", createActor, map[string]any{"in": map[string]any{"name": "Y", "kind": "MONITOR", "description": strings.Repeat("x", 10001)}}, "input.description"},
		{"relation between the wrong kinds", addRelation, map[string]any{"in": map[string]any{"type": "CARRIED_OUT", "from": "place:al-testa", "to": incidentID}}, "input"},
		{"a quote without its article", addRelation, map[string]any{"in": map[string]any{"type": "LOCATED_NEAR", "from": incidentID, "to": "place:al-testa",
			"quote": "Airstrikes hit the market in Al-Testa"}}, "input.quote"},
	} {
		t.Run(tc.name, func(t *testing.T) { s.wantError(t, s.editor, tc.query, tc.vars, "BAD_USER_INPUT", tc.field) })
	}
	// An unknown enum value never reaches a resolver: GraphQL refuses it.
	errs := queryAs(t, s.url, s.editor, createActor, map[string]any{"in": map[string]any{"name": "Z", "kind": "ALIEN"}}, nil)
	if len(errs) != 1 || errs[0].Extensions["code"] != "GRAPHQL_VALIDATION_FAILED" || !strings.Contains(errs[0].Message, "ALIEN") {
		t.Errorf("unknown enum: %+v", errs)
	}
	after := s.count(t, `MATCH (n) RETURN count(n)`, nil) + s.count(t, `MATCH ()-[r]->() RETURN count(r)`, nil)
	if after != before {
		t.Errorf("refused writes changed the graph: %d nodes and edges, then %d", before, after)
	}
}

// TestMutationsNeedCredentials: without a key, or with a reader's, every
// mutation is refused and nothing is written.
func TestMutationsNeedCredentials(t *testing.T) {
	s := newWriteServer(t, graphtest.Open(t))
	in := map[string]any{"in": map[string]any{"name": "Al-Testa", "kind": "TOWN"}}
	s.wantError(t, "", createPlace, in, "UNAUTHENTICATED", "")
	s.wantError(t, s.reader, createPlace, in, "FORBIDDEN", "")
	s.wantError(t, s.reader, merge, map[string]any{"kept": "a", "merged": "b", "reason": "c"}, "FORBIDDEN", "")
	if n := s.count(t, `MATCH (n) RETURN count(n)`, nil); n != 0 {
		t.Errorf("%d nodes written without the right credentials", n)
	}
}

// TestConcurrentUpserts: 64 identical mutations at once leave exactly one
// node or edge; one of them created it, the others found it unchanged.
func TestConcurrentUpserts(t *testing.T) {
	s := newWriteServer(t, graphtest.Open(t))
	seedWrites(t, s)
	for _, tc := range []struct {
		name, query, field string
		vars               map[string]any
		count              string
	}{
		{"incident", createInc, "createIncident", map[string]any{"in": map[string]any{"name": "Concurrent strike", "scope": "STRIKE",
			"date": map[string]any{"value": "2018-03-01", "precision": "DAY"}}}, `MATCH (n:Incident {name: 'Concurrent strike'}) RETURN count(n)`},
		{"claim", report, "recordReport", map[string]any{"in": reportInput()}, `MATCH ()-[r:REPORTED]->() RETURN count(r)`},
		{"relation", addRelation, "addRelation", map[string]any{"in": map[string]any{"type": "LOCATED_NEAR", "from": incidentID, "to": "place:al-testa",
			"article": "article:test", "quote": "Airstrikes hit the market in Al-Testa"}}, `MATCH ()-[r:LOCATED_NEAR]->() RETURN count(r)`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var mu sync.Mutex
			outcomes := map[string]int{}
			var wg sync.WaitGroup
			for range 64 {
				wg.Add(1)
				go func() {
					defer wg.Done()
					var out map[string]struct{ Outcome string }
					errs := queryAs(t, s.url, s.editor, tc.query, tc.vars, &out)
					mu.Lock()
					defer mu.Unlock()
					if len(errs) > 0 {
						outcomes[fmt.Sprint(errs[0].Extensions["code"], ": ", errs[0].Message)]++
						return
					}
					outcomes[out[tc.field].Outcome]++
				}()
			}
			wg.Wait()
			if outcomes["CREATED"] != 1 || outcomes["UNCHANGED"] != 63 {
				t.Errorf("outcomes %v, want 1 CREATED and 63 UNCHANGED", outcomes)
			}
			if n := s.count(t, tc.count, nil); n != 1 {
				t.Errorf("%d written, want exactly 1", n)
			}
		})
	}
}
