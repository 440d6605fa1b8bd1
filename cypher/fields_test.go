package cypher

import (
	"testing"

	"github.com/strikegraph/strikegraph"
	"github.com/strikegraph/strikegraph/graph"
)

func TestProjection(t *testing.T) {
	for _, c := range []struct {
		fields strikegraph.Fields
		want   string
	}{
		{strikegraph.AllFields, "n"},
		{strikegraph.Fields{}, "n"},
		{strikegraph.FieldsNamed("name", "links"), "CASE WHEN n IS NULL THEN null ELSE {labels: labels(n), props: n {.id, .name, .title, .file}} END"},
		{strikegraph.FieldsNamed("date", "provenance", "name"), "CASE WHEN n IS NULL THEN null ELSE {labels: labels(n), props: n {.dateValue, .datePrecision, .dateText, .dateNote, .id, .name, .title, .file, .createdAt, .createdBy, .updatedAt, .updatedBy}} END"},
		{strikegraph.FieldsNamed("name", "fieldNobodyKnows"), "n"},
		{strikegraph.FieldsNamed("publisher"), "n"},
	} {
		if got := projection("n", c.fields); got != c.want {
			t.Errorf("projection of %v:\n got %s\nwant %s", c.fields, got, c.want)
		}
	}
}

// TestEveryEntityFieldProjects keeps fieldProps whole: a field it does not
// name makes every read that selects it take the whole node, silently.
func TestEveryEntityFieldProjects(t *testing.T) {
	schema := graph.NewExecutableSchema(graph.Config{}).Schema()
	for _, typ := range []string{"Incident", "Place", "Actor", "Article"} {
		for _, f := range schema.Types[typ].Fields {
			if _, ok := fieldProps[f.Name]; !ok && f.Name != "publisher" {
				t.Errorf("%s.%s: cypher/fields.go does not say what it reads", typ, f.Name)
			}
		}
	}
}
