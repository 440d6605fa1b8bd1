package strikegraph

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// Record is one unit of an import: an annotation document, or an ACLED row
// mapped onto one. It is written whole or not at all.
type Record struct {
	Source string // file name, for the report
	Line   int    // where the record starts in Source
	Doc    *Document
	Err    error // why the record could not be read; it is rejected

	// FieldLine, when set, finds the line of a field of the document
	// ("claims[2].quote"), so that a rejection points at it.
	FieldLine func(field string) int
}

// Rejection is a record left out of an import, and why.
type Rejection struct {
	Source string `json:"source,omitempty"`
	Line   int    `json:"line"`
	Field  string `json:"field,omitempty"`
	Code   string `json:"code"`
	Reason string `json:"reason"`
}

// ImportReport is what an import did: how many records it created, updated
// or found unchanged (see Changes.Outcome), which it rejected, and what
// happened to each kind of item.
type ImportReport struct {
	Checked   bool                       `json:"checked,omitempty"` // by Check: nothing was written
	Valid     int                        `json:"valid,omitempty"`   // by Check: records that would be written
	Records   int                        `json:"records"`
	Created   int                        `json:"created"`
	Updated   int                        `json:"updated"`
	Unchanged int                        `json:"unchanged"`
	Rejected  []Rejection                `json:"rejected"`
	Items     map[string]map[Outcome]int `json:"items"`
}

// DefaultBatchSize is how many records an import writes per transaction at
// most; MaxBatchItems and MaxBatchBytes cut a batch of large records
// shorter. Of 100, 500 and 2000, 500 imported 100,000 ACLED rows fastest
// (make bench-import: about 1,900 rows/s, against 1,200 and 1,800, on 2
// CPUs): smaller batches pay more commits, larger ones more transaction
// state.
const DefaultBatchSize = 500

// MaxBatchItems bounds a transaction of an import in items (articles,
// places, actors, incidents, relations, claims, merges), whatever the number
// of records, so that it fits the 128 MiB a transaction of the local Neo4j
// may hold: an ACLED row holds some 16 items, so about 500 rows (the
// default batch) fit, in some 20 MiB of transaction memory; a generated
// document of 100 incidents holds some 950. A record of more items is
// written alone.
const MaxBatchItems = 8000

// MaxBatchBytes bounds a transaction of an import in the bytes of the free
// text its records carry (see Document.textBytes), which items do not
// measure: an article's text may be 1 MiB. Neo4j 5.26 counted 7 to 7.8
// bytes of transaction memory for each byte of English articles' text (4 to
// 16 MiB of it in one transaction; 24 MiB went over 128 MiB; Arabic took
// 4.4, quotes 4.8), so 8 MiB of text takes some 64 MiB: with MaxBatchItems
// items beside it, well inside the local Neo4j's 128 MiB. A record of more
// is written alone.
const MaxBatchBytes = 8 << 20

// ImportOptions tune Import.
type ImportOptions struct {
	Author    Author
	BatchSize int                // most records per transaction; 0 is DefaultBatchSize
	Progress  func(ImportReport) // called after each batch
}

// Import writes records in batches of one transaction each, of at most
// BatchSize records, MaxBatchItems items and MaxBatchBytes bytes of text. A
// record that cannot be read, is invalid or whose references fail is
// rejected and the others are written. If a batch fails in the database (a
// CONFLICT), its records are written one by one so that only the failing
// ones are rejected; if it needs more memory than a transaction may have
// (MEMORY_LIMIT) or runs longer than it may (TIMEOUT), it is split in
// halves, down to one record, which is then rejected with a reason that
// names the setting that would let it through. A record is never written in
// part: each attempt is one transaction. Import stops at the first error
// that is not about a record: the database is unavailable, or ctx ended.
// Importing the same records again changes nothing and reports them all
// UNCHANGED.
func Import(ctx context.Context, w WriteService, records iter.Seq[Record], opts ImportOptions) (ImportReport, error) {
	size := opts.BatchSize
	if size <= 0 {
		size = DefaultBatchSize
	}
	rep := ImportReport{Rejected: []Rejection{}, Items: map[string]map[Outcome]int{}}
	var batch []Record
	items, text := 0, 0
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		defer func() { batch, items, text = batch[:0], 0, 0 }()
		if err := rep.write(ctx, w, batch, opts.Author); err != nil {
			return err
		}
		if opts.Progress != nil {
			opts.Progress(rep)
		}
		return nil
	}
	for r := range rep.readable(records) {
		if err := ctx.Err(); err != nil {
			return rep, err
		}
		n, b := r.Doc.items(), r.Doc.textBytes()
		if len(batch) > 0 && (items+n > MaxBatchItems || text+b > MaxBatchBytes) {
			if err := flush(); err != nil {
				return rep, err
			}
		}
		batch, items, text = append(batch, r), items+n, text+b
		if len(batch) == size {
			if err := flush(); err != nil {
				return rep, err
			}
		}
	}
	return rep, flush()
}

