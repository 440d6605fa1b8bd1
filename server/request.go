package server

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"github.com/vektah/gqlparser/v2/parser"

	"github.com/strikegraph/strikegraph"
)

// graphqlRequest refuses a POST body that is not one GraphQL request (not
// JSON, a query that is not a string) with BAD_REQUEST, logged once at INFO
// with the body cut short: gqlgen would answer INTERNAL, and log the whole
// body twice at ERROR. Then it refuses a query too wide to validate quickly
// (see preflight), unless the query cache holds it: it passed then. A JSON
// array of requests is a batch: serveBatch checks each of them so. Every
// request gets the spent that its operations are charged to.
//
// A request that names its query by hash alone (a persisted query) carries
// no query to check here, but gqlgen's persisted-query cache only holds
// queries that came in full through this check; the limits past it are
// gqlgen's, and see the query itself.
func graphqlRequest(log *slog.Logger, opts Options, known queryCache, next http.Handler) http.Handler {
	preflight := func(r *http.Request, query string) *gqlerror.Error {
		if _, ok := known.Get(r.Context(), query); ok {
			return nil
		}
		return preflight(query, opts)
	}
	one := func(w http.ResponseWriter, r *http.Request, body []byte) {
		query, why := requestQuery(body)
		if why != "" {
			notARequest(log, w, r, body, why)
			return
		}
		if err := preflight(r, query); err != nil {
			writeJSON(w, http.StatusUnprocessableEntity, &graphql.Response{Errors: gqlerror.List{err}})
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		next.ServeHTTP(w, r)
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r = r.WithContext(withSpent(r.Context()))
		if r.Method != http.MethodPost {
			if err := preflight(r, r.URL.Query().Get("query")); err != nil {
				writeJSON(w, http.StatusUnprocessableEntity, &graphql.Response{Errors: gqlerror.List{err}})
				return
			}
			next.ServeHTTP(w, r)
			return
		}
		body, err := io.ReadAll(r.Body) // limitBody has read it already
		if err != nil {
			writeError(w, http.StatusBadRequest, strikegraph.ECodeBadRequest, "could not read the request body")
			return
		}
		if body = bytes.TrimSpace(body); bytes.HasPrefix(body, []byte("[")) {
			serveBatch(log, w, r, body, one)
			return
		}
		one(w, r, body)
	})
}

// notARequest answers a body that is not a GraphQL request, or a batch of
// them, with 400 BAD_REQUEST saying why, and logs it once.
func notARequest(log *slog.Logger, w http.ResponseWriter, r *http.Request, body []byte, why string) {
	log.InfoContext(r.Context(), "not a GraphQL request", "why", why, "bytes", len(body), "body", cut(body, 200))
	writeError(w, http.StatusBadRequest, strikegraph.ECodeBadRequest, why)
}

// requestQuery returns the query of a GraphQL request over POST, or why
// body is not one.
func requestQuery(body []byte) (query, why string) {
	if len(bytes.TrimSpace(body)) == 0 {
		return "", `the request body is empty; send {"query": "…", "variables": {…}}`
	}
	var req struct {
		Query         *string `json:"query"`
		OperationName *string `json:"operationName"`
		// Left to gqlgen to decode; here only their kind is checked.
		Variables  json.RawMessage `json:"variables"`
		Extensions json.RawMessage `json:"extensions"`
	}
	if err := json.Unmarshal(body, &req); err != nil {
		var typeErr *json.UnmarshalTypeError
		if errors.As(err, &typeErr) && typeErr.Field != "" {
			return "", typeErr.Field + " must be a string"
		}
		return "", `the request body is not a JSON object; send {"query": "…", "variables": {…}}`
	}
	for name, raw := range map[string]json.RawMessage{"variables": req.Variables, "extensions": req.Extensions} {
		if len(raw) > 0 && raw[0] != '{' && string(raw) != "null" {
			return "", name + " must be an object"
		}
	}
	if req.Query == nil {
		return "", ""
	}
	return *req.Query, ""
}

// preflight refuses, before gqlparser validates it, a query that selects
// more than opts.MaxFields fields with its fragments expanded, or carries
// more than opts.MaxDirectives directives or opts.MaxAliases aliases. Validation takes time quadratic
// in the fields of a selection set (14,000 __typename took 20 CPU-seconds)
// and reports each unknown directive apart; this costs a parse. A query
// that does not parse is left to gqlgen, which says why.
func preflight(query string, opts Options) *gqlerror.Error {
	if query == "" {
		return nil
	}
	doc, err := parser.ParseQueryWithTokenLimit(&ast.Source{Input: query}, opts.MaxTokens)
	if err != nil {
		return nil
	}
	w := width{doc: doc, fragments: map[string]int{}}
	fields := 0
	for _, op := range doc.Operations {
		w.directives += len(op.Directives)
		for _, v := range op.VariableDefinitions {
			w.directives += len(v.Directives)
		}
		fields = addSat(fields, w.fields(op.SelectionSet))
	}
	for _, f := range doc.Fragments {
		w.directives += len(f.Directives)
		w.fields(f.SelectionSet) // counts the directives of fragments no operation spreads
	}
	switch {
	case fields > opts.MaxFields:
		e := gqlerror.Errorf("the query selects more than %d fields once its fragments are expanded", opts.MaxFields)
		errcode.Set(e, strikegraph.ECodeTooManyFields)
		return e
	case w.directives > opts.MaxDirectives:
		e := gqlerror.Errorf("the query carries %d directives; the limit is %d", w.directives, opts.MaxDirectives)
		errcode.Set(e, strikegraph.ECodeTooManyDirectives)
		return e
	case w.aliases > opts.MaxAliases:
		e := gqlerror.Errorf("the query carries %d aliases; the limit is %d", w.aliases, opts.MaxAliases)
		errcode.Set(e, strikegraph.ECodeTooManyAliases)
		return e
	}
	return nil
}

// width counts the fields of selection sets, each fragment's once (a
// fragment that spreads itself, which validation refuses, counts as none),
// and the directives and aliases it meets, each once.
type width struct {
	doc        *ast.QueryDocument
	fragments  map[string]int // the fields of each fragment counted, -1 while it is
	directives int
	aliases    int
	seen       map[ast.Selection]bool
}

func (w *width) fields(set ast.SelectionSet) int {
	n := 0
	for _, sel := range set {
		if w.seen == nil {
			w.seen = map[ast.Selection]bool{}
		}
		first := !w.seen[sel]
		w.seen[sel] = true
		switch sel := sel.(type) {
		case *ast.Field:
			if first {
				w.directives += len(sel.Directives)
				if sel.Alias != sel.Name {
					w.aliases++
				}
			}
			n = addSat(n, addSat(1, w.fields(sel.SelectionSet)))
		case *ast.InlineFragment:
			if first {
				w.directives += len(sel.Directives)
			}
			n = addSat(n, w.fields(sel.SelectionSet))
		case *ast.FragmentSpread:
			if first {
				w.directives += len(sel.Directives)
			}
			n = addSat(n, w.fragment(sel.Name))
		}
	}
	return n
}

func (w *width) fragment(name string) int {
	if n, ok := w.fragments[name]; ok {
		return max(n, 0)
	}
	def := w.doc.Fragments.ForName(name)
	if def == nil {
		return 0
	}
	w.fragments[name] = -1
	n := w.fields(def.SelectionSet)
	w.fragments[name] = n
	return n
}

// cut is at most n bytes of b, for a log line.
func cut(b []byte, n int) string {
	if len(b) <= n {
		return string(b)
	}
	return string(b[:n]) + "…"
}
