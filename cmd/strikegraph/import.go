package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"iter"
	"log/slog"
	"os"
	"os/user"
	"path/filepath"
	"time"

	"github.com/strikegraph/strikegraph"
	"github.com/strikegraph/strikegraph/cypher"
	"github.com/strikegraph/strikegraph/data"
	"github.com/strikegraph/strikegraph/importer"
)

// importFiles imports annotation documents and ACLED CSV files, or the
// built-in seed corpus when no path is given, and reports what it did.
func importFiles(ctx context.Context, args []string, stdout, stderr io.Writer, log *slog.Logger) error {
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	format := fs.String("format", "", "annotation or acled; empty: from each file's extension (.json, .csv); a folder holds annotation documents")
	batch := fs.Int("batch", importer.DefaultBatchSize, "most records written per transaction; fewer when they hold many items or much text")
	as := fs.String("as", "", "who the writes are recorded as; default cli:<user>, or seed for the seed corpus")
	asJSON := fs.Bool("json", false, "print the report as JSON")
	check := fs.Bool("check", false, "check every record, references against the graph included, and write nothing; every problem is listed")
	nc := neo4jFlags(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *batch < 1 {
		return errors.New("import: -batch must be at least 1")
	}
	var f importer.Format
	if *format != "" {
		var err error
		if f, err = importer.Parse(*format); err != nil {
			return err
		}
	}
	paths := fs.Args()
	by := *as
	switch {
	case by != "":
	case len(paths) == 0:
		by = "seed"
	default:
		by = "cli:" + username()
	}
	db, closeDB, err := connect(ctx, nc, log)
	if err != nil {
		return err
	}
	defer closeDB()
	start := time.Now()
	opts := importer.Options{Check: *check, Author: strikegraph.Author{By: by, At: start.UTC()}, BatchSize: *batch,
		Progress: func(rep importer.Report) {
			rate := float64(rep.Records) / time.Since(start).Seconds()
			fmt.Fprintf(stderr, "imported %d records (%d rejected), %.0f records/s\n", rep.Records, len(rep.Rejected), rate)
		}}
	total := importer.Report{Rejected: []importer.Rejection{}, Items: map[string]map[strikegraph.Outcome]int{}}
	if *check {
		// One check of all the files: a file may use what an earlier one
		// defines, as it would once that is written.
		var sourceErr error
		all := func(yield func(importer.Record) bool) {
			for recs, err := range sources(paths, f) {
				if err != nil {
					sourceErr = err
					return
				}
				for r := range recs {
					if !yield(r) {
						return
					}
				}
			}
		}
		if total, err = importer.Run(ctx, db, all, opts); err == nil {
			err = sourceErr
		}
		if err != nil {
			return err
		}
	} else {
		for recs, err := range sources(paths, f) {
			if err != nil {
				return err
			}
			rep, err := importer.Run(cypher.WithTimeLimit(ctx, importer.BulkTimeLimit), db, recs, opts)
			total.Add(rep)
			if err != nil {
				return err
			}
		}
	}
	if *asJSON {
		err = json.NewEncoder(stdout).Encode(total)
	} else {
		fmt.Fprint(stdout, importer.Summary(total))
	}
	if err == nil && len(total.Rejected) > 0 {
		return exitCode(1) // the summary says which and why; the rest is written
	}
	return err
}

// documentsDir is the folder of annotation documents dir names: dir itself,
// or the documents folder in it, as strikegraph generate writes them. A
// folder with neither is refused, rather than imported as nothing.
func documentsDir(dir string) (string, error) {
	for _, d := range []string{dir, filepath.Join(dir, "documents")} {
		if names, _ := filepath.Glob(filepath.Join(d, "*.json")); len(names) > 0 {
			return d, nil
		}
	}
	return "", fmt.Errorf("%s holds no annotation documents (*.json), nor does a documents folder in it", dir)
}

// sources yields the records of each path in turn: a folder of annotation
// documents, or a file in format f (or as its extension says). No path is the
// built-in seed corpus.
func sources(paths []string, f importer.Format) iter.Seq2[iter.Seq[importer.Record], error] {
	return func(yield func(iter.Seq[importer.Record], error) bool) {
		if len(paths) == 0 {
			yield(importer.DocumentRecords(data.FS, data.SeedDir), nil)
			return
		}
		for _, p := range paths {
			abs, err := filepath.Abs(p)
			if err != nil {
				yield(nil, err)
				return
			}
			if st, err := os.Stat(abs); err == nil && st.IsDir() {
				if abs, err = documentsDir(abs); err != nil {
					yield(nil, err)
					return
				}
				if !yield(importer.DocumentRecords(os.DirFS(filepath.Dir(abs)), filepath.Base(abs)), nil) {
					return
				}
				continue
			}
			file, err := os.Open(abs)
			if err != nil {
				yield(nil, err)
				return
			}
			format := f
			if format == "" {
				format = importer.Detect(p, "")
			}
			recs, err := importer.Records(format, p, file)
			ok := yield(recs, err)
			file.Close()
			if !ok || err != nil {
				return
			}
		}
	}
}

func username() string {
	if u, err := user.Current(); err == nil {
		return u.Username
	}
	return "unknown"
}

// seedIfEmpty loads the seed corpus into an empty graph; the corpus is the
// project's own, so any rejection is a failure.
func seedIfEmpty(ctx context.Context, db *cypher.DB, log *slog.Logger) error {
	empty, err := db.IsEmpty(ctx)
	if err != nil || !empty {
		return err
	}
	log.Info("the graph is empty: loading the seed corpus")
	// Not a request's limit: a busy machine may take longer over a batch.
	ctx = cypher.WithTimeLimit(ctx, importer.BulkTimeLimit)
	rep, err := importer.Run(ctx, db, importer.DocumentRecords(data.FS, data.SeedDir),
		importer.Options{Author: strikegraph.Author{By: "seed", At: time.Now().UTC()}})
	if err == nil && len(rep.Rejected) > 0 {
		err = fmt.Errorf("seed corpus: %s", importer.Summary(rep))
	}
	log.Info("loaded", "documents", rep.Records)
	return err
}
