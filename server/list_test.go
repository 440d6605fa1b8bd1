package server_test

import (
	"cmp"
	"fmt"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/strikegraph/strikegraph"
	"github.com/strikegraph/strikegraph/internal/graphtest"
	"github.com/strikegraph/strikegraph/server"
)

// TestListsOnSeedCorpus checks filters, sorting and paging on the seed corpus
// against what the unfiltered data says.
func TestListsOnSeedCorpus(t *testing.T) {
	g := graphtest.Seeded(t)
	srv := httptest.NewServer(server.Handler(g, graphtest.Logger(t), server.Options{}))
	defer srv.Close()
	checkLists(t, srv.URL, g, 4)
}

// oracleIncident is an incident with everything the filters look at, read
// through fields that are computed apart from the filters.
type oracleIncident struct {
	ID          string   `json:"id"`
	Name        string   `json:"name"`
	Aliases     []string `json:"aliases"`
	Scope       string   `json:"scope"`
	Target      string   `json:"target"`
	Description string   `json:"description"`
	Date        struct {
		Value     *string `json:"value"`
		Precision string  `json:"precision"`
	} `json:"date"`
	Places       []struct{ Other struct{ ID string } } `json:"places"`
	Perpetrators []struct{ ID string }                 `json:"perpetrators"`
	CivilianToll struct{ Lowest, Highest *int }        `json:"civilianToll"`
	Contested    bool                                  `json:"contested"`
	Claims       []oracleClaim                         `json:"claims"`
}

type oracleClaim struct {
	Stance     string
	Speaker    struct{ ID, Kind string }
	OnBehalfOf *struct{ ID, Kind string }
	Figures    struct{ CiviliansKilled *struct{ Min, Max *int } }
}

// source is who the claim counts for: the organisation, for a spokesperson.
func (c oracleClaim) source() string {
	if c.OnBehalfOf != nil {
		return c.OnBehalfOf.ID
	}
	return c.Speaker.ID
}

const oracleFields = `id name aliases scope target description date { value precision }
	places { other { id } } perpetrators { id } civilianToll { lowest highest } contested
	claims { stance speaker { id kind } onBehalfOf { id kind } figures { civiliansKilled { min max } } }`

// start is the first day the incident's date may stand for.
func (in oracleIncident) start() (time.Time, bool) {
	if in.Date.Value == nil {
		return time.Time{}, false
	}
	return strikegraph.Date{Value: *in.Date.Value, Precision: strikegraph.DatePrecision(in.Date.Precision)}.Start()
}

type pageInfo struct {
	HasNextPage, HasPreviousPage bool
	StartCursor, EndCursor       *string
}

type incidentPage struct {
	IncidentsConnection struct {
		Edges []struct {
			Cursor string
			Node   oracleIncident
		}
		PageInfo   pageInfo
		TotalCount int
	}
}

// allIncidents reads every incident, pageSize at a time, in the default order.
func allIncidents(t *testing.T, url string, pageSize int) []oracleIncident {
	t.Helper()
	var all []oracleIncident
	var after *string
	for {
		var out incidentPage
		mustQuery(t, url, `query($first: Int, $after: String) { incidentsConnection(first: $first, after: $after) {
			edges { node { `+oracleFields+` } } pageInfo { hasNextPage endCursor } totalCount } }`,
			map[string]any{"first": pageSize, "after": after}, &out)
		for _, e := range out.IncidentsConnection.Edges {
			all = append(all, e.Node)
		}
		if !out.IncidentsConnection.PageInfo.HasNextPage {
			if len(all) != out.IncidentsConnection.TotalCount {
				t.Fatalf("read %d incidents, totalCount %d", len(all), out.IncidentsConnection.TotalCount)
			}
			return all
		}
		after = out.IncidentsConnection.PageInfo.EndCursor
	}
}

