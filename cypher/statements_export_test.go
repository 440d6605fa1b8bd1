package cypher

import "github.com/strikegraph/strikegraph"

// For plan_test.go, an external test: it writes its graph with
// internal/graphgen, which imports this package.

// IncidentPage is the statement of a page of FindIncidents.
func IncidentPage(q strikegraph.ListQuery[strikegraph.IncidentWhere], start, limit int) (string, map[string]any, error) {
	l, err := incidentList(q)
	if err != nil {
		return "", nil, err
	}
	text, params := l.page(start, limit, q.Count)
	return text, params, nil
}

// ClaimPage is the statement of a page of FindClaims.
func ClaimPage(q strikegraph.ListQuery[strikegraph.ClaimWhere], start, limit int) (string, map[string]any, error) {
	l, err := claimList(q)
	if err != nil {
		return "", nil, err
	}
	text, params := l.page(start, limit, q.Count)
	return text, params, nil
}

// LinkedIncidents is the statement of FindLinkedIncidents.
func LinkedIncidents(l strikegraph.Linked, where *strikegraph.IncidentWhere) (string, map[string]any, error) {
	s := newStatement()
	pred, err := s.incidentWhere(where, "n")
	if err != nil {
		return "", nil, err
	}
	text, err := linkedText(l, "Incident", pred, "n", s.incidentWindow(where))
	s.params["ids"] = l.IDs
	return text, s.params, err
}
