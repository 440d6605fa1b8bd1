package strikegraph

import "context"

// ReporterTotal sums what one source reported about the incidents a filter
// selects. A source is an actor, or the organisation a spokesperson speaks
// for. Its civilian tolls are summed over incidents, taking for each incident
// the lowest and highest figure the source itself gave. Totals leave PERIOD
// incidents out: their cumulative figures would count strikes again.
type ReporterTotal struct {
	ReporterID        string
	Incidents         int // incidents it reported
	Reports           int
	IncidentsWithToll int // incidents for which it gave a civilian toll
	CiviliansLowest   int
	CiviliansHighest  int
}

// BelligerentTotal sums the incidents one actor is said to have carried out,
// among those a filter selects. Civilian tolls are each incident's range
// across every source (see CivilianToll), summed.
type BelligerentTotal struct {
	BelligerentID     string
	Incidents         int
	IncidentsWithToll int
	CiviliansLowest   int
	CiviliansHighest  int
	Denied            int // incidents about which it, or a spokesperson for it, denied something
}

// MaxTotals is the most rows a totals query gives.
const MaxTotals = 500

// TotalsService sums incidents per reporter and per belligerent.
type TotalsService interface {
	// FindReporterTotals returns the first sources by incidents reported.
	// With subordinates, a source's row also counts what its subordinates
	// reported.
	FindReporterTotals(ctx context.Context, where *IncidentWhere, first int, subordinates bool) ([]ReporterTotal, error)
	// FindBelligerentTotals returns the first belligerents by incidents
	// carried out. With subordinates, a belligerent's row also counts what
	// its subordinates (see ActorService.FindSubordinates) carried out and
	// denied.
	FindBelligerentTotals(ctx context.Context, where *IncidentWhere, first int, subordinates bool) ([]BelligerentTotal, error)
}

// checkFirst checks how many rows a query asks for.
func checkFirst(first, most int) error {
	if first < 1 || first > most {
		return Invalidf("first", "give between 1 and %d", most)
	}
	return nil
}

// CheckTotals checks the arguments of a totals query.
func CheckTotals(first int) error { return checkFirst(first, MaxTotals) }
