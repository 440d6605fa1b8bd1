package corpus

import (
	"math"

	"github.com/strikegraph/strikegraph"
)

type country struct {
	slug, name string
	aliases    []string
	lat, lon   float64
	// the box the country's places are kept in
	minLat, maxLat, minLon, maxLon float64
}

var countries = []country{
	{"syria", "Syria", []string{"Syrian Arab Republic", "سوريا"}, 35.0, 38.5, 32.4, 37.2, 35.8, 42.3},
	{"iraq", "Iraq", []string{"Republic of Iraq", "العراق"}, 33.2, 43.7, 29.2, 37.3, 38.9, 48.5},
}

// province is a governorate; its towns lie around its centre, spread degrees
// (one standard deviation) away. weight is its share of the towns.
type province struct {
	slug, name string
	aliases    []string
	country    int
	lat, lon   float64
	spread     float64
	weight     int
}

var provinces = []province{
	{"aleppo", "Aleppo", []string{"Halab", "حلب"}, 0, 36.2, 37.4, 0.3, 14},
	{"idlib", "Idlib", []string{"Idleb", "إدلب"}, 0, 35.8, 36.6, 0.2, 12},
	{"raqqa", "Raqqa", []string{"Ar-Raqqah", "Rakka", "الرقة"}, 0, 35.9, 38.9, 0.3, 10},
	{"deir-ez-zor", "Deir ez-Zor", []string{"Deir al-Zor", "Deir el-Zour", "Dayr az-Zawr", "Deir Ezzor", "دير الزور"}, 0, 35.0, 40.4, 0.35, 12},
	{"hasakah", "Hasakah", []string{"Hassakeh", "Al-Hasakah", "Hasaka", "الحسكة"}, 0, 36.6, 40.8, 0.3, 8},
	{"hama", "Hama", []string{"Hamah", "Ḥamāh", "حماة"}, 0, 35.2, 36.9, 0.25, 7},
	{"homs", "Homs", []string{"Hims", "Ḥimṣ", "حمص"}, 0, 34.6, 37.8, 0.4, 6},
	{"rif-dimashq", "Rif Dimashq", []string{"Damascus Countryside", "Reef Damascus", "ريف دمشق"}, 0, 33.5, 36.6, 0.25, 5},
	{"daraa", "Daraa", []string{"Dar'a", "Deraa", "درعا"}, 0, 32.75, 36.15, 0.15, 4},
	{"nineveh", "Nineveh", []string{"Ninawa", "Ninewa", "نينوى"}, 1, 36.2, 42.6, 0.35, 10},
	{"anbar", "Anbar", []string{"Al-Anbar", "الأنبار"}, 1, 33.4, 42.0, 0.5, 8},
	{"salah-ad-din", "Salah ad-Din", []string{"Salahuddin", "Saladin", "Salah al-Din", "صلاح الدين"}, 1, 34.6, 43.6, 0.3, 5},
	{"kirkuk", "Kirkuk", []string{"Karkuk", "كركوك"}, 1, 35.4, 44.3, 0.2, 3},
	{"diyala", "Diyala", []string{"Diyalá", "ديالى"}, 1, 33.9, 45.0, 0.25, 3},
	{"baghdad", "Baghdad", []string{"Bagdad", "بغداد"}, 1, 33.3, 44.4, 0.15, 2},
}

// provinceBorders are the pairs of neighbouring provinces, by index.
var provinceBorders = [][2]int{{0, 1}, {0, 2}, {0, 5}, {1, 5}, {2, 3}, {2, 4}, {3, 4}, {3, 6}, {5, 6}, {6, 7}, {7, 8}, {3, 10}, {4, 9}, {9, 11}, {9, 12}, {10, 11}, {11, 12}, {11, 13}, {11, 14}, {13, 14}, {10, 14}}

// town is a generated place where incidents happen. Towns are made in order of
// how often they are struck: the first few are cities, most are villages.
type town struct {
	id, name, alias string // alias: one other spelling, for incident aliases
	province        int
	lat, lon        float64
}

const gazetteerNote = "gazetteer fact (generated), not stated by an article"

func countryID(c int) string  { return "gen:place:" + countries[c].slug }
func provinceID(p int) string { return "gen:place:" + provinces[p].slug + "-province" }

