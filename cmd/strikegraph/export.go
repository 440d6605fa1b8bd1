package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"

	"github.com/strikegraph/strikegraph/acled"
	"github.com/strikegraph/strikegraph/cypher"
	"github.com/strikegraph/strikegraph/export"
	"github.com/strikegraph/strikegraph/importer"
)

// exportDocument writes, to -out or else to stdout, what `strikegraph
// import` reads back: the whole graph as one annotation document, or the
// incidents ACLED rows made as an ACLED export (-format acled).
func exportDocument(ctx context.Context, args []string, stdout io.Writer, log *slog.Logger) error {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	out := fs.String("out", "", "the file to write; default standard output")
	format := fs.String("format", "", "annotation (the whole graph) or acled (the incidents ACLED rows made); empty: from -out's extension (.csv is acled), else annotation")
	nc := neo4jFlags(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("export: unexpected %q; give the file as -out FILE", fs.Arg(0))
	}
	f := importer.Detect(*out, "")
	if *format != "" {
		var err error
		if f, err = importer.Parse(*format); err != nil {
			return err
		}
	}
	db, closeDB, err := connect(ctx, nc, log)
	if err != nil {
		return err
	}
	defer closeDB()
	if f == importer.ACLED {
		return exportACLED(ctx, db, *out, stdout)
	}
	doc, err := db.ExportDocument(ctx)
	if err != nil {
		return err
	}
	// Written whole once read whole: a failed export leaves no half a file.
	var buf bytes.Buffer
	if err := export.Annotation(&buf, doc); err != nil {
		return err
	}
	if *out == "" {
		_, err = buf.WriteTo(stdout)
		return err
	}
	return os.WriteFile(*out, buf.Bytes(), 0o644)
}

// exportACLED writes the ACLED export as it reads it, a page at a time, so
// that memory stays the same whatever the graph's size. A file is written
// beside out and renamed to it once whole: a failed export leaves no half a
// file.
func exportACLED(ctx context.Context, db *cypher.DB, out string, stdout io.Writer) error {
	if out == "" {
		return acled.Export(ctx, stdout, db)
	}
	tmp, err := os.CreateTemp(filepath.Dir(out), ".strikegraph-export-*.csv")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // fails harmlessly once renamed
	err = acled.Export(ctx, tmp, db)
	if err == nil {
		err = tmp.Chmod(0o644)
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	return os.Rename(tmp.Name(), out)
}
