package cypher

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// TestExplainEveryQuery has Neo4j plan every embedded query, so a syntax or
// semantic error in a .cypher file fails here rather than in a request. No
// plan may read every node in the graph: each starts from a label or an index.
// The searches around a point seek the point index.
func TestExplainEveryQuery(t *testing.T) {
	db := openTest(t)
	if err := db.ApplySchema(t.Context()); err != nil {
		t.Fatal(err)
	}
	for _, query := range allQueries {
		if query == schema {
			continue // applied by graphtest.Open
		}
		name := query.name + ".cypher"
		t.Run(name, func(t *testing.T) {
			q := "EXPLAIN " + query.text
			if strings.HasPrefix(query.text, afterIncidents) {
				q = "EXPLAIN " + incidentsAll + "true\n" + query.text
			}
			res, err := neo4j.ExecuteQuery(t.Context(), db.driver, q, nil, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(db.database))
			if err != nil {
				t.Fatal(err)
			}
			ops := operators(res.Summary.Plan())
			// Queries by id must seek the id index, not scan a label: a scan
			// per row made loading quadratic in the graph's size.
			byID := strings.Contains(name, "_by_id") || strings.HasPrefix(name, "upsert_") || strings.HasPrefix(name, "lock_") ||
				slices.Contains([]string{"find_refs.cypher", "find_claim_ends.cypher", "find_entity_edges.cypher", "delete_entity.cypher", "move_claims.cypher", "find_merge.cypher"}, name)
			for _, op := range ops {
				if strings.HasPrefix(op, "AllNodesScan") {
					t.Errorf("the plan reads every node: %s", op)
				}
				// Only an export of the whole graph may read every edge, and
				// the check of an article's new text against the relations it
				// states, whose sources lists no index holds (a rare write).
				if strings.Contains(op, "AllRelationshipsScan") &&
					!slices.Contains([]string{"find_graph.cypher", "find_graph_size.cypher", "find_article_relation_quotes.cypher"}, name) {
					t.Errorf("the plan reads every relationship: %s", op)
				}
				if byID && strings.HasPrefix(op, "NodeByLabelScan") {
					t.Errorf("a lookup by id scans a label: %s", op)
				}
			}
			if strings.Contains(name, "_distances") && !slices.ContainsFunc(ops, func(op string) bool {
				return strings.HasPrefix(op, "NodeIndexSeekByRange") && strings.Contains(op, "POINT INDEX")
			}) {
				t.Errorf("the plan does not seek the point index:\n%s", strings.Join(ops, "\n"))
			}
		})
	}
}

// operators lists the operators of a plan and of every plan under it, each
// with its details. The driver's Plan.Children is wrong (its module predates
// Go 1.22, so every child is the last one, and the others are lost), so the
// tree is read from the driver's own record of it.
func operators(p neo4j.Plan) []string {
	return rawOperators(reflect.ValueOf(p).Elem().FieldByName("plan").Elem())
}

func rawOperators(plan reflect.Value) []string {
	op := plan.FieldByName("Operator").String()
	if details := plan.FieldByName("Arguments").MapIndex(reflect.ValueOf("Details")); details.IsValid() {
		op += fmt.Sprintf(" %v", details)
	}
	ops := []string{op}
	children := plan.FieldByName("Children")
	for i := range children.Len() {
		ops = append(ops, rawOperators(children.Index(i))...)
	}
	return ops
}
