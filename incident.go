package strikegraph

import "context"

// IncidentScope separates a single strike from what sources count over an area
// and a period: "191 civilians since 10 September" is not one strike.
type IncidentScope string

const (
	ScopeStrike IncidentScope = "STRIKE" // one strike or one attack
	ScopeSeries IncidentScope = "SERIES" // strikes on one occasion that sources describe together
	ScopePeriod IncidentScope = "PERIOD" // an area over a period: cumulative figures
)

// Incident is something that happened, about which claims are made. Its places,
// perpetrators and targets are relations (LOCATED_IN, LOCATED_NEAR, CARRIED_OUT,
// TARGETED); what was said about it are claims.
type Incident struct {
	ID          string        `json:"id"`
	Name        string        `json:"name"`
	Aliases     []string      `json:"aliases,omitempty"`
	Scope       IncidentScope `json:"scope"`
	Date        Date          `json:"date"`
	Until       *Date         `json:"until,omitempty"`  // end of a PERIOD, or of a SERIES over several days
	Target      string        `json:"target,omitempty"` // what was hit, as sources describe it: "a bakery"
	Description string        `json:"description,omitempty"`
}

// IncidentService finds incidents.
type IncidentService interface {
	// FindIncidents returns every incident, oldest first, undated last.
	FindIncidents(ctx context.Context) ([]*Incident, error)
	// FindContestedIncidents returns the incidents for which a civilian toll
	// was reported and a denial was made (see Contested).
	FindContestedIncidents(ctx context.Context) ([]*Incident, error)
}

// TollRange is the spread of the figures reported for one incident.
type TollRange struct {
	Lowest    *int
	Highest   *int
	Reports   int
	Reporters int
}

// CivilianToll returns the spread of the civilian tolls in claims: the lowest
// lower bound, the highest bound, and how many reports and distinct sources
// give one. A spokesperson counts as the organisation it speaks for.
func CivilianToll(claims []*Claim) TollRange {
	return tollRange(claims, func(fs Figures) *Figure { return fs.CiviliansKilled })
}

// Toll is CivilianToll over every death toll: civilians, or people whose
// status the source did not state.
func Toll(claims []*Claim) TollRange {
	return tollRange(claims, func(fs Figures) *Figure {
		if fs.CiviliansKilled != nil {
			return fs.CiviliansKilled
		}
		return fs.Killed
	})
}

func tollRange(claims []*Claim, figure func(Figures) *Figure) TollRange {
	var t TollRange
	sources := map[string]bool{}
	for _, c := range claims {
		f := figure(c.Figures)
		if c.Stance != StanceReported || f == nil {
			continue
		}
		t.Reports++
		sources[c.Source()] = true
		low, high := f.Min, f.Max
		if low == nil {
			low = high
		}
		if high == nil {
			high = low
		}
		if t.Lowest == nil || *low < *t.Lowest {
			t.Lowest = low
		}
		if t.Highest == nil || *high > *t.Highest {
			t.Highest = high
		}
	}
	t.Reporters = len(sources)
	return t
}

// Contested tells whether claims report civilian harm and deny it: a civilian,
// child or women's toll or injuries reported, and a denial of any kind.
func Contested(claims []*Claim) bool {
	var harmed, denied bool
	for _, c := range claims {
		switch c.Stance {
		case StanceReported:
			fs := c.Figures
			harmed = harmed || fs.CiviliansKilled != nil || fs.ChildrenKilled != nil || fs.WomenKilled != nil || fs.Injured != nil
		case StanceDenied:
			denied = true
		}
	}
	return harmed && denied
}
