package strikegraph

import "context"

// PlaceKind is what sort of place a Place is.
type PlaceKind string

const (
	PlaceCountry  PlaceKind = "COUNTRY"
	PlaceProvince PlaceKind = "PROVINCE" // governorate
	PlaceCity     PlaceKind = "CITY"
	PlaceTown     PlaceKind = "TOWN"
	PlaceVillage  PlaceKind = "VILLAGE"
	PlaceArea     PlaceKind = "AREA" // a named area without borders: "the Baghouz pocket"
	PlaceSite     PlaceKind = "SITE" // a building or installation
)

// GeoPrecision says how exactly a place's coordinates locate it, after the
// accuracy levels casualty monitors use.
type GeoPrecision string

const (
	GeoCountry  GeoPrecision = "COUNTRY"
	GeoProvince GeoPrecision = "PROVINCE"
	GeoTown     GeoPrecision = "TOWN"
	GeoVillage  GeoPrecision = "VILLAGE"
	GeoStreet   GeoPrecision = "STREET"
	GeoExact    GeoPrecision = "EXACT"
)

// Place is somewhere an incident happened or that a source names.
type Place struct {
	ID           string       `json:"id"`
	Name         string       `json:"name"`
	Aliases      []string     `json:"aliases,omitempty"`
	Kind         PlaceKind    `json:"kind"`
	Latitude     *float64     `json:"latitude,omitempty"`
	Longitude    *float64     `json:"longitude,omitempty"`
	GeoPrecision GeoPrecision `json:"geoPrecision,omitempty"`
	GeoSource    string       `json:"geoSource,omitempty"` // where the coordinates come from
	Description  string       `json:"description,omitempty"`
	Provenance   Provenance   `json:"-"`
}

// Validate checks the place as field of a document, but for its id: its
// names, its kind, its coordinates and their precision.
func (p *Place) Validate(field string) error {
	if err := validName(field, p.Name, p.Aliases); err != nil {
		return err
	}
	if !oneOf(p.Kind, PlaceCountry, PlaceProvince, PlaceCity, PlaceTown, PlaceVillage, PlaceArea, PlaceSite) {
		return Invalidf(field+".kind", "unknown place kind %q", p.Kind)
	}
	if (p.Latitude == nil) != (p.Longitude == nil) {
		return Invalidf(field, "latitude and longitude go together")
	}
	if p.Latitude != nil {
		if *p.Latitude < -90 || *p.Latitude > 90 {
			return Invalidf(field+".latitude", "%v is out of range [-90, 90]", *p.Latitude)
		}
		if *p.Longitude < -180 || *p.Longitude > 180 {
			return Invalidf(field+".longitude", "%v is out of range [-180, 180]", *p.Longitude)
		}
		if !oneOf(p.GeoPrecision, GeoCountry, GeoProvince, GeoTown, GeoVillage, GeoStreet, GeoExact) {
			return Invalidf(field+".geoPrecision", "coordinates need a precision, got %q", p.GeoPrecision)
		}
	}
	return validText(field+".description", p.Description)
}

// GeoPrecisionIfAny is GeoPrecision, nil when unknown.
func (p *Place) GeoPrecisionIfAny() *GeoPrecision { return ifAny(p.GeoPrecision) }

// Proximity is how an incident relates to a place asked about.
type Proximity string

const (
	ProximityIn     Proximity = "IN"     // located in the place
	ProximityNear   Proximity = "NEAR"   // located near the place
	ProximityWithin Proximity = "WITHIN" // located in or near a place that lies within it
	ProximityNearby Proximity = "NEARBY" // located in a place near it
)

// IncidentNearPlace is an incident found near a place, and how.
type IncidentNearPlace struct {
	IncidentID string
	Proximity  Proximity
	ViaID      string
}

// Limits of a search around a point.
const (
	MaxRadiusKm = 20000 // about half the Earth's circumference
	MaxNear     = 500   // the most places or incidents one search returns
)

// Near is the centre of a search, given as coordinates or as a place's id,
// with an optional radius: without one, the nearest are found wherever they
// are.
type Near struct {
	Latitude  *float64
	Longitude *float64
	PlaceID   string
	RadiusKm  *float64
}

