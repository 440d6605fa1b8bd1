package cypher

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/strikegraph/strikegraph"
)

// The fragments a claim filter is built from, on the claim edge r, its
// speaker and its incident: %[2]s is the parameter.
const (
	claimID          = "r.id IN %[2]s"
	claimStance      = "type(r) IN %[2]s"
	claimSpeaker     = "(speaker.id = %[2]s OR r.onBehalfOf = %[2]s)"
	claimSpeakerIn   = "(speaker.id IN %[2]s OR r.onBehalfOf IN %[2]s)"
	claimSpeakerKind = "speaker.kind IN %[2]s"
	claimIncident    = "incident.id = %[2]s"
	claimArticle     = "r.article = %[2]s"
	claimPlace       = "EXISTS { MATCH (incident)-[:LOCATED_IN|LOCATED_NEAR]->(:Place)-[:LOCATED_IN]->*(:Place {id: %[2]s}) }"
	claimVia         = "%[2]s IN r.via"
	claimDateFrom    = "incident.date >= %[2]s"
	claimDateTo      = "incident.date <= %[2]s"
	claimStatedFrom  = "r.statedOn >= %[2]s"
	claimStatedTo    = "r.statedOn <= %[2]s"
	// createdAt is a UTC datetime; its day is what a bound compares.
	claimRecordedFrom = "date(r.createdAt) >= %[2]s"
	claimRecordedTo   = "date(r.createdAt) <= %[2]s"
	claimTollFrom     = "coalesce(r.civiliansKilledMax, r.civiliansKilledMin) >= %[2]s"
	claimTollTo       = "coalesce(r.civiliansKilledMin, r.civiliansKilledMax) <= %[2]s"
	claimDenies       = "r.denies IN %[2]s"
	claimResponse     = "r.response IN %[2]s"
	claimQuote        = "toLower(r.quote) CONTAINS %[2]s"
	claimRetracted    = "r.retractedAt IS NOT NULL"
	claimStanding     = "r.retractedAt IS NULL"
)

// The branches a claim query is made of, one per stance, so that each seeks
// its own edge type's indexes (an id, an article). %[1]s is the edge type,
// %[2]s the predicate. A speaker's claims start from the speaker: its own,
// and those its spokespeople made on its behalf (%[3]s is its parameter).
const (
	claimsOfType      = "MATCH (speaker:Actor)-[r:%[1]s]->(incident:Incident)\nWHERE %[2]s\nRETURN speaker, r, incident"
	claimsBySpeaker   = "MATCH (speaker:Actor:Entity {id: %[3]s})-[r:%[1]s]->(incident:Incident)\nWHERE %[2]s\nRETURN speaker, r, incident"
	claimsOnBehalfOf  = "MATCH (:Entity {id: %[3]s})<-[:SPEAKS_FOR]-(speaker:Actor)-[r:%[1]s]->(incident:Incident)\nWHERE r.onBehalfOf = %[3]s AND %[2]s\nRETURN speaker, r, incident"
	claimsOfIncident  = "MATCH (speaker:Actor)-[r:%[1]s]->(incident:Incident:Entity {id: key})\nWHERE %[2]s\nRETURN speaker, r, incident"
	claimsOfArticle   = "MATCH (speaker:Actor)-[r:%[1]s]->(incident:Incident)\nWHERE r.article = key AND %[2]s\nRETURN speaker, r, incident"
	claimsOfActor     = "MATCH (speaker:Actor:Entity {id: key})-[r:%[1]s]->(incident:Incident)\nWHERE %[2]s\nRETURN speaker, r, incident"
	claimsOfActorWord = "MATCH (actor:Entity {id: key})<-[:SPEAKS_FOR]-(speaker:Actor)-[r:%[1]s]->(incident:Incident)\nWHERE r.onBehalfOf = key AND %[2]s\nRETURN speaker, r, incident"
	// An actor's relays start from the claim_via index: a phrase of the
	// key, whose quotes and backslashes are escaped, is the one token the
	// keyword analyzer made of it.
	claimsOfRelayer = "CALL db.index.fulltext.queryRelationships('claim_via', '\"' + replace(replace(key, '\\\\', '\\\\\\\\'), '\"', '\\\\\"') + '\"') YIELD relationship AS r\n" +
		"WITH r, startNode(r) AS speaker, endNode(r) AS incident\nWHERE type(r) = '%[1]s' AND key IN r.via AND speaker:Actor AND incident:Incident AND %[2]s\nRETURN speaker, r, incident"
	claimRow = "{speaker: speaker.id, stance: type(r), incident: incident.id, props: properties(r)}"
)

