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
}

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

// PlaceService finds places and what happened near them.
type PlaceService interface {
	FindPlaces(ctx context.Context) ([]*Place, error)
	// FindIncidentsNearPlaceIDs returns, per place, the incidents in or near
	// it, in places within it, or in places near it; the closest relation
	// first when one incident qualifies several ways.
	FindIncidentsNearPlaceIDs(ctx context.Context, ids []string) (map[string][]IncidentNearPlace, error)
}
