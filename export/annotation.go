package export

import (
	"encoding/json"
	"io"

	"github.com/strikegraph/strikegraph"
)

// Annotation writes a document in the annotation format, indented, as
// `strikegraph import` reads it back. <, > and & are written as they are, not
// escaped, so that an article's text stays readable.
func Annotation(w io.Writer, doc *strikegraph.Document) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(doc)
}
