package cypher

import (
	"context"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/strikegraph/strikegraph"
)

// FindPlaces returns every place by name.
func (db *DB) FindPlaces(ctx context.Context) ([]*strikegraph.Place, error) {
	return findEntities[strikegraph.Place](ctx, db, "find_places", nil)
}

// FindIncidentsNearPlaceIDs returns, per place, the incidents in or near it,
// in places within it, or in places near it.
func (db *DB) FindIncidentsNearPlaceIDs(ctx context.Context, ids []string) (map[string][]strikegraph.IncidentNearPlace, error) {
	recs, err := db.read(ctx, "find_incidents_near_place_ids", map[string]any{"ids": ids})
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
		GeoSource: str(props, "geoSource"),
	}
	if pt, ok := props["location"].(neo4j.Point2D); ok {
		p.Latitude, p.Longitude = &pt.Y, &pt.X
	}
	return p
}
