package export

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"iter"

	"github.com/strikegraph/strikegraph"
)

// Annotation writes a document in the annotation format, indented, as
// `strikegraph import` reads it back, each item as it is read from doc: the
// bytes json.Encoder gives the whole document, with SetIndent("", "  "). <,
// > and & are written as they are, not escaped, so that an article's text
// stays readable.
func Annotation(w io.Writer, doc *strikegraph.DocumentStream) error {
	a := &annotation{w: bufio.NewWriterSize(w, 64<<10)}
	a.raw("{")
	section(a, "articles", doc.Articles)
	section(a, "places", doc.Places)
	section(a, "actors", doc.Actors)
	section(a, "incidents", doc.Incidents)
	section(a, "relations", doc.Relations)
	section(a, "claims", doc.Claims)
	section(a, "merges", doc.Merges)
	if a.lists > 0 {
		a.raw("\n")
	}
	a.raw("}\n")
	if a.err != nil {
		return a.err
	}
	return a.w.Flush()
}

// annotation is a document being written; the first error sticks.
type annotation struct {
	w     *bufio.Writer
	lists int // lists begun, each after the one before
	err   error
}

func (a *annotation) raw(s string) {
	if a.err == nil {
		_, a.err = a.w.WriteString(s)
	}
}

// section writes the list named key, left out when empty (omitempty), each item
// indented at its depth, as the whole document's encoder would.
func section[T any](a *annotation, key string, seq iter.Seq2[*T, error]) {
	n := 0
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("    ", "  ")
	for it, err := range seq {
		if a.err == nil {
			a.err = err
		}
		if a.err != nil {
			return
		}
		switch {
		case n == 0 && a.lists > 0:
			a.raw(",\n  " + quote(key) + ": [\n    ")
		case n == 0:
			a.raw("\n  " + quote(key) + ": [\n    ")
		default:
			a.raw(",\n    ")
		}
		if n == 0 {
			a.lists++
		}
		n++
		buf.Reset()
		if a.err == nil {
			a.err = enc.Encode(it)
		}
		a.raw(string(bytes.TrimSuffix(buf.Bytes(), []byte("\n"))))
	}
	if n > 0 {
		a.raw("\n  ]")
	}
}

func quote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
