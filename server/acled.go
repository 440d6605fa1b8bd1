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
		after := ""
		streamCSV(w, req, log, "strikegraph-incidents.csv", acled.NewWriter, func() ([]strikegraph.ACLEDIncident, bool, error) {
			page, err := store.FindACLEDIncidents(req.Context(), after, acled.PageSize)
			if len(page) > 0 {
				after = page[len(page)-1].Incident.ID
			}
			return page, len(page) == acled.PageSize, err
		})
	}
}
