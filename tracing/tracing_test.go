package tracing_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/strikegraph/strikegraph/tracing"
)

// TestStartSendsOverOTLP points the service's traces at a stand-in for a
// collector: a span ended before shutdown reaches it as an OTLP/HTTP export
// of protobuf spans.
func TestStartSendsOverOTLP(t *testing.T) {
	var mu sync.Mutex
	var got []string
	collector := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		mu.Lock()
		defer mu.Unlock()
		if len(b) > 0 {
			got = append(got, r.Method+" "+r.URL.Path+" "+r.Header.Get("Content-Type"))
		}
	}))
	defer collector.Close()
	tp, shutdown, err := tracing.Start(t.Context(), collector.URL, "test")
	if err != nil || tp == nil {
		t.Fatalf("Start: %v, %v", tp, err)
	}
	_, span := tp.Tracer("test").Start(t.Context(), "a span")
	span.End()
	if err := shutdown(t.Context()); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(got) != 1 || got[0] != "POST /v1/traces application/x-protobuf" {
		t.Errorf("the collector got %q, want one POST /v1/traces of protobuf", got)
	}
}

// TestStartOff: with no endpoint given or in the environment, tracing is
// off.
func TestStartOff(t *testing.T) {
	t.Setenv("OTEL_EXPORTER_OTLP_ENDPOINT", "")
	t.Setenv("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "")
	tp, shutdown, err := tracing.Start(t.Context(), "", "test")
	if err != nil || tp != nil {
		t.Errorf("Start with no endpoint: %v, %v; want nil, off", tp, err)
	}
	if err := shutdown(t.Context()); err != nil {
		t.Error(err)
	}
}
