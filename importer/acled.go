package importer

import (
	"errors"
	"io"
	"iter"

	"github.com/strikegraph/strikegraph"
	"github.com/strikegraph/strikegraph/acled"
)

// ACLEDRecords reads r as import records, one per row. A failure to read the rest
// of the file ends the records with one that carries it.
func ACLEDRecords(r *acled.Reader, source string) iter.Seq[Record] {
	return func(yield func(Record) bool) {
		for {
			row, err := r.Next()
			if errors.Is(err, io.EOF) {
				return
			}
			rec := Record{Source: source, Line: row.Line, Err: row.Err}
			if err != nil {
				rec.Err = strikegraph.Invalidf("file", "unreadable from here on: %v", err)
				yield(rec)
				return
			}
			if rec.Err == nil {
				doc := row.Doc
				doc.Source = source
				rec.Doc = &doc
			}
			if !yield(rec) {
				return
			}
		}
	}
}
