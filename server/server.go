// Package server serves Strikegraph over HTTP: GraphQL at /graphql, exports
// of the network at /export/{format} and of the whole graph as an annotation
// document at /export/annotation, the explorer at /explorer/ (and /),
// GraphiQL at /graphiql/, the health endpoints /livez and /readyz, and
// Prometheus's /metrics.
package server

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"maps"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/gorilla/websocket"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"github.com/vikstrous/dataloadgen"
	"go.opentelemetry.io/otel/trace"

	"github.com/strikegraph/strikegraph"
	"github.com/strikegraph/strikegraph/auth"
	"github.com/strikegraph/strikegraph/cypher"
	"github.com/strikegraph/strikegraph/feed"
	"github.com/strikegraph/strikegraph/graph"
	"github.com/strikegraph/strikegraph/loaders"
	"github.com/strikegraph/strikegraph/logs"
	"github.com/strikegraph/strikegraph/metrics"
	"github.com/strikegraph/strikegraph/resolvers"
	"github.com/strikegraph/strikegraph/tracing"
	"github.com/strikegraph/strikegraph/web"
)

// Options tune a Handler; the zero value is the production setting.
type Options struct {
	// LoaderWait is how long batch loaders gather keys; default
	// loaders.DefaultWait. A test that counts round trips raises it so that a
	// busy machine's scheduling cannot split a batch.
	LoaderWait time.Duration

	// Limits on one request; zero means the Default… constant.
	MaxDepth      int // how deep fields may nest
	MaxComplexity int // the most a query may cost; see costedSchema
	MaxTokens     int // the most tokens a query may have
	MaxFields     int // the most fields a query may select, fragments expanded
	MaxDirectives int // the most directives a query may carry
	MaxAliases    int // the most aliases a query may carry
	MaxBodyBytes  int // the largest request body
	// MaxStatements is the most Cypher statements a request may send, and
	// MaxHeavyStatements the most of the heavy ones; see statementLimit.
	MaxStatements      int
	MaxHeavyStatements int
	// MaxImportBytes is the largest body POST /import takes.
	MaxImportBytes int
	// MaxHeavyReads is how many heavy reads (heavy root fields, exports) run
	// at once over every request; DefaultMaxHeavyReads when zero.
	MaxHeavyReads int
	// RateLimit is how many requests a second each client address and each
	// credential may send, in bursts of twice that: DefaultRateLimit when
	// zero, none when negative. Loopback clients are not limited unless
	// RateLimitLoopback.
	RateLimit         int
	RateLimitLoopback bool
	// BodyTimeout is how long a client may take to send a request's body:
	// DefaultBodyTimeout for /graphql, and ten times that for POST /import.
	BodyTimeout time.Duration
	// ResponseTimeout is how long after it starts a /graphql request's
	// answer may take to be written: DefaultResponseTimeout when zero.
	ResponseTimeout time.Duration

	// Auth checks credentials on /graphql and /export; nil means none are
	// configured: reads are open and every write is refused.
	Auth *auth.Authenticator

	// Switches for a public deployment, where the schema need not be shown
	// to strangers: no introspection, no "did you mean" in validation
	// errors, no explorer or GraphiQL pages.
	NoIntrospection, NoSuggestions, NoPages bool

	// CORSOrigins are the origins (https://tools.example.org) whose pages
	// may call the service from a browser; none by default.
	CORSOrigins []string

	// NoAccessLog turns off the line logged at INFO for each request.
	NoAccessLog bool

	// Metrics are what GET /metrics serves, and what the requests, heavy
	// reads and imports are counted in; nil makes the handler its own.
	Metrics *metrics.Metrics

	// FeedEvery is how often subscriptions ask the graph what is new:
	// feed.DefaultEvery when zero.
	FeedEvery time.Duration

	// Traces, when set, get a span for each request and each loader batch
	// (package tracing; cypher.Config.Observe gives the statements theirs).
	Traces trace.TracerProvider
}

// Handler returns the service's HTTP routes over store.
func Handler(store resolvers.Store, log *slog.Logger, opts Options) http.Handler {
	return routes(store, log, opts, newAdmission(cmp.Or(opts.MaxHeavyReads, DefaultMaxHeavyReads)))
}

