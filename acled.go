package strikegraph

import "context"

// ACLEDIncident is what the graph keeps of an incident an ACLED row made
// (docs/acled.md): the incident, its record (the article the row was
// written out as) and the incident's relations that the record states.
// Package acled writes the row back from it.
type ACLEDIncident struct {
	Incident  Incident
	Record    Article
	Relations []Relation // Type, From and To; Article is the record's id
}

// ACLEDService reads the incidents ACLED rows made.
type ACLEDService interface {
	// FindACLEDIncidents returns up to limit of them, in id order, from the
	// first whose id comes after after ("": from the first). A page costs
	// its own size, not the graph's.
	FindACLEDIncidents(ctx context.Context, after string, limit int) ([]ACLEDIncident, error)
}
