package strikegraph

import "context"

// TimeBucket is the span a timeline counts by.
type TimeBucket string

const (
	BucketDay   TimeBucket = "DAY"
	BucketWeek  TimeBucket = "WEEK" // from Monday
	BucketMonth TimeBucket = "MONTH"
)

// Timeline counts incidents and their reported civilian tolls per day, week
// or month. An incident counts in the bucket of its date when the date is
// that precise: a date known to the month is in no week. PERIOD incidents,
// whose cumulative figures would count the strikes within them again, are in
// no bucket.
type Timeline struct {
	By      TimeBucket
	Buckets []TimelineBucket // in order; spans without incidents are left out
	// Incidents the filter selects that are in no bucket, and why.
	Periods   int // PERIOD incidents
	Imprecise int // dated less precisely than the bucket
	Undated   int
}

// TimelineBucket is one day, week or month of a Timeline.
type TimelineBucket struct {
	Start     string // its first day, YYYY-MM-DD
	Incidents int
	// Sums over the bucket's incidents of each one's civilian toll range
	// (see CivilianToll), and how many incidents and reports give one.
	CiviliansLowest   int
	CiviliansHighest  int
	IncidentsWithToll int
	Reports           int
}

// TimelineService counts incidents over time.
type TimelineService interface {
	// FindTimeline returns the timeline of the incidents where selects.
	FindTimeline(ctx context.Context, by TimeBucket, where *IncidentWhere) (Timeline, error)
}
