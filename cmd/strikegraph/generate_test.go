package main

import (
	"bytes"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/strikegraph/strikegraph/internal/graphtest"
	"github.com/strikegraph/strikegraph/neo4jtest"
)

// TestGenerateThenLoad writes a corpus with `strikegraph generate`, twice to
// the same bytes, and imports it with `strikegraph import`.
func TestGenerateThenLoad(t *testing.T) {
	log := graphtest.Logger(t)
	a, b := t.TempDir(), t.TempDir()
	for _, out := range []string{a, b} {
		if err := run(t.Context(), []string{"generate", "-seed", "7", "-incidents", "600", "-out", out}, io.Discard, io.Discard, log); err != nil {
			t.Fatal(err)
		}
	}
	files := 0
	err := filepath.WalkDir(a, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		files++
		rel, _ := filepath.Rel(a, path)
		x, _ := os.ReadFile(path)
		y, err := os.ReadFile(filepath.Join(b, rel))
		if err != nil || !bytes.Equal(x, y) {
			t.Errorf("%s differs between two runs (%v)", rel, err)
		}
		return nil
	})
	if err != nil || files < 600 {
		t.Fatalf("%d files written (%v); want the documents and an article or more per incident", files, err)
	}
	if err := run(t.Context(), []string{"generate", "-out", a}, io.Discard, io.Discard, log); err == nil {
		t.Error("generate wrote over an earlier corpus")
	}

	// The folder generate wrote imports as its documents folder would; a
	// folder without documents is refused, not imported as nothing.
	target := neo4jtest.New(t)
	imp := func(dir string) error {
		return run(t.Context(), []string{"import", "--neo4j-uri", target.URI, "--neo4j-username", target.Username,
			"--neo4j-password", target.Password, "--neo4j-database", target.Database, dir}, io.Discard, io.Discard, log)
	}
	empty := t.TempDir()
	if err := imp(empty); err == nil || !strings.Contains(err.Error(), "holds no annotation documents") {
		t.Errorf("import of an empty folder: %v, want it refused", err)
	}
	if err := imp(a); err != nil {
		t.Fatal(err)
	}
	res, err := neo4j.ExecuteQuery(t.Context(), target.Driver, "MATCH (n:Incident) RETURN count(n)", nil,
		neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(target.Database))
	if err != nil {
		t.Fatal(err)
	}
	if n := res.Records[0].Values[0].(int64); n != 600 {
		t.Errorf("%d incidents loaded, want 600", n)
	}
}
