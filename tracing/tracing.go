// Package tracing sends OpenTelemetry traces of the service over OTLP, when
// an endpoint is configured, and is off otherwise: a span for each request,
// for each batch of a loader and for each Cypher statement.
package tracing

import (
	"context"
	"net/http"
	"os"

	"go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/exporters/otlp/otlptrace/otlptracehttp"
	"go.opentelemetry.io/otel/propagation"
	"go.opentelemetry.io/otel/sdk/resource"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	semconv "go.opentelemetry.io/otel/semconv/v1.26.0"
	"go.opentelemetry.io/otel/trace"
)

// Start returns the tracer provider of the service: one that sends spans
// over OTLP/HTTP to endpoint (a URL such as http://collector:4318), or, when
// endpoint is empty, to where the standard OTEL_EXPORTER_OTLP_ENDPOINT or
// OTEL_EXPORTER_OTLP_TRACES_ENDPOINT says; with none of them, nil: tracing
// is off, and costs a request nothing. shutdown sends what is left.
func Start(ctx context.Context, endpoint, version string) (tp trace.TracerProvider, shutdown func(context.Context) error, err error) {
	if endpoint == "" && os.Getenv("OTEL_EXPORTER_OTLP_ENDPOINT") == "" && os.Getenv("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT") == "" {
		return nil, func(context.Context) error { return nil }, nil
	}
	var opts []otlptracehttp.Option
	if endpoint != "" {
		opts = append(opts, otlptracehttp.WithEndpointURL(endpoint))
	}
	exp, err := otlptracehttp.New(ctx, opts...)
	if err != nil {
		return nil, nil, err
	}
	res := resource.NewSchemaless(semconv.ServiceName("strikegraph"), semconv.ServiceVersion(version))
	p := sdktrace.NewTracerProvider(sdktrace.WithBatcher(exp), sdktrace.WithResource(res))
	return p, p.Shutdown, nil
}

// Handler gives each request a span, named by its method and route,
// continuing the trace of a traceparent header.
func Handler(tp trace.TracerProvider, next http.Handler) http.Handler {
	return otelhttp.NewHandler(next, "strikegraph", otelhttp.WithTracerProvider(tp),
		otelhttp.WithPropagators(propagation.TraceContext{}),
		otelhttp.WithSpanNameFormatter(func(_ string, r *http.Request) string { return r.Method + " " + r.URL.Path }))
}

// Operation names the request's span after its GraphQL operation.
func Operation(ctx context.Context, name string) {
	if name != "" {
		trace.SpanFromContext(ctx).SetAttributes(attribute.String("graphql.operation.name", name))
	}
}

// Statements returns what cypher.Config.Observe is told of each statement:
// a span named "cypher <query>", ended with the statement's outcome (OK, or
// the error's code).
func Statements(tp trace.TracerProvider) func(ctx context.Context, query string) (done func(outcome string)) {
	tracer := tp.Tracer("github.com/strikegraph/strikegraph/cypher")
	return func(ctx context.Context, query string) func(string) {
		_, span := tracer.Start(ctx, "cypher "+query, trace.WithSpanKind(trace.SpanKindClient),
			trace.WithAttributes(attribute.String("db.system", "neo4j"), attribute.String("db.operation.name", query)))
		return func(outcome string) {
			if outcome != "OK" {
				span.SetStatus(codes.Error, outcome)
			}
			span.End()
		}
	}
}
