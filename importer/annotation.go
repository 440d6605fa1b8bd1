package importer

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"iter"
	"path"
	"regexp"
	"strconv"
	"strings"

	"github.com/strikegraph/strikegraph"
)

// ReadDocuments reads the import documents *.json in dir of fsys, in name order,
// and fills each article's text, unless given, from articles/<file> beside dir.
// Unknown fields are errors: a misspelt field would otherwise vanish silently.
// It fails on the first document that does not read or validate.
func ReadDocuments(fsys fs.FS, dir string) ([]strikegraph.Document, error) {
	var docs []strikegraph.Document
	for r := range DocumentRecords(fsys, dir) {
		if r.Err == nil {
			r.Err = r.Doc.Validate()
		}
		if r.Err != nil {
			return nil, fmt.Errorf("%s: %w", r.Source, r.Err)
		}
		docs = append(docs, *r.Doc)
	}
	return docs, nil
}

// DocumentRecords reads the import documents *.json in dir of fsys, in name
// order, as import records, with each article's text from articles/<file>
// beside dir unless the document gives the text.
func DocumentRecords(fsys fs.FS, dir string) iter.Seq[Record] {
	return func(yield func(Record) bool) {
		names, err := fs.Glob(fsys, path.Join(dir, "*.json"))
		if err != nil {
			yield(Record{Source: dir, Err: err})
			return
		}
		for _, name := range names {
			b, err := fs.ReadFile(fsys, name)
			r := Record{Source: name, Err: err}
			if err == nil {
				r = DocumentRecord(name, b)
			}
			for i := 0; r.Doc != nil && i < len(r.Doc.Articles); i++ {
				a := &r.Doc.Articles[i]
				if a.File == "" || a.Text != "" {
					continue // its text is in the document, as an export gives it
				}
				text, err := fs.ReadFile(fsys, path.Join(path.Dir(dir), "articles", a.File))
				if err != nil {
					r.Err = &strikegraph.Error{Code: strikegraph.ECodeInvalid, Field: fmt.Sprintf("articles[%d].file", i), Message: err.Error(), Err: err}
					r.Line = r.FieldLine(fmt.Sprintf("articles[%d].file", i))
					r.Doc = nil
					break
				}
				a.Text = string(text)
			}
			if !yield(r) {
				return
			}
		}
	}
}

// DocumentRecord reads one annotation document from b. A document that does
// not decode is a rejected record, at the line of the fault.
func DocumentRecord(source string, b []byte) Record {
	r := Record{Source: source, Line: 1, FieldLine: func(field string) int { return FieldLine(b, field) }}
	doc, err := DecodeDocument(b)
	if err != nil {
		r.Err, r.FieldLine = err, nil
		var syntax *json.SyntaxError
		var typ *json.UnmarshalTypeError
		switch {
		case errors.As(err, &syntax):
			r.Line = lineAt(b, syntax.Offset)
		case errors.As(err, &typ):
			r.Line = lineAt(b, typ.Offset)
		default:
			r.Line = unknownFieldLine(b, err)
		}
		return r
	}
	doc.Source = source
	r.Doc = &doc
	return r
}

// FieldLine is the line in the JSON document b where the value of field
// ("claims[2].quote", the paths Validate names) starts, or 1 when it is not
// there.
func FieldLine(b []byte, field string) int {
	var path []string
	for _, part := range strings.Split(field, ".") {
		name, index, _ := strings.Cut(part, "[")
		path = append(path, name)
		if index != "" {
			path = append(path, "["+strings.TrimSuffix(index, "]"))
		}
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	if !seek(dec, path) {
		return 1
	}
	// The value starts after the separators the decoder stopped before.
	off := dec.InputOffset()
	for off < int64(len(b)) && strings.ContainsRune(" \t\r\n,:", rune(b[off])) {
		off++
	}
	return lineAt(b, off)
}

// seek reads dec up to the value at path: object keys, and "[i" for array
// elements.
func seek(dec *json.Decoder, path []string) bool {
	if len(path) == 0 {
		return true
	}
	tok, err := dec.Token()
	if err != nil {
		return false
	}
	switch tok {
	case json.Delim('{'):
		for dec.More() {
			key, err := dec.Token()
			if err != nil {
				return false
			}
			if key == path[0] {
				return seek(dec, path[1:])
			}
			if !skip(dec) {
				return false
			}
		}
	case json.Delim('['):
		want, err := strconv.Atoi(strings.TrimPrefix(path[0], "["))
		if err != nil {
			return false
		}
		for i := 0; dec.More(); i++ {
			if i == want {
				return seek(dec, path[1:])
			}
			if !skip(dec) {
				return false
			}
		}
	}
	return false
}

// skip reads one whole value.
func skip(dec *json.Decoder) bool {
	depth := 0
	for {
		tok, err := dec.Token()
		if err != nil {
			return false
		}
		switch tok {
		case json.Delim('{'), json.Delim('['):
			depth++
		case json.Delim('}'), json.Delim(']'):
			depth--
		}
		if depth == 0 {
			return true
		}
	}
}

// unknownFieldLine is the line of the first key named as encoding/json's
// "unknown field" error names it, which gives no offset; 1 when err is
// another error or the key is not found.
func unknownFieldLine(b []byte, err error) int {
	cause := errors.Unwrap(err)
	if cause == nil {
		return 1
	}
	name, ok := strings.CutPrefix(cause.Error(), "json: unknown field ")
	if !ok {
		return 1
	}
	key := regexp.MustCompile(regexp.QuoteMeta(name) + `\s*:`)
	if loc := key.FindIndex(b); loc != nil {
		return lineAt(b, int64(loc[0]))
	}
	return 1
}

func lineAt(b []byte, off int64) int {
	off = min(max(off, 0), int64(len(b)))
	return bytes.Count(b[:off], []byte("\n")) + 1
}

// DecodeDocument decodes one JSON import document strictly.
func DecodeDocument(b []byte) (strikegraph.Document, error) {
	var doc strikegraph.Document
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&doc); err != nil {
		return doc, &strikegraph.Error{Code: strikegraph.ECodeInvalid, Field: "document", Message: err.Error(), Err: err}
	}
	if dec.More() {
		return doc, strikegraph.Invalidf("document", "one JSON object per document")
	}
	return doc, nil
}
