package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"

	"github.com/strikegraph/strikegraph"
	"github.com/strikegraph/strikegraph/corpus"
)

// generate writes a generated corpus (package corpus) as import documents,
// DIR/documents/*.json with their articles in DIR/articles, for
// `strikegraph import DIR/documents`.
func generate(ctx context.Context, args []string, log *slog.Logger) error {
	fs := flag.NewFlagSet("generate", flag.ContinueOnError)
	seed := fs.Int64("seed", 1, "random seed: the same seed and size give the same corpus")
	incidents := fs.Int("incidents", 10000, "how many incidents")
	out := fs.String("out", "", "folder to write documents/ and articles/ into; required")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *out == "" || *incidents < 0 {
		return fmt.Errorf("generate: give -out, and -incidents of at least 0")
	}
	dir := filepath.Join(*out, "documents")
	// Documents left from a larger corpus would be loaded with this one.
	if entries, _ := os.ReadDir(dir); len(entries) > 0 {
		return fmt.Errorf("generate: %s is not empty", dir)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	n := 0
	for doc := range corpus.Documents(corpus.Config{Seed: *seed, Incidents: *incidents}) {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := writeDocument(*out, &doc); err != nil {
			return err
		}
		n++
	}
	log.Info("generated", "documents", n, "incidents", *incidents, "seed", *seed, "import", "strikegraph import "+dir)
	return nil
}

// writeDocument writes doc to out/documents and its articles' text under
// out/articles, where the loader looks for them.
func writeDocument(out string, doc *strikegraph.Document) error {
	for _, a := range doc.Articles {
		name := filepath.Join(out, "articles", filepath.FromSlash(a.File))
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(name, []byte(a.Text), 0o644); err != nil {
			return err
		}
	}
	b, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(out, "documents", doc.Source), append(b, '\n'), 0o644)
}
