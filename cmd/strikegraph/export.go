package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"

	"github.com/strikegraph/strikegraph/export"
)

// exportDocument writes the whole graph as one annotation document, which
// `strikegraph import` reads back, to -out or else to stdout.
func exportDocument(ctx context.Context, args []string, stdout io.Writer, log *slog.Logger) error {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	out := fs.String("out", "", "the file to write; default standard output")
	nc := neo4jFlags(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("export: unexpected %q; give the file as -out FILE", fs.Arg(0))
	}
	db, closeDB, err := connect(ctx, nc, log)
	if err != nil {
		return err
	}
	defer closeDB()
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
