package cypher_test

import (
	"cmp"
	"fmt"
	"log/slog"
	"reflect"
	"strings"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/strikegraph/strikegraph"
	"github.com/strikegraph/strikegraph/cypher"
	"github.com/strikegraph/strikegraph/internal/graphgen"
	"github.com/strikegraph/strikegraph/neo4jtest"
)

// planIncidents is the size of the graph the plans are read on: large enough
// that a scan costs far more than any anchored answer.
const planIncidents = 100000

// TestFiltersStartFromTheirAnchor PROFILEs the statement each anchored filter
// builds, on 100,000 generated incidents: none may scan the label of what it
// lists (or every node), and each must cost at most a small factor of the db
// hits of a statement written by hand for the same answer. The answers must
// be the same too, so that a cheap plan cannot hide a wrong one.
func TestFiltersStartFromTheirAnchor(t *testing.T) {
	target := neo4jtest.New(t)
	db, err := cypher.Open(cypher.Config{URI: target.URI, Username: target.Username, Password: target.Password, Database: target.Database}, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close(t.Context())
	if err := db.ApplySchema(t.Context()); err != nil {
		t.Fatal(err)
	}
	g, err := graphgen.Write(t.Context(), target.Driver, target.Database, planIncidents, 1)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("generated %d incidents, %d claims", g.Incidents, g.Claims)
	// Let the planner see the graph as it is now, not as it was empty.
	if _, err := neo4j.ExecuteQuery(t.Context(), target.Driver, "CALL db.prepareForReplanning()", nil,
		neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(target.Database)); err != nil {
		t.Fatal(err)
	}

	ptr := func(s string) *string { return &s }
	var someIDs []string
	res, err := neo4j.ExecuteQuery(t.Context(), target.Driver, "MATCH (n:Incident) WITH n SKIP 5000 LIMIT 20 RETURN collect(n.id) AS ids", nil,
		neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(target.Database))
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range res.Records[0].AsMap()["ids"].([]any) {
		someIDs = append(someIDs, id.(string))
	}
	incidentPageOf := func(w *strikegraph.IncidentWhere, count bool, sort ...strikegraph.SortKey) func() (string, map[string]any) {
		return func() (string, map[string]any) {
			text, params, err := cypher.IncidentPage(strikegraph.ListQuery[strikegraph.IncidentWhere]{Where: w, Sort: sort, Count: count}, 0, 20)
			if err != nil {
				t.Fatal(err)
			}
			return text, params
		}
	}
	incidents := func(w *strikegraph.IncidentWhere, sort ...strikegraph.SortKey) func() (string, map[string]any) {
		return incidentPageOf(w, true, sort...)
	}
	claims := func(w *strikegraph.ClaimWhere) func() (string, map[string]any) {
		return func() (string, map[string]any) {
			text, params, err := cypher.ClaimPage(strikegraph.ListQuery[strikegraph.ClaimWhere]{Where: w, Count: true}, 0, 20)
			if err != nil {
				t.Fatal(err)
			}
			return text, params
		}
	}
	// The hand-written statements return their page as rows of ids and the
	// whole list's length as total.
	const incidentPage = "\nWITH n ORDER BY n.date, n.id\nWITH collect(n.id) AS ids RETURN ids[..20] AS ids, size(ids) AS total"
	const claimPage = "\nWITH r, i ORDER BY i.date, r.id\nWITH collect(r.id) AS ids RETURN ids[..20] AS ids, size(ids) AS total"
	for _, c := range []struct {
		name   string
		build  func() (string, map[string]any)
		floor  string
		params map[string]any
	}{
		{"incidents by id", incidents(&strikegraph.IncidentWhere{IDIn: someIDs}),
			"MATCH (n:Entity) WHERE n.id IN $ids AND n:Incident" + incidentPage, map[string]any{"ids": someIDs}},
		{"incidents in a date range, newest first",
			incidents(&strikegraph.IncidentWhere{DateGTE: ptr("2016-01"), DateLTE: ptr("2016-06")}, strikegraph.SortKey{Field: "date", Desc: true}),
			"CALL () { MATCH (n:Incident) WHERE n.date >= date('2016-01-01') AND n.date <= date('2016-06-30') RETURN count(n) AS total }\n" +
				"MATCH (n:Incident) WHERE n.date >= date('2016-01-01') AND n.date <= date('2016-06-30')\n" +
				"WITH total, n ORDER BY n.date DESC, n.id LIMIT 21 RETURN collect(n.id)[..20] AS ids, total", nil},
		{"strikes in a date range, newest first",
			incidents(&strikegraph.IncidentWhere{ScopeIn: []strikegraph.IncidentScope{strikegraph.ScopeStrike}, DateGTE: ptr("2016-01"), DateLTE: ptr("2016-06")},
				strikegraph.SortKey{Field: "date", Desc: true}),
			"CALL () { MATCH (n:Incident) WHERE n.date >= date('2016-01-01') AND n.date <= date('2016-06-30') AND n.scope = 'STRIKE' RETURN count(n) AS total }\n" +
				"MATCH (n:Incident) WHERE n.date >= date('2016-01-01') AND n.date <= date('2016-06-30') AND n.scope = 'STRIKE'\n" +
				"WITH total, n ORDER BY n.date DESC, n.id LIMIT 21 RETURN collect(n.id)[..20] AS ids, total", nil},
		// Uncounted, the page alone: it must stop after its rows, not sort
		// every strike of the half-year.
		{"strikes in a date range, newest first, uncounted",
			incidentPageOf(&strikegraph.IncidentWhere{ScopeIn: []strikegraph.IncidentScope{strikegraph.ScopeStrike}, DateGTE: ptr("2016-01"), DateLTE: ptr("2016-06")},
				false, strikegraph.SortKey{Field: "date", Desc: true}),
			"MATCH (n:Incident) USING INDEX n:Incident(date) WHERE n.date >= date('2016-01-01') AND n.date <= date('2016-06-30') AND n.scope = 'STRIKE'\n" +
				"WITH n ORDER BY n.date DESC, n.id LIMIT 21 RETURN collect(n.id)[..20] AS ids, null AS total", nil},
		{"incidents in a province", incidents(&strikegraph.IncidentWhere{Place: &g.Province.ID}),
			"MATCH (:Entity {id: $id})<-[:LOCATED_IN]-*(:Place)<-[:LOCATED_IN|LOCATED_NEAR]-(n:Incident) WITH DISTINCT n" + incidentPage,
			map[string]any{"id": g.Province.ID}},
		{"incidents by perpetrator", incidents(&strikegraph.IncidentWhere{Perpetrator: &g.Perpetrator.ID}),
			"MATCH (:Entity {id: $id})-[:CARRIED_OUT]->(n:Incident)" + incidentPage, map[string]any{"id": g.Perpetrator.ID}},
		{"incidents by actor", incidents(&strikegraph.IncidentWhere{Actor: &g.Monitor.ID}),
			"CALL () { MATCH (:Entity {id: $id})-[:REPORTED|DENIED|RESPONDED]->(n:Incident) RETURN n\n" +
				"UNION MATCH (:Entity {id: $id})<-[:SPEAKS_FOR]-()-[r:REPORTED|DENIED|RESPONDED]->(n:Incident) WHERE r.onBehalfOf = $id RETURN n\n" +
				"UNION MATCH (:Entity {id: $id})-[:CARRIED_OUT]->(n:Incident) RETURN n UNION MATCH (:Entity {id: $id})<-[:TARGETED]-(n:Incident) RETURN n }" +
				incidentPage, map[string]any{"id": g.Monitor.ID}},
		{"claims by speaker", claims(&strikegraph.ClaimWhere{Speaker: &g.Monitor.ID}),
			"CALL () { MATCH (:Entity {id: $id})-[r:REPORTED|DENIED|RESPONDED]->(i:Incident) RETURN r, i\n" +
				"UNION MATCH (:Entity {id: $id})<-[:SPEAKS_FOR]-()-[r:REPORTED|DENIED|RESPONDED]->(i:Incident) WHERE r.onBehalfOf = $id RETURN r, i }" +
				claimPage, map[string]any{"id": g.Monitor.ID}},
		{"claims by article", claims(&strikegraph.ClaimWhere{Article: &g.Article.ID}),
			"CALL () { MATCH ()-[r:REPORTED]->(i:Incident) WHERE r.article = $id RETURN r, i\n" +
				"UNION ALL MATCH ()-[r:DENIED]->(i:Incident) WHERE r.article = $id RETURN r, i\n" +
				"UNION ALL MATCH ()-[r:RESPONDED]->(i:Incident) WHERE r.article = $id RETURN r, i }" +
				claimPage, map[string]any{"id": g.Article.ID}},
		{"what the busiest perpetrator carried out on two days, nested", func() (string, map[string]any) {
			out := strikegraph.DirectionOut
			text, params, err := cypher.LinkedIncidents(strikegraph.Linked{IDs: []string{g.Perpetrator.ID}, Type: strikegraph.RelCarriedOut, Dir: &out},
				&strikegraph.IncidentWhere{DateGTE: ptr("2017-03-01"), DateLTE: ptr("2017-03-02")})
			if err != nil {
				t.Fatal(err)
			}
			return "CALL () {\n" + text + "\n}\nWITH collect(n) AS ns RETURN [n IN ns | {n: n}] AS rows, size(ns) AS total", params
		}, "MATCH (n:Incident) WHERE n.date >= date('2017-03-01') AND n.date <= date('2017-03-02') AND (:Entity {id: $id})-[:CARRIED_OUT]->(n)\n" +
			"WITH n ORDER BY n.id WITH collect(n.id) AS ids RETURN ids[..20] AS ids, size(ids) AS total", map[string]any{"id": g.Perpetrator.ID}},
		{"denials of incidents in a month",
			claims(&strikegraph.ClaimWhere{StanceIn: []strikegraph.Stance{strikegraph.StanceDenied}, IncidentDateGTE: ptr("2017-03"), IncidentDateLTE: ptr("2017-03")}),
			"MATCH (i:Incident) WHERE i.date >= date('2017-03-01') AND i.date <= date('2017-03-31') MATCH ()-[r:DENIED]->(i)" + claimPage, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			text, params := c.build()
			ours, ourHits, ops := profile(t, target, text, params)
			floor, floorHits, _ := profile(t, target, c.floor, c.params)
			for _, op := range ops {
				if strings.HasPrefix(op, "AllNodesScan") || strings.HasPrefix(op, "NodeByLabelScan") {
					t.Errorf("the plan scans: %s\n%s", op, text)
				}
			}
			if got, want := pageIDs(ours), floor; !reflect.DeepEqual(got, want) {
				t.Errorf("answer %v; the hand-written statement's %v", got, want)
			}
			if n, _ := floor["total"].(int64); n == 0 && len(floor["ids"].([]any)) == 0 {
				t.Fatalf("the filter selects nothing: the test proves nothing")
			}
			// Ours reads whole rows and checks its anchor's condition again.
			if ourHits > 3*floorHits+2000 {
				t.Errorf("%d db hits; the hand-written statement takes %d\n%s", ourHits, floorHits, text)
			}
			t.Logf("%d db hits, hand-written %d, %v selected", ourHits, floorHits, cmp.Or(floor["total"], any(len(floor["ids"].([]any)))))
		})
	}
}