// Validate checks a search around near for the first results.
func (n Near) Validate(first int) error {
	coords := n.Latitude != nil || n.Longitude != nil
	switch {
	case coords && n.PlaceID != "":
		return Invalidf("near", "give either coordinates or a place, not both")
	case !coords && n.PlaceID == "":
		return Invalidf("near", "give coordinates or a place")
	case coords && (n.Latitude == nil || n.Longitude == nil):
		return Invalidf("near", "latitude and longitude go together")
	}
	// Written so that NaN fails too.
	if coords && !(*n.Latitude >= -90 && *n.Latitude <= 90) {
		return Invalidf("near.latitude", "%v is out of range [-90, 90]", *n.Latitude)
	}
	if coords && !(*n.Longitude >= -180 && *n.Longitude <= 180) {
		return Invalidf("near.longitude", "%v is out of range [-180, 180]", *n.Longitude)
	}
	if n.RadiusKm != nil && !(*n.RadiusKm > 0 && *n.RadiusKm <= MaxRadiusKm) {
		return Invalidf("near.radiusKm", "%v is out of range (0, %d]", *n.RadiusKm, MaxRadiusKm)
	}
	if first < 1 || first > MaxNear {
		return Invalidf("first", "%d is out of range [1, %d]", first, MaxNear)
	}
	return nil
}

// PlaceDistance is a place found near a point.
type PlaceDistance struct {
	Place      *Place
	DistanceKm float64
}

// IncidentDistance is an incident found near a point, by the closest of the
// places it is located in or near (PlaceID).
type IncidentDistance struct {
	Incident   *Incident
	PlaceID    string
	DistanceKm float64
}

// PlaceService finds places and what happened near them.
type PlaceService interface {
	// FindPlaces returns a page of places.
	FindPlaces(ctx context.Context, q ListQuery[PlaceWhere]) (Slice[Place], error)
	// FindLinkedPlaces returns, per entity of l, the places at the other end
	// of its edges that where selects (all when nil), by id.
	FindLinkedPlaces(ctx context.Context, l Linked, where *PlaceWhere) (map[string][]*Place, error)
	// FindIncidentsNearPlaceIDs returns, per place, the incidents in or near
	// it, in places within it, or in places near it; the closest relation
	// first when one incident qualifies several ways.
	FindIncidentsNearPlaceIDs(ctx context.Context, ids []string) (map[string][]IncidentNearPlace, error)
	// FindPlacesNear returns the first places with coordinates nearest to
	// near, within its radius; a place searched around is not its own
	// neighbour.
	FindPlacesNear(ctx context.Context, near Near, first int) ([]PlaceDistance, error)
	// FindIncidentsNear returns the first incidents nearest to near, within
	// its radius, each once: an incident is as far as the closest place with
	// coordinates it is LOCATED_IN or LOCATED_NEAR. Incidents of a place
	// searched around are at 0 km.
	FindIncidentsNear(ctx context.Context, near Near, first int) ([]IncidentDistance, error)
}

// PlaceWhere selects places: every field given must hold, and AND, OR and
// NOT combine inputs.
type PlaceWhere struct {
	AND []*PlaceWhere
	OR  []*PlaceWhere
	NOT *PlaceWhere

	IDIn   []string
	KindIn []PlaceKind
	Within *string // lies within the place, directly or not
	Text   *string // in a name or alias (any spelling) or the description
}

// Validate checks the filter and every filter nested in it.
func (w *PlaceWhere) Validate() error {
	if w == nil {
		return nil
	}
	return validate(w)
}

func (w *PlaceWhere) children() []filterNode { return children(w.AND, w.OR, w.NOT) }

func (w *PlaceWhere) check() (int, error) {
	var c fieldCheck
	c.ids(w.IDIn)
	c.set(w.KindIn != nil)
	c.set(w.Within != nil)
	c.text(w.Text)
	return c.result()
}

// PlaceSort orders places by one field.
type PlaceSort struct {
	Name *SortDirection
}

func (s *PlaceSort) fields() map[string]*SortDirection {
	return map[string]*SortDirection{"name": s.Name}
}
