package cypher

import (
	"context"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/strikegraph/strikegraph"
)

// FindTimeline counts the incidents where selects per day, week or month.
func (db *DB) FindTimeline(ctx context.Context, by strikegraph.TimeBucket, where *strikegraph.IncidentWhere) (strikegraph.Timeline, error) {
	recs, err := db.readAfterIncidents(ctx, incidentTimeline, where, map[string]any{"by": string(by), "settlements": settlements()})
	if err != nil {
		return strikegraph.Timeline{}, err
	}
	t := strikegraph.Timeline{By: by, Buckets: []strikegraph.TimelineBucket{}}
	for _, rec := range recs {
		m := rec.AsMap()
		incidents := count(m, "incidents")
		switch m["kind"] {
		case "PERIOD":
			t.Periods += incidents
		case "IMPRECISE":
			t.Imprecise += incidents
		case "UNDATED":
			t.Undated += incidents
		default:
			t.Buckets = append(t.Buckets, strikegraph.TimelineBucket{
				Start: m["bucket"].(string), Incidents: incidents, Reports: count(m, "reports"),
				CiviliansLowest: count(m, "lowest"), CiviliansHighest: count(m, "highest"), IncidentsWithToll: count(m, "withToll"),
			})
		}
	}
	return t, nil
}

// count reads an integer a query counted or summed.
func count(m map[string]any, key string) int {
	n, _ := m[key].(int64)
	return int(n)
}

// readAfterIncidents runs a query that follows an incident filter: the
// filter's Cypher binds n to each incident where selects, and the query
// name goes on from there.
func (db *DB) readAfterIncidents(ctx context.Context, q query, where *strikegraph.IncidentWhere, params map[string]any) ([]*neo4j.Record, error) {
	s := newStatement()
	way, err := s.incidentMatch(where)
	if err != nil {
		return nil, err
	}
	for k, v := range params {
		s.params[k] = v
	}
	return db.read(ctx, query{name: q.name, text: way.match + "\n" + q.text}, s.params)
}
