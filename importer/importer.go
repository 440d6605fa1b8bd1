// Package importer reads what can be imported, in each format Strikegraph
// knows, as import records, and imports them: Run checks, batches and
// writes them and reports what it did.
package importer

import (
	"fmt"
	"io"
	"iter"
	"mime"
	"path/filepath"
	"strings"

	"github.com/strikegraph/strikegraph"
	"github.com/strikegraph/strikegraph/acled"
)

// Format is a kind of import file.
type Format string

const (
	Annotation Format = "annotation" // the project's annotation document, JSON
	ACLED      Format = "acled"      // an ACLED CSV export
)

// Detect names the format of a file from its name, or of a request body from
// its Content-Type; the empty Format when neither says.
func Detect(name, contentType string) Format {
	if mt, _, err := mime.ParseMediaType(contentType); err == nil {
		switch mt {
		case "text/csv":
			return ACLED
		case "application/json":
			return Annotation
		}
	}
	switch strings.ToLower(filepath.Ext(name)) {
	case ".csv":
		return ACLED
	case ".json":
		return Annotation
	}
	return ""
}

// Parse reads a format's name.
func Parse(s string) (Format, error) {
	switch f := Format(strings.ToLower(s)); f {
	case Annotation, ACLED:
		return f, nil
	}
	return "", strikegraph.Invalidf("format", "unknown format %q: give annotation or acled", s)
}

// Records reads r, in format f, as import records. An annotation document is
// one record; an ACLED file is one record per row.
func Records(f Format, source string, r io.Reader) (iter.Seq[Record], error) {
	switch f {
	case ACLED:
		rd, err := acled.NewReader(r)
		if err != nil {
			return nil, err
		}
		return ACLEDRecords(rd, source), nil
	case Annotation:
		b, err := io.ReadAll(r)
		if err != nil {
			return nil, err
		}
		return func(yield func(Record) bool) { yield(DocumentRecord(source, b)) }, nil
	}
	return nil, strikegraph.Invalidf("format", "say which format %s is in: annotation or acled", source)
}

// Summary is a report in a few lines, for people: the counts, then each
// rejection as source:line: field: reason.
func Summary(rep Report) string {
	var b strings.Builder
	if rep.Checked {
		fmt.Fprintf(&b, "%d records checked, nothing written: %d valid, %d problems\n", rep.Records, rep.Valid, len(rep.Rejected))
	} else {
		fmt.Fprintf(&b, "%d records: %d created, %d updated, %d unchanged, %d rejected\n",
			rep.Records, rep.Created, rep.Updated, rep.Unchanged, len(rep.Rejected))
	}
	for _, r := range rep.Rejected {
		field := ""
		if r.Field != "" {
			field = r.Field + ": "
		}
		fmt.Fprintf(&b, "  %s:%d: %s%s\n", r.Source, r.Line, field, r.Reason)
	}
	return b.String()
}
