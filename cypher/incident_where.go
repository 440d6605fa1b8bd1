package cypher

import (
	"cmp"
	"context"
	"strings"

	"github.com/strikegraph/strikegraph"
)

// The fragments an incident filter is built from: %[1]s is the incident's
// variable, %[2]s the parameter. A retracted claim (retractedAt set) counts
// for nothing here.
const (
	incidentID          = "%[1]s.id IN %[2]s"
	incidentScope       = "%[1]s.scope IN %[2]s"
	incidentDateFrom    = "%[1]s.date >= %[2]s"
	incidentDateTo      = "%[1]s.date <= %[2]s"
	incidentPlace       = "EXISTS { MATCH (%[1]s)-[:LOCATED_IN|LOCATED_NEAR]->(:Place)-[:LOCATED_IN]->*(:Place {id: %[2]s}) }"
	incidentPerpetrator = "EXISTS { MATCH (%[1]s)<-[:CARRIED_OUT]-(:Actor {id: %[2]s}) }"
	incidentActor       = "(EXISTS { MATCH (%[1]s)<-[:CARRIED_OUT]-(:Actor {id: %[2]s}) }" +
		" OR EXISTS { MATCH (%[1]s)-[:TARGETED]->(:Actor {id: %[2]s}) }" +
		" OR EXISTS { MATCH (%[1]s)<-[wr:REPORTED|DENIED|RESPONDED]-(:Actor {id: %[2]s}) WHERE wr.retractedAt IS NULL }" +
		" OR EXISTS { MATCH (%[1]s)<-[wr:REPORTED|DENIED|RESPONDED]-(:Actor)-[:SPEAKS_FOR]->(:Entity {id: %[2]s}) WHERE wr.onBehalfOf = %[2]s AND wr.retractedAt IS NULL })"
	// A spokesperson reports as the kind of organisation it speaks for, too.
	incidentReporterKind = "EXISTS { MATCH (%[1]s)<-[wr:REPORTED]-(wa:Actor) WHERE wr.retractedAt IS NULL" +
		" AND (wa.kind = %[2]s OR EXISTS { MATCH (wo:Entity {id: wr.onBehalfOf}) WHERE wo.kind = %[2]s }) }"
	incidentTollFrom = "EXISTS { MATCH (%[1]s)<-[wr:REPORTED]-() WHERE coalesce(wr.civiliansKilledMax, wr.civiliansKilledMin) >= %[2]s AND wr.retractedAt IS NULL }"
	incidentTollTo   = "EXISTS { MATCH (%[1]s)<-[wr:REPORTED]-() WHERE coalesce(wr.civiliansKilledMin, wr.civiliansKilledMax) <= %[2]s AND wr.retractedAt IS NULL }"
	// The rule of strikegraph.Contested: a civilian toll reported, and a denial.
	incidentContested = "(EXISTS { MATCH (%[1]s)<-[wr:REPORTED]-() WHERE wr.retractedAt IS NULL AND (wr.civiliansKilledText IS NOT NULL" +
		" OR wr.childrenKilledText IS NOT NULL OR wr.womenKilledText IS NOT NULL OR wr.injuredText IS NOT NULL) }" +
		" AND EXISTS { MATCH (%[1]s)<-[wd:DENIED]-() WHERE wd.retractedAt IS NULL })"
	incidentText = "(any(k IN %[1]s.nameKeys WHERE k CONTAINS %[2]s.key)" +
		" OR toLower(%[1]s.target) CONTAINS %[2]s.lower OR toLower(%[1]s.description) CONTAINS %[2]s.lower)"
)

// incidentStance is the fragment of a stance filter, by stance.
var incidentStance = map[strikegraph.Stance]string{
	strikegraph.StanceReported:  "EXISTS { MATCH (%[1]s)<-[wr:REPORTED]-(:Actor) WHERE wr.retractedAt IS NULL }",
	strikegraph.StanceDenied:    "EXISTS { MATCH (%[1]s)<-[wr:DENIED]-(:Actor) WHERE wr.retractedAt IS NULL }",
	strikegraph.StanceResponded: "EXISTS { MATCH (%[1]s)<-[wr:RESPONDED]-(:Actor) WHERE wr.retractedAt IS NULL }",
}

