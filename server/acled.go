package server

import (
	"log/slog"
	"net/http"

	"github.com/strikegraph/strikegraph"
	"github.com/strikegraph/strikegraph/acled"
)

// exportACLED serves GET /export/incidents.csv: the incidents ACLED rows
// made, as an ACLED export that POST /import reads back unchanged, written
// a page at a time (acled.PageSize) as they are read.
func exportACLED(store strikegraph.ACLEDService, log *slog.Logger) http.HandlerFunc {
	return func(w http.ResponseWriter, req *http.Request) {
		if req.URL.RawQuery != "" {
			writeJSONError(w, log, req, strikegraph.Invalidf("query", "the ACLED export is every incident ACLED rows made; it takes no parameters"))
			return
		}
		// The first page before the first byte, so that an error still
		// gets its status.
		page, err := store.FindACLEDIncidents(req.Context(), "", acled.PageSize)
		if err != nil {
			writeJSONError(w, log, req, err)
			return
		}
		w.Header().Set("Content-Type", "text/csv; charset=utf-8")
		w.Header().Set("Content-Disposition", `attachment; filename="strikegraph-incidents.csv"`)
		sent := &sentWriter{ResponseWriter: w}
		out, done := compressed(sent, req)
		csv, err := acled.NewWriter(out)
		for err == nil {
			for _, in := range page {
				if err = csv.Write(in); err != nil {
					break
				}
			}
			if err != nil || len(page) < acled.PageSize {
				break
			}
			page, err = store.FindACLEDIncidents(req.Context(), page[len(page)-1].Incident.ID, acled.PageSize)
		}
		if err == nil {
			err = csv.Flush()
		}
		if err != nil {
			streamFailed(sent, log, req, err)
			return
		}
		done()
	}
}
