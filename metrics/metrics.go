// Package metrics keeps the service's Prometheus metrics, in a registry of
// its own, and serves them. The other packages report to it through its
// methods, or through hooks the command wires to them: none imports
// Prometheus.
package metrics

import (
	"context"
	"net/http"
	"regexp"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Metrics are one service's metrics.
type Metrics struct {
	reg              *prometheus.Registry
	requests         *prometheus.CounterVec
	requestSeconds   *prometheus.HistogramVec
	statements       *prometheus.CounterVec
	statementSeconds *prometheus.HistogramVec
	inFlight         prometheus.Gauge
	admissionSeconds *prometheus.HistogramVec
	importRows       *prometheus.CounterVec

	mu         sync.Mutex
	operations map[string]bool // the operation names given a label of their own
}

// MaxOperations is how many GraphQL operation names get a label of their
// own; the names seen after them count as "other". Clients choose the
// names, and each name is a series.
const MaxOperations = 100

// operationName is the shape of a name that may be a label: a GraphQL name
// of at most 64 characters.
var operationName = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]{0,63}$`)

// New returns the metrics, with Go's runtime and the process's.
func New() *Metrics {
	m := &Metrics{
		reg: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "strikegraph_requests_total",
			Help: "HTTP requests answered, by GraphQL operation name (or route) and outcome code.",
		}, []string{"operation", "code"}),
		requestSeconds: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "strikegraph_request_duration_seconds",
			Help:    "How long HTTP requests took to answer, by GraphQL operation name (or route).",
			Buckets: []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30, 60},
		}, []string{"operation"}),
		statements: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "strikegraph_cypher_statements_total",
			Help: "Cypher statements sent to Neo4j, by query name and outcome (OK or the error code).",
		}, []string{"query", "outcome"}),
		statementSeconds: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "strikegraph_cypher_duration_seconds",
			Help:    "How long Cypher statements took, their records read included, by query name.",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10},
		}, []string{"query"}),
		inFlight: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "strikegraph_cypher_statements_in_flight",
			Help: "Cypher statements running now, each on a connection of the driver's pool (a write transaction's share one).",
		}),
		admissionSeconds: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "strikegraph_admission_wait_seconds",
			Help:    "How long heavy reads waited to be admitted, by outcome: admitted, or refused (OVERLOADED).",
			Buckets: []float64{.001, .005, .01, .025, .05, .1, .25, .5, 1},
		}, []string{"outcome"}),
		importRows: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "strikegraph_import_rows_total",
			Help: "Records imported by POST /import, by outcome: created, updated, unchanged or rejected.",
		}, []string{"outcome"}),
		operations: map[string]bool{},
	}
	m.reg.MustRegister(m.requests, m.requestSeconds, m.statements, m.statementSeconds, m.inFlight,
		m.admissionSeconds, m.importRows, collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// Handler serves the metrics in Prometheus's text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{})
}

// Operation is the operation label of a GraphQL operation named name:
// "anonymous" when it has no name, the name itself when it has the shape
// of one and is among the first MaxOperations names, else "other".
func (m *Metrics) Operation(name string) string {
	if name == "" {
		return "anonymous"
	}
	if !operationName.MatchString(name) {
		return "other"
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if !m.operations[name] {
		if len(m.operations) >= MaxOperations {
			return "other"
		}
		m.operations[name] = true
	}
	return name
}

// Request counts a request answered after took.
func (m *Metrics) Request(operation, code string, took time.Duration) {
	m.requests.WithLabelValues(operation, code).Inc()
	m.requestSeconds.WithLabelValues(operation).Observe(took.Seconds())
}

// Statement notes that the statement query starts; done notes that it
// ended, OK or with an error code.
func (m *Metrics) Statement(_ context.Context, query string) (done func(outcome string)) {
	start := time.Now()
	m.inFlight.Inc()
	return func(outcome string) {
		m.inFlight.Dec()
		m.statements.WithLabelValues(query, outcome).Inc()
		m.statementSeconds.WithLabelValues(query).Observe(time.Since(start).Seconds())
	}
}

// Admission notes how long a heavy read waited, and whether it got in.
func (m *Metrics) Admission(admitted bool, waited time.Duration) {
	outcome := "admitted"
	if !admitted {
		outcome = "refused"
	}
	m.admissionSeconds.WithLabelValues(outcome).Observe(waited.Seconds())
}

// ImportRows counts n records imported with outcome.
func (m *Metrics) ImportRows(outcome string, n int) {
	m.importRows.WithLabelValues(outcome).Add(float64(n))
}