// A page of a speaker's claims may walk (walk): the speaker's claims are
// estimated from its edges, all claims counted from the count store, and
// the walk reads the claims of each incident along the date index (a hint:
// the planner would rather scan the speakers), keeping the speaker's own
// and its spokespeople's on its behalf. %[1]s is the edge
// types, %[2]s the predicate, %[3]s the speaker's parameter.
const (
	speakerSize  = "COUNT { (a)-[:REPORTED|DENIED|RESPONDED]->() }"
	claimsCount  = "RETURN COUNT { ()-[:REPORTED]->() } + COUNT { ()-[:DENIED]->() } + COUNT { ()-[:RESPONDED]->() } AS items"
	claimsWalked = "MATCH (speaker:Actor)-[r:%[1]s]->(incident:Incident:Entity)\nUSING INDEX incident:Incident(date)\n" +
		"WHERE (%[2]s) AND (speaker.id = %[3]s OR EXISTS { (speaker)-[:SPEAKS_FOR]->(:Entity {id: %[3]s}) })"
)

// claimWhere builds the predicate of w on r, speaker and incident.
func (s *statement) claimWhere(w *strikegraph.ClaimWhere) (string, error) {
	if w == nil {
		return "true", nil
	}
	var ps []string
	add := func(format string, value any) { ps = append(ps, s.fragment(format, "", value)) }
	if w.IDIn != nil {
		add(claimID, w.IDIn)
	}
	if w.Retracted != nil {
		ps = append(ps, map[bool]string{true: claimRetracted, false: claimStanding}[*w.Retracted])
	}
	if w.StanceIn != nil {
		add(claimStance, texts(w.StanceIn))
	}
	if w.SpeakerKindIn != nil {
		add(claimSpeakerKind, texts(w.SpeakerKindIn))
	}
	if w.DeniesIn != nil {
		add(claimDenies, texts(w.DeniesIn))
	}
	if w.ResponseIn != nil {
		add(claimResponse, texts(w.ResponseIn))
	}
	if w.Speaker != nil {
		add(claimSpeaker, *w.Speaker)
	}
	if w.SpeakerIn != nil {
		add(claimSpeakerIn, w.SpeakerIn)
	}
	if w.Incident != nil {
		add(claimIncident, *w.Incident)
	}
	if w.Article != nil {
		add(claimArticle, *w.Article)
	}
	if w.Place != nil {
		add(claimPlace, *w.Place)
	}
	if w.Via != nil {
		add(claimVia, *w.Via)
	}
	ps, err := s.dates(ps, "",
		dateBound{"where.incidentDate_GTE", w.IncidentDateGTE, false, claimDateFrom},
		dateBound{"where.incidentDate_LTE", w.IncidentDateLTE, true, claimDateTo},
		dateBound{"where.statedOn_GTE", w.StatedOnGTE, false, claimStatedFrom},
		dateBound{"where.statedOn_LTE", w.StatedOnLTE, true, claimStatedTo},
		dateBound{"where.recordedAt_GTE", w.RecordedAtGTE, false, claimRecordedFrom},
		dateBound{"where.recordedAt_LTE", w.RecordedAtLTE, true, claimRecordedTo})
	if err != nil {
		return "", err
	}
	if w.CivilianTollGTE != nil {
		add(claimTollFrom, *w.CivilianTollGTE)
	}
	if w.CivilianTollLTE != nil {
		add(claimTollTo, *w.CivilianTollLTE)
	}
	if w.Text != nil {
		add(claimQuote, strings.ToLower(*w.Text))
	}
	return combine(ps, w.AND, w.OR, w.NOT, s.claimWhere)
}

