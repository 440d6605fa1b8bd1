package cypher

import (
	"context"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/strikegraph/strikegraph"
)

// The ids package acled gives an ACLED row's incident, acled:<event id>, and
// its record, acled:<event id>:record (docs/acled.md). Every id of the
// prefix sorts after it and before acledEnd (';' follows ':').
const (
	acledPrefix = "acled:"
	acledEnd    = "acled;"
	acledRecord = ":record"
)

// FindACLEDIncidents reads a page of the incidents ACLED rows made, in id
// order after after, with their records and the relations these state.
// Incidents of the prefix without a record are not ACLED's, and left out.
func (db *DB) FindACLEDIncidents(ctx context.Context, after string, limit int) ([]strikegraph.ACLEDIncident, error) {
	recs, err := db.read(ctx, findAcledIncidents, map[string]any{
		"after": max(after, acledPrefix), "end": acledEnd, "record": acledRecord, "limit": limit})
	if err != nil {
		return nil, err
	}
	page := make([]strikegraph.ACLEDIncident, len(recs))
	for i, rec := range recs {
		m := rec.AsMap()
		page[i].Incident = *incidentFromProps(m["n"].(neo4j.Node).Props)
		page[i].Record = *articleFromProps(m["record"].(neo4j.Node).Props)
		for _, r := range m["relations"].([]any) {
			r := r.(map[string]any)
			page[i].Relations = append(page[i].Relations, strikegraph.Relation{Type: strikegraph.RelationType(str(r, "type")),
				From: str(r, "from"), To: str(r, "to"), Article: page[i].Record.ID})
		}
	}
	return page, nil
}
