package server

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"io"
	"iter"
	"log/slog"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/strikegraph/strikegraph"
	"github.com/strikegraph/strikegraph/export"
)

// exportNetwork serves GET /export/{format}: the whole graph, written as it
// is read; with maxNodes, its maxNodes most connected nodes; with ids, their
// neighbourhood (depth, types, from, to); with where, an IncidentWhere as
// JSON, the neighbourhood of the incidents it selects. A neighbourhood holds
// at most maxNodes nodes (default and limit strikegraph.MaxNetworkNodes).
// The X-Strikegraph-* headers say whether the network was cut.
func exportNetwork(store strikegraph.NetworkService, log *slog.Logger) http.HandlerFunc {
	return func(w http.ResponseWriter, req *http.Request) {
		format, ok := export.Formats[req.PathValue("format")]
		if !ok {
			writeJSONError(w, log, req, strikegraph.Invalidf("format", "give cytoscape, graphology, graphml, gexf or annotation"))
			return
		}
		scope, net, err := exportScope(req, store)
		if err != nil {
			writeJSONError(w, log, req, err)
			return
		}
		h := w.Header()
		h.Set("Content-Type", format.ContentType)
		h.Set("Content-Disposition", `attachment; filename="strikegraph-`+scope+"."+format.Ext+`"`)
		h.Set("X-Strikegraph-Truncated", strconv.FormatBool(net.Truncated))
		h.Set("X-Strikegraph-Total-Nodes", strconv.Itoa(net.TotalNodes))
		h.Set("X-Strikegraph-Total-Edges", strconv.Itoa(net.TotalEdges))
		sent := &sentWriter{ResponseWriter: w}
		out, done := compressed(sent, req)
		if err := format.Write(out, net); err != nil {
			streamFailed(sent, log, req, err)
			return
		}
		done()
	}
}

// sentWriter tells whether any byte of a response has gone out.
type sentWriter struct {
	http.ResponseWriter
	sent bool
}

func (s *sentWriter) Write(b []byte) (int, error) {
	s.sent = true
	return s.ResponseWriter.Write(b)
}

// streamFailed ends a response that failed while it was written: with the
// error, when nothing was sent yet; else cut, so that the client sees a
// broken download rather than a short file.
func streamFailed(w *sentWriter, log *slog.Logger, req *http.Request, err error) {
	if !w.sent {
		for _, k := range []string{"Content-Encoding", "Content-Disposition", "X-Strikegraph-Truncated", "X-Strikegraph-Total-Nodes", "X-Strikegraph-Total-Edges"} {
			w.Header().Del(k)
		}
		writeJSONError(w.ResponseWriter, log, req, err)
		return
	}
	log.WarnContext(req.Context(), "export stopped", "path", req.URL.Path, "err", err)
	panic(http.ErrAbortHandler)
}

