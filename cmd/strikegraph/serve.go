package main

import (
	"cmp"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/url"
	"os"
	"runtime/debug"
	"strings"
	"time"

	"github.com/strikegraph/strikegraph/logs"
	"github.com/strikegraph/strikegraph/metrics"
	"github.com/strikegraph/strikegraph/server"
	"github.com/strikegraph/strikegraph/tracing"
)

func serve(ctx context.Context, args []string, stderr io.Writer, log *slog.Logger) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	addr := fs.String("addr", env("STRIKEGRAPH_ADDR", "127.0.0.1:8080"), "HTTP address to serve on [STRIKEGRAPH_ADDR]")
	seed := fs.Bool("seed", envBool("STRIKEGRAPH_SEED", true), "load the seed corpus when the graph is empty [STRIKEGRAPH_SEED]")
	drain := fs.Duration("drain", envDuration("STRIKEGRAPH_DRAIN", 15*time.Second), "on SIGTERM, how long in-flight requests may finish [STRIKEGRAPH_DRAIN]")
	otlpEndpoint := fs.String("otlp-endpoint", env("STRIKEGRAPH_OTLP_ENDPOINT", ""), "send traces over OTLP/HTTP to this URL (http://collector:4318); off when empty, unless OTEL_EXPORTER_OTLP_ENDPOINT is set [STRIKEGRAPH_OTLP_ENDPOINT]")
	pprofAddr := fs.String("pprof-addr", env("STRIKEGRAPH_PPROF_ADDR", ""), "serve Go's profiles (/debug/pprof/) on this loopback address; off when empty [STRIKEGRAPH_PPROF_ADDR]")
	var opts server.Options
	fs.IntVar(&opts.MaxDepth, "max-depth", envInt("STRIKEGRAPH_MAX_DEPTH", server.DefaultMaxDepth), "how deep fields may nest in a query [STRIKEGRAPH_MAX_DEPTH]")
	fs.IntVar(&opts.MaxComplexity, "max-complexity", envInt("STRIKEGRAPH_MAX_COMPLEXITY", server.DefaultMaxComplexity), "the most a query may cost: a field costs 1, what a list selects counts once per item [STRIKEGRAPH_MAX_COMPLEXITY]")
	fs.IntVar(&opts.MaxTokens, "max-tokens", envInt("STRIKEGRAPH_MAX_TOKENS", server.DefaultMaxTokens), "the most tokens a query may have [STRIKEGRAPH_MAX_TOKENS]")
	fs.IntVar(&opts.MaxFields, "max-fields", envInt("STRIKEGRAPH_MAX_FIELDS", server.DefaultMaxFields), "the most fields a query may select, its fragments expanded [STRIKEGRAPH_MAX_FIELDS]")
	fs.IntVar(&opts.MaxDirectives, "max-directives", envInt("STRIKEGRAPH_MAX_DIRECTIVES", server.DefaultMaxDirectives), "the most directives a query may carry [STRIKEGRAPH_MAX_DIRECTIVES]")
	fs.IntVar(&opts.MaxAliases, "max-aliases", envInt("STRIKEGRAPH_MAX_ALIASES", server.DefaultMaxAliases), "the most aliases a query may carry [STRIKEGRAPH_MAX_ALIASES]")
	fs.IntVar(&opts.MaxStatements, "max-statements", envInt("STRIKEGRAPH_MAX_STATEMENTS", server.DefaultMaxStatements), "the most Cypher statements a query may send [STRIKEGRAPH_MAX_STATEMENTS]")
	fs.IntVar(&opts.MaxHeavyStatements, "max-heavy-statements", envInt("STRIKEGRAPH_MAX_HEAVY_STATEMENTS", server.DefaultMaxHeavyStatements), "the most heavy fields (neighbourhood, timeline, totals, …) a query may ask for [STRIKEGRAPH_MAX_HEAVY_STATEMENTS]")
	fs.IntVar(&opts.MaxImportBytes, "max-import-bytes", envInt("STRIKEGRAPH_MAX_IMPORT_BYTES", server.DefaultMaxImportBytes), "the largest body POST /import takes, in bytes [STRIKEGRAPH_MAX_IMPORT_BYTES]")
	fs.IntVar(&opts.MaxBodyBytes, "max-body-bytes", envInt("STRIKEGRAPH_MAX_BODY_BYTES", server.DefaultMaxBodyBytes), "the largest request body, in bytes [STRIKEGRAPH_MAX_BODY_BYTES]")
	introspection := fs.Bool("introspection", envBool("STRIKEGRAPH_INTROSPECTION", true), "answer introspection queries (__schema, __type); GraphiQL needs them [STRIKEGRAPH_INTROSPECTION]")
	suggestions := fs.Bool("field-suggestions", envBool("STRIKEGRAPH_FIELD_SUGGESTIONS", true), "suggest field names (\"did you mean\") in validation errors [STRIKEGRAPH_FIELD_SUGGESTIONS]")
	pages := fs.Bool("pages", envBool("STRIKEGRAPH_PAGES", true), "serve the explorer and GraphiQL [STRIKEGRAPH_PAGES]")
	rateLimit := fs.Int("rate-limit", envInt("STRIKEGRAPH_RATE_LIMIT", server.DefaultRateLimit), "requests a second each client address and each credential may send, in bursts of twice that; 0: no limit; loopback clients are not limited [STRIKEGRAPH_RATE_LIMIT]")
	corsOrigins := fs.String("cors-origins", env("STRIKEGRAPH_CORS_ORIGINS", ""), "comma-separated origins whose pages may call the service from a browser (https://tools.example.org); none when empty [STRIKEGRAPH_CORS_ORIGINS]")
	logFormat := fs.String("log-format", env("STRIKEGRAPH_LOG_FORMAT", "text"), "how log lines are written to standard error: text (key=value) or json [STRIKEGRAPH_LOG_FORMAT]")
	accessLog := fs.Bool("access-log", envBool("STRIKEGRAPH_ACCESS_LOG", true), "log a line at INFO for each request: method, path, status, bytes, duration, GraphQL operation, request id [STRIKEGRAPH_ACCESS_LOG]")
	gcPercent := fs.Int("gc-percent", envInt("STRIKEGRAPH_GC_PERCENT", 200), "Go's GOGC for the service, when GOGC is not set: the heap grows by this percent between collections; more spends memory to save CPU [STRIKEGRAPH_GC_PERCENT]")
	as := authFlags(fs)
	nc := neo4jFlags(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	switch *logFormat {
	case "text": // main's logger
	case "json":
		log = slog.New(slog.NewJSONHandler(stderr, nil))
	default:
		return fmt.Errorf("serve: --log-format %q: want text or json", *logFormat)
	}
	log = slog.New(logs.Handler(log.Handler())) // request ids, also on the lines of auth and Neo4j
	if *gcPercent < 1 {
		return errors.New("serve: --gc-percent must be at least 1 (GOGC=off is for GOGC itself)")
	}
	if os.Getenv("GOGC") == "" {
		// Answers are built and dropped whole; with Go's 100 a large one
		// spends a tenth of its CPU collecting.
		debug.SetGCPercent(*gcPercent)
	}
	opts.NoIntrospection, opts.NoSuggestions, opts.NoPages, opts.NoAccessLog = !*introspection, !*suggestions, !*pages, !*accessLog
	for _, o := range strings.Split(*corsOrigins, ",") {
		if o = strings.TrimSpace(o); o != "" {
			if u, err := url.Parse(o); err != nil || u.Scheme == "" || u.Host == "" || u.Path != "" {
				return fmt.Errorf("serve: --cors-origins: %q is not an origin such as https://tools.example.org", o)
			}
			opts.CORSOrigins = append(opts.CORSOrigins, o)
		}
	}
	switch {
	case *rateLimit < 0:
		return errors.New("serve: --rate-limit must be 0 (no limit) or more")
	case *rateLimit == 0:
		opts.RateLimit = -1
	default:
		opts.RateLimit = *rateLimit
	}
	// Zero would quietly mean the default; a limit is given to be kept.
	if min(opts.MaxDepth, opts.MaxComplexity, opts.MaxTokens, opts.MaxFields, opts.MaxDirectives, opts.MaxAliases, opts.MaxStatements, opts.MaxHeavyStatements, opts.MaxBodyBytes, opts.MaxImportBytes) < 1 {
		return errors.New("serve: every --max-… limit must be at least 1")
	}
	b, _ := debug.ReadBuildInfo()
	build := buildOf(b)
	log.Info("config", "version", build.version, "commit", build.commit, "addr", *addr, "seed", *seed, "drain", *drain, "max_depth", opts.MaxDepth,
		"max_complexity", opts.MaxComplexity, "max_tokens", opts.MaxTokens, "max_statements", opts.MaxStatements,
		"max_heavy_statements", opts.MaxHeavyStatements, "max_body_bytes", opts.MaxBodyBytes,
		"introspection", *introspection, "field_suggestions", *suggestions, "pages", *pages, "cors_origins", opts.CORSOrigins,
		"access_log", *accessLog)
	authn, err := as.authenticator(log)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	opts.Auth = authn
	// Take the port before starting Neo4j, so a busy port fails at once.
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	defer ln.Close()
	if *pprofAddr != "" {
		if _, err := servePprof(*pprofAddr, log); err != nil {
			return fmt.Errorf("serve: %w", err)
		}
	}
	opts.Metrics = metrics.New()
	tp, stopTraces, err := tracing.Start(ctx, *otlpEndpoint, build.version)
	if err != nil {
		return fmt.Errorf("serve: --otlp-endpoint: %w", err)
	}
	defer stopTraces(context.Background())
	nc.Observe = opts.Metrics.Statement
	if tp != nil {
		statement := tracing.Statements(tp)
		nc.Observe = func(ctx context.Context, query string) func(string) {
			counted, traced := opts.Metrics.Statement(ctx, query), statement(ctx, query)
			return func(outcome string) { counted(outcome); traced(outcome) }
		}
		opts.Traces = tp
		log.Info("tracing", "otlp_endpoint", cmp.Or(*otlpEndpoint, os.Getenv("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"), os.Getenv("OTEL_EXPORTER_OTLP_ENDPOINT")))
	}
	db, closeDB, err := connect(ctx, nc, log)
	if err != nil {
		return err
	}
	defer closeDB()
	if *seed {
		if err := seedIfEmpty(ctx, db, log); err != nil {
			return err
		}
	}
	return server.Serve(ctx, ln, server.Handler(db, log, opts), *drain, log)
}