// claimStances are the stances a claim filter allows, from its stance_IN
// conditions that must hold: the branches worth writing.
func claimStances(w *strikegraph.ClaimWhere) []strikegraph.Stance {
	out := stances
	for _, c := range conjuncts(w, func(w *strikegraph.ClaimWhere) []*strikegraph.ClaimWhere { return w.AND }) {
		if c.StanceIn != nil {
			out = slices.DeleteFunc(slices.Clone(out), func(s strikegraph.Stance) bool { return !slices.Contains(c.StanceIn, s) })
		}
	}
	return out
}

// withoutStances is w without the stance conditions every claim it selects
// must meet: the branches, one per stance claimStances allows, ask for them.
func withoutStances(w *strikegraph.ClaimWhere) *strikegraph.ClaimWhere {
	if w == nil {
		return nil
	}
	out := *w
	out.StanceIn = nil
	out.AND = nil
	for _, sub := range w.AND {
		out.AND = append(out.AND, withoutStances(sub))
	}
	return &out
}

// union writes one branch of format per stance, joined by UNION ALL (or
// UNION, which removes the rows two branches share, when distinct).
func union(stances []strikegraph.Stance, distinct bool, branch func(edge string) string) string {
	if len(stances) == 0 {
		return "MATCH (speaker:Actor)-[r:REPORTED]->(incident:Incident) WHERE false RETURN speaker, r, incident"
	}
	var parts []string
	for _, st := range stances {
		parts = append(parts, branch(stanceTypes[st]))
	}
	join := "\nUNION ALL\n"
	if distinct {
		join = "\nUNION\n"
	}
	return strings.Join(parts, join)
}

// claimMatch builds the Cypher that binds speaker, r and incident to each
// claim w selects. Each stance is a branch of its own, so that an id list
// or an article seeks its edge type's index, and an incident or a date
// range is left to the planner; a speaker starts from that actor, and has
// the other way to a page in date order (walk, without its order).
func (s *statement) claimMatch(w *strikegraph.ClaimWhere) (string, *walk, error) {
	pred, err := s.claimWhere(withoutStances(w))
	if err != nil {
		return "", nil, err
	}
	var speaker *string
	for _, c := range conjuncts(w, func(w *strikegraph.ClaimWhere) []*strikegraph.ClaimWhere { return w.AND }) {
		speaker = cmp.Or(speaker, c.Speaker)
	}
	sts := claimStances(w)
	if speaker == nil {
		return "CALL () {\n" + union(sts, false, func(edge string) string { return fill(claimsOfType, edge, pred, "") }) + "\n}", nil, nil
	}
	id := s.param(*speaker)
	bySpeaker := func(pred string) string {
		return "CALL () {\n" + union(sts, true, func(edge string) string {
			return fill(claimsBySpeaker, edge, pred, id) + "\nUNION\n" + fill(claimsOnBehalfOf, edge, pred, id)
		}) + "\n}"
	}
	if len(sts) == 0 {
		return bySpeaker(pred), nil, nil
	}
	var edges []string
	for _, st := range sts {
		edges = append(edges, stanceTypes[st])
	}
	return bySpeaker(pred), &walk{anchor: id, size: speakerSize, items: claimsCount, date: "incident.date",
		match: fill(claimsWalked, strings.Join(edges, "|"), pred, id), undated: bySpeaker("(" + pred + ") AND incident.date IS NULL")}, nil
}

// fill puts the edge type, the predicate and a parameter into a branch.
func fill(format, edge, pred, param string) string {
	return strings.NewReplacer("%[1]s", edge, "%[2]s", pred, "%[3]s", param).Replace(format)
}

// claimOrder is what each sort field of claims orders by.
var claimOrder = map[string]string{
	"incidentDate": "incident.date",
	"civilianToll": "coalesce(r.civiliansKilledMax, r.civiliansKilledMin)",
	"statedOn":     "r.statedOn",
	"recordedAt":   "r.createdAt",
}

// FindClaims returns a page of claims: by the sort keys, then by the
// incident's date, then by id.
func (db *DB) FindClaims(ctx context.Context, q strikegraph.ListQuery[strikegraph.ClaimWhere]) (strikegraph.Slice[strikegraph.Claim], error) {
	l, err := claimList(q)
	if err != nil {
		return strikegraph.Slice[strikegraph.Claim]{}, err
	}
	return findPage(ctx, db, l, q.Window, q.Count, claimFromRow)
}

