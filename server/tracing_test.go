package server_test

import (
	"net/http/httptest"
	"strings"
	"testing"

	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"

	"github.com/strikegraph/strikegraph/cypher"
	"github.com/strikegraph/strikegraph/internal/graphtest"
	"github.com/strikegraph/strikegraph/server"
	"github.com/strikegraph/strikegraph/tracing"
)

// TestTraces asks one nested query with tracing on: its trace holds the
// request's span, named by route and operation, a span for each loader
// batch, and a span for each Cypher statement it sent, named by the query,
// each a descendant of the request's.
func TestTraces(t *testing.T) {
	spans := tracetest.NewInMemoryExporter()
	tp := sdktrace.NewTracerProvider(sdktrace.WithSyncer(spans))
	defer tp.Shutdown(t.Context())
	g := graphtest.Seeded(t, func(c *cypher.Config) { c.Observe = tracing.Statements(tp) })
	srv := httptest.NewServer(server.Handler(g, graphtest.Logger(t), server.Options{Traces: tp}))
	defer srv.Close()
	spans.Reset() // the seed load's statements

	sent := statements(t, g, srv.URL, "query Incident "+readmeIncidentQuery, nil, nil)
	got := spans.GetSpans()
	var request *tracetest.SpanStub
	for i, s := range got {
		if s.Name == "POST /graphql" {
			request = &got[i]
		}
	}
	if request == nil {
		t.Fatalf("no span POST /graphql among %d", len(got))
	}
	operation := ""
	for _, a := range request.Attributes {
		if a.Key == "graphql.operation.name" {
			operation = a.Value.AsString()
		}
	}
	if operation != "Incident" {
		t.Errorf("the request's span names operation %q, want Incident", operation)
	}
	// Each span's parent is in the request's trace, up to the request.
	byID := map[string]tracetest.SpanStub{}
	for _, s := range got {
		byID[s.SpanContext.SpanID().String()] = s
	}
	underRequest := func(s tracetest.SpanStub) bool {
		for s.SpanContext.SpanID() != request.SpanContext.SpanID() {
			parent, ok := byID[s.Parent.SpanID().String()]
			if !ok || parent.SpanContext.TraceID() != request.SpanContext.TraceID() {
				return false
			}
			s = parent
		}
		return true
	}
	var statementSpans, batches int
	for _, s := range got {
		switch {
		case strings.HasPrefix(s.Name, "cypher "):
			statementSpans++
			if !underRequest(s) {
				t.Errorf("span %q is not under the request's", s.Name)
			}
		case strings.HasPrefix(s.Name, "dataloadgen.fetch"):
			batches++
		}
	}
	if int64(statementSpans) != sent || sent < 2 {
		t.Errorf("%d Cypher spans for the %d statements sent", statementSpans, sent)
	}
	if batches == 0 {
		t.Errorf("no loader batch among the spans: %d spans", len(got))
	}
}
