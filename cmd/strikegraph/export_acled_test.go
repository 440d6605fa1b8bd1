package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/strikegraph/strikegraph"
	"github.com/strikegraph/strikegraph/importer"
	"github.com/strikegraph/strikegraph/internal/graphtest"
)

// TestExportACLEDThenImport imports the ACLED sample into the seed graph,
// exports it with `strikegraph export -format acled`, to stdout and to a
// file (-format taken from .csv), the same bytes, and imports the file:
// every row is unchanged and the seed corpus's incidents are not in it.
func TestExportACLEDThenImport(t *testing.T) {
	log := graphtest.Logger(t)
	g := graphtest.Seeded(t)
	flags := []string{"--neo4j-uri", g.Target.URI, "--neo4j-username", g.Target.Username,
		"--neo4j-password", g.Target.Password, "--neo4j-database", g.Target.Database}
	sample := filepath.Join("..", "..", "acled", "testdata", "syria_airstrikes.csv")
	if err := importFiles(t.Context(), append(flags, "-json", sample), io.Discard, io.Discard, log); err != exitCode(1) {
		t.Fatalf("importing the sample, 8 rows of which are rejected: %v, want exit status 1", err)
	}
	var stdout bytes.Buffer
	if err := exportDocument(t.Context(), append(flags, "-format", "acled"), &stdout, log); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "incidents.csv")
	if err := exportDocument(t.Context(), append(flags, "-out", file), io.Discard, log); err != nil {
		t.Fatal(err)
	}
	written, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(written, stdout.Bytes()) || bytes.Count(written, []byte("\nSYR")) != 52 || bytes.Contains(written, []byte("incident:")) {
		t.Fatalf("-out wrote %d bytes, stdout got %d; want the same 52 rows, no seed incident", len(written), stdout.Len())
	}
	if entries, _ := os.ReadDir(filepath.Dir(file)); len(entries) != 1 {
		t.Errorf("the export left %d files, want only %s", len(entries), file)
	}

	var out bytes.Buffer
	if err := importFiles(t.Context(), append(flags, "-json", file), &out, io.Discard, log); err != nil {
		t.Fatal(err)
	}
	var rep importer.Report
	if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Records != 52 || rep.Unchanged != 52 || len(rep.Rejected) > 0 {
		t.Errorf("importing the export into its own graph: %+v, want its 52 rows unchanged", rep)
	}

	err = exportDocument(t.Context(), append(flags, "-format", "gexf"), io.Discard, log)
	var e *strikegraph.Error
	if !errors.As(err, &e) || e.Code != strikegraph.ECodeInvalid || e.Field != "format" {
		t.Errorf("-format gexf: %v, want BAD_USER_INPUT on format", err)
	}
}