// placeAncestors maps each place to itself and every place it lies in.
func placeAncestors(t *testing.T, url string) map[string][]string {
	t.Helper()
	type place struct {
		ID     string
		Within []struct{ ID string }
	}
	var places []place
	for offset := 0; ; offset += 500 {
		var out struct{ Places []place }
		mustQuery(t, url, `query($offset: Int) { places(limit: 500, offset: $offset) { id within { id } } }`, map[string]any{"offset": offset}, &out)
		places = append(places, out.Places...)
		if len(out.Places) < 500 {
			break
		}
	}
	parents := map[string][]string{}
	for _, p := range places {
		for _, w := range p.Within {
			parents[p.ID] = append(parents[p.ID], w.ID)
		}
	}
	ancestors := map[string][]string{}
	for _, p := range places {
		seen := map[string]bool{}
		queue := []string{p.ID}
		for len(queue) > 0 {
			id := queue[0]
			queue = queue[1:]
			if !seen[id] {
				seen[id] = true
				ancestors[p.ID] = append(ancestors[p.ID], id)
				queue = append(queue, parents[id]...)
			}
		}
	}
	return ancestors
}

// checkLists runs every incident filter against the graph at url and compares
// it with the same selection made in Go over the unfiltered incidents.
func checkLists(t *testing.T, url string, g *graphtest.Graph, pageSize int) {
	all := allIncidents(t, url, 100)
	if len(all) == 0 {
		t.Fatal("no incidents")
	}
	ancestors := placeAncestors(t, url)
	inPlace := func(in oracleIncident, place string) bool {
		for _, p := range in.Places {
			if slices.Contains(ancestors[p.Other.ID], place) {
				return true
			}
		}
		return false
	}
	// The busiest place and perpetrator make the most telling filters.
	places, direct, perpetrators := map[string]int{}, map[string]int{}, map[string]int{}
	for _, in := range all {
		for _, p := range in.Places {
			direct[p.Other.ID]++
			for _, a := range ancestors[p.Other.ID] {
				places[a]++
			}
		}
		for _, p := range in.Perpetrators {
			perpetrators[p.ID]++
		}
	}
	// busiest is the id with the highest count short of every incident, which
	// would filter nothing.
	busiest := func(counts map[string]int) string {
		best, bestN := "", 0
		for id, n := range counts {
			if n < len(all) && (n > bestN || n == bestN && id < best) {
				best, bestN = id, n
			}
		}
		return best
	}
	place, perpetrator := busiest(places), busiest(perpetrators)
	// The name of the place most incidents are located at makes a text to
	// search for, in upper case as no source writes it.
	var town struct{ Place struct{ Name string } }
	mustQuery(t, url, `query($id: ID!) { place(id: $id) { name } }`, map[string]any{"id": busiest(direct)}, &town)
	text := strings.ToUpper(town.Place.Name)
	textKey := strikegraph.NameKey(text)
	from, to := time.Date(2016, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2018, 12, 31, 0, 0, 0, 0, time.UTC)
	reportedBy := func(in oracleIncident, kind string) bool {
		return slices.ContainsFunc(in.Claims, func(c oracleClaim) bool {
			return c.Stance == "REPORTED" && (c.Speaker.Kind == kind || c.OnBehalfOf != nil && c.OnBehalfOf.Kind == kind)
		})
	}
	hasStance := func(in oracleIncident, stance string) bool {
		for _, c := range in.Claims {
			if c.Stance == stance {
				return true
			}
		}
		return false
	}
	tollAtLeast := func(in oracleIncident, n int) bool {
		return in.CivilianToll.Highest != nil && *in.CivilianToll.Highest >= n
	}
	dated := func(in oracleIncident) bool {
		d, ok := in.start()
		return ok && !d.Before(from) && !d.After(to)
	}
	cases := []struct {
		name  string
		where map[string]any
		want  func(oracleIncident) bool
	}{
		{"empty", map[string]any{}, func(oracleIncident) bool { return true }},
		{"date range", map[string]any{"date_GTE": "2016", "date_LTE": "2018-12"}, dated},
		{"place and the places within it", map[string]any{"place": place}, func(in oracleIncident) bool { return inPlace(in, place) }},
		{"perpetrator", map[string]any{"perpetrator": perpetrator}, func(in oracleIncident) bool {
			return slices.ContainsFunc(in.Perpetrators, func(p struct{ ID string }) bool { return p.ID == perpetrator })
		}},
		{"stance", map[string]any{"stance": "DENIED"}, func(in oracleIncident) bool { return hasStance(in, "DENIED") }},
		{"kind of reporter", map[string]any{"reporterKind": "MONITOR"}, func(in oracleIncident) bool { return reportedBy(in, "MONITOR") }},
		{"toll", map[string]any{"civilianToll_GTE": 20}, func(in oracleIncident) bool { return tollAtLeast(in, 20) }},
		{"contested", map[string]any{"contested": true}, func(in oracleIncident) bool { return in.Contested }},
		{"scope", map[string]any{"scope_IN": []string{"PERIOD", "SERIES"}}, func(in oracleIncident) bool { return in.Scope != "STRIKE" }},
		{"text in any spelling", map[string]any{"text": text}, func(in oracleIncident) bool {
			for _, n := range append([]string{in.Name}, in.Aliases...) {
				if strings.Contains(strikegraph.NameKey(n), textKey) {
					return true
				}
			}
			lower := strings.ToLower(text)
			return strings.Contains(strings.ToLower(in.Target), lower) || strings.Contains(strings.ToLower(in.Description), lower)
		}},
		{"OR, NOT and AND", map[string]any{
			"OR":  []any{map[string]any{"stance": "DENIED"}, map[string]any{"civilianToll_GTE": 20}},
			"NOT": map[string]any{"scope_IN": []string{"PERIOD"}},
			"AND": []any{map[string]any{"place": place}},
		}, func(in oracleIncident) bool {
			return (hasStance(in, "DENIED") || tollAtLeast(in, 20)) && in.Scope != "PERIOD" && inPlace(in, place)
		}},
		{"NOT of a date keeps the undated", map[string]any{"NOT": map[string]any{"date_GTE": "2016", "date_LTE": "2018-12"}}, func(in oracleIncident) bool { return !dated(in) }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var want []string
			for _, in := range all {
				if c.want(in) {
					want = append(want, in.ID)
				}
			}
			if c.name != "empty" && (len(want) == 0 || len(want) == len(all)) {
				t.Errorf("the case selects %d of %d incidents, which tests nothing", len(want), len(all))
			}
			got := walk(t, url, c.where, nil, pageSize)
			if !slices.Equal(got, want) {
				t.Errorf("where %v:\n got %d %v\nwant %d %v", c.where, len(got), head(got), len(want), head(want))
			}
		})
	}

	t.Run("sorted by toll, deadliest first, then by date", func(t *testing.T) {
		want := slices.Clone(all)
		slices.SortStableFunc(want, func(a, b oracleIncident) int {
			switch {
			case a.CivilianToll.Highest == nil || b.CivilianToll.Highest == nil:
				return cmp.Compare(boolInt(a.CivilianToll.Highest == nil), boolInt(b.CivilianToll.Highest == nil))
			}
			return cmp.Compare(*b.CivilianToll.Highest, *a.CivilianToll.Highest)
		})
		got := walk(t, url, nil, []any{map[string]any{"civilianToll": "DESC"}}, pageSize)
		if !slices.Equal(got, incidentIDs(want)) {
			t.Errorf("got %v\nwant %v", head(got), head(incidentIDs(want)))
		}
	})

	t.Run("nested lists take the same filters", func(t *testing.T) {
		var out struct {
			Actor struct {
				CarriedOut []struct{ ID string }
				Claims     []struct{ Stance string }
			}
		}
		mustQuery(t, url, `query($id: ID!) { actor(id: $id) {
			carriedOut(where: {civilianToll_GTE: 20}) { id }
			claims(where: {stance_IN: [DENIED]}) { stance } } }`, map[string]any{"id": perpetrator}, &out)
		var want, got []string
		denials := 0
		for _, in := range all {
			if slices.ContainsFunc(in.Perpetrators, func(p struct{ ID string }) bool { return p.ID == perpetrator }) && tollAtLeast(in, 20) {
				want = append(want, in.ID)
			}
			for _, c := range in.Claims {
				if c.Stance == "DENIED" && c.source() == perpetrator {
					denials++
				}
			}
		}
		for _, in := range out.Actor.CarriedOut {
			got = append(got, in.ID)
		}
		slices.Sort(want)
		slices.Sort(got)
		if !slices.Equal(got, want) || len(want) == 0 {
			t.Errorf("carriedOut(where) = %s, want %s", head(got), head(want))
		}
		if len(out.Actor.Claims) != denials || slices.ContainsFunc(out.Actor.Claims, func(c struct{ Stance string }) bool { return c.Stance != "DENIED" }) {
			t.Errorf("claims(where: DENIED): %d claims, want %d denials", len(out.Actor.Claims), denials)
		}
	})

	t.Run("timeline", func(t *testing.T) {
		for _, by := range []string{"DAY", "WEEK", "MONTH"} {
			type bucket struct {
				Start                                                           string
				Incidents, IncidentsWithToll, CiviliansLowest, CiviliansHighest int
			}
			want := map[string]*bucket{}
			var periods, imprecise, undated int
			for _, in := range all {
				if !dated(in) {
					continue
				}
				d, _ := in.start()
				precise := in.Date.Precision == "DAY" || in.Date.Precision == "APPROXIMATE" || by == "MONTH" && in.Date.Precision == "MONTH"
				switch {
				case in.Scope == "PERIOD":
					periods++
					continue
				case !precise:
					imprecise++
					continue
				case by == "WEEK":
					d = d.AddDate(0, 0, -(int(d.Weekday())+6)%7)
				case by == "MONTH":
					d = d.AddDate(0, 0, 1-d.Day())
				}
				key := d.Format(time.DateOnly)
				if want[key] == nil {
					want[key] = &bucket{Start: key}
				}
				b := want[key]
				b.Incidents++
				if in.CivilianToll.Lowest != nil {
					b.IncidentsWithToll++
					b.CiviliansLowest += *in.CivilianToll.Lowest
					b.CiviliansHighest += *in.CivilianToll.Highest
				}
			}
			var out struct {
				Timeline struct {
					Buckets                     []bucket
					Periods, Imprecise, Undated int
				}
			}
			mustQuery(t, url, `query($by: TimeBucket!) { timeline(by: $by, where: {date_GTE: "2016", date_LTE: "2018-12"}) {
				buckets { start incidents incidentsWithToll civiliansLowest civiliansHighest } periods imprecise undated } }`,
				map[string]any{"by": by}, &out)
			tl := out.Timeline
			if tl.Periods != periods || tl.Imprecise != imprecise || tl.Undated != undated {
				t.Errorf("%s: periods, imprecise, undated %d %d %d, want %d %d %d", by, tl.Periods, tl.Imprecise, tl.Undated, periods, imprecise, undated)
			}
			if len(tl.Buckets) != len(want) || len(want) == 0 {
				t.Errorf("%s: %d buckets, want %d", by, len(tl.Buckets), len(want))
			}
			for i, b := range tl.Buckets {
				if w := want[b.Start]; w == nil || *w != b {
					t.Errorf("%s: bucket %+v, want %+v", by, b, w)
				}
				if i > 0 && b.Start <= tl.Buckets[i-1].Start {
					t.Errorf("%s: bucket %s after %s", by, b.Start, tl.Buckets[i-1].Start)
				}
			}
		}
	})

	t.Run("totals per reporter and per belligerent", func(t *testing.T) {
		type total struct{ Incidents, Reports, IncidentsWithToll, CiviliansLowest, CiviliansHighest, Denied int }
		reporters, belligerents := map[string]*total{}, map[string]*total{}
		for _, in := range all {
			if !dated(in) || in.Scope == "PERIOD" {
				continue
			}
			type span struct{ low, high *int }
			own := map[string]*span{}
			for _, c := range in.Claims {
				if c.Stance != "REPORTED" {
					continue
				}
				s := c.source()
				if own[s] == nil {
					own[s] = &span{}
					if reporters[s] == nil {
						reporters[s] = &total{}
					}
					reporters[s].Incidents++
				}
				reporters[s].Reports++
				if f := c.Figures.CiviliansKilled; f != nil {
					low, high := cmp.Or(f.Min, f.Max), cmp.Or(f.Max, f.Min)
					if own[s].low == nil || *low < *own[s].low {
						own[s].low = low
					}
					if own[s].high == nil || *high > *own[s].high {
						own[s].high = high
					}
				}
			}
			for s, sp := range own {
				if sp.low != nil {
					reporters[s].IncidentsWithToll++
					reporters[s].CiviliansLowest += *sp.low
					reporters[s].CiviliansHighest += *sp.high
				}
			}
			for _, p := range in.Perpetrators {
				if belligerents[p.ID] == nil {
					belligerents[p.ID] = &total{}
				}
				b := belligerents[p.ID]
				b.Incidents++
				if in.CivilianToll.Lowest != nil {
					b.IncidentsWithToll++
					b.CiviliansLowest += *in.CivilianToll.Lowest
					b.CiviliansHighest += *in.CivilianToll.Highest
				}
				if slices.ContainsFunc(in.Claims, func(c oracleClaim) bool {
					return c.Stance == "DENIED" && (c.source() == p.ID || c.Speaker.ID == p.ID)
				}) {
					b.Denied++
				}
			}
		}
		var out struct {
			ReporterTotals []struct {
				Reporter struct{ ID string }
				total
			}
			BelligerentTotals []struct {
				Belligerent struct{ ID string }
				total
			}
		}
		mustQuery(t, url, `{
			reporterTotals(where: {date_GTE: "2016", date_LTE: "2018-12"}, first: 500) { reporter { id } incidents reports incidentsWithToll civiliansLowest civiliansHighest }
			belligerentTotals(where: {date_GTE: "2016", date_LTE: "2018-12"}, first: 500) { belligerent { id } incidents incidentsWithToll civiliansLowest civiliansHighest denied }
		}`, nil, &out)
		// At most 500 rows come back: each must be right, and the first
		// must have reported the most incidents.
		if len(out.ReporterTotals) != min(len(reporters), 500) || len(reporters) == 0 {
			t.Errorf("%d reporters, want %d", len(out.ReporterTotals), min(len(reporters), 500))
		}
		most := 0
		for _, r := range reporters {
			most = max(most, r.Incidents)
		}
		if len(out.ReporterTotals) > 0 && out.ReporterTotals[0].Incidents != most {
			t.Errorf("the first reporter has %d incidents, the most any has is %d", out.ReporterTotals[0].Incidents, most)
		}
		for i, r := range out.ReporterTotals {
			if w := reporters[r.Reporter.ID]; w == nil || *w != r.total {
				t.Errorf("reporter %s: %+v, want %+v", r.Reporter.ID, r.total, w)
			}
			if i > 0 && r.Incidents > out.ReporterTotals[i-1].Incidents {
				t.Errorf("reporter %s out of order", r.Reporter.ID)
			}
		}
		if len(out.BelligerentTotals) != min(len(belligerents), 500) || len(belligerents) == 0 {
			t.Errorf("%d belligerents, want %d", len(out.BelligerentTotals), min(len(belligerents), 500))
		}
		for _, b := range out.BelligerentTotals {
			if w := belligerents[b.Belligerent.ID]; w == nil || *w != b.total {
				t.Errorf("belligerent %s: %+v, want %+v", b.Belligerent.ID, b.total, w)
			}
		}
	})

	t.Run("over the limits, no query is sent", func(t *testing.T) {
		deep := map[string]any{}
		for range 10 {
			deep = map[string]any{"NOT": deep}
		}
		for q, vars := range map[string]map[string]any{
			`query($v: Int) { incidentsConnection(first: $v) { totalCount } }`:                     {"v": strikegraph.MaxPageSize + 1},
			`query($v: Int) { incidents(limit: $v) { id } }`:                                       {"v": -1},
			`query($v: String) { incidentsConnection(after: $v) { totalCount } }`:                  {"v": "not a cursor"},
			`query($v: Int) { incidentsConnection(first: $v, last: 2) { totalCount } }`:            {"v": 2},
			`query($v: String) { incidents(where: {date_GTE: $v}) { id } }`:                        {"v": "17 November"},
			`query($v: IncidentWhere) { incidents(where: $v) { id } }`:                             {"v": deep},
			`query($v: [IncidentSort!]) { incidents(sort: $v) { id } }`:                            {"v": []any{map[string]any{"date": "ASC", "name": "DESC"}}},
			`query($v: String) { claimsConnection(where: {incidentDate_LTE: $v}) { totalCount } }`: {"v": "2018-13"},
			`query($v: String) { actorsConnection(where: {text: $v}) { totalCount } }`:             {"v": " - "},
		} {
			before := g.RoundTrips()
			errs := query(t, url, q, vars, nil)
			if len(errs) != 1 || errs[0].Extensions["code"] != strikegraph.ECodeInvalid {
				t.Errorf("%s %v: errors %+v, want one %s", q, vars, errs, strikegraph.ECodeInvalid)
			}
			if sent := g.RoundTrips() - before; sent != 0 {
				t.Errorf("%s %v: sent %d queries, want none", q, vars, sent)
			}
		}
	})
}

