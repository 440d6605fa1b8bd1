package importer

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"maps"
	"slices"

	"github.com/strikegraph/strikegraph"
)

// Options say how Run imports.
type Options struct {
	// Check checks every record, its references against the graph and the
	// records before it included, and writes nothing: see check.
	Check     bool
	Author    strikegraph.Author
	BatchSize int          // most records per transaction; 0 is DefaultBatchSize
	Progress  func(Report) // called after each batch
}

// Run imports records as o says: writes them (see write), or, with
// o.Check, checks them and writes nothing (see check). It is what
// strikegraph import and POST /import both call.
func Run(ctx context.Context, w strikegraph.WriteService, records iter.Seq[Record], o Options) (Report, error) {
	if o.Check {
		return check(ctx, w, records)
	}
	return write(ctx, w, records, o)
}

// write writes records in batches of one transaction each, of at most
// BatchSize records, MaxBatchItems items and MaxBatchBytes bytes of text
// (the limits are the domain's). A record that cannot be read, is invalid or whose references fail is
// rejected and the others are written. If a batch fails in the database (a
// CONFLICT), its records are written one by one so that only the failing
// ones are rejected; if it needs more memory than a transaction may have
// (MEMORY_LIMIT) or runs longer than it may (TIMEOUT), it is split in
// halves, down to one record, which is then rejected with a reason that
// names the setting that would let it through. A record is never written in
// part: each attempt is one transaction. It stops at the first error
// that is not about a record: the database is unavailable, or ctx ended.
// Importing the same records again changes nothing and reports them all
// UNCHANGED.
func write(ctx context.Context, w strikegraph.WriteService, records iter.Seq[Record], opts Options) (Report, error) {
	size := opts.BatchSize
	if size <= 0 {
		size = DefaultBatchSize
	}
	rep := Report{Rejected: []Rejection{}, Items: map[string]map[strikegraph.Outcome]int{}}
	var batch []Record
	items, text := 0, 0
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		defer func() { batch, items, text = batch[:0], 0, 0 }()
		if err := writeBatch(ctx, &rep, w, batch, opts.Author); err != nil {
			return err
		}
		if opts.Progress != nil {
			opts.Progress(rep)
		}
		return nil
	}
	for r := range readable(&rep, records) {
		if err := ctx.Err(); err != nil {
			return rep, err
		}
		n, b := itemCount(r.Doc), textBytes(r.Doc)
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

// check checks records as write would before writing them, their
// references against the graph and the records before them included, and
// writes nothing. Each problem of each record is a rejection of its own: the
// first of each item of a document (see strikegraph.Document.Problems), and every
// reference that fails. It stops only at an error that is not about a
// record.
func check(ctx context.Context, w strikegraph.WriteService, records iter.Seq[Record]) (Report, error) {
	rep := Report{Checked: true, Rejected: []Rejection{}, Items: map[string]map[strikegraph.Outcome]int{}}
	defined := map[string]strikegraph.Ref{} // what the valid records so far define
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
				reject(&rep, r, p)
			}
			if len(problems) == 0 {
				rep.Valid++
				maps.Copy(defined, r.Doc.Refs())
			}
		}
		return nil
	}
	for r := range readable(&rep, records) {
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
func readable(rep *Report, records iter.Seq[Record]) iter.Seq[Record] {
	return func(yield func(Record) bool) {
		for r := range records {
			rep.Records++
			if r.Err != nil {
				reject(rep, r, r.Err)
				continue
			}
			if !yield(r) {
				return
			}
		}
	}
}

// writeBatch writes batch in one transaction, or as it can: see write.
func writeBatch(ctx context.Context, rep *Report, w strikegraph.WriteService, batch []Record, author strikegraph.Author) error {
	docs := make([]*strikegraph.Document, len(batch))
	for i, r := range batch {
		docs[i] = r.Doc
	}
	changes, errs, err := w.WriteDocuments(ctx, docs, author)
	if stop := stops(ctx, err); stop != nil {
		return stop
	}
	switch code := strikegraph.ErrorCode(err); {
	case err == nil:
	case (code == strikegraph.ECodeTooMuchMemory || code == strikegraph.ECodeTimeout) && len(batch) > 1:
		half := len(batch) / 2
		if err := writeBatch(ctx, rep, w, batch[:half], author); err != nil {
			return err
		}
		return writeBatch(ctx, rep, w, batch[half:], author)
	case len(batch) == 1:
		errs = []error{err}
	default:
		// The batch was rolled back, and says nothing of each record:
		// write them one by one, so that only those that fail are rejected.
		changes, errs = make([]strikegraph.Changes, len(batch)), make([]error, len(batch))
		for i, r := range batch {
			changes[i], errs[i] = w.WriteDocument(ctx, r.Doc, strikegraph.Upsert, author)
			if stop := stops(ctx, errs[i]); stop != nil {
				return stop
			}
		}
	}
	for i, r := range batch {
		if errs[i] != nil {
			reject(rep, r, errs[i])
			continue
		}
		count(rep, changes[i])
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

// itemCount is how many things d defines or states, the measure of its share of
// a transaction.
func itemCount(d *strikegraph.Document) int {
	return len(d.Articles) + len(d.Places) + len(d.Actors) + len(d.Incidents) + len(d.Relations) + len(d.Claims) + len(d.Merges)
}

// textBytes is how many bytes of free text d carries, the share of a
// transaction's memory that items miss: articles' texts (bounded per article), descriptions, quotes and notes (bounded each). Names and ids are
// short, and counted with their items.
func textBytes(d *strikegraph.Document) int {
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
	switch strikegraph.ErrorCode(err) {
	case strikegraph.ECodeInvalid, strikegraph.ECodeConflict, strikegraph.ECodeNotFound, strikegraph.ECodeTooMuchMemory, strikegraph.ECodeTimeout:
		return true
	}
	return false
}

func reject(rep *Report, r Record, err error) {
	rj := Rejection{Source: r.Source, Line: r.Line, Code: strikegraph.ErrorCode(err), Reason: err.Error()}
	var e *strikegraph.Error
	if errors.As(err, &e) {
		rj.Field, rj.Reason = e.Field, e.Message
		switch e.Code {
		case strikegraph.ECodeInternal:
			rj.Reason = "internal error"
		case strikegraph.ECodeTooMuchMemory:
			rj.Reason = "written alone, the record needed more memory than Neo4j lets one transaction have: split it, or raise Neo4j's db.memory.transaction.max (the local Neo4j's --local-neo4j-tx-max)"
		case strikegraph.ECodeTimeout:
			rj.Reason = fmt.Sprintf("written alone, the record took longer than its transaction may run: split it, or let the import's transactions run longer (POST /import's ?timeout=, default %v; strikegraph import's --neo4j-tx-timeout, when above %[1]v)", BulkTimeLimit)
		}
		if r.FieldLine != nil && e.Field != "" {
			rj.Line = r.FieldLine(e.Field)
		}
	}
	rep.Rejected = append(rep.Rejected, rj)
}

func count(rep *Report, cs strikegraph.Changes) {
	switch cs.Outcome() {
	case strikegraph.Created:
		rep.Created++
	case strikegraph.Updated:
		rep.Updated++
	default:
		rep.Unchanged++
	}
	for _, c := range cs {
		if rep.Items[c.Kind] == nil {
			rep.Items[c.Kind] = map[strikegraph.Outcome]int{}
		}
		rep.Items[c.Kind][c.Outcome]++
	}
}
