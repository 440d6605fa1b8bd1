package cypher_test

import (
	"cmp"
	"errors"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/strikegraph/strikegraph"
	"github.com/strikegraph/strikegraph/internal/graphtest"
)

// haversineKm is the great-circle distance on a sphere of the Earth's mean
// radius. Neo4j's sphere is 0.1% larger, hence the tolerance of distances.
func haversineKm(lat1, lon1, lat2, lon2 float64) float64 {
	rad := math.Pi / 180
	a := math.Pow(math.Sin((lat2-lat1)*rad/2), 2) + math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Pow(math.Sin((lon2-lon1)*rad/2), 2)
	return 2 * 6371.0088 * math.Asin(math.Sqrt(a))
}

func closeKm(got, want float64) bool { return math.Abs(got-want) <= 0.005*want+0.001 }

// seedCoordinates returns the places of the seed corpus that have coordinates.
func seedCoordinates(t *testing.T) map[string][2]float64 {
	out := map[string][2]float64{}
	for _, doc := range graphtest.SeedDocuments(t) {
		for _, p := range doc.Places {
			if p.Latitude != nil {
				out[p.ID] = [2]float64{*p.Latitude, *p.Longitude}
			}
		}
	}
	if len(out) < 10 {
		t.Fatalf("%d places with coordinates in the seed corpus", len(out))
	}
	return out
}

type distance struct {
	id string
	km float64
}

// nearest is the test's own answer: the places of the seed corpus within
// radiusKm of (lat, lon), nearest first, but for exclude.
func nearest(t *testing.T, lat, lon, radiusKm float64, exclude string) []distance {
	var out []distance
	for id, c := range seedCoordinates(t) {
		km := haversineKm(lat, lon, c[0], c[1])
		if math.Abs(km-radiusKm) < 0.01*radiusKm {
			t.Fatalf("%s is %.1f km away, too close to the radius of %v km for this test to tell", id, km, radiusKm)
		}
		if km <= radiusKm && id != exclude {
			out = append(out, distance{id, km})
		}
	}
	slices.SortFunc(out, func(a, b distance) int { return cmp.Or(cmp.Compare(a.km, b.km), strings.Compare(a.id, b.id)) })
	return out
}

func ptr[T any](v T) *T { return &v }

func checkPlaces(t *testing.T, got []strikegraph.PlaceDistance, want []distance) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("got %d places %v, want %d %v", len(got), got, len(want), want)
	}
	for i, w := range want {
		if got[i].Place.ID != w.id || !closeKm(got[i].DistanceKm, w.km) {
			t.Errorf("place %d: got %s at %.3f km, want %s at %.3f km", i, got[i].Place.ID, got[i].DistanceKm, w.id, w.km)
		}
	}
}

func TestPlacesNear(t *testing.T) {
	g := graphtest.Seeded(t)
	hajin := seedCoordinates(t)["place:hajin"]

	// Abu al-Hassan, Buqaan and the Hajin pocket have Hajin's point; Gamsha
	// lies about 7 km off and al-Shafa 13 km down the Euphrates; Baghouz
	// and its pocket 27 km; the centre of the province, 66 km.
	for _, c := range []struct {
		radius float64
		want   []string
	}{
		{1, []string{"place:abu-al-hassan", "place:buqaan", "place:hajin-pocket"}},
		{10, []string{"place:abu-al-hassan", "place:buqaan", "place:hajin-pocket", "place:gamsha"}},
		{30, []string{"place:abu-al-hassan", "place:buqaan", "place:hajin-pocket", "place:gamsha", "place:al-shafa", "place:baghouz", "place:baghouz-pocket"}},
		{100, []string{"place:abu-al-hassan", "place:buqaan", "place:hajin-pocket", "place:gamsha", "place:al-shafa", "place:baghouz", "place:baghouz-pocket", "place:deir-ez-zor-province"}},
	} {
		got, err := g.FindPlacesNear(t.Context(), strikegraph.Near{PlaceID: "place:hajin", RadiusKm: ptr(c.radius)}, 20)
		if err != nil {
			t.Fatal(err)
		}
		want := nearest(t, hajin[0], hajin[1], c.radius, "place:hajin")
		checkPlaces(t, got, want)
		var ids []string
		for _, w := range want {
			ids = append(ids, w.id)
		}
		if !slices.Equal(ids, c.want) {
			t.Errorf("within %v km of Hajin the test expects %v, the seed corpus has %v", c.radius, c.want, ids)
		}
	}

	// The nearest N, wherever they are: from Hajin's coordinates, Hajin is
	// a nearest place, at 0 km, with those given its point.
	got, err := g.FindPlacesNear(t.Context(), strikegraph.Near{Latitude: &hajin[0], Longitude: &hajin[1]}, 5)
	if err != nil {
		t.Fatal(err)
	}
	checkPlaces(t, got, nearest(t, hajin[0], hajin[1], 21000, "")[:5])
	if !slices.ContainsFunc(got, func(d strikegraph.PlaceDistance) bool { return d.Place.ID == "place:hajin" && d.DistanceKm == 0 }) {
		t.Errorf("nearest to Hajin's coordinates: got %v, want Hajin at 0 km", got)
	}
	// All of them, the furthest too.
	got, err = g.FindPlacesNear(t.Context(), strikegraph.Near{PlaceID: "place:hajin"}, strikegraph.MaxNear)
	if err != nil {
		t.Fatal(err)
	}
	checkPlaces(t, got, nearest(t, hajin[0], hajin[1], 21000, "place:hajin"))

	// Around raw coordinates in Hassakeh province.
	got, err = g.FindPlacesNear(t.Context(), strikegraph.Near{Latitude: ptr(36.2), Longitude: ptr(40.9), RadiusKm: ptr(50.0)}, 20)
	if err != nil {
		t.Fatal(err)
	}
	want := nearest(t, 36.2, 40.9, 50, "")
	if len(want) != 3 {
		t.Errorf("the test expects al-Shadadi, Al-Hawl and Hassakeh province within 50 km, the seed corpus has %v", want)
	}
	checkPlaces(t, got, want)
}

