package cypher

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestQueryNamesHaveFiles reads this package's source for every query named
// by a literal to read, write, run, readAfterIncidents or query, and checks
// that its .cypher file is embedded: a typo would otherwise panic at run
// time, in whichever request first sent it. It needs no Neo4j.
func TestQueryNamesHaveFiles(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	nameArg := map[string]int{"read": 1, "write": 1, "readAfterIncidents": 1, "run": 2, "query": 0}
	named := 0
	fset := token.NewFileSet()
	for _, path := range files {
		if strings.HasSuffix(path, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			var fn string
			switch f := call.Fun.(type) {
			case *ast.SelectorExpr:
				fn = f.Sel.Name
			case *ast.Ident:
				fn = f.Name
			}
			i, ok := nameArg[fn]
			if !ok || len(call.Args) <= i {
				return true
			}
			lit, ok := call.Args[i].(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true // a name held in a variable: its literal is checked where it is written
			}
			name, _ := strconv.Unquote(lit.Value)
			if _, err := queries.ReadFile(name + ".cypher"); err != nil {
				t.Errorf("%s: %s(…%q…): there is no %s.cypher", fset.Position(lit.Pos()), fn, name, name)
			}
			named++
			return true
		})
	}
	if named < 30 {
		t.Fatalf("found %d queries named by a literal; the test no longer finds the calls", named)
	}
	t.Logf("%d queries named by a literal, each with its file", named)
}
