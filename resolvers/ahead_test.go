package resolvers

import (
	"os"
	"testing"

	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"
)

// TestInMemory checks which selections under a monitor withClaims may mark
// read ahead: only those that ask for nothing but the claims and their ends.
func TestInMemory(t *testing.T) {
	src, err := os.ReadFile("../schema.graphqls")
	if err != nil {
		t.Fatal(err)
	}
	schema := gqlparser.MustLoadSchema(&ast.Source{Name: "schema.graphqls", Input: string(src)})
	for query, want := range map[string]bool{
		`{ actor(id: "a") { id name claims(stance: REPORTED) { id speaker { id } incident { id name } figures { killed { min } } } } }`: true,
		`{ actor(id: "a") { id claims { article { publisher { name } } onBehalfOf { id } } } }`:                                         true,
		`{ actor(id: "a") { id ... on Actor { claims { incident { id } } } } }`:                                                         true,
		`{ actor(id: "a") { id claims { incident { places { type } } } } }`:                                                             false,
		`{ actor(id: "a") { id claims { places { id } } } }`:                                                                            false,
		`{ actor(id: "a") { id claims { speaker { claims { id } } } } }`:                                                                false,
		`{ actor(id: "a") { id links { type } claims { id } } }`:                                                                        false,
		`{ actor(id: "a") { id ...f } } fragment f on Actor { claims { incident { contested } } }`:                                      false,
	} {
		doc, errs := gqlparser.LoadQueryWithRules(schema, query, nil)
		if errs != nil {
			t.Fatalf("%s: %v", query, errs)
		}
		actor := doc.Operations[0].SelectionSet[0].(*ast.Field)
		if got := inMemory(actor.SelectionSet, "Actor", claimsReadAhead); got != want {
			t.Errorf("inMemory(%s) = %v, want %v", query, got, want)
		}
	}
}