// routes is Handler with the admission of heavy reads given.
func routes(store resolvers.Store, log *slog.Logger, opts Options, heavy *admission) http.Handler {
	log = slog.New(logs.Handler(log.Handler()))
	if opts.Metrics == nil {
		opts.Metrics = metrics.New()
	}
	heavy.observe = opts.Metrics.Admission
	opts.LoaderWait = cmp.Or(opts.LoaderWait, loaders.DefaultWait)
	opts.MaxDepth = cmp.Or(opts.MaxDepth, DefaultMaxDepth)
	opts.MaxComplexity = cmp.Or(opts.MaxComplexity, DefaultMaxComplexity)
	opts.MaxTokens = cmp.Or(opts.MaxTokens, DefaultMaxTokens)
	opts.MaxFields = cmp.Or(opts.MaxFields, DefaultMaxFields)
	opts.MaxDirectives = cmp.Or(opts.MaxDirectives, DefaultMaxDirectives)
	opts.MaxAliases = cmp.Or(opts.MaxAliases, DefaultMaxAliases)
	opts.MaxBodyBytes = cmp.Or(opts.MaxBodyBytes, DefaultMaxBodyBytes)
	opts.MaxStatements = cmp.Or(opts.MaxStatements, DefaultMaxStatements)
	opts.MaxHeavyStatements = cmp.Or(opts.MaxHeavyStatements, DefaultMaxHeavyStatements)
	opts.MaxImportBytes = cmp.Or(opts.MaxImportBytes, DefaultMaxImportBytes)
	opts.BodyTimeout = cmp.Or(opts.BodyTimeout, DefaultBodyTimeout)
	opts.ResponseTimeout = cmp.Or(opts.ResponseTimeout, DefaultResponseTimeout)
	opts.RateLimit = cmp.Or(opts.RateLimit, DefaultRateLimit)
	var limiter *rateLimiter
	if opts.RateLimit > 0 {
		limiter = newRateLimiter(float64(opts.RateLimit), opts.RateLimitLoopback)
	}
	cfg := graph.Config{Resolvers: resolvers.New(store, feed.New(store, log, opts.FeedEvery, 0))}
	cfg.Schema = withoutDefer(graph.NewExecutableSchema(cfg).Schema())
	schema := graph.NewExecutableSchema(cfg)
	gql := handler.New(costedSchema{schema})
	gql.AroundOperations(observeOperation) // first: it sees what the others answer
	gql.AroundResponses(func(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
		res := next(ctx)
		observeResponse(ctx, res)
		return res
	})
	gql.AddTransport(transport.GET{})
	gql.AddTransport(transport.POST{})
	gql.AddTransport(transport.Websocket{
		KeepAlivePingInterval: 10 * time.Second,
		Upgrader:              websocket.Upgrader{CheckOrigin: allowedOrigin(opts.CORSOrigins)},
		// Credentials may come in connection_init: a connection that sends
		// none within 10 s is closed, lest it hold a socket without any.
		InitFunc:    connectionInit(opts.Auth),
		InitTimeout: 10 * time.Second,
	})
	if !opts.NoIntrospection {
		gql.Use(extension.Introspection{})
	}
	gql.SetDisableSuggestion(opts.NoSuggestions)
	gql.SetParserTokenLimit(opts.MaxTokens)
	gql.Use(newPersistedQueries())
	queries := newQueryCache()
	gql.SetQueryCache(queries)
	// The shape first: it keeps the complexity limit's walk short.
	gql.Use(shapeLimit{maxDepth: opts.MaxDepth, maxFields: opts.MaxComplexity})
	gql.Use(complexityLimit(opts.MaxComplexity))
	gql.Use(&statementLimit{maxStatements: opts.MaxStatements, maxHeavy: opts.MaxHeavyStatements})
	gql.AroundOperations(heavy.operations())
	gql.Use(whereCheck{schema: schema, present: presentError(log)})
	gql.AroundRootFields(resolvers.Roles) // each mutation's role, checked in one place
	gql.SetErrorPresenter(presentError(log))
	gql.SetRecoverFunc(func(ctx context.Context, v any) error {
		log.ErrorContext(ctx, "resolver panic", "panic", v)
		return &strikegraph.Error{Code: strikegraph.ECodeInternal, Message: "internal error"}
	})

	mux := http.NewServeMux()
	requests := loaders.Middleware(store, opts.LoaderWait, loaderTracer(opts.Traces), gql)
	graphqlHTTP := bodyDeadline(opts.BodyTimeout, responseDeadline(opts.ResponseTimeout, opts.Auth.Middleware(limiter.byCredential(limitBody(int64(opts.MaxBodyBytes), graphqlRequest(log, opts, queries, requests))))))
	// A subscription's connection lasts as long as it is wanted: no
	// deadlines, and its messages are not requests of a body. A browser
	// cannot set headers on a WebSocket: credentials may also come in its
	// connection_init, which connectionInit checks.
	subscriptions := opts.Auth.Upgrades(limiter.byCredential(keepsConnection(requests)))
	mux.Handle("/graphql", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if websocket.IsWebSocketUpgrade(r) {
			subscriptions.ServeHTTP(w, r)
			return
		}
		graphqlHTTP.ServeHTTP(w, r)
	}))
	refuse := func(w http.ResponseWriter, r *http.Request, err *strikegraph.Error) { writeJSONError(w, log, r, err) }
	mux.Handle("GET /export/{format}", opts.Auth.Wrap(limiter.byCredential(heavy.route(log, exportNetwork(store, log))), refuse))
	// The annotation document is not a network: its own route, which the mux
	// prefers to the pattern above.
	mux.Handle("GET /export/claims.csv", opts.Auth.Wrap(limiter.byCredential(heavy.route(log, exportClaims(store, log))), refuse))
	mux.Handle("GET /export/incidents.csv", opts.Auth.Wrap(limiter.byCredential(heavy.route(log, exportACLED(store, log))), refuse))
	mux.Handle("GET /export/annotation", opts.Auth.Wrap(limiter.byCredential(heavy.route(log, exportDocument(store, log))), refuse))
	mux.Handle("POST /import", bodyDeadline(10*opts.BodyTimeout, opts.Auth.Wrap(limiter.byCredential(importRecords(store, log, opts.Metrics, int64(opts.MaxImportBytes))), refuse)))
	// The pages hold no data, so they need no credentials; what they ask of
	// /graphql and /export does.
	if !opts.NoPages {
		pages := securePages(web.Handler())
		mux.Handle("GET /explorer/", pages)
		mux.Handle("GET /graphiql/", pages)
		mux.Handle("GET /{$}", http.RedirectHandler("/explorer/", http.StatusFound))
	}
	// /livez says the process serves; it never touches Neo4j, so an outage of
	// the database does not get the service restarted.
	mux.HandleFunc("GET /livez", func(w http.ResponseWriter, _ *http.Request) {
		writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	})
	// /metrics, like the health endpoints, is for the operator's tools and
	// needs no credentials: it shows counts and timings, never data.
	mux.Handle("GET /metrics", opts.Metrics.Handler())
	// /readyz says whether requests can be answered: Neo4j must answer quickly.
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, req *http.Request) {
		ctx, cancel := context.WithTimeout(req.Context(), 2*time.Second)
		defer cancel()
		if err := store.Ping(ctx); err != nil {
			writeJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "unavailable", "code": strikegraph.ECodeUnavailable})
			return
		}
		writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	})
	h := requestID(observe(log, !opts.NoAccessLog, opts.Metrics, cors(opts.CORSOrigins, limiter.byAddress(statementSlots(mux)))))
	if opts.Traces != nil {
		h = tracing.Handler(opts.Traces, h)
	}
	return h
}