// profile runs PROFILE text and returns its one record, its db hits and its
// operators.
func profile(t *testing.T, target *neo4jtest.Target, text string, params map[string]any) (map[string]any, int64, []string) {
	t.Helper()
	res, err := neo4j.ExecuteQuery(t.Context(), target.Driver, "PROFILE "+text, params, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(target.Database))
	if err != nil {
		t.Fatalf("%v\n%s", err, text)
	}
	if len(res.Records) != 1 {
		t.Fatalf("%d records\n%s", len(res.Records), text)
	}
	var hits int64
	var ops []string
	var walk func(p neo4j.ProfiledPlan)
	walk = func(p neo4j.ProfiledPlan) { // unlike Plan's, ProfiledPlan's children are right
		hits += p.DbHits()
		ops = append(ops, fmt.Sprintf("%s %v", p.Operator(), p.Arguments()["Details"]))
		for _, c := range p.Children() {
			walk(c)
		}
	}
	walk(res.Summary.Profile())
	return res.Records[0].AsMap(), hits, ops
}

// pageIDs puts a page statement's record in the hand-written one's shape.
func pageIDs(m map[string]any) map[string]any {
	var ids []any
	for _, r := range m["rows"].([]any)[:min(20, len(m["rows"].([]any)))] {
		row := r.(map[string]any)
		if n, ok := row["n"].(neo4j.Node); ok {
			ids = append(ids, n.Props["id"])
		} else {
			ids = append(ids, row["props"].(map[string]any)["id"])
		}
	}
	if ids == nil {
		ids = []any{}
	}
	return map[string]any{"ids": ids, "total": m["total"]}
}
