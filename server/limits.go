package server

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"net/http"
	"os"
	"reflect"
	"slices"
	"strings"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/strikegraph/strikegraph"
	"github.com/strikegraph/strikegraph/graph"
)

// The production limits on one request. Each is checked before any Cypher
// runs; docs/api.md, "Limits", explains them.
const (
	// DefaultMaxDepth fits the deepest query in the docs and the tests (7),
	// with room for a connection's edges { node } around a nested list.
	DefaultMaxDepth = 12
	// DefaultMaxComplexity fits every query in the docs and the tests: the
	// costliest, loaders_test.go's, costs 73,101. See costedSchema.
	DefaultMaxComplexity = 100000
	// DefaultMaxTokens is far above any real query: GraphiQL's introspection
	// query has about 200 tokens.
	DefaultMaxTokens = 15000
	// DefaultMaxFields and DefaultMaxDirectives bound a query before it is
	// validated, which takes time quadratic in the fields of one selection
	// set: GraphiQL's introspection query selects about 200 fields with its
	// fragments expanded, and the widest query of the tests 1,100.
	DefaultMaxFields     = 2000
	DefaultMaxDirectives = 100
	// DefaultMaxAliases bounds the aliases of a query, which repeat a field
	// at will: no query of the docs has more than 10.
	DefaultMaxAliases = 100
	// DefaultBodyTimeout is how long a client may take to send a body of
	// /graphql: 1 MiB at 35 KB/s.
	DefaultBodyTimeout = 30 * time.Second
	// DefaultResponseTimeout is how long a /graphql request may take to be
	// answered and its answer written: more than its statements could run,
	// a level after another, each within the transaction timeout.
	DefaultResponseTimeout = 5 * time.Minute
	// MaxImportTimeLimit is the longest POST /import may let each batch's
	// transaction run (?timeout=); importer.BulkTimeLimit when it does
	// not ask.
	MaxImportTimeLimit = 10 * time.Minute
	// DefaultRateLimit is how many requests a second a client address or a
	// credential may send (bursts of twice that): far above what a person
	// at the explorer sends, far below a flood of guessed keys.
	DefaultRateLimit = 50
	// DefaultMaxBodyBytes bounds what a request may make the server read.
	DefaultMaxBodyBytes = 1 << 20
	// DefaultMaxStatements and DefaultMaxHeavyStatements bound the Cypher
	// statements a request may send; see statementLimit. The queries of
	// the docs, the explorer and the tests need at most 13 (docs/examples.md's
	// incident query) and 2 heavy ones (a totals or a near query beside
	// another): about four times that.
	DefaultMaxStatements      = 50
	DefaultMaxHeavyStatements = 8
	// MaxBatchOperations is how many requests one JSON array (a batch) may
	// hold: Apollo's BatchHttpLink sends at most 10 by default. Together they
	// get the limits of one request; see serveBatch.
	MaxBatchOperations = 10
	// MaxConcurrentStatements is how many statements of one request run at
	// once: a share of the driver's pool of 100 connections, so that it takes
	// 25 requests at their widest to fill the pool, not one.
	MaxConcurrentStatements = 4
)

// unpagedItems is how many items a list without paging arguments is taken to
// return, for pricing: a guess, since nothing bounds it.
const unpagedItems = 10