// walk pages through incidents forward with first/after and back with
// last/before, checks that both ways give every item exactly once and agree,
// and returns the ids in order.
func walk(t *testing.T, url string, where map[string]any, sort []any, pageSize int) []string {
	t.Helper()
	const q = `query($where: IncidentWhere, $sort: [IncidentSort!], $first: Int, $after: String, $last: Int, $before: String) {
		incidentsConnection(where: $where, sort: $sort, first: $first, after: $after, last: $last, before: $before) {
			edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } totalCount } }`
	page := func(vars map[string]any) ([]string, pageInfo, int) {
		vars["where"], vars["sort"] = where, sort
		var out struct {
			IncidentsConnection struct {
				Edges []struct {
					Cursor string
					Node   struct{ ID string }
				}
				PageInfo   pageInfo
				TotalCount int
			}
		}
		mustQuery(t, url, q, vars, &out)
		c := out.IncidentsConnection
		var ids []string
		for _, e := range c.Edges {
			ids = append(ids, e.Node.ID)
		}
		if len(c.Edges) > 0 && (*c.PageInfo.StartCursor != c.Edges[0].Cursor || *c.PageInfo.EndCursor != c.Edges[len(c.Edges)-1].Cursor) {
			t.Errorf("pageInfo cursors %v do not match the edges'", c.PageInfo)
		}
		return ids, c.PageInfo, c.TotalCount
	}
	var forward []string
	var after any
	total := -1
	for {
		ids, info, n := page(map[string]any{"first": pageSize, "after": after})
		total = n
		if len(ids) > pageSize {
			t.Fatalf("a page of %d asked for %d", len(ids), pageSize)
		}
		forward = append(forward, ids...)
		if !info.HasNextPage {
			break
		}
		if len(ids) == 0 || len(forward) > total {
			t.Fatalf("hasNextPage with %d of %d read", len(forward), total)
		}
		after = *info.EndCursor
	}
	var backward []string
	var before any
	for {
		ids, info, _ := page(map[string]any{"last": pageSize, "before": before})
		backward = append(slices.Clone(ids), backward...)
		if !info.HasPreviousPage {
			break
		}
		if len(ids) == 0 || len(backward) > total {
			t.Fatalf("hasPreviousPage with %d of %d read", len(backward), total)
		}
		before = *info.StartCursor
	}
	if len(forward) != total {
		t.Errorf("forward walk read %d items, totalCount %d", len(forward), total)
	}
	seen := map[string]bool{}
	for _, id := range forward {
		if seen[id] {
			t.Errorf("%s read twice", id)
		}
		seen[id] = true
	}
	if !slices.Equal(forward, backward) {
		t.Errorf("forward and backward walks differ:\n%v\n%v", head(forward), head(backward))
	}
	return forward
}

func incidentIDs(ins []oracleIncident) []string {
	out := make([]string, len(ins))
	for i, in := range ins {
		out[i] = in.ID
	}
	return out
}

func head(ids []string) string {
	if len(ids) > 12 {
		return fmt.Sprintf("%v … (%d more)", ids[:12], len(ids)-12)
	}
	return fmt.Sprint(ids)
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