// Check checks records as Import would before writing them, their
// references against the graph and the records before them included, and
// writes nothing. Each problem of each record is a rejection of its own: the
// first of each item of a document (see Document.Problems), and every
// reference that fails. It stops only at an error that is not about a
// record.
func Check(ctx context.Context, w WriteService, records iter.Seq[Record]) (ImportReport, error) {
	rep := ImportReport{Checked: true, Rejected: []Rejection{}, Items: map[string]map[Outcome]int{}}
	defined := map[string]Ref{} // what the valid records so far define
	var batch []Record
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		defer func() { batch = batch[:0] }()
		external := map[string]bool{}
		for _, r := range batch {
			for _, id := range r.Doc.ExternalIDs() {
				if _, ok := defined[id]; !ok {
					external[id] = true
				}
			}
		}
		known, err := w.FindRefs(ctx, slices.Sorted(maps.Keys(external)))
		if err != nil {
			return err
		}
		for _, r := range batch {
			refs := r.Doc.Refs()
			for _, id := range r.Doc.ExternalIDs() {
				if ref, ok := defined[id]; ok {
					refs[id] = ref
				} else if ref, ok := known[id]; ok {
					refs[id] = ref
				}
			}
			problems := append(r.Doc.Problems(), r.Doc.ReferenceProblems(refs)...)
			for _, p := range problems {
				rep.reject(r, p)
			}
			if len(problems) == 0 {
				rep.Valid++
				maps.Copy(defined, r.Doc.Refs())
			}
		}
		return nil
	}
	for r := range rep.readable(records) {
		if err := ctx.Err(); err != nil {
			return rep, err
		}
		// Its references are checked too, however many other problems it has.
		if batch = append(batch, r); len(batch) == DefaultBatchSize {
			if err := flush(); err != nil {
				return rep, err
			}
		}
	}
	return rep, flush()
}

// readable yields the records that read, counting each record in rep and
// rejecting those that did not read.
func (rep *ImportReport) readable(records iter.Seq[Record]) iter.Seq[Record] {
	return func(yield func(Record) bool) {
		for r := range records {
			rep.Records++
			if r.Err != nil {
				rep.reject(r, r.Err)
				continue
			}
			if !yield(r) {
				return
			}
		}
	}
}

// write writes batch in one transaction, or as it can: see Import.
func (rep *ImportReport) write(ctx context.Context, w WriteService, batch []Record, author Author) error {
	docs := make([]*Document, len(batch))
	for i, r := range batch {
		docs[i] = r.Doc
	}
	changes, errs, err := w.WriteDocuments(ctx, docs, author)
	if stop := stops(ctx, err); stop != nil {
		return stop
	}
	switch code := ErrorCode(err); {
	case err == nil:
	case (code == ECodeTooMuchMemory || code == ECodeTimeout) && len(batch) > 1:
		half := len(batch) / 2
		if err := rep.write(ctx, w, batch[:half], author); err != nil {
			return err
		}
		return rep.write(ctx, w, batch[half:], author)
	case len(batch) == 1:
		errs = []error{err}
	default:
		// The batch was rolled back, and says nothing of each record:
		// write them one by one, so that only those that fail are rejected.
		changes, errs = make([]Changes, len(batch)), make([]error, len(batch))
		for i, r := range batch {
			changes[i], errs[i] = w.WriteDocument(ctx, r.Doc, Upsert, author)
			if stop := stops(ctx, errs[i]); stop != nil {
				return stop
			}
		}
	}
	for i, r := range batch {
		if errs[i] != nil {
			rep.reject(r, errs[i])
			continue
		}
		rep.count(changes[i])
	}
	return nil
}

