package resolvers

import (
	"reflect"
	"strings"

	"github.com/vektah/gqlparser/v2/ast"

	"github.com/strikegraph/strikegraph/graph"
)

// readAhead names the fields a resolver read ahead with its own, each with
// the fields read ahead under it.
type readAhead map[string]readAhead

// inMemory reports whether every field of sel, on the type typ, is resolved
// from what is already read: it has no resolver, or ahead names it, and so
// on all the way down. Fragments are checked whatever their type, so that
// nothing is missed.
func inMemory(sel ast.SelectionSet, typ string, ahead readAhead) bool {
	for _, s := range sel {
		switch s := s.(type) {
		case *ast.Field:
			if strings.HasPrefix(s.Name, "__") {
				continue
			}
			under, read := ahead[s.Name]
			if withResolver[typ+"."+strings.ToLower(s.Name)] && !read {
				return false
			}
			if !inMemory(s.SelectionSet, s.Definition.Type.Name(), under) {
				return false
			}
		case *ast.InlineFragment:
			t := typ
			if s.TypeCondition != "" {
				t = s.TypeCondition
			}
			if !inMemory(s.SelectionSet, t, ahead) {
				return false
			}
		case *ast.FragmentSpread:
			if !inMemory(s.Definition.SelectionSet, s.Definition.TypeCondition, ahead) {
				return false
			}
		}
	}
	return true
}

// withResolver holds the fields that have a resolver, as "Type.field" in
// lower case: the methods of the interfaces gqlgen generates, one per type.
var withResolver = func() map[string]bool {
	fields := map[string]bool{}
	root := reflect.TypeFor[graph.ResolverRoot]()
	for i := range root.NumMethod() {
		typ := root.Method(i)
		resolver := typ.Type.Out(0)
		for j := range resolver.NumMethod() {
			fields[typ.Name+"."+strings.ToLower(resolver.Method(j).Name)] = true
		}
	}
	return fields
}()