func init() {
	// Rejected before execution, like a validation failure: HTTP 422.
	errcode.RegisterErrorType(strikegraph.ECodeTooDeep, errcode.KindProtocol)
	errcode.RegisterErrorType(strikegraph.ECodeTooComplex, errcode.KindProtocol)
	errcode.RegisterErrorType(strikegraph.ECodeTooManyStatements, errcode.KindProtocol)
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

// heavyFields are the root fields whose statement may do much more work than
// a lookup or a page of a list: they walk the graph (neighbourhood,
// shortestPaths, pathNetwork), aggregate over every incident a filter selects
// (timeline, the totals), measure distances (placesNear, incidentsNear) or
// read every place, actor and located incident (duplicateCandidates).
var heavyFields = []string{"neighbourhood", "shortestPaths", "pathNetwork", "timeline",
	"reporterTotals", "belligerentTotals", "placesNear", "incidentsNear", "duplicateCandidates"}

// reshapers are the fields with a resolver that only reshapes what its parent
// already holds, so they send nothing. Leaving one out only counts it.
var reshapers = map[string]bool{
	"claim.denies": true, "claim.response": true, "claim.retraction": true,
	"date.value": true, "link.quotes": true, "place.geoprecision": true,
	"merge.at": true, "provenance.createdat": true, "provenance.updatedat": true,
	"retraction.at": true,
}

// extraStatements are the fields that may send more than one statement: a
// toll reads the incident's parts and its claims, and, by kind of source,
// the sources too.
var extraStatements = map[string]int{"incident.civiliantoll": 2, "incident.toll": 2}

// asOfReaders are the fields that read the revisions of what they give,
// one more statement, when an asOf applies to them: their own, or that of
// the field above them (Query.incident's).
var asOfReaders = map[string]bool{"query.incident": true, "query.claim": true, "query.claims": true, "query.claimsconnection": true,
	"incident.claims": true, "incident.claimsconnection": true, "incident.speakers": true,
	"incident.contested": true, "incident.civiliantoll": true, "incident.toll": true}

// statementLimit refuses an operation that may send more than maxStatements
// Cypher statements, or more than maxHeavy of the heavy ones, before it runs.
// The estimate, per operation:
//
//   - every root field costs 1 (a mutation's transaction counts as one), and
//     a heavy one (heavyFields) counts against maxHeavy too;
//   - every other field with a resolver of its own (gqlgen's resolver
//     interfaces in package graph) costs 1 per distinct path of response keys
//     ("a.claims.speaker"): a per-request loader fetches the field for every
//     parent at that path in one statement, so how many items the lists hold
//     does not matter; a field whose resolver uses several loaders costs
//     one more for each (extraStatements), and a field that reads
//     revisions for an asOf one more (asOfReaders);
//   - introspection (__schema, __type, __typename) costs nothing, and so do
//     fields that only reshape their parent's value (reshapers).
//
// It runs after the shape and complexity limits, which bound how many fields
// an operation has once its fragments are expanded.
type statementLimit struct {
	maxStatements, maxHeavy int
	resolved                map[string]bool // "type.field", lower case, of the fields that may read storage
}

var _ interface {
	graphql.HandlerExtension
	graphql.OperationContextMutator
} = &statementLimit{}

func (*statementLimit) ExtensionName() string { return "StatementLimit" }

// Validate finds the fields with resolvers: the methods of the interfaces
// that graph.ResolverRoot returns, named as gqlgen names them (the field
// capitalised, initialisms upper case, hence lower case to compare). A field
// of an interface counts when a type that implements it resolves it.
func (l *statementLimit) Validate(es graphql.ExecutableSchema) error {
	l.resolved = map[string]bool{}
	root := reflect.TypeFor[graph.ResolverRoot]()
	for i := range root.NumMethod() {
		m := root.Method(i)
		for j := range m.Type.Out(0).NumMethod() {
			if name := strings.ToLower(m.Name + "." + m.Type.Out(0).Method(j).Name); !reshapers[name] {
				l.resolved[name] = true
			}
		}
	}
	schema := es.Schema()
	for _, def := range schema.Types {
		if def.Kind != ast.Interface {
			continue
		}
		for _, f := range def.Fields {
			for _, impl := range schema.GetPossibleTypes(def) {
				if l.resolved[strings.ToLower(impl.Name+"."+f.Name)] {
					l.resolved[strings.ToLower(def.Name+"."+f.Name)] = true
				}
			}
		}
	}
	return nil
}

// MutateOperationContext also charges the operation, once admitted, to the
// request's spent, with its complexity: the operations of a batch share the
// limits of one request (see serveBatch).
func (l *statementLimit) MutateOperationContext(ctx context.Context, opCtx *graphql.OperationContext) *gqlerror.Error {
	s := spentOf(ctx)
	var err *gqlerror.Error
	switch n := l.estimate(opCtx.Operation); {
	case n.statements > l.maxStatements-s.statements:
		err = gqlerror.Errorf("the query may send %d Cypher statements; the limit is %d%s", n.statements, l.maxStatements, ofBatch(s.statements))
	case n.heavy > l.maxHeavy-s.heavy:
		err = gqlerror.Errorf("the query asks for %d of the heavy fields (%s); the limit is %d%s", n.heavy, strings.Join(heavyFields, ", "), l.maxHeavy, ofBatch(s.heavy))
	default:
		s.statements += n.statements
		s.heavy += n.heavy
		if c := extension.GetComplexityStats(ctx); c != nil {
			s.complexity += c.Complexity
		}
		return nil
	}
	errcode.Set(err, strikegraph.ECodeTooManyStatements)
	return err
}

// ofBatch says, for a limit's message, how much of it the earlier
// operations of a batch took.
func ofBatch(taken int) string {
	if taken == 0 {
		return ""
	}
	return fmt.Sprintf(", of which the batch's earlier requests took %d", taken)
}

// complexityLimit is gqlgen's complexity limit, less what the request's
// earlier operations (a batch's) cost.
func complexityLimit(limit int) *extension.ComplexityLimit {
	return &extension.ComplexityLimit{Func: func(ctx context.Context, _ *graphql.OperationContext) int {
		return limit - spentOf(ctx).complexity
	}}
}

type statements struct{ statements, heavy int }

// estimate counts what op may send; see statementLimit.
func (l *statementLimit) estimate(op *ast.OperationDefinition) statements {
	var n statements
	seen := map[string]bool{}
	var walk func(set ast.SelectionSet, path string, asOf bool)
	walk = func(set ast.SelectionSet, path string, asOf bool) {
		for _, f := range fields(set) {
			if strings.HasPrefix(f.Name, "__") {
				continue // introspection: answered without Neo4j
			}
			key := path + "." + f.Alias
			if f.ObjectDefinition != nil { // inline fragments on two types may use two loaders
				key = path + "." + f.ObjectDefinition.Name + "." + f.Alias
			}
			name := ""
			if f.ObjectDefinition != nil {
				name = strings.ToLower(f.ObjectDefinition.Name + "." + f.Name)
			}
			ownAsOf := f.Arguments.ForName("asOf") != nil
			if !seen[key] && asOfReaders[name] && (asOf || ownAsOf) {
				n.statements++
			}
			switch {
			case seen[key]: // the same response key again, merged by GraphQL
			case path == "":
				n.statements++
			case l.resolved[name]:
				n.statements += 1 + extraStatements[name]
			}
			seen[key] = true
			walk(f.SelectionSet, key, ownAsOf)
		}
	}
	walk(op.SelectionSet, "", false)
	n.heavy = heavyRoots(op)
	return n
}

// heavyRoots counts the heavy root fields of op, each response key once.
func heavyRoots(op *ast.OperationDefinition) int {
	if op.Operation != ast.Query {
		return 0
	}
	n, seen := 0, map[string]bool{}
	for _, f := range fields(op.SelectionSet) {
		if !seen[f.Alias] && slices.Contains(heavyFields, f.Name) {
			n++
		}
		seen[f.Alias] = true
	}
	return n
}

// fields lists the fields of set, with its fragments expanded.
func fields(set ast.SelectionSet) []*ast.Field {
	var out []*ast.Field
	for _, sel := range set {
		switch sel := sel.(type) {
		case *ast.Field:
			out = append(out, sel)
		case *ast.InlineFragment:
			out = append(out, fields(sel.SelectionSet)...)
		case *ast.FragmentSpread:
			out = append(out, fields(sel.Definition.SelectionSet)...)
		}
	}
	return out
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
		case errors.Is(err, os.ErrDeadlineExceeded):
			writeError(w, http.StatusRequestTimeout, strikegraph.ECodeTimeout, "the request body did not arrive in time")
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
