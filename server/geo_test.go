package server_test

import (
	"math"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/strikegraph/strikegraph/internal/graphtest"
	"github.com/strikegraph/strikegraph/server"
)

// haversineKm is the great-circle distance on Neo4j's sphere.
func haversineKm(lat1, lon1, lat2, lon2 float64) float64 {
	const r = 6378.14 // Neo4j's WGS-84 radius, km
	rad := math.Pi / 180
	dLat, dLon := (lat2-lat1)*rad, (lon2-lon1)*rad
	a := math.Sin(dLat/2)*math.Sin(dLat/2) + math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Sin(dLon/2)*math.Sin(dLon/2)
	return 2 * r * math.Asin(math.Sqrt(a))
}

func TestGeoAndPaths(t *testing.T) {
	g := graphtest.Seeded(t)
	srv := httptest.NewServer(server.Handler(g, graphtest.Logger(t), server.Options{}))
	defer srv.Close()

	t.Run("places and incidents near a named place", func(t *testing.T) {
		var out struct {
			Place      struct{ Latitude, Longitude float64 }
			PlacesNear []struct {
				Place struct {
					ID                  string
					Latitude, Longitude float64
				}
				DistanceKm float64
			}
			IncidentsNear []struct {
				Incident   struct{ ID string }
				Place      struct{ ID string }
				DistanceKm float64
			}
		}
		mustQuery(t, srv.URL, `{
			place(id: "place:hajin") { latitude longitude }
			placesNear(near: {placeId: "place:hajin", radiusKm: 100}, first: 10) { place { id latitude longitude } distanceKm }
			incidentsNear(near: {placeId: "place:hajin", radiusKm: 30}) { incident { id } place { id } distanceKm }
		}`, nil, &out)
		if len(out.PlacesNear) == 0 {
			t.Fatal("no place within 100 km of Hajin")
		}
		for i, p := range out.PlacesNear {
			want := haversineKm(out.Place.Latitude, out.Place.Longitude, p.Place.Latitude, p.Place.Longitude)
			if p.Place.ID == "place:hajin" || p.DistanceKm > 100 || math.Abs(p.DistanceKm-want) > want*0.005+0.01 {
				t.Errorf("%s at %.2f km, want %.2f, within 100 and not Hajin itself", p.Place.ID, p.DistanceKm, want)
			}
			if i > 0 && p.DistanceKm < out.PlacesNear[i-1].DistanceKm {
				t.Errorf("%s is nearer than the place before it", p.Place.ID)
			}
		}
		found := map[string]bool{}
		for _, in := range out.IncidentsNear {
			found[in.Incident.ID] = true
			if in.DistanceKm > 30 {
				t.Errorf("%s at %.1f km, beyond the radius", in.Incident.ID, in.DistanceKm)
			}
		}
		if !found["incident:001-hajin-gamsha-al-shafa"] || len(found) != len(out.IncidentsNear) {
			t.Errorf("incidents near Hajin: %+v, want the Hajin strike, each once", out.IncidentsNear)
		}
	})

	t.Run("the mosque strike in the Baghouz pocket is found near Baghouz", func(t *testing.T) {
		var out struct {
			Place struct {
				IncidentsNear []struct {
					Proximity string
					Via       struct{ ID string }
					Incident  struct{ ID string }
				}
			}
			IncidentsNear []struct {
				Incident   struct{ ID string }
				Place      struct{ ID string }
				DistanceKm float64
			}
		}
		mustQuery(t, srv.URL, `{
			place(id: "place:baghouz") { incidentsNear { proximity via { id } incident { id } } }
			incidentsNear(near: {placeId: "place:baghouz", radiusKm: 5}) { incident { id } place { id } distanceKm }
		}`, nil, &out)
		// 004: the pocket is "the IS-held village of Baghouz and nearby
		// areas"; the strike is in the pocket.
		var linked string
		for _, n := range out.Place.IncidentsNear {
			if n.Incident.ID == "incident:004-mosque-strike" {
				linked = n.Proximity + " " + n.Via.ID
			}
		}
		if linked != "NEARBY place:baghouz-pocket" {
			t.Errorf("the mosque strike from Baghouz: %q, want NEARBY via the Baghouz pocket (all: %+v)", linked, out.Place.IncidentsNear)
		}
		var found bool
		for _, n := range out.IncidentsNear {
			found = found || n.Incident.ID == "incident:004-mosque-strike" && n.Place.ID == "place:baghouz-pocket" && n.DistanceKm < 5
		}
		if !found {
			t.Errorf("incidents within 5 km of Baghouz: %+v, want the mosque strike by the Baghouz pocket", out.IncidentsNear)
		}
	})

	t.Run("the shortest path from a monitor to a perpetrator runs through a claim", func(t *testing.T) {
		var out struct {
			ShortestPaths []struct {
				Length int
				Nodes  []struct{ ID string }
				Edges  []struct {
					Type     string
					From, To struct{ ID string }
					Claim    *struct{ ID, Quote string }
					Sources  []struct{ ID, Text string }
				}
			}
		}
		mustQuery(t, srv.URL, `{ shortestPaths(from: "monitor:sohr", to: "group:sdf") {
			length nodes { id } edges { type from { id } to { id } claim { id quote } sources { id text } } } }`, nil, &out)
		if len(out.ShortestPaths) != 1 {
			t.Fatalf("paths: %+v, want one", out.ShortestPaths)
		}
		p := out.ShortestPaths[0]
		if p.Length != 2 || len(p.Nodes) != 3 || p.Nodes[0].ID != "monitor:sohr" || p.Nodes[2].ID != "group:sdf" {
			t.Fatalf("path %+v, want SOHR, an incident, the SDF", p)
		}
		claim, carried := p.Edges[0], p.Edges[1]
		if claim.Type != "REPORTED" || claim.Claim == nil || claim.From.ID != "monitor:sohr" || claim.To.ID != p.Nodes[1].ID {
			t.Errorf("first edge %+v, want SOHR's report of the incident", claim)
		}
		if carried.Type != "CARRIED_OUT" || carried.Claim != nil || carried.From.ID != "group:sdf" || carried.To.ID != p.Nodes[1].ID {
			t.Errorf("second edge %+v, want the SDF carrying out the incident, as stored", carried)
		}
		if claim.Claim != nil && (len(claim.Sources) != 1 || !contains(claim.Sources[0].Text, claim.Claim.Quote)) {
			t.Errorf("the claim's source does not hold its quote: %+v", claim)
		}
	})

	t.Run("bad input gets BAD_USER_INPUT or NOT_FOUND", func(t *testing.T) {
		for q, code := range map[string]string{
			`{ placesNear(near: {latitude: 91, longitude: 0}) { distanceKm } }`:                        "BAD_USER_INPUT",
			`{ placesNear(near: {placeId: "place:hajin", latitude: 1, longitude: 1}) { distanceKm } }`: "BAD_USER_INPUT",
			`{ incidentsNear(near: {placeId: "place:hajin"}, first: 0) { distanceKm } }`:               "BAD_USER_INPUT",
			`{ incidentsNear(near: {placeId: "place:atlantis"}) { distanceKm } }`:                      "NOT_FOUND",
			`{ shortestPaths(from: "monitor:sohr", to: "group:sdf", maxLength: 9) { length } }`:        "BAD_USER_INPUT",
			`{ shortestPaths(from: "monitor:sohr", to: "group:none") { length } }`:                     "NOT_FOUND",
		} {
			errs := query(t, srv.URL, q, nil, nil)
			if len(errs) != 1 || errs[0].Extensions["code"] != code {
				t.Errorf("%s: errors %+v, want %s", q, errs, code)
			}
		}
	})
}

func contains(s, sub string) bool { return sub != "" && strings.Contains(s, sub) }