// places builds the countries, provinces and n towns, with their
// containment, neighbourhood and borders.
func (g *generator) places(n int) ([]strikegraph.Place, []strikegraph.Relation) {
	var places []strikegraph.Place
	var rels []strikegraph.Relation
	for i, c := range countries {
		places = append(places, place(countryID(i), c.name, c.aliases, strikegraph.PlaceCountry, c.lat, c.lon, strikegraph.GeoCountry))
	}
	rels = append(rels, gazetteer(strikegraph.RelBorders, countryID(0), countryID(1)))
	weights := make([]int, len(provinces))
	for i, p := range provinces {
		weights[i] = p.weight
		aliases := append([]string{p.name, p.name + " Governorate"}, p.aliases...)
		places = append(places, place(provinceID(i), p.name+" province", aliases, strikegraph.PlaceProvince, p.lat, p.lon, strikegraph.GeoProvince))
		rels = append(rels, gazetteer(strikegraph.RelLocatedIn, provinceID(i), countryID(p.country)))
	}
	for _, b := range provinceBorders {
		rels = append(rels, gazetteer(strikegraph.RelBorders, provinceID(b[0]), provinceID(b[1])))
	}
	byProvince := make([][]int, len(provinces)) // town indices
	for i, name := range g.placeNames(n) {
		p := g.pick(weights...)
		pr := provinces[p]
		c := countries[pr.country]
		lat := clamp(pr.lat+pr.spread*g.normal(), c.minLat, c.maxLat)
		lon := clamp(pr.lon+pr.spread*g.normal(), c.minLon, c.maxLon)
		kind, precision := strikegraph.PlaceVillage, strikegraph.GeoVillage
		switch {
		case i < max(3, n/100):
			kind, precision = strikegraph.PlaceCity, strikegraph.GeoTown
		case i < n/5:
			kind, precision = strikegraph.PlaceTown, strikegraph.GeoTown
		}
		aliases := name.aliases(g.rng.IntN(8))
		if ar, ok := name.arabic(); ok && g.chance(0.5) {
			aliases = append(aliases, ar)
		}
		t := town{id: "gen:place:" + slug(name.name()), name: name.name(), alias: aliases[0], province: p, lat: lat, lon: lon}
		g.towns = append(g.towns, t)
		places = append(places, place(t.id, t.name, aliases, kind, lat, lon, precision))
		rels = append(rels, gazetteer(strikegraph.RelLocatedIn, t.id, provinceID(p)))
		// A quarter of the villages are near a bigger town of their province.
		if near := byProvince[p]; kind == strikegraph.PlaceVillage && len(near) > 0 && g.chance(0.25) {
			other := g.towns[near[g.rng.IntN(len(near))]]
			r := gazetteer(strikegraph.RelLocatedNear, t.id, other.id)
			r.DistanceKm = ptr(math.Round(distanceKm(lat, lon, other.lat, other.lon)*10) / 10)
			rels = append(rels, r)
		}
		if kind != strikegraph.PlaceVillage {
			byProvince[p] = append(byProvince[p], i)
		}
	}
	return places, rels
}

// placeNames returns n distinct names: unqualified ones first, in a shuffled
// order, then qualified ones, so small gazetteers read naturally.
func (g *generator) placeNames(n int) []placeName {
	var plain, qualified []placeName
	for p := range prefixes {
		for r := range roots {
			plain = append(plain, placeName{p, r, -1})
			for q := range qualifiers {
				qualified = append(qualified, placeName{p, r, q})
			}
		}
	}
	g.rng.Shuffle(len(plain), func(i, j int) { plain[i], plain[j] = plain[j], plain[i] })
	g.rng.Shuffle(len(qualified), func(i, j int) { qualified[i], qualified[j] = qualified[j], qualified[i] })
	return append(plain, qualified...)[:n]
}

func place(id, name string, aliases []string, kind strikegraph.PlaceKind, lat, lon float64, precision strikegraph.GeoPrecision) strikegraph.Place {
	return strikegraph.Place{
		ID: id, Name: name, Aliases: aliases, Kind: kind,
		Latitude: ptr(round4(lat)), Longitude: ptr(round4(lon)), GeoPrecision: precision,
		GeoSource: "generated gazetteer (package corpus)",
	}
}

func gazetteer(t strikegraph.RelationType, from, to string) strikegraph.Relation {
	return strikegraph.Relation{Type: t, From: from, To: to, Note: gazetteerNote}
}

// distanceKm is the great-circle distance between two points.
func distanceKm(lat1, lon1, lat2, lon2 float64) float64 {
	rad := math.Pi / 180
	dLat, dLon := (lat2-lat1)*rad, (lon2-lon1)*rad
	a := math.Sin(dLat/2)*math.Sin(dLat/2) + math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Sin(dLon/2)*math.Sin(dLon/2)
	return 2 * 6371 * math.Asin(math.Sqrt(a))
}

func clamp(x, lo, hi float64) float64 { return math.Max(lo, math.Min(hi, x)) }

func round4(x float64) float64 { return math.Round(x*1e4) / 1e4 }

func ptr[T any](v T) *T { return &v }
