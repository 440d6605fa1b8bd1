package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"

	"github.com/strikegraph/strikegraph/acled"
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
	write := func(w io.Writer) error { return export.Annotation(w, db.ExportDocument(ctx)) }
	if f == importer.ACLED {
		write = func(w io.Writer) error { return acled.Export(ctx, w, db) }
	}
	if *out == "" {
		return write(stdout)
	}
	return replaceFile(*out, write)
}

// replaceFile writes a file as write writes it, as it reads the graph, so
// that memory stays the same whatever the graph's size. The file is written
// beside out and renamed to it once whole: a failed export leaves no half a
// file.
func replaceFile(out string, write func(io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(out), ".strikegraph-export-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // fails harmlessly once renamed
	err = write(tmp)
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