// The anchors an incident filter may start from, each binding n and ending
// where the filter's predicate goes: the entity's edges instead of every
// incident. %[1]s is the parameter.
const (
	incidentsAll = "MATCH (n:Incident)\nWHERE "
	// An id list: the Entity label lets the planner seek the ids in the
	// entity_id index. Elsewhere it would cost a label check per incident.
	incidentsByID = "MATCH (n:Incident:Entity)\nWHERE "
	// The place and every place within it, inward along LOCATED_IN.
	incidentsInPlace       = "MATCH (:Place:Entity {id: %[1]s})<-[:LOCATED_IN]-*(:Place)<-[:LOCATED_IN|LOCATED_NEAR]-(n:Incident)\nWITH DISTINCT n WHERE "
	incidentsByPerpetrator = "MATCH (:Entity {id: %[1]s})-[:CARRIED_OUT]->(n:Incident)\nWHERE "
	incidentsByActor       = "CALL () {\n" +
		"  MATCH (:Entity {id: %[1]s})-[:CARRIED_OUT]->(n:Incident) RETURN n\n UNION\n" +
		"  MATCH (:Entity {id: %[1]s})<-[:TARGETED]-(n:Incident) RETURN n\n UNION\n" +
		"  MATCH (:Entity {id: %[1]s})-[r:REPORTED|DENIED|RESPONDED]->(n:Incident) WHERE r.retractedAt IS NULL RETURN n\n UNION\n" +
		"  MATCH (:Entity {id: %[1]s})<-[:SPEAKS_FOR]-(:Actor)-[r:REPORTED|DENIED|RESPONDED]->(n:Incident)\n" +
		"  WHERE r.onBehalfOf = %[1]s AND r.retractedAt IS NULL RETURN n\n" +
		"}\nWITH n WHERE "
	// A contested incident was denied: there are fewer denials than incidents.
	incidentsDenied = "MATCH (n:Incident)<-[wd:DENIED]-()\nWHERE wd.retractedAt IS NULL\nWITH DISTINCT n WHERE "
	// A page in date order (of a date range, or a walk) reads the date index
	// in that order and stops once full. Without the hint, a filter on scope
	// too seeks incident_scope_date, which is the cheaper way to count a
	// range but sorts all of it for a page.
	incidentsByDate = incidentWindowSeek + "\nWHERE "
)

// How many incidents an anchor, a, has, estimated from Neo4j's degree store
// in a few reads, for a page to choose its way in (walk).
const (
	perpetratorSize = "COUNT { (a)-[:CARRIED_OUT]->() }"
	actorSize       = "COUNT { (a)--() }"
	// The place's own edges, and those of the places directly within it.
	placeSize = "COUNT { (a)<-[:LOCATED_IN|LOCATED_NEAR]-() } + reduce(s = 0, c IN COLLECT { MATCH (a)<-[:LOCATED_IN]-(c:Place)" +
		" RETURN COUNT { (c)<-[:LOCATED_IN|LOCATED_NEAR]-() } } | s + c)"
	// A perpetrator's incidents, with no other condition, are its
	// CARRIED_OUT edges, which Neo4j counts without reading them.
	incidentsByPerpetratorCount = "OPTIONAL MATCH (a:Entity {id: %[1]s})\nRETURN CASE WHEN a IS NULL THEN 0 ELSE " + perpetratorSize + " END AS total"
	incidentsCount              = "MATCH (m:Incident)\nRETURN count(m) AS items"
)