func TestIncidentsNear(t *testing.T) {
	g := graphtest.Seeded(t)
	coords := seedCoordinates(t)
	hajin := coords["place:hajin"]

	// The test's own answer: each incident at its closest place with
	// coordinates, from the seed corpus's relations.
	type want struct {
		id, place string
		km        float64
	}
	closest := map[string]want{}
	for _, doc := range graphtest.SeedDocuments(t) {
		for _, r := range doc.Relations {
			c, ok := coords[r.To]
			if (r.Type != strikegraph.RelLocatedIn && r.Type != strikegraph.RelLocatedNear) || !ok {
				continue
			}
			km := haversineKm(hajin[0], hajin[1], c[0], c[1])
			if old, seen := closest[r.From]; !seen || km < old.km || km == old.km && r.To < old.place {
				closest[r.From] = want{r.From, r.To, km}
			}
		}
	}
	var wants []want
	for id, w := range closest {
		if math.Abs(w.km-500) < 5 {
			t.Fatalf("%s is %.1f km away, too close to the radius for this test to tell", id, w.km)
		}
		if w.km <= 500 && strings.HasPrefix(id, "incident:") {
			wants = append(wants, w)
		}
	}
	slices.SortFunc(wants, func(a, b want) int { return cmp.Or(cmp.Compare(a.km, b.km), strings.Compare(a.id, b.id)) })
	if len(wants) < 10 {
		t.Fatalf("the test expects most incidents within 500 km of Hajin, the seed corpus has %v", wants)
	}

	got, err := g.FindIncidentsNear(t.Context(), strikegraph.Near{PlaceID: "place:hajin", RadiusKm: ptr(500.0)}, strikegraph.MaxNear)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(wants) {
		t.Fatalf("got %d incidents, want %d: %v", len(got), len(wants), wants)
	}
	for i, w := range wants {
		if got[i].Incident.ID != w.id || got[i].PlaceID != w.place || !closeKm(got[i].DistanceKm, w.km) {
			t.Errorf("incident %d: got %s by %s at %.3f km, want %s by %s at %.3f km",
				i, got[i].Incident.ID, got[i].PlaceID, got[i].DistanceKm, w.id, w.place, w.km)
		}
	}

	// Within 30 km: the three incidents at Hajin, at 0 km (Abu al-Hassan
	// and the Hajin pocket have Hajin's point), then the three at Baghouz
	// (the Baghouz pocket has Baghouz's).
	got, err = g.FindIncidentsNear(t.Context(), strikegraph.Near{Latitude: &hajin[0], Longitude: &hajin[1], RadiusKm: ptr(30.0)}, 20)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, d := range got {
		ids = append(ids, d.Incident.ID+" "+d.PlaceID)
	}
	if w := []string{
		"incident:001-hajin-gamsha-al-shafa place:hajin",
		"incident:2018-09-10-hajin-pocket place:hajin-pocket",
		"incident:2018-11-17-abu-al-hassan place:abu-al-hassan",
		"incident:004-baghouz-civilians place:baghouz",
		"incident:004-baghouz-final-push place:baghouz-pocket",
		"incident:004-mosque-strike place:baghouz-pocket",
	}; !slices.Equal(ids, w) {
		t.Errorf("within 30 km of Hajin: got %v, want %v", ids, w)
	}

	// The nearest one.
	got, err = g.FindIncidentsNear(t.Context(), strikegraph.Near{PlaceID: "place:baghouz"}, 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Incident.ID != "incident:004-baghouz-civilians" || got[0].DistanceKm != 0 {
		t.Errorf("nearest incident to Baghouz: got %v", got)
	}
}

func TestNearRejectsBadInput(t *testing.T) {
	g := graphtest.Seeded(t)
	lat, lon := ptr(34.683), ptr(40.817)
	for _, c := range []struct {
		name  string
		near  strikegraph.Near
		first int
		field string
	}{
		{"no centre", strikegraph.Near{}, 10, "near"},
		{"two centres", strikegraph.Near{Latitude: lat, Longitude: lon, PlaceID: "place:hajin"}, 10, "near"},
		{"latitude alone", strikegraph.Near{Latitude: lat}, 10, "near"},
		{"longitude alone", strikegraph.Near{Longitude: lon}, 10, "near"},
		{"latitude above 90", strikegraph.Near{Latitude: ptr(90.5), Longitude: lon}, 10, "near.latitude"},
		{"latitude NaN", strikegraph.Near{Latitude: ptr(math.NaN()), Longitude: lon}, 10, "near.latitude"},
		{"longitude below -180", strikegraph.Near{Latitude: lat, Longitude: ptr(-180.5)}, 10, "near.longitude"},
		{"radius 0", strikegraph.Near{Latitude: lat, Longitude: lon, RadiusKm: ptr(0.0)}, 10, "near.radiusKm"},
		{"radius negative", strikegraph.Near{PlaceID: "place:hajin", RadiusKm: ptr(-1.0)}, 10, "near.radiusKm"},
		{"radius beyond the Earth", strikegraph.Near{Latitude: lat, Longitude: lon, RadiusKm: ptr(20001.0)}, 10, "near.radiusKm"},
		{"radius infinite", strikegraph.Near{Latitude: lat, Longitude: lon, RadiusKm: ptr(math.Inf(1))}, 10, "near.radiusKm"},
		{"first 0", strikegraph.Near{Latitude: lat, Longitude: lon}, 0, "first"},
		{"first above the most", strikegraph.Near{PlaceID: "place:hajin"}, strikegraph.MaxNear + 1, "first"},
	} {
		t.Run(c.name, func(t *testing.T) {
			before := g.RoundTrips()
			_, err := g.FindPlacesNear(t.Context(), c.near, c.first)
			checkInvalid(t, err, c.field)
			_, err = g.FindIncidentsNear(t.Context(), c.near, c.first)
			checkInvalid(t, err, c.field)
			if n := g.RoundTrips() - before; n != 0 {
				t.Errorf("%d queries sent for bad input", n)
			}
		})
	}

	// A place without coordinates cannot be searched around (every seed
	// place has some, so one is added); an unknown one, or something else
	// than a place, is not found.
	uncharted := &strikegraph.Document{Places: []strikegraph.Place{{ID: "place:uncharted", Name: "Uncharted", Kind: strikegraph.PlaceVillage}}}
	if err := g.LoadDocument(t.Context(), uncharted); err != nil {
		t.Fatal(err)
	}
	_, err := g.FindPlacesNear(t.Context(), strikegraph.Near{PlaceID: "place:uncharted"}, 10)
	checkInvalid(t, err, "near.placeId")
	for _, id := range []string{"place:atlantis", "monitor:sohr"} {
		_, err := g.FindIncidentsNear(t.Context(), strikegraph.Near{PlaceID: id}, 10)
		if code := strikegraph.ErrorCode(err); code != strikegraph.ECodeNotFound {
			t.Errorf("near %s: got %v (%s), want %s", id, err, code, strikegraph.ECodeNotFound)
		}
	}
}

func checkInvalid(t *testing.T, err error, field string) {
	t.Helper()
	var e *strikegraph.Error
	if !errors.As(err, &e) || e.Code != strikegraph.ECodeInvalid || e.Field != field {
		t.Errorf("got %v, want %s on %s", err, strikegraph.ECodeInvalid, field)
	}
}
