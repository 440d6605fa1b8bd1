package server

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"
	"time"

	"github.com/strikegraph/strikegraph"
	"github.com/strikegraph/strikegraph/auth"
	"github.com/strikegraph/strikegraph/cypher"
	"github.com/strikegraph/strikegraph/importer"
	"github.com/strikegraph/strikegraph/metrics"
)

// DefaultMaxImportBytes is the largest import body: an ACLED export of a few
// hundred thousand rows.
const DefaultMaxImportBytes = 256 << 20

// importRecords answers POST /import: an annotation document (JSON) or an
// ACLED export (CSV), as ?format= or the Content-Type says, imported in
// batches as the caller, who must be an editor. The answer is the import
// report; the records it rejects are in it, with their lines. With
// ?check=true nothing is written, and the report lists every problem.
func importRecords(store strikegraph.WriteService, log *slog.Logger, m *metrics.Metrics, maxBytes int64) http.HandlerFunc {
	return func(w http.ResponseWriter, req *http.Request) {
		ctx := req.Context()
		if err := auth.Require(ctx, auth.RoleEditor); err != nil {
			writeJSONError(w, log, req, err)
			return
		}
		p, _ := auth.FromContext(ctx)
		f := importer.Detect("", req.Header.Get("Content-Type"))
		if s := req.URL.Query().Get("format"); s != "" {
			var err error
			if f, err = importer.Parse(s); err != nil {
				writeJSONError(w, log, req, err)
				return
			}
		}
		limit := importer.BulkTimeLimit
		if s := req.URL.Query().Get("timeout"); s != "" {
			d, err := time.ParseDuration(s)
			if err != nil || d < time.Second || d > MaxImportTimeLimit {
				writeJSONError(w, log, req, strikegraph.Invalidf("timeout", "give how long each batch's transaction may run, from 1s to %v, such as 5m", MaxImportTimeLimit))
				return
			}
			limit = d
		}
		ctx = cypher.WithTimeLimit(ctx, limit)
		batch := importer.DefaultBatchSize
		if s := req.URL.Query().Get("batch"); s != "" {
			n, err := strconv.Atoi(s)
			if err != nil || n < 1 || n > 10000 {
				writeJSONError(w, log, req, strikegraph.Invalidf("batch", "give a batch size from 1 to 10000"))
				return
			}
			batch = n
		}
		// A body known to be too large is refused before anything is
		// written. One sent without a length is cut at the limit: an ACLED
		// file's rows up to there are imported, and the report says where
		// it was cut.
		tooLarge := &strikegraph.Error{Code: strikegraph.ECodeTooLarge,
			Message: fmt.Sprintf("the body is larger than %d bytes: split it, or raise --max-import-bytes", maxBytes)}
		if req.ContentLength > maxBytes {
			writeJSONError(w, log, req, tooLarge)
			return
		}
		body := http.MaxBytesReader(w, req.Body, maxBytes)
		recs, err := importer.Records(f, "body", body)
		if err != nil {
			var mb *http.MaxBytesError
			if errors.As(err, &mb) {
				err = tooLarge
			}
			writeJSONError(w, log, req, err)
			return
		}
		start := time.Now()
		check, _ := strconv.ParseBool(req.URL.Query().Get("check"))
		rep, err := importer.Run(ctx, store, recs, importer.Options{Check: check,
			Author: strikegraph.Author{By: p.Name, At: start.UTC()}, BatchSize: batch,
			Progress: func(rep importer.Report) {
				log.InfoContext(ctx, "import progress", "by", p.Name, "records", rep.Records, "rejected", len(rep.Rejected))
			},
		})
		if check {
			if err != nil {
				writeJSONError(w, log, req, err)
				return
			}
			writeJSON(w, http.StatusOK, rep)
			return
		}
		m.ImportRows("created", rep.Created)
		m.ImportRows("updated", rep.Updated)
		m.ImportRows("unchanged", rep.Unchanged)
		m.ImportRows("rejected", len(rep.Rejected))
		if err != nil {
			// What was written stays: each batch committed whole, and
			// importing the file again skips it as unchanged.
			log.WarnContext(ctx, "import stopped", "by", p.Name, "records", rep.Records, "err", err)
			writeJSONError(w, log, req, err)
			return
		}
		log.InfoContext(ctx, "imported", "by", p.Name, "format", f, "records", rep.Records, "created", rep.Created,
			"updated", rep.Updated, "unchanged", rep.Unchanged, "rejected", len(rep.Rejected), "took", time.Since(start))
		writeJSON(w, http.StatusOK, rep)
	}
}
