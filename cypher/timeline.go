package cypher

import (
	"context"

	"github.com/strikegraph/strikegraph"
)

// FindTimeline counts the incidents f selects per day, week or month.
func (db *DB) FindTimeline(ctx context.Context, by strikegraph.TimeBucket, f strikegraph.Filter) (strikegraph.Timeline, error) {
	params := listParams(strikegraph.List{Filter: f})
	params["by"] = string(by)
	recs, err := db.read(ctx, "incident_timeline", params)
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