// incidentWhere builds the predicate of w on the incident variable v.
func (s *statement) incidentWhere(w *strikegraph.IncidentWhere, v string) (string, error) {
	if w == nil {
		return "true", nil
	}
	var ps []string
	add := func(format string, value any) { ps = append(ps, s.fragment(format, v, value)) }
	if w.IDIn != nil {
		add(incidentID, w.IDIn)
	}
	if w.ScopeIn != nil {
		add(incidentScope, texts(w.ScopeIn))
	}
	ps, err := s.dates(ps, v,
		dateBound{"where.date_GTE", w.DateGTE, false, incidentDateFrom},
		dateBound{"where.date_LTE", w.DateLTE, true, incidentDateTo})
	if err != nil {
		return "", err
	}
	if p := s.unless(w.Place); p != nil {
		add(incidentPlace, *p)
	}
	if a := s.unless(w.Actor); a != nil {
		add(incidentActor, *a)
	}
	if p := s.unless(w.Perpetrator); p != nil {
		add(incidentPerpetrator, *p)
	}
	if w.Stance != nil {
		format, ok := incidentStance[*w.Stance]
		if !ok {
			return "", strikegraph.Invalidf("where.stance", "unknown stance %q", *w.Stance)
		}
		ps = append(ps, strings.ReplaceAll(format, "%[1]s", v))
	}
	if w.ReporterKind != nil {
		add(incidentReporterKind, string(*w.ReporterKind))
	}
	if w.CivilianTollGTE != nil {
		add(incidentTollFrom, *w.CivilianTollGTE)
	}
	if w.CivilianTollLTE != nil {
		add(incidentTollTo, *w.CivilianTollLTE)
	}
	if w.Contested != nil {
		p := strings.ReplaceAll(incidentContested, "%[1]s", v)
		if !*w.Contested {
			p = "NOT " + p
		}
		ps = append(ps, p)
	}
	if w.DisputedGTE != nil {
		add(incidentDisputedFrom, *w.DisputedGTE)
	}
	if w.SuggestedGradeIn != nil {
		// Worked out in Go by the lists that take it (resolvers/grade.go).
		return "", strikegraph.Invalidf("where.suggestedGrade_IN", "filters incidents, incidentsConnection and contestedIncidents only, not this list")
	}
	if w.Text != nil {
		add(incidentText, map[string]any{"key": strikegraph.NameKey(*w.Text), "lower": strings.ToLower(*w.Text)})
	}
	return combine(ps, w.AND, w.OR, w.NOT, func(sub *strikegraph.IncidentWhere) (string, error) { return s.incidentWhere(sub, v) })
}

// incidentWay is how a list of incidents is read: match binds n to each
// incident the filter selects; seek, when set, binds the same incidents
// along the date index, in date order (incidentsByDate); dated tells
// whether every incident bound has a date, so that a date order may come
// from the index; for an entity's anchor, walk is the other way to a page
// (without its order) and, when the anchor's edges are the count, total
// counts the list.
type incidentWay struct {
	match, seek string
	dated       bool
	walk        *walk
	total       string
}

// incidentMatch builds the ways to the incidents w selects, starting from
// the cheapest anchor w allows: an id list seeks the id index, a
// perpetrator, place or actor starts from that entity's edges, a date range
// is left to the planner, which seeks the date index (or incident_scope_date
// with a scope), and contested incidents start from the denials. Without any
// of them, it scans the incidents.
func (s *statement) incidentMatch(w *strikegraph.IncidentWhere) (incidentWay, error) {
	all := conjuncts(w, func(w *strikegraph.IncidentWhere) []*strikegraph.IncidentWhere { return w.AND })
	var ids, contested, dated bool
	var perpetrator, place, actor *string
	for _, c := range all {
		dated = dated || c.DateGTE != nil || c.DateLTE != nil
		ids = ids || c.IDIn != nil
		contested = contested || c.Contested != nil && *c.Contested
		perpetrator, place, actor = cmp.Or(perpetrator, c.Perpetrator), cmp.Or(place, c.Place), cmp.Or(actor, c.Actor)
	}
	anchor, id, size, byEdges := incidentsAll, "", "", ""
	switch {
	case ids: // the predicate's id list, which the planner seeks
		anchor = incidentsByID
	case perpetrator != nil:
		id, size = s.param(*perpetrator), perpetratorSize
		anchor = strings.ReplaceAll(incidentsByPerpetrator, "%[1]s", id)
		byEdges = strings.ReplaceAll(incidentsByPerpetratorCount, "%[1]s", id)
		s.anchored[perpetrator] = true
	case place != nil:
		id, size = s.param(*place), placeSize
		anchor = strings.ReplaceAll(incidentsInPlace, "%[1]s", id)
		s.anchored[place] = true
	case actor != nil:
		id, size = s.param(*actor), actorSize
		anchor = strings.ReplaceAll(incidentsByActor, "%[1]s", id)
		s.anchored[actor] = true
	case contested && !dated: // a date range is the better way in
		anchor = incidentsDenied
	}
	pred, err := s.incidentWhere(w, "n")
	way := incidentWay{match: anchor + pred, dated: dated}
	if err != nil || id == "" {
		if anchor == incidentsAll && dated {
			way.seek = incidentsByDate + pred
		}
		return way, err
	}
	if pred == "true" {
		way.total = byEdges
	}
	clear(s.anchored) // a walk checks every condition on each incident
	every, err := s.incidentWhere(w, "n")
	way.walk = &walk{anchor: id, size: size, items: incidentsCount, date: "n.date",
		match: incidentsByDate + "(" + every + ")", undated: anchor + "(" + pred + ") AND n.date IS NULL"}
	return way, err
}

