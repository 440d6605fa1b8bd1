package importer

import (
	"time"

	"github.com/strikegraph/strikegraph"
)

// Record is one unit of an import: an annotation document, or an ACLED row
// mapped onto one. It is written whole or not at all.
type Record struct {
	Source string // file name, for the report
	Line   int    // where the record starts in Source
	Doc    *strikegraph.Document
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

// Report is what an import did: how many records it created, updated
// or found unchanged (see strikegraph.Changes.Outcome), which it rejected, and what
// happened to each kind of item.
type Report struct {
	Checked   bool                                   `json:"checked,omitempty"` // by Check: nothing was written
	Valid     int                                    `json:"valid,omitempty"`   // by Check: records that would be written
	Records   int                                    `json:"records"`
	Created   int                                    `json:"created"`
	Updated   int                                    `json:"updated"`
	Unchanged int                                    `json:"unchanged"`
	Rejected  []Rejection                            `json:"rejected"`
	Items     map[string]map[strikegraph.Outcome]int `json:"items"`
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
// text its records carry (see textBytes), which items do not
// measure: an article's text may be 1 MiB. Neo4j 5.26 counted 7 to 7.8
// bytes of transaction memory for each byte of English articles' text (4 to
// 16 MiB of it in one transaction; 24 MiB went over 128 MiB; Arabic took
// 4.4, quotes 4.8), so 8 MiB of text takes some 64 MiB: with MaxBatchItems
// items beside it, well inside the local Neo4j's 128 MiB. A record of more
// is written alone.
const MaxBatchBytes = 8 << 20

// Add adds what another import did to rep.
func (rep *Report) Add(other Report) {
	rep.Records += other.Records
	rep.Checked = rep.Checked || other.Checked
	rep.Valid += other.Valid
	rep.Created += other.Created
	rep.Updated += other.Updated
	rep.Unchanged += other.Unchanged
	rep.Rejected = append(rep.Rejected, other.Rejected...)
	for kind, outcomes := range other.Items {
		if rep.Items[kind] == nil {
			rep.Items[kind] = map[strikegraph.Outcome]int{}
		}
		for o, n := range outcomes {
			rep.Items[kind][o] += n
		}
	}
}

// BulkTimeLimit is how long each transaction of a bulk load may run unless
// it asks for another limit: the seed corpus, strikegraph import, POST /import.
const BulkTimeLimit = 2 * time.Minute