func claimList(q strikegraph.ListQuery[strikegraph.ClaimWhere]) (list, error) {
	s := newStatement()
	match, alt, err := s.claimMatch(q.Where)
	if err != nil {
		return list{}, err
	}
	then := []string{"incident.date", "r.id"}
	order, err := orderBy(q.Sort, claimOrder, nil, then)
	if alt != nil && (len(q.Sort) == 0 || q.Sort[0].Field == "incidentDate") {
		// The walk reads the claims of dated incidents in the index's order.
		alt.order, _ = orderBy(q.Sort, claimOrder, map[string]bool{"incidentDate": true}, then)
	} else {
		alt = nil
	}
	return list{name: "find_claims", s: s, match: match, vars: "speaker, r, incident", order: order, row: claimRow, walk: alt}, err
}

// claimsOf are the branches that find the claims of one entity, key.
var claimsOf = map[strikegraph.ClaimsOf][]string{
	strikegraph.ClaimsOfIncident: {claimsOfIncident},
	strikegraph.ClaimsOfArticle:  {claimsOfArticle},
	strikegraph.ClaimsOfActor:    {claimsOfActor, claimsOfActorWord},
	strikegraph.ClaimsOfRelayer:  {claimsOfRelayer},
}

// The entities a claim names, read with it when asked for.
const (
	claimArticleMatch = "\nOPTIONAL MATCH (article:Article:Entity {id: r.article})\nOPTIONAL MATCH (article)-[:PUBLISHED_BY]->(publisher:Actor)"
	claimBehalfMatch  = "\nOPTIONAL MATCH (behalf:Actor:Entity {id: r.onBehalfOf})"
	// The entity whose claims they are, with its publisher as
	// find_entities_by_ids reads it: a key with no claims is one row with
	// a null claim, which FindClaimsOf drops.
	claimsOfWithEntity = "UNWIND $ids AS key\nMATCH (of:Entity {id: key})\nOPTIONAL MATCH (of)-[:PUBLISHED_BY]->(ofPublisher:Actor)\nOPTIONAL CALL (key) {\n"
	claimsOfEntity     = ", {n: %s, publisher: ofPublisher.id} AS ofNode"
	// One row a key: its claims in order, each a list of the speaker's id,
	// the stance, the incident's id and the edge's properties, and each end
	// once, however many claims name it. One row, not one a claim, because
	// the driver's cost is mostly per row.
	claimsOfOrder   = "\nWITH key, speaker, r, incident%s ORDER BY key, r.id"
	claimsOfCollect = "\nWITH key%s, collect([speaker.id, type(r), incident.id, %s]) AS claims"
	claimsOfReturn  = "\nRETURN key, claims"
	// An end is collected as nodes, each once, and projected after: the
	// projection of every row before DISTINCT doubled the statement's cost.
	claimsOfEnd          = ", collect(DISTINCT %s) AS %ss"
	claimsOfEndProjected = ", [%s IN %ss | %s] AS %s"
	// An article's publisher is read from each article kept, as
	// find_linked_articles does.
	claimArticleEnd = "{n: %s, publisher: [(article)-[:PUBLISHED_BY]->(o:Actor) | o.id][0]}"
)

// claimEnd is one entity a claim names: its variable in the statement, the
// column it is returned in and the fields wanted of it.
type claimEnd struct {
	v, column string
	fields    strikegraph.Fields
}

func claimEndsOf(e strikegraph.ClaimEnds) []claimEnd {
	if e.Article.Wanted() {
		// An article's publisher is read with it, at least its id.
		e.Publisher = e.Publisher.Or(strikegraph.FieldsNamed())
	} else {
		e.Publisher = strikegraph.Fields{}
	}
	var out []claimEnd
	for _, end := range []claimEnd{{"speaker", "speakerNode", e.Speaker}, {"incident", "incidentNode", e.Incident},
		{"article", "articleNode", e.Article}, {"publisher", "publisherNode", e.Publisher}, {"behalf", "behalfNode", e.OnBehalfOf}} {
		if end.fields.Wanted() {
			out = append(out, end)
		}
	}
	return out
}