// incidentOrder is what each sort field of incidents orders by.
var incidentOrder = map[string]string{
	"date": "n.date",
	"name": "toLower(n.name)",
	"civilianToll": "COLLECT { MATCH (n)<-[wr:REPORTED]-() WHERE wr.civiliansKilledText IS NOT NULL AND wr.retractedAt IS NULL" +
		" RETURN coalesce(wr.civiliansKilledMax, wr.civiliansKilledMin) AS toll ORDER BY toll DESC LIMIT 1 }[0]",
	"disputed": strings.ReplaceAll(incidentDisputeRatio, "%[1]s", "n"),
}

// FindIncidents returns a page of incidents: by the sort keys, then oldest
// first, then by id.
func (db *DB) FindIncidents(ctx context.Context, q strikegraph.ListQuery[strikegraph.IncidentWhere]) (strikegraph.Slice[strikegraph.Incident], error) {
	l, err := incidentList(q)
	if err != nil {
		return strikegraph.Slice[strikegraph.Incident]{}, err
	}
	return findPage(ctx, db, l, q.Window, q.Count, entityRow[strikegraph.Incident])
}

func incidentList(q strikegraph.ListQuery[strikegraph.IncidentWhere]) (list, error) {
	s := newStatement()
	way, err := s.incidentMatch(q.Where)
	if err != nil {
		return list{}, err
	}
	then := []string{"n.date", "n.id"}
	order, err := orderBy(q.Sort, incidentOrder, map[string]bool{"date": way.dated}, then)
	if err != nil {
		return list{}, err
	}
	if len(q.Sort) == 0 || q.Sort[0].Field == "date" {
		if way.walk != nil { // the walk reads the dated incidents in the index's order
			way.walk.order, _ = orderBy(q.Sort, incidentOrder, map[string]bool{"date": true}, then)
		}
	} else {
		way.walk, way.seek = nil, ""
	}
	along, err := alongRow(q.Along)
	return list{name: "find_incidents", s: s, match: way.match, seek: way.seek, vars: "n", order: order,
		row: "{n: " + projection("n", q.Fields) + along + "}", along: len(q.Along), walk: way.walk, total: way.total}, err
}

// FindLinkedIncidents returns, per entity of l, the incidents at the other
// end of its edges that where selects, by id.
func (db *DB) FindLinkedIncidents(ctx context.Context, l strikegraph.Linked, where *strikegraph.IncidentWhere) (map[string][]*strikegraph.Incident, error) {
	s := newStatement()
	pred, err := s.incidentWhere(where, "n")
	if err != nil {
		return nil, err
	}
	return findLinked[strikegraph.Incident](ctx, db, "find_linked_incidents", s, l, "Incident", pred, projection("n", l.Fields)+" AS n", s.incidentWindow(where))
}

// The fragments of a date window a nested list of incidents may seek.
const (
	incidentWindowCount = "CALL () { MATCH (m:Incident) WHERE %[1]s RETURN count(m) AS window }"
	incidentWindowSeek  = "MATCH (n:Incident) USING INDEX n:Incident(date)"
)

// incidentWindow is the date window w's dates must fall in, if they bound
// it on both sides; nil otherwise.
func (s *statement) incidentWindow(w *strikegraph.IncidentWhere) *linkedWindow {
	var from, to *string
	for _, c := range conjuncts(w, func(w *strikegraph.IncidentWhere) []*strikegraph.IncidentWhere { return w.AND }) {
		from, to = cmp.Or(from, c.DateGTE), cmp.Or(to, c.DateLTE)
	}
	if from == nil || to == nil {
		return nil
	}
	lo, err := s.date("where.date_GTE", *from, false)
	if err != nil {
		return nil // the predicate says so
	}
	hi, err := s.date("where.date_LTE", *to, true)
	if err != nil {
		return nil
	}
	bounds := func(v string) string {
		return strings.NewReplacer("%[1]s", v, "%[2]s", lo).Replace(incidentDateFrom) + " AND " +
			strings.NewReplacer("%[1]s", v, "%[2]s", hi).Replace(incidentDateTo)
	}
	return &linkedWindow{
		count:  strings.ReplaceAll(incidentWindowCount, "%[1]s", bounds("m")),
		seek:   incidentWindowSeek,
		bounds: bounds("n"),
	}
}
