package server_test

import (
	"encoding/json"
	"fmt"
	"maps"
	"net/http/httptest"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2/ast"

	"github.com/strikegraph/strikegraph/graph"
	"github.com/strikegraph/strikegraph/internal/graphtest"
	"github.com/strikegraph/strikegraph/server"
)

// TestReadForFieldsAnswersLikeWhole asks for every field of every entity
// where storage reads only the properties the fields selected need (lists,
// nested lists, a claim's speaker, incident, article, publisher and
// organisation), and again by id, where the entity is read whole, and
// checks that both answers agree: a field whose properties cypher/fields.go
// names wrongly answers differently here.
func TestReadForFieldsAnswersLikeWhole(t *testing.T) {
	g := graphtest.Seeded(t)
	generous := server.Options{MaxDepth: 20, MaxTokens: 1 << 20, MaxFields: 1 << 20, MaxComplexity: 1 << 30, MaxStatements: 1000, MaxHeavyStatements: 1000}
	srv := httptest.NewServer(server.Handler(g, graphtest.Logger(t), generous))
	defer srv.Close()

	schema := graph.NewExecutableSchema(graph.Config{}).Schema()
	every := func(typ string) string { return everyField(schema, typ) }
	inc, act, pla, art := every("Incident"), every("Actor"), every("Place"), every("Article")
	ends := fmt.Sprintf("claims { speaker { %s } onBehalfOf { %s } incident { %s } article { %s } }", act, act, inc, art)
	read := []string{
		fmt.Sprintf("{ incidents(limit: 500) { %s } }", inc),
		fmt.Sprintf("{ incidentsConnection(first: 500) { edges { node { %s } } } }", inc),
		fmt.Sprintf("{ actors(limit: 500) { %s } }", act),
		fmt.Sprintf("{ places(limit: 500) { %s } }", pla),
		fmt.Sprintf("{ articles(limit: 500) { %s } }", art),
		fmt.Sprintf("{ incidents(limit: 500) { %s } }", ends),
		fmt.Sprintf("{ actors(limit: 500) { %s } }", ends),
		fmt.Sprintf("{ articles(limit: 500) { %s } }", ends),
		fmt.Sprintf("{ actors(limit: 500) { carriedOut { %s } partOf { %s } controls { %s } articles { %s } } }", inc, act, pla, art),
		fmt.Sprintf("{ places(limit: 500) { within { %s } contains { %s } } }", pla, pla),
		fmt.Sprintf("{ incidents(limit: 500) { perpetrators { %s } partOf { %s } } }", act, inc),
	}
	found := map[string]map[string]any{} // every entity answered, by id
	typed := map[string]map[string]bool{}
	for _, q := range read {
		var data any
		mustQuery(t, srv.URL, q, nil, &data)
		collectEntities(t, data, found, typed)
	}
	for typ, ids := range map[string]int{"Incident": 10, "Actor": 20, "Place": 10, "Article": 5} {
		if len(typed[typ]) < ids {
			t.Fatalf("only %d %s entities answered: the seed corpus holds more, so the test proves little", len(typed[typ]), typ)
		}
	}

	// Read whole: each by id, from the root field of its type.
	sel := map[string]string{"Incident": inc, "Actor": act, "Place": pla, "Article": art}
	compared := 0
	for typ, set := range typed {
		ids := slices.Sorted(maps.Keys(set))
		root := strings.ToLower(typ[:1]) + typ[1:]
		for start := 0; start < len(ids); start += 20 {
			batch := ids[start:min(start+20, len(ids))]
			var q strings.Builder
			q.WriteString("{")
			for i, id := range batch {
				fmt.Fprintf(&q, " e%d: %s(id: %q) { %s }", i, root, id, sel[typ])
			}
			q.WriteString(" }")
			var data map[string]map[string]any
			mustQuery(t, srv.URL, q.String(), nil, &data)
			for i, id := range batch {
				got, want := found[id], data[fmt.Sprintf("e%d", i)]
				for _, field := range slices.Sorted(maps.Keys(want)) {
					if !reflect.DeepEqual(got[field], want[field]) {
						gj, _ := json.Marshal(got[field])
						wj, _ := json.Marshal(want[field])
						t.Errorf("%s.%s read for its fields: %s; read whole: %s", id, field, gj, wj)
					}
				}
				compared++
			}
		}
	}
	t.Logf("%d entities compared", compared)
}

// everyField selects every field of the object type typ that takes no
// required argument: a leaf by name, an object with its leaves.
func everyField(s *ast.Schema, typ string) string {
	var out []string
	for _, f := range s.Types[typ].Fields {
		if strings.HasPrefix(f.Name, "__") || requiresArgs(f) {
			continue
		}
		t := s.Types[f.Type.Name()]
		if t.Kind == ast.Scalar || t.Kind == ast.Enum {
			out = append(out, f.Name)
			continue
		}
		var leaves []string
		for _, g := range t.Fields {
			if u := s.Types[g.Type.Name()]; (u.Kind == ast.Scalar || u.Kind == ast.Enum) && !requiresArgs(g) {
				leaves = append(leaves, g.Name)
			}
		}
		if len(leaves) > 0 {
			out = append(out, f.Name+" { "+strings.Join(leaves, " ")+" }")
		}
	}
	return strings.Join(out, " ")
}

func requiresArgs(f *ast.FieldDefinition) bool {
	for _, a := range f.Arguments {
		if a.Type.NonNull && a.DefaultValue == nil {
			return true
		}
	}
	return false
}

// collectEntities walks an answer and keeps every entity answered with
// every field (everyField's selection, which has links), by id; the same
// entity answered twice must answer the same.
func collectEntities(t *testing.T, v any, found map[string]map[string]any, typed map[string]map[string]bool) {
	switch v := v.(type) {
	case []any:
		for _, x := range v {
			collectEntities(t, x, found, typed)
		}
	case map[string]any:
		id, isID := v["id"].(string)
		_, whole := v["links"] // every field selected, not only the leaves
		for k, x := range v {
			if k != "id" {
				collectEntities(t, x, found, typed)
			}
		}
		if !isID || !whole {
			return
		}
		entity := map[string]any{}
		for k, x := range v {
			entity[k] = x
		}
		if before, ok := found[id]; ok && !reflect.DeepEqual(before, entity) {
			t.Errorf("%s answered two ways: %v and %v", id, before, entity)
		}
		found[id] = entity
		typ := entityType(entity)
		if typed[typ] == nil {
			typed[typ] = map[string]bool{}
		}
		typed[typ][id] = true
	}
}

// entityType tells an entity's type by a field only that type has.
func entityType(e map[string]any) string {
	for field, typ := range map[string]string{"scope": "Incident", "anonymous": "Actor", "geoSource": "Place", "title": "Article"} {
		if _, ok := e[field]; ok {
			return typ
		}
	}
	return ""
}
