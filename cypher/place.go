package cypher

import (
	"context"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/strikegraph/strikegraph"
)

// FindIncidentsNearPlaceIDs returns, per place, the incidents in or near it,
// in places within it, or in places near it.
func (db *DB) FindIncidentsNearPlaceIDs(ctx context.Context, ids []string) (map[string][]strikegraph.IncidentNearPlace, error) {
	recs, err := db.read(ctx, findIncidentsNearPlaceIDs, map[string]any{"ids": ids})
	if err != nil {
		return nil, err
	}
	out := map[string][]strikegraph.IncidentNearPlace{}
	for _, rec := range recs {
		m := rec.AsMap()
		key := m["key"].(string)
		out[key] = append(out[key], strikegraph.IncidentNearPlace{
			IncidentID: m["incident"].(string),
			Proximity:  strikegraph.Proximity(m["proximity"].(string)),
			ViaID:      m["via"].(string),
		})
	}
	return out, nil
}

// WGS-84 in Neo4j's spatial reference ids.
const wgs84 = 4326

// anywhere is a radius in metres that takes in the whole Earth: on Neo4j's
// WGS-84 sphere, a point is 20 037.5 km from its antipode.
const anywhere = 21e6

func placeProps(p *strikegraph.Place) map[string]any {
	props := nameProps(p.ID, p.Name, p.Aliases, p.Description)
	props["kind"] = string(p.Kind)
	props["geoPrecision"] = string(p.GeoPrecision)
	props["geoSource"] = p.GeoSource
	if p.Latitude != nil {
		props["location"] = neo4j.Point2D{X: *p.Longitude, Y: *p.Latitude, SpatialRefId: wgs84}
	}
	return props
}

func placeFromProps(props map[string]any) *strikegraph.Place {
	p := &strikegraph.Place{
		ID: str(props, "id"), Name: str(props, "name"), Aliases: strs(props, "aliases"), Description: str(props, "description"),
		Kind: strikegraph.PlaceKind(str(props, "kind")), GeoPrecision: strikegraph.GeoPrecision(str(props, "geoPrecision")),
		GeoSource: str(props, "geoSource"), Provenance: provenanceOf(props),
	}
	if pt, ok := props["location"].(neo4j.Point2D); ok {
		p.Latitude, p.Longitude = &pt.Y, &pt.X
	}
	return p
}

// FindPlacesNear returns the first places nearest to near, within its radius.
func (db *DB) FindPlacesNear(ctx context.Context, near strikegraph.Near, first int) ([]strikegraph.PlaceDistance, error) {
	params, err := db.nearParams(ctx, near, first)
	if err != nil {
		return nil, err
	}
	params["exclude"] = near.PlaceID
	recs, err := db.read(ctx, findPlaceDistances, params)
	if err != nil {
		return nil, err
	}
	out := make([]strikegraph.PlaceDistance, 0, len(recs))
	for _, rec := range recs {
		out = append(out, strikegraph.PlaceDistance{Place: entity(rec).(*strikegraph.Place), DistanceKm: km(rec)})
	}
	return out, nil
}

// FindIncidentsNear returns the first incidents nearest to near, within its
// radius, each by the closest of its places.
func (db *DB) FindIncidentsNear(ctx context.Context, near strikegraph.Near, first int) ([]strikegraph.IncidentDistance, error) {
	params, err := db.nearParams(ctx, near, first)
	if err != nil {
		return nil, err
	}
	recs, err := db.read(ctx, findIncidentDistances, params)
	if err != nil {
		return nil, err
	}
	out := make([]strikegraph.IncidentDistance, 0, len(recs))
	for _, rec := range recs {
		out = append(out, strikegraph.IncidentDistance{
			Incident: entity(rec).(*strikegraph.Incident), PlaceID: rec.AsMap()["place"].(string), DistanceKm: km(rec),
		})
	}
	return out, nil
}

// nearParams validates a search around near and returns its point, radius
// and limit. A place's coordinates cost one round trip.
func (db *DB) nearParams(ctx context.Context, near strikegraph.Near, first int) (map[string]any, error) {
	if err := near.Validate(first); err != nil {
		return nil, err
	}
	lat, lon := near.Latitude, near.Longitude
	if near.PlaceID != "" {
		found, err := db.FindEntitiesByIDs(ctx, []string{near.PlaceID})
		if err != nil {
			return nil, err
		}
		p, ok := found[near.PlaceID].(*strikegraph.Place)
		if !ok {
			return nil, strikegraph.NotFoundf("no place %q", near.PlaceID)
		}
		if p.Latitude == nil {
			return nil, strikegraph.Invalidf("near.placeId", "place %q has no coordinates; give latitude and longitude instead", near.PlaceID)
		}
		lat, lon = p.Latitude, p.Longitude
	}
	meters := anywhere
	if near.RadiusKm != nil {
		meters = *near.RadiusKm * 1000
	}
	return map[string]any{
		"point":  neo4j.Point2D{X: *lon, Y: *lat, SpatialRefId: wgs84},
		"meters": meters,
		"first":  first,
	}, nil
}

func km(rec *neo4j.Record) float64 { return rec.AsMap()["meters"].(float64) / 1000 }
