package server

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"net/http"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/strikegraph/strikegraph"
)

// The production limits on one request. Each is checked before any Cypher
// runs; README.md, "Limits", explains them.
const (
	// DefaultMaxDepth fits the deepest query in README.md and the tests (7),
	// with room for a connection's edges { node } around a nested list.
	DefaultMaxDepth = 12
	// DefaultMaxComplexity fits every query in README.md and the tests: the
	// costliest, loaders_test.go's, costs 73,101. See costedSchema.
	DefaultMaxComplexity = 100000
	// DefaultMaxTokens is far above any real query: GraphiQL's introspection
	// query has about 200 tokens.
	DefaultMaxTokens = 15000
	// DefaultMaxBodyBytes bounds what a request may make the server read.
	DefaultMaxBodyBytes = 1 << 20
)

// unpagedItems is how many items a list without paging arguments is taken to
// return, for pricing: a guess, since nothing bounds it.
const unpagedItems = 10

func init() {
	// Rejected before execution, like a validation failure: HTTP 422.
	errcode.RegisterErrorType(strikegraph.ECodeTooDeep, errcode.KindProtocol)
	errcode.RegisterErrorType(strikegraph.ECodeTooComplex, errcode.KindProtocol)
}

// costedSchema prices fields for gqlgen's complexity limit. A field costs 1
// plus what is selected under it; under a list, that counts once for every
// item the list may return.
type costedSchema struct{ graphql.ExecutableSchema }

func (s costedSchema) Complexity(_ context.Context, typeName, field string, child int, args map[string]any) (int, bool) {
	n := s.items(typeName, field, args)
	if n > 0 && child > (math.MaxInt-1)/n {
		return math.MaxInt, true // saturate, so that a huge first cannot wrap around
	}
	return 1 + n*child, true
}

// items is how many items typeName.field may return: its first, last or limit
// argument, else the default the resolvers apply, else a guess.
func (s costedSchema) items(typeName, field string, args map[string]any) int {
	def := s.Schema().Types[typeName].Fields.ForName(field)
	switch {
	case def == nil, strings.HasPrefix(typeName, "__"):
		return 1 // introspection: answered without Neo4j
	case strings.HasSuffix(typeName, "Connection"):
		return 1 // edges and nodes: the field returning the connection counted the page
	}
	given := -1
	for _, name := range []string{"first", "last", "limit"} {
		if n, err := graphql.UnmarshalInt(args[name]); args[name] != nil && err == nil {
			given = max(given, n, 0)
		}
	}
	switch {
	case given >= 0:
		return given
	case def.Arguments.ForName("first") != nil, strings.HasSuffix(def.Type.Name(), "Connection"):
		return strikegraph.DefaultPageSize
	case def.Arguments.ForName("limit") != nil:
		return strikegraph.DefaultListLimit
	case def.Type.Elem != nil:
		return unpagedItems
	}
	return 1
}

// shapeLimit rejects an operation whose fields nest deeper than maxDepth, or
// that selects more than maxFields fields once its fragments are expanded. It
// runs before gqlgen's complexity limit, whose walk expands every fragment
// spread afresh: fragments that each spread the next one twice would make it
// take exponential time. Every field costs at least 1, so maxFields is the
// complexity limit and the code is the same.
type shapeLimit struct{ maxDepth, maxFields int }

var _ interface {
	graphql.HandlerExtension
	graphql.OperationContextMutator
} = shapeLimit{}

func (shapeLimit) ExtensionName() string                   { return "ShapeLimit" }
func (shapeLimit) Validate(graphql.ExecutableSchema) error { return nil }

func (l shapeLimit) MutateOperationContext(_ context.Context, opCtx *graphql.OperationContext) *gqlerror.Error {
	var err *gqlerror.Error
	switch s := measure(opCtx.Operation.SelectionSet, map[string]shape{}); {
	case s.depth > l.maxDepth:
		err = gqlerror.Errorf("the query nests fields %d deep; the limit is %d", s.depth, l.maxDepth)
		errcode.Set(err, strikegraph.ECodeTooDeep)
	case s.fields > l.maxFields:
		err = gqlerror.Errorf("the query selects more than %d fields once its fragments are expanded: over the complexity limit, as each field costs at least 1", l.maxFields)
		errcode.Set(err, strikegraph.ECodeTooComplex)
	}
	return err
}

// shape is how deep fields nest in a selection set ({ a { b } } is 2) and
// how many fields it selects, with its fragments expanded.
type shape struct{ depth, fields int }

// measure returns the shape of set. Introspection fields add no depth: they
// never reach Neo4j, and the validator bounds their depth. fragments holds
// the shape of each fragment already measured, so that each is walked once.
func measure(set ast.SelectionSet, fragments map[string]shape) shape {
	var out shape
	for _, sel := range set {
		var s shape
		switch sel := sel.(type) {
		case *ast.Field:
			s = measure(sel.SelectionSet, fragments)
			s.fields = addSat(s.fields, 1)
			s.depth++
			if strings.HasPrefix(sel.Name, "__") {
				s.depth = 0
			}
		case *ast.InlineFragment:
			s = measure(sel.SelectionSet, fragments)
		case *ast.FragmentSpread:
			var ok bool
			if s, ok = fragments[sel.Name]; !ok {
				s = measure(sel.Definition.SelectionSet, fragments)
				fragments[sel.Name] = s
			}
		}
		out.depth = max(out.depth, s.depth)
		out.fields = addSat(out.fields, s.fields)
	}
	return out
}

// addSat adds two counts, saturating: a fragment spread twice in each of 64
// fragments would overflow an int.
func addSat(a, b int) int {
	if a > math.MaxInt-b {
		return math.MaxInt
	}
	return a + b
}

// tokenLimitMessage starts gqlparser's error for a query over the parser's
// token limit; presentError gives that error its own code.
const tokenLimitMessage = "exceeded token limit of "

// limitBody reads the request body whole, at most limit bytes of it, and
// answers a larger one with 413 before GraphQL sees it.
func limitBody(limit int64, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, limit))
		var tooLarge *http.MaxBytesError
		switch {
		case errors.As(err, &tooLarge):
			writeError(w, http.StatusRequestEntityTooLarge, strikegraph.ECodeTooLarge, fmt.Sprintf("the request body is larger than %d bytes", limit))
			return
		case err != nil:
			writeError(w, http.StatusBadRequest, strikegraph.ECodeInvalid, "could not read the request body")
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		next.ServeHTTP(w, r)
	})
}

// writeError answers with a GraphQL response holding one error, shaped as
// gqlgen shapes its own.
func writeError(w http.ResponseWriter, status int, code, message string) {
	writeJSON(w, status, &graphql.Response{Errors: gqlerror.List{{Message: message, Extensions: map[string]any{"code": code}}}})
}
