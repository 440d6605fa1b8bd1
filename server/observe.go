package server

import (
	"bufio"
	"context"
	"crypto/rand"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/99designs/gqlgen/graphql"

	"github.com/strikegraph/strikegraph/logs"
	"github.com/strikegraph/strikegraph/metrics"
	"github.com/strikegraph/strikegraph/tracing"
)

// maxRequestIDLen bounds the X-Request-Id the service takes from a client.
const maxRequestIDLen = 128

// requestID gives each request an id: the client's X-Request-Id when it is
// 1 to maxRequestIDLen printable ASCII characters without spaces (what a
// proxy in front sets), else a new random one. The id is sent back in
// X-Request-Id and carried in the context, so that every log line of the
// request names it (logs.Handler).
func requestID(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := r.Header.Get("X-Request-Id")
		if !saneRequestID(id) {
			id = rand.Text()
		}
		w.Header().Set("X-Request-Id", id)
		next.ServeHTTP(w, r.WithContext(logs.WithRequestID(r.Context(), id)))
	})
}

func saneRequestID(id string) bool {
	if id == "" || len(id) > maxRequestIDLen {
		return false
	}
	for i := range len(id) {
		if id[i] <= ' ' || id[i] > '~' {
			return false
		}
	}
	return true
}

// observed is what a request's answer turned out to be, learnt on the way
// for its access log line: its GraphQL operation's name, and the code of
// its first error when gqlgen answered it.
type observed struct {
	graphql   bool   // gqlgen answered
	operation string // the operation's name; "" when it has none
	code      string // the code of the answer's first error; "" when none
}

type observedKey struct{}

// observe counts each request in m and, when accessLog, writes a line to
// log for it: its method, path, status, bytes, duration and, for GraphQL,
// operation and code.
func observe(log *slog.Logger, accessLog bool, m *metrics.Metrics, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		o := &observed{}
		rec := &recorder{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(rec, r.WithContext(context.WithValue(r.Context(), observedKey{}, o)))
		took := time.Since(start)
		operation, code := route(r.URL.Path), "OK"
		switch {
		case o.graphql:
			operation, code = m.Operation(o.operation), o.code
		case rec.status >= 400:
			code = strconv.Itoa(rec.status)
		}
		m.Request(operation, code, took)
		if !accessLog {
			return
		}
		attrs := []any{"method", r.Method, "path", r.URL.Path, "status", rec.status, "bytes", rec.bytes, "duration", took}
		if o.graphql {
			attrs = append(attrs, "operation", o.operation, "code", o.code)
		}
		log.InfoContext(r.Context(), "request", attrs...)
	})
}

// route is the operation label of a request gqlgen did not answer: its
// path's first segment, of the service's routes, else "other". It begins
// with a slash, which no GraphQL operation name has.
func route(path string) string {
	first, _, _ := strings.Cut(strings.TrimPrefix(path, "/"), "/")
	switch first {
	case "graphql", "export", "import", "livez", "readyz", "metrics", "explorer", "graphiql", "":
		return "/" + first
	}
	return "other"
}

// observeOperation notes the name of each GraphQL operation and the code
// of its answer. It must be the first operation middleware, to see the
// answers of the others (the admission of heavy reads refuses with one).
func observeOperation(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
	if o, ok := ctx.Value(observedKey{}).(*observed); ok {
		o.operation = graphql.GetOperationContext(ctx).Operation.Name
		tracing.Operation(ctx, o.operation)
	}
	respond := next(ctx)
	return func(ctx context.Context) *graphql.Response {
		res := respond(ctx)
		observeResponse(ctx, res)
		return res
	}
}

// observeResponse notes the code of a GraphQL answer: that of its first
// error, or OK. As a response middleware it sees the answers to queries
// that did not parse or validate, which no operation middleware sees.
func observeResponse(ctx context.Context, res *graphql.Response) {
	o, ok := ctx.Value(observedKey{}).(*observed)
	if !ok || res == nil {
		return
	}
	o.graphql, o.code = true, "OK"
	if len(res.Errors) > 0 {
		o.code = "INTERNAL"
		if code, ok := res.Errors[0].Extensions["code"].(string); ok {
			o.code = code
		}
	}
}

// recorder notes the status and the size of a response.
type recorder struct {
	http.ResponseWriter
	status      int
	bytes       int64
	wroteHeader bool
}

func (r *recorder) WriteHeader(status int) {
	if !r.wroteHeader && status >= 200 { // not an informational 1xx
		r.status, r.wroteHeader = status, true
	}
	r.ResponseWriter.WriteHeader(status)
}

func (r *recorder) Write(b []byte) (int, error) {
	r.wroteHeader = true
	n, err := r.ResponseWriter.Write(b)
	r.bytes += int64(n)
	return n, err
}

// Unwrap lets http.ResponseController reach the connection: the deadlines
// and flushes of the routes below go through it.
func (r *recorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

// Hijack hands the connection to a WebSocket (subscriptions), whose library
// asks for it directly, not through http.ResponseController.
func (r *recorder) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	r.status, r.wroteHeader = http.StatusSwitchingProtocols, true
	return http.NewResponseController(r.ResponseWriter).Hijack()
}
