package main

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/strikegraph/strikegraph/importer"
	"github.com/strikegraph/strikegraph/internal/graphtest"
)

// TestExportThenImport exports the seed graph with `strikegraph export`, to
// stdout and to a file, the same bytes, and imports the file with
// `strikegraph import` into the graph it came from: nothing changes.
func TestExportThenImport(t *testing.T) {
	log := graphtest.Logger(t)
	g := graphtest.Seeded(t)
	flags := []string{"--neo4j-uri", g.Target.URI, "--neo4j-username", g.Target.Username,
		"--neo4j-password", g.Target.Password, "--neo4j-database", g.Target.Database}
	var stdout bytes.Buffer
	if err := exportDocument(t.Context(), flags, &stdout, log); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "graph.json")
	if err := exportDocument(t.Context(), append(flags, "-out", file), io.Discard, log); err != nil {
		t.Fatal(err)
	}
	written, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(written, stdout.Bytes()) || stdout.Len() < 10000 {
		t.Fatalf("-out wrote %d bytes, stdout got %d; want the same whole graph", len(written), stdout.Len())
	}

	var out bytes.Buffer
	if err := importFiles(t.Context(), append(flags, "-json", file), &out, io.Discard, log); err != nil {
		t.Fatal(err)
	}
	var rep importer.Report
	if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Records != 1 || rep.Unchanged != 1 || len(rep.Rejected) > 0 {
		t.Errorf("importing the export into its own graph: %+v, want it unchanged", rep)
	}

	if err := exportDocument(t.Context(), []string{"graph.json"}, io.Discard, log); err == nil {
		t.Error("export took a file name without -out")
	}
}