// allowedOrigin lets a WebSocket be opened by a page of the service itself,
// of one of origins, or by a client that is not a browser (no Origin).
func allowedOrigin(origins []string) func(r *http.Request) bool {
	return func(r *http.Request) bool {
		origin := r.Header.Get("Origin")
		if origin == "" || slices.Contains(origins, origin) {
			return true
		}
		u, err := url.Parse(origin)
		return err == nil && u.Host == r.Host
	}
}

// loaderTracer is the tracer of the loaders' batches: none without traces,
// which spares each load the bookkeeping of its spans.
func loaderTracer(tp trace.TracerProvider) trace.Tracer {
	if tp == nil {
		return nil
	}
	return tp.Tracer("github.com/strikegraph/strikegraph/loaders")
}

// withoutDefer is schema without @defer, which gqlparser declares in every
// schema: gqlgen serves deferred fragments only over its multipart
// transport, which this service does not offer (docs/clients.md says why),
// and over POST it answers their first part alone, with nothing after.
// Without the directive, validation refuses a query that uses it, and
// introspection does not list it.
func withoutDefer(schema *ast.Schema) *ast.Schema {
	s := *schema
	s.Directives = maps.Clone(schema.Directives)
	delete(s.Directives, "defer")
	return &s
}

// bodyDeadline gives a client d to send the rest of its request, so that a
// body sent a byte at a time cannot hold a connection for long.
func bodyDeadline(d time.Duration, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_ = http.NewResponseController(w).SetReadDeadline(time.Now().Add(d))
		next.ServeHTTP(w, r)
	})
}

// responseDeadline closes the connection of a request whose answer is not
// written within d of its start: a client that does not read it cannot
// hold the connection, nor the goroutine writing to it.
func responseDeadline(d time.Duration, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_ = http.NewResponseController(w).SetWriteDeadline(time.Now().Add(d))
		next.ServeHTTP(w, r)
	})
}

