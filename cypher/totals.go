package cypher

import (
	"context"

	"github.com/strikegraph/strikegraph"
)

// FindReporterTotals sums, per source, what it reported about the incidents
// where selects.
func (db *DB) FindReporterTotals(ctx context.Context, where *strikegraph.IncidentWhere, first int, subordinates bool) ([]strikegraph.ReporterTotal, error) {
	if err := strikegraph.CheckTotals(first); err != nil {
		return nil, err
	}
	recs, err := db.readAfterIncidents(ctx, reporterTotals, where, map[string]any{"first": first, "subordinates": subordinates})
	if err != nil {
		return nil, err
	}
	out := make([]strikegraph.ReporterTotal, len(recs))
	for i, rec := range recs {
		m := rec.AsMap()
		out[i] = strikegraph.ReporterTotal{
			ReporterID: m["source"].(string), Incidents: count(m, "incidents"), Reports: count(m, "reports"),
			IncidentsWithToll: count(m, "withToll"), CiviliansLowest: count(m, "lowest"), CiviliansHighest: count(m, "highest"),
		}
	}
	return out, nil
}

// FindBelligerentTotals sums, per belligerent, the incidents among those f
// selects that it is said to have carried out, or one of its subordinates
// when subordinates is set.
func (db *DB) FindBelligerentTotals(ctx context.Context, where *strikegraph.IncidentWhere, first int, subordinates bool) ([]strikegraph.BelligerentTotal, error) {
	if err := strikegraph.CheckTotals(first); err != nil {
		return nil, err
	}
	recs, err := db.readAfterIncidents(ctx, belligerentTotals, where, map[string]any{"first": first, "settlements": settlements(), "subordinates": subordinates})
	if err != nil {
		return nil, err
	}
	out := make([]strikegraph.BelligerentTotal, len(recs))
	for i, rec := range recs {
		m := rec.AsMap()
		out[i] = strikegraph.BelligerentTotal{
			BelligerentID: m["belligerent"].(string), Incidents: count(m, "incidents"), Denied: count(m, "denied"),
			IncidentsWithToll: count(m, "withToll"), CiviliansLowest: count(m, "lowest"), CiviliansHighest: count(m, "highest"),
		}
	}
	return out, nil
}

// settlements are the kinds of place an incident's parts are, for the toll
// rule the totals and the timeline apply in Cypher.
func settlements() []string { return texts(strikegraph.SettlementKinds) }
