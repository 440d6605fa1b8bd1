// Package graphtest gives a test Strikegraph's graph on a real Neo4j, through
// neo4jtest: the database is the test's alone while it runs.
package graphtest

import (
	"context"
	"log/slog"
	"testing"
	"time"

	"github.com/strikegraph/strikegraph"
	"github.com/strikegraph/strikegraph/corpus"
	"github.com/strikegraph/strikegraph/cypher"
	"github.com/strikegraph/strikegraph/data"
	"github.com/strikegraph/strikegraph/importer"
	"github.com/strikegraph/strikegraph/neo4jtest"
)

// Graph is a test's graph, and the database under it for checks that go
// around the graph's own queries.
type Graph struct {
	*cypher.DB
	Target *neo4jtest.Target
}

// Open returns an empty graph with the schema applied. Each configure
// changes the configuration first, to set Observe for instance.
func Open(t testing.TB, configure ...func(*cypher.Config)) *Graph {
	t.Helper()
	target := neo4jtest.New(t)
	cfg := cypher.Config{URI: target.URI, Username: target.Username, Password: target.Password, Database: target.Database}
	for _, c := range configure {
		c(&cfg)
	}
	db, err := cypher.Open(cfg, Logger(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close(context.Background()) })
	if err := db.ApplySchema(t.Context()); err != nil {
		t.Fatal(err)
	}
	return &Graph{DB: db, Target: target}
}

// LoadDocument writes doc as the seed loader does, as "seed", now.
func (g *Graph) LoadDocument(ctx context.Context, doc *strikegraph.Document) error {
	_, err := g.WriteDocument(ctx, doc, strikegraph.Upsert, strikegraph.Author{By: "seed", At: time.Now().UTC()})
	return err
}

// Seeded returns a graph holding the seed corpus, opened as Open does.
func Seeded(t testing.TB, configure ...func(*cypher.Config)) *Graph {
	t.Helper()
	db := Open(t, configure...)
	for _, doc := range SeedDocuments(t) {
		if err := db.LoadDocument(t.Context(), &doc); err != nil {
			t.Fatal(err)
		}
	}
	return db
}

// Generated returns a graph holding the generated corpus of that many
// incidents (package corpus, seed 1), for tests and benchmarks at scale.
func Generated(t testing.TB, incidents int) *Graph {
	t.Helper()
	db := Open(t)
	for doc := range corpus.Documents(corpus.Config{Seed: 1, Incidents: incidents}) {
		if err := db.LoadDocument(t.Context(), &doc); err != nil {
			t.Fatalf("%s: %v", doc.Source, err)
		}
	}
	return db
}

// SeedDocuments reads the seed corpus.
func SeedDocuments(t testing.TB) []strikegraph.Document {
	t.Helper()
	docs, err := importer.ReadDocuments(data.FS, data.SeedDir)
	if err != nil {
		t.Fatal(err)
	}
	return docs
}

// Logger logs through t.
func Logger(t testing.TB) *slog.Logger {
	return slog.New(slog.NewTextHandler(testWriter{t}, &slog.HandlerOptions{Level: slog.LevelWarn}))
}

type testWriter struct{ t testing.TB }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Log(string(p))
	return len(p), nil
}