// claimsOfText is the statement of FindClaimsOf, and the names of the
// claim properties it reads as a list (nil: as a map).
func (s *statement) claimsOfText(of strikegraph.ClaimsOf, where *strikegraph.ClaimWhere, ends strikegraph.ClaimEnds) (string, []string, error) {
	branches, ok := claimsOf[of]
	if !ok {
		return "", nil, strikegraph.Invalidf("of", "unknown claims of %q", of)
	}
	pred, err := s.claimWhere(withoutStances(where))
	if err != nil {
		return "", nil, err
	}
	body := union(claimStances(where), len(branches) > 1, func(edge string) string {
		var parts []string
		for _, b := range branches {
			parts = append(parts, fill(b, edge, pred, ""))
		}
		return strings.Join(parts, "\nUNION\n")
	})
	text := "UNWIND $ids AS key\nCALL (key) {\n" + body + "\n}"
	carried := ""
	if ends.Of.Wanted() {
		text = claimsOfWithEntity + body + "\n}"
		carried = ", of, ofPublisher"
	}
	if ends.Article.Wanted() {
		text += claimArticleMatch
		carried += ", article, publisher"
	}
	if ends.OnBehalfOf.Wanted() {
		text += claimBehalfMatch
		carried += ", behalf"
	}
	props, names := claimRead(ends.Own)
	kept := ""
	if ends.Of.Wanted() {
		kept = ", of, ofPublisher"
	}
	text += fmt.Sprintf(claimsOfOrder, carried) + fmt.Sprintf(claimsOfCollect, kept, props)
	returned := claimsOfReturn
	for _, e := range claimEndsOf(ends) {
		text += fmt.Sprintf(claimsOfEnd, e.v, e.column)
		p := projection(e.v, e.fields, "publisher")
		if e.v == "article" {
			p = fmt.Sprintf(claimArticleEnd, p)
		}
		returned += fmt.Sprintf(claimsOfEndProjected, e.v, e.column, p, e.column)
	}
	text += returned
	if ends.Of.Wanted() {
		text += fmt.Sprintf(claimsOfEntity, projection("of", ends.Of, "publisher"))
	}
	return text, names, nil
}

// FindClaimsOf returns the claims of each entity of ids that where selects,
// by id, with their speakers and incidents.
func (db *DB) FindClaimsOf(ctx context.Context, of strikegraph.ClaimsOf, ids []string, where *strikegraph.ClaimWhere, ends strikegraph.ClaimEnds) (strikegraph.ClaimsFound, error) {
	s := newStatement()
	text, names, err := s.claimsOfText(of, where, ends)
	if err != nil {
		return strikegraph.ClaimsFound{}, err
	}
	s.params["ids"] = ids
	recs, err := db.read(ctx, query{name: "find_claims_of_" + string(of), text: text}, s.params)
	if err != nil {
		return strikegraph.ClaimsFound{}, err
	}
	found := strikegraph.ClaimsFound{ByID: map[string][]*strikegraph.Claim{}, Entities: map[string][]strikegraph.Entity{}}
	seen := map[string]bool{}
	wanted := claimEndsOf(ends)
	for _, rec := range recs {
		key := rec.Values[0].(string)
		rows := rec.Values[1].([]any)
		claims := make([]*strikegraph.Claim, 0, len(rows))
		for _, row := range rows {
			c := row.([]any)
			if c[0] == nil { // the null claim of an entity with none
				continue
			}
			claims = append(claims, claimOf(c[0].(string), c[1].(string), c[2].(string), propsOf(c[3], names)))
		}
		found.ByID[key] = claims
		add := func(fkey string, row map[string]any) {
			if e := entityOf(row); e != nil && !seen[fkey+"|"+e.EntityID()] {
				seen[fkey+"|"+e.EntityID()] = true
				found.Entities[fkey] = append(found.Entities[fkey], e)
			}
		}
		for i, end := range wanted {
			nodes, _ := rec.Values[2+i].([]any)
			for _, v := range nodes {
				row := map[string]any{"n": v}
				if end.v == "article" {
					m, _ := v.(map[string]any)
					row = map[string]any{"n": m["n"], "publisher": m["publisher"]}
				}
				add(end.fields.Key(), row)
			}
		}
		if ends.Of.Wanted() {
			row, _ := rec.Values[2+len(wanted)].(map[string]any)
			add(ends.Of.Key(), row)
		}
	}
	return found, nil
}
