package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"

	"github.com/strikegraph/strikegraph"
	"github.com/strikegraph/strikegraph/cypher"
	"github.com/strikegraph/strikegraph/data"
)

// load writes import documents to the graph: the seed corpus built into the
// binary, or the documents in -dir (with their articles in dir/../articles).
func load(ctx context.Context, args []string, log *slog.Logger) error {
	fs := flag.NewFlagSet("load", flag.ContinueOnError)
	dir := fs.String("dir", "", "a folder of import documents (*.json), articles in its sibling articles/; empty loads the built-in seed corpus")
	nc := neo4jFlags(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	docs, err := readDocuments(*dir)
	if err != nil {
		return err
	}
	db, closeDB, err := connect(ctx, nc, log)
	if err != nil {
		return err
	}
	defer closeDB()
	return loadDocuments(ctx, db, docs, log)
}

func readDocuments(dir string) ([]strikegraph.Document, error) {
	if dir == "" {
		return strikegraph.ReadDocuments(data.FS, data.SeedDir)
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	return strikegraph.ReadDocuments(os.DirFS(filepath.Dir(abs)), filepath.Base(abs))
}

// seedIfEmpty loads the seed corpus into an empty graph.
func seedIfEmpty(ctx context.Context, db *cypher.DB, log *slog.Logger) error {
	empty, err := db.IsEmpty(ctx)
	if err != nil || !empty {
		return err
	}
	docs, err := readDocuments("")
	if err != nil {
		return err
	}
	log.Info("the graph is empty: loading the seed corpus")
	return loadDocuments(ctx, db, docs, log)
}

// loadDocuments loads docs in order, each in one transaction.
func loadDocuments(ctx context.Context, db *cypher.DB, docs []strikegraph.Document, log *slog.Logger) error {
	for i := range docs {
		if err := db.LoadDocument(ctx, &docs[i]); err != nil {
			return fmt.Errorf("%s: %w", docs[i].Source, err)
		}
	}
	log.Info("loaded", "documents", len(docs))
	return nil
}