// pagePolicy lets the pages load and run only what the service itself
// serves, and talk only to it; no other site may frame them. GraphiQL's
// page sets its height in an inline style.
const pagePolicy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
	"font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"

// securePages sends the pages with headers that keep them from being framed,
// sniffed as another type, or made to load code from elsewhere.
func securePages(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", pagePolicy)
		h.Set("X-Frame-Options", "DENY")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		next.ServeHTTP(w, r)
	})
}

// statementSlots gives every request its share of the driver's connection
// pool: at most MaxConcurrentStatements of its statements run at once.
func statementSlots(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		next.ServeHTTP(w, r.WithContext(cypher.WithStatementSlots(r.Context(), MaxConcurrentStatements)))
	})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// presentError gives every error a stable extensions.code. Errors the domain
// did not classify are logged once and masked: their text may leak internals.
func presentError(log *slog.Logger) graphql.ErrorPresenterFunc {
	return func(ctx context.Context, err error) *gqlerror.Error {
		gqlErr := graphql.DefaultErrorPresenter(ctx, err)
		e := domainError(err)
		if e == nil {
			if code, ok := gqlErr.Extensions["code"]; ok {
				if code == errcode.ParseFailed && strings.HasPrefix(gqlErr.Message, tokenLimitMessage) {
					gqlErr.Extensions["code"] = strikegraph.ECodeTooManyTokens
				}
				return gqlErr // gqlgen's own, and the limits': parse and validation failures
			}
			e = &strikegraph.Error{Code: strikegraph.ECodeInternal, Err: err}
		}
		switch e.Code {
		case strikegraph.ECodeInternal:
			log.ErrorContext(ctx, "internal error", "path", gqlErr.Path.String(), "err", errors.Join(e.Err, err))
			gqlErr.Message = "internal error"
		case strikegraph.ECodeUnavailable:
			log.WarnContext(ctx, "database unavailable", "path", gqlErr.Path.String(), "err", e.Err)
			gqlErr.Message = e.Message
		case strikegraph.ECodeTooMuchMemory:
			log.WarnContext(ctx, "query stopped at its memory limit", "path", gqlErr.Path.String(), "err", e.Err)
			gqlErr.Message = e.Message
		case strikegraph.ECodeOverloaded:
			log.WarnContext(ctx, "database busy", "code", e.Code, "path", gqlErr.Path.String(), "err", e.Err)
			gqlErr.Message = e.Message
		case strikegraph.ECodeTimeout:
			log.WarnContext(ctx, "query timed out", "path", gqlErr.Path.String(), "err", e.Err)
			gqlErr.Message = e.Message
		default:
			gqlErr.Message = e.Error()
		}
		gqlErr.Extensions = map[string]any{"code": e.Code}
		if e.Field != "" {
			gqlErr.Extensions["field"] = e.Field
		}
		if len(e.Candidates) > 0 {
			gqlErr.Extensions["candidates"] = e.Candidates
		}
		if len(e.Claims) > 0 {
			gqlErr.Extensions["claims"] = e.Claims
		}
		if len(e.Relations) > 0 {
			gqlErr.Extensions["relations"] = e.Relations
		}
		return gqlErr
	}
}

// domainError finds the *strikegraph.Error in err, also among the errors of a
// loader's LoadAll, which dataloadgen returns as an ErrorSlice that errors.As
// does not look into: one per key, nil for the keys that loaded. Nil when
// there is none.
func domainError(err error) *strikegraph.Error {
	var e *strikegraph.Error
	var errs dataloadgen.ErrorSlice
	switch {
	case errors.As(err, &e):
		return e
	case errors.As(err, &errs):
		for _, err := range errs {
			if e := domainError(err); e != nil {
				return e
			}
		}
	}
	return nil
}

// Serve serves h on addr until ctx ends, then drains in-flight requests for up
// to drain before returning.
func Serve(ctx context.Context, ln net.Listener, h http.Handler, drain time.Duration, log *slog.Logger) error {
	// Bodies get deadlines of their own, by route (bodyDeadline); responses
	// stream, exports for minutes, and end with the request's context.
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second, IdleTimeout: 2 * time.Minute}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	base := "http://" + ln.Addr().String()
	log.Info("serving", "addr", base, "graphql", base+"/graphql", "explorer", base+"/explorer/", "graphiql", base+"/graphiql/")
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("draining in-flight requests", "timeout", drain)
	sctx, cancel := context.WithTimeout(context.Background(), drain)
	defer cancel()
	return srv.Shutdown(sctx)
}