// exportDocument serves GET /export/annotation: the whole graph as one
// annotation document, which `strikegraph import` or POST /import reads back,
// written as it is read.
func exportDocument(store strikegraph.DocumentService, log *slog.Logger) http.HandlerFunc {
	return func(w http.ResponseWriter, req *http.Request) {
		if req.URL.RawQuery != "" {
			writeJSONError(w, log, req, strikegraph.Invalidf("query", "the annotation export is the whole graph; it takes no parameters"))
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Disposition", `attachment; filename="strikegraph.json"`)
		sent := &sentWriter{ResponseWriter: w}
		out, done := compressed(sent, req)
		if err := export.Annotation(out, store.ExportDocument(req.Context())); err != nil {
			streamFailed(sent, log, req, err)
			return
		}
		done()
	}
}

// compressed is where an export's body goes: w, or a gzip stream over it
// when the client accepts one. done ends it.
func compressed(w http.ResponseWriter, req *http.Request) (out io.Writer, done func()) {
	w.Header().Add("Vary", "Accept-Encoding")
	if !acceptsGzip(req.Header.Get("Accept-Encoding")) {
		return w, func() {}
	}
	w.Header().Set("Content-Encoding", "gzip")
	zw := gzip.NewWriter(w)
	return zw, func() { _ = zw.Close() }
}

// claimsPage is how many claims each page of a claims export reads.
const claimsPage = 1000

// claimStore is what claims.csv reads: the claims, and the entities they
// name with their links.
type claimStore interface {
	strikegraph.ClaimService
	strikegraph.EntityService
}

// exportClaims serves GET /export/claims.csv: the claims where selects (a
// ClaimWhere as JSON, written as in GraphQL; every claim without it), one
// row each, written a page at a time as they are read.
func exportClaims(store claimStore, log *slog.Logger) http.HandlerFunc {
	return func(w http.ResponseWriter, req *http.Request) {
		var where *strikegraph.ClaimWhere
		if s := req.URL.Query().Get("where"); s != "" {
			var err error
			if where, err = decodeWhere[strikegraph.ClaimWhere](s, "a ClaimWhere"); err == nil {
				err = where.Validate()
			}
			if err != nil {
				writeJSONError(w, log, req, err)
				return
			}
		}
		start := 0
		streamCSV(w, req, log, "strikegraph-claims.csv", export.NewClaimsCSV, func() ([]export.ClaimRow, bool, error) {
			rows, more, err := claimRows(req.Context(), store, where, start)
			start += len(rows)
			return rows, more, err
		})
	}
}

// streamCSV writes a CSV download as its pages are read, next giving each
// in turn and whether more follow: the first page before the first byte,
// so that an error still gets its status.
func streamCSV[T any, W interface {
	Write(T) error
	Flush() error
}](w http.ResponseWriter, req *http.Request, log *slog.Logger, filename string, open func(io.Writer) (W, error), next func() ([]T, bool, error)) {
	rows, more, err := next()
	if err != nil {
		writeJSONError(w, log, req, err)
		return
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="`+filename+`"`)
	sent := &sentWriter{ResponseWriter: w}
	out, done := compressed(sent, req)
	csv, err := open(out)
	for err == nil {
		for _, r := range rows {
			if err = csv.Write(r); err != nil {
				break
			}
		}
		if err != nil || !more {
			break
		}
		rows, more, err = next()
	}
	if err == nil {
		err = csv.Flush()
	}
	if err != nil {
		streamFailed(sent, log, req, err)
		return
	}
	done()
}

// claimRows reads a page of claims, from start, with the names each row
// gives, and tells whether more follow.
func claimRows(ctx context.Context, store claimStore, where *strikegraph.ClaimWhere, start int) ([]export.ClaimRow, bool, error) {
	page, err := store.FindClaims(ctx, strikegraph.ListQuery[strikegraph.ClaimWhere]{Where: where,
		Window: strikegraph.Window{Start: start, Limit: claimsPage}})
	if err != nil {
		return nil, false, err
	}
	var ids, incidents []string
	for _, c := range page.Items {
		ids = append(ids, c.IncidentID, c.SpeakerID, c.ArticleID)
		if c.OnBehalfOfID != "" {
			ids = append(ids, c.OnBehalfOfID)
		}
		incidents = append(incidents, c.IncidentID)
	}
	links, err := store.FindLinksByIDs(ctx, slices.Compact(slices.Sorted(slices.Values(incidents))))
	if err != nil {
		return nil, false, err
	}
	for _, ls := range links {
		for _, l := range ls {
			ids = append(ids, l.OtherID)
		}
	}
	entities, err := store.FindEntitiesByIDs(ctx, slices.Compact(slices.Sorted(slices.Values(ids))))
	if err != nil {
		return nil, false, err
	}
	name := func(id string) string {
		switch e := entities[id].(type) {
		case *strikegraph.Actor:
			return e.Name
		case *strikegraph.Place:
			return e.Name
		}
		return ""
	}
	rows := make([]export.ClaimRow, len(page.Items))
	for i, c := range page.Items {
		r := export.ClaimRow{Claim: c, Speaker: name(c.SpeakerID), OnBehalfOf: name(c.OnBehalfOfID)}
		r.Incident, _ = entities[c.IncidentID].(*strikegraph.Incident)
		r.Article, _ = entities[c.ArticleID].(*strikegraph.Article)
		for _, l := range links[c.IncidentID] {
			switch {
			case l.Direction == strikegraph.DirectionOut && (l.Type == strikegraph.RelLocatedIn || l.Type == strikegraph.RelLocatedNear):
				r.Places = append(r.Places, name(l.OtherID))
			case l.Direction == strikegraph.DirectionIn && l.Type == strikegraph.RelCarriedOut:
				r.Perpetrators = append(r.Perpetrators, name(l.OtherID))
			}
		}
		rows[i] = r
	}
	return rows, page.More, nil
}

// acceptsGzip tells whether an Accept-Encoding header accepts gzip: named,
// or as *, and not with q=0.
func acceptsGzip(header string) bool {
	for _, part := range strings.Split(header, ",") {
		coding, params, _ := strings.Cut(part, ";")
		coding = strings.ToLower(strings.TrimSpace(coding))
		if coding != "gzip" && coding != "*" {
			continue
		}
		q, found := strings.CutPrefix(strings.ReplaceAll(params, " ", ""), "q=")
		if !found {
			return true
		}
		if v, err := strconv.ParseFloat(q, 64); err == nil && v > 0 {
			return true
		}
	}
	return false
}

// exportScope reads what to export and finds it; scope names it in the file
// name: graph, neighbourhood or incidents.
func exportScope(req *http.Request, store strikegraph.NetworkService) (scope string, stream *strikegraph.NetworkStream, err error) {
	q := req.URL.Query()
	maxNodes, err := intParam(q, "maxNodes", strikegraph.MaxNetworkNodes)
	if err != nil {
		return "", nil, err
	}
	depth, err := intParam(q, "depth", 1)
	if err != nil {
		return "", nil, err
	}
	ids, where := listParam(q, "ids"), q.Get("where")
	switch {
	case ids != nil && where != "":
		return "", nil, strikegraph.Invalidf("where", "give ids or where, not both")
	case ids == nil && where == "" && (q.Has("depth") || q.Has("types") || q.Has("from") || q.Has("to")):
		return "", nil, strikegraph.Invalidf("ids", "depth, types, from and to need ids or where")
	case ids == nil && where == "" && !q.Has("maxNodes"):
		stream, err := store.StreamGraph(req.Context())
		return "graph", stream, err
	case ids == nil && where == "":
		net, err := store.FindGraph(req.Context(), maxNodes)
		return "graph", streamOf(net), err
	}
	n, err := strikegraph.NewNeighbourhood(ids, depth, listParam(q, "types"), optional(q, "from"), optional(q, "to"), maxNodes)
	if err != nil {
		return "", nil, err
	}
	if ids != nil {
		net, err := store.FindNeighbourhood(req.Context(), n)
		return "neighbourhood", streamOf(net), err
	}
	w, err := incidentWhere(where)
	if err != nil {
		return "", nil, err
	}
	if err := w.Validate(); err != nil {
		return "", nil, err
	}
	net, err := store.FindIncidentNetwork(req.Context(), w, n)
	return "incidents", streamOf(net), err
}

// streamOf is a network found whole, as a stream; nil when it was not found.
func streamOf(net *strikegraph.Network) *strikegraph.NetworkStream {
	if net == nil {
		return nil
	}
	return &strikegraph.NetworkStream{Truncated: net.Truncated, TotalNodes: net.TotalNodes, TotalEdges: net.TotalEdges, Nodes: len(net.Nodes),
		EachNode: each(net.Nodes), EachEdge: each(net.Edges)}
}

func each[T any](items []*T) iter.Seq2[*T, error] {
	return func(yield func(*T, error) bool) {
		for _, it := range items {
			if !yield(it, nil) {
				return
			}
		}
	}
}

// incidentWhere reads an IncidentWhere written as in GraphQL: its field
// names are the Go fields' without underscores (date_GTE is DateGTE).
func incidentWhere(s string) (*strikegraph.IncidentWhere, error) {
	return decodeWhere[strikegraph.IncidentWhere](s, "an IncidentWhere")
}

// decodeWhere reads a where input written as in GraphQL, a W.
func decodeWhere[W any](s, what string) (*W, error) {
	var v any
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		return nil, strikegraph.Invalidf("where", "not JSON: %v", err)
	}
	b, _ := json.Marshal(withoutUnderscores(v))
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	var w W
	if err := dec.Decode(&w); err != nil {
		return nil, strikegraph.Invalidf("where", "not %s: %v", what, err)
	}
	return &w, nil
}

// withoutUnderscores removes underscores from the keys of every object in v.
func withoutUnderscores(v any) any {
	switch v := v.(type) {
	case map[string]any:
		out := map[string]any{}
		for k, x := range v {
			out[strings.ReplaceAll(k, "_", "")] = withoutUnderscores(x)
		}
		return out
	case []any:
		for i, x := range v {
			v[i] = withoutUnderscores(x)
		}
	}
	return v
}

func intParam(q url.Values, name string, def int) (int, error) {
	if !q.Has(name) {
		return def, nil
	}
	n, err := strconv.Atoi(q.Get(name))
	if err != nil {
		return 0, strikegraph.Invalidf(name, "give a whole number")
	}
	return n, nil
}

// listParam reads a list given as name=a,b or name=a&name=b; nil when absent.
func listParam(q url.Values, name string) []string {
	var out []string
	for _, v := range q[name] {
		out = append(out, strings.Split(v, ",")...)
	}
	return out
}

func optional(q url.Values, name string) *string {
	if !q.Has(name) {
		return nil
	}
	s := q.Get(name)
	return &s
}

// writeJSONError answers with an error as JSON: its code, message and field.
// Errors the domain did not classify are logged and masked.
func writeJSONError(w http.ResponseWriter, log *slog.Logger, req *http.Request, err error) {
	var e *strikegraph.Error
	if !errors.As(err, &e) {
		e = &strikegraph.Error{Code: strikegraph.ECodeInternal, Err: err}
	}
	status := map[string]int{
		strikegraph.ECodeInvalid: http.StatusBadRequest, strikegraph.ECodeNotFound: http.StatusNotFound,
		strikegraph.ECodeUnavailable: http.StatusServiceUnavailable, strikegraph.ECodeTimeout: http.StatusGatewayTimeout,
		strikegraph.ECodeUnauthenticated: http.StatusUnauthorized, strikegraph.ECodeForbidden: http.StatusForbidden,
		strikegraph.ECodeConflict: http.StatusConflict, strikegraph.ECodeTooLarge: http.StatusRequestEntityTooLarge,
		strikegraph.ECodeOverloaded: http.StatusServiceUnavailable, strikegraph.ECodeTooMuchMemory: http.StatusUnprocessableEntity,
	}[e.Code]
	if e.Code == strikegraph.ECodeOverloaded {
		w.Header().Set("Retry-After", "1")
	}
	message := e.Error()
	if status == 0 {
		log.ErrorContext(req.Context(), "internal error", "path", req.URL.Path, "err", errors.Join(e.Err, err))
		status, message = http.StatusInternalServerError, "internal error"
	}
	body := map[string]string{"code": e.Code, "message": message}
	if e.Field != "" {
		body["field"] = e.Field
	}
	writeJSON(w, status, body)
}
