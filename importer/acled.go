package acled

import (
	"errors"
	"io"
	"iter"

	"github.com/strikegraph/strikegraph"
)

// Records reads r as import records, one per row. A failure to read the rest
// of the file ends the records with one that carries it.
func (r *Reader) Records(source string) iter.Seq[strikegraph.Record] {
	return func(yield func(strikegraph.Record) bool) {
		for {
			row, err := r.Next()
			if errors.Is(err, io.EOF) {
				return
			}
			rec := strikegraph.Record{Source: source, Line: row.Line, Err: row.Err}
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