// stops is the error that stops an import when writing failed with err: ctx
// ended (then a database's TIMEOUT is the import's own deadline, and
// splitting would fail the same way), or err is not about a record.
func stops(ctx context.Context, err error) error {
	if err == nil {
		return nil
	}
	if ctx.Err() != nil {
		return ctx.Err()
	}
	if !recordError(err) {
		return err
	}
	return nil
}

// items is how many things d defines or states, the measure of its share of
// a transaction.
func (d *Document) items() int {
	return len(d.Articles) + len(d.Places) + len(d.Actors) + len(d.Incidents) + len(d.Relations) + len(d.Claims) + len(d.Merges)
}

// textBytes is how many bytes of free text d carries, the share of a
// transaction's memory that items miss: articles' texts (up to maxArticle
// each), descriptions, quotes and notes (up to maxText). Names and ids are
// short, and counted with their items.
func (d *Document) textBytes() int {
	n := 0
	for _, a := range d.Articles {
		n += len(a.Text) + len(a.Description)
	}
	for _, p := range d.Places {
		n += len(p.Description)
	}
	for _, a := range d.Actors {
		n += len(a.Description)
	}
	for _, in := range d.Incidents {
		n += len(in.Description)
	}
	for _, r := range d.Relations {
		n += len(r.Quote) + len(r.Note)
	}
	for _, c := range d.Claims {
		n += len(c.Quote) + len(c.Note)
	}
	return n
}

// recordError tells whether err is about a record, not the database: a
// record too large for a transaction's memory or time is one, once it is
// written alone.
func recordError(err error) bool {
	switch ErrorCode(err) {
	case ECodeInvalid, ECodeConflict, ECodeNotFound, ECodeTooMuchMemory, ECodeTimeout:
		return true
	}
	return false
}

func (rep *ImportReport) reject(r Record, err error) {
	rj := Rejection{Source: r.Source, Line: r.Line, Code: ErrorCode(err), Reason: err.Error()}
	var e *Error
	if errors.As(err, &e) {
		rj.Field, rj.Reason = e.Field, e.Message
		switch e.Code {
		case ECodeInternal:
			rj.Reason = "internal error"
		case ECodeTooMuchMemory:
			rj.Reason = "written alone, the record needed more memory than Neo4j lets one transaction have: split it, or raise Neo4j's db.memory.transaction.max (the local Neo4j's --local-neo4j-tx-max)"
		case ECodeTimeout:
			rj.Reason = fmt.Sprintf("written alone, the record took longer than its transaction may run: split it, or let the import's transactions run longer (POST /import's ?timeout=, default %v; strikegraph import's --neo4j-tx-timeout, when above %[1]v)", BulkTimeLimit)
		}
		if r.FieldLine != nil && e.Field != "" {
			rj.Line = r.FieldLine(e.Field)
		}
	}
	rep.Rejected = append(rep.Rejected, rj)
}

func (rep *ImportReport) count(cs Changes) {
	switch cs.Outcome() {
	case Created:
		rep.Created++
	case Updated:
		rep.Updated++
	default:
		rep.Unchanged++
	}
	for _, c := range cs {
		if rep.Items[c.Kind] == nil {
			rep.Items[c.Kind] = map[Outcome]int{}
		}
		rep.Items[c.Kind][c.Outcome]++
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

// Add adds what another import did to rep.
func (rep *ImportReport) Add(other ImportReport) {
	rep.Records += other.Records
	rep.Checked = rep.Checked || other.Checked
	rep.Valid += other.Valid
	rep.Created += other.Created
	rep.Updated += other.Updated
	rep.Unchanged += other.Unchanged
	rep.Rejected = append(rep.Rejected, other.Rejected...)
	for kind, outcomes := range other.Items {
		if rep.Items[kind] == nil {
			rep.Items[kind] = map[Outcome]int{}
		}
		for o, n := range outcomes {
			rep.Items[kind][o] += n
		}
	}
}
