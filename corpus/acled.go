package corpus

import (
	"encoding/csv"
	"fmt"
	"io"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"

	"github.com/strikegraph/strikegraph/acled"
)

// ACLED writes a header and n rows in ACLED's column layout, for tests and
// benchmarks: air and drone strikes in Syria from 2014 to 2020, each valid,
// with unique event ids. The same seed gives the same bytes (with the same Go
// release: math/rand/v2's derived draws may change between releases).
//
// The rows have the shape of the real thing, not its content: the towns and
// their coordinates are approximately right, the belligerents strike where
// and when they did, and the notes read like ACLED's; every event, toll and
// source is made up.
func ACLED(w io.Writer, n int, seed int64) error {
	rng := rand.New(rand.NewPCG(uint64(seed), 0xac1ed))
	g := &acledRows{draws: draws{rng}, fatalities: rand.NewZipf(rng, 2, 1, 300)}
	cw := csv.NewWriter(w)
	if err := cw.Write(acled.Columns); err != nil {
		return err
	}
	for i := range n {
		if err := cw.Write(g.row(i)); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// genTown is a place strikes fall on. A province's capital is used only for
// rows of geo_precision 3, which stand for the whole province, so that each
// place is defined the same way in every row (see docs/acled.md).
type genTown struct {
	admin2, admin3, name string
	lat, lon             float64
}

type genProvince struct {
	name     string
	capital  genTown
	towns    []genTown
	sources  []string // local outlets
	strikers []int    // indexes into genStrikers
	targets  []int    // indexes into genTargets
}

var genProvinces = []genProvince{
	{"Deir ez-Zor", genTown{"Deir ez-Zor", "Deir ez-Zor", "Deir ez-Zor", 35.3359, 40.1408}, []genTown{
		{"Al-Bukamal", "Hajin", "Hajin", 34.6947, 40.8333},
		{"Al-Bukamal", "Hajin", "Al-Shafa", 34.6361, 40.8602},
		{"Al-Bukamal", "Hajin", "Abu al-Hasan", 34.6464, 40.8517},
		{"Al-Bukamal", "Hajin", "Al-Kishma", 34.7231, 40.7992},
		{"Al-Bukamal", "Al-Susah", "Al-Susah", 34.5306, 40.9408},
		{"Al-Bukamal", "Al-Susah", "Al-Baghuz Fawqani", 34.4553, 40.9594},
		{"Al-Bukamal", "Al-Bukamal", "Al-Bukamal", 34.4536, 40.9181},
		{"Al-Mayadin", "Al-Mayadin", "Al-Mayadin", 35.0192, 40.4525},
		{"Al-Mayadin", "Dhiban", "Al-Shuhayl", 35.1181, 40.3597},
		{"Deir ez-Zor", "Al-Busayrah", "Al-Busayrah", 35.1556, 40.4297},
	}, []string{"Deir Ezzor 24", "Sound and Picture"}, []int{coalitionStriker, russiaStriker, syriaStriker, unidentifiedStriker}, []int{isTarget, civilianTarget}},
	{"Ar-Raqqa", genTown{"Ar-Raqqa", "Ar-Raqqa", "Ar-Raqqa", 35.9528, 39.0079}, []genTown{
		{"Ath-Thawrah", "Ath-Thawrah", "Tabqa", 35.8367, 38.5481},
		{"Ath-Thawrah", "Al-Mansura", "Al-Mansura", 35.8297, 38.7558},
		{"Ar-Raqqa", "Al-Karama", "Al-Karama", 35.9333, 39.3667},
		{"Ar-Raqqa", "Maadan", "Maadan", 35.7497, 39.6533},
		{"Tell Abiad", "Ain Issa", "Ain Issa", 36.3853, 38.8614},
	}, []string{"Raqqa is Being Slaughtered Silently", "Hawar News Agency"}, []int{coalitionStriker, russiaStriker, syriaStriker}, []int{isTarget, civilianTarget}},
	{"Al-Hasakeh", genTown{"Al-Hasakeh", "Al-Hasakeh", "Al-Hasakeh", 36.5024, 40.7477}, []genTown{
		{"Al-Hasakeh", "Ash-Shaddadah", "Al-Shaddadi", 36.0563, 40.7309},
		{"Al-Hasakeh", "Al-Hol", "Al-Hol", 36.3906, 41.1494},
		{"Al-Hasakeh", "Markada", "Markada", 35.7519, 40.7833},
	}, []string{"Hawar News Agency"}, []int{coalitionStriker}, []int{isTarget, civilianTarget}},
	{"Idleb", genTown{"Idleb", "Idleb", "Idleb", 35.9306, 36.6339}, []genTown{
		{"Maarrat An Nu'man", "Maarrat An Nu'man", "Maarrat al-Numan", 35.6433, 36.6733},
		{"Maarrat An Nu'man", "Khan Shaykhun", "Khan Shaykhun", 35.4414, 36.6481},
		{"Maarrat An Nu'man", "Kafr Nobol", "Kafr Nabl", 35.6139, 36.5606},
		{"Maarrat An Nu'man", "Maarrat An Nu'man", "Hish", 35.5478, 36.6431},
		{"Idleb", "Saraqab", "Saraqab", 35.8622, 36.8006},
		{"Idleb", "Binnish", "Binnish", 35.9558, 36.7131},
		{"Idleb", "Sarmin", "Sarmin", 35.9036, 36.7247},
		{"Ariha", "Ariha", "Ariha", 35.8126, 36.6096},
		{"Jisr-Ash-Shugur", "Jisr-Ash-Shugur", "Jisr al-Shughur", 35.8106, 36.3181},
		{"Harim", "Dana", "Sarmada", 36.1794, 36.7236},
	}, []string{"Step News Agency", "Smart News Agency", "Shaam Network"}, []int{russiaStriker, syriaStriker, coalitionStriker, unidentifiedStriker}, []int{rebelTarget, htsTarget, civilianTarget}},
	{"Aleppo", genTown{"Jebel Saman", "Jebel Saman", "Aleppo", 36.2021, 37.1343}, []genTown{
		{"Jebel Saman", "Atareb", "Al-Atarib", 36.1357, 36.8300},
		{"Jebel Saman", "Haritan", "Haritan", 36.2483, 37.0811},
		{"Jebel Saman", "Haritan", "Anadan", 36.2931, 37.0437},
		{"Jebel Saman", "Zarbah", "Khan Tuman", 36.1103, 37.0364},
		{"Al Bab", "Al Bab", "Al-Bab", 36.3708, 37.5157},
		{"Menbij", "Menbij", "Manbij", 36.5281, 37.9549},
	}, []string{"Step News Agency", "Aleppo Media Center"}, []int{russiaStriker, syriaStriker, coalitionStriker}, []int{rebelTarget, htsTarget, isTarget, civilianTarget}},
	{"Hama", genTown{"Hama", "Hama", "Hama", 35.1318, 36.7578}, []genTown{
		{"Muhradah", "Kafr Zeita", "Kafr Zita", 35.3739, 36.6028},
		{"Muhradah", "Kafr Zeita", "Al-Lataminah", 35.3192, 36.6236},
		{"Hama", "Suran", "Murak", 35.3828, 36.6928},
		{"As-Suqaylabiyah", "Qalaat Al Mudiq", "Qalaat al-Madiq", 35.4100, 36.3900},
		{"As-Suqaylabiyah", "Qalaat Al Mudiq", "Kafr Nabudah", 35.4497, 36.4981},
	}, []string{"Step News Agency", "Smart News Agency"}, []int{russiaStriker, syriaStriker}, []int{rebelTarget, htsTarget, civilianTarget}},
	{"Homs", genTown{"Homs", "Homs", "Homs", 34.7324, 36.7137}, []genTown{
		{"Ar-Rastan", "Ar-Rastan", "Ar-Rastan", 34.9267, 36.7324},
		{"Ar-Rastan", "Talbiseh", "Talbiseh", 34.8406, 36.7306},
		{"Tadmor", "Tadmor", "Palmyra", 34.5601, 38.2808},
	}, []string{"Homs Media Center"}, []int{russiaStriker, syriaStriker}, []int{rebelTarget, isTarget, civilianTarget}},
	{"Rural Damascus", genTown{"Duma", "Duma", "Duma", 33.5722, 36.4017}, []genTown{
		{"Duma", "Harasta", "Harasta", 33.5583, 36.3653},
		{"Duma", "Arbin", "Arbin", 33.5392, 36.3656},
		{"Duma", "Duma", "Misraba", 33.5447, 36.3964},
	}, []string{"Ghouta Media Center"}, []int{syriaStriker, russiaStriker}, []int{rebelTarget, civilianTarget}},
	{"Dar'a", genTown{"Dar'a", "Dar'a", "Dar'a", 32.6189, 36.1021}, []genTown{
		{"Izra'", "Nawa", "Nawa", 32.8900, 36.0433},
		{"Dar'a", "Busra Esh-Sham", "Busra al-Sham", 32.5181, 36.4814},
	}, []string{"Nabaa Media"}, []int{syriaStriker, russiaStriker}, []int{rebelTarget, civilianTarget}},
}

const (
	coalitionStriker = iota
	russiaStriker
	syriaStriker
	unidentifiedStriker
)

// genStrikers strike from their first day on; weight is how often.
var genStrikers = []struct {
	words  []string // how notes name them
	from   time.Time
	weight int
	inter  string
}{
	coalitionStriker:    {[]string{"international coalition warplanes", "US-led coalition aircraft", "coalition drones"}, time.Date(2014, 9, 23, 0, 0, 0, 0, time.UTC), 40, "8"},
	russiaStriker:       {[]string{"Russian warplanes", "Russian aircraft"}, time.Date(2015, 9, 30, 0, 0, 0, 0, time.UTC), 35, "8"},
	syriaStriker:        {[]string{"regime warplanes", "regime helicopters", "Syrian regime aircraft"}, time.Date(2012, 1, 1, 0, 0, 0, 0, time.UTC), 30, "1"},
	unidentifiedStriker: {[]string{"unidentified warplanes", "unidentified drones"}, time.Date(2012, 1, 1, 0, 0, 0, 0, time.UTC), 5, "8"},
}

const (
	isTarget = iota
	htsTarget
	rebelTarget
	civilianTarget
)

var genTargets = []struct {
	actor, inter, words string
	dead                [2]string // one, several
	from                time.Time
}{
	isTarget:       {"Islamic State (Iraq and Syria)", "2", "IS positions", [2]string{"IS member", "IS members"}, time.Date(2013, 4, 8, 0, 0, 0, 0, time.UTC)},
	htsTarget:      {"Hayat Tahrir al-Sham", "2", "HTS positions", [2]string{"HTS fighter", "HTS fighters"}, time.Date(2017, 1, 28, 0, 0, 0, 0, time.UTC)},
	rebelTarget:    {"Opposition Rebels (Syria)", "2", "rebel positions", [2]string{"rebel fighter", "rebel fighters"}, time.Date(2012, 1, 1, 0, 0, 0, 0, time.UTC)},
	civilianTarget: {"Civilians (Syria)", "7", "residential areas", [2]string{"civilian", "civilians"}, time.Date(2012, 1, 1, 0, 0, 0, 0, time.UTC)},
}

var (
	genNational   = []string{"Syrian Observatory for Human Rights", "SANA", "Syrian Network for Human Rights", "Orient News", "Enab Baladi"}
	genScales     = []string{"National", "New media", "Other-National", "New media-National", "Local partner-Other"}
	genFirst      = time.Date(2014, 1, 1, 0, 0, 0, 0, time.UTC)
	genDays       = int(time.Date(2020, 12, 31, 0, 0, 0, 0, time.UTC).Sub(genFirst).Hours()/24) + 1
	genUSBefore17 = "Military Forces of the United States (2009-2017)"
	genUSAfter17  = "Military Forces of the United States (2017-2021)"
	genUSFrom     = time.Date(2017, 1, 20, 0, 0, 0, 0, time.UTC)
)

// acledRows draws ACLED rows.
type acledRows struct {
	draws
	fatalities *rand.Zipf // mostly 0 to 5, sometimes hundreds
}

// row draws one event, in the order of Columns.
func (g *acledRows) row(i int) []string {
	p := &genProvinces[g.rng.IntN(len(genProvinces))]
	day := genFirst.AddDate(0, 0, g.rng.IntN(genDays))

	// Who struck: one of the province's belligerents active on the day.
	striker := syriaStriker
	weights := make([]int, len(p.strikers))
	for k, s := range p.strikers {
		if !day.Before(genStrikers[s].from) {
			weights[k] = genStrikers[s].weight
		}
	}
	if sum(weights) > 0 {
		striker = p.strikers[g.pick(weights...)]
	}
	st := genStrikers[striker]
	var actor1, assoc1 string
	switch striker {
	case coalitionStriker:
		us := genUSBefore17
		if !day.Before(genUSFrom) {
			us = genUSAfter17
		}
		actor1, assoc1 = us, "Coalition Forces"
		if g.rng.IntN(3) == 0 {
			actor1, assoc1 = "Coalition Forces", us
		}
	case russiaStriker:
		actor1 = "Military Forces of Russia (2000-)"
	case syriaStriker:
		actor1 = "Military Forces of Syria (2000-)"
	default:
		actor1 = "Unidentified Military Forces"
	}

	// Whom: a target of the province's, or none named.
	var targets []int
	for _, t := range p.targets {
		if !day.Before(genTargets[t].from) {
			targets = append(targets, t)
		}
	}
	target := targets[g.rng.IntN(len(targets))]
	tg := genTargets[target]
	actor2, assoc2, inter2, civilianTargeting := tg.actor, "", tg.inter, ""
	if target == civilianTarget {
		civilianTargeting = "Civilian targeting"
		if g.rng.IntN(8) == 0 {
			assoc2 = g.oneOf("Health Workers (Syria)", "Refugees/IDPs (Syria)", "Women (Syria)")
		}
	}
	if target != civilianTarget && g.rng.IntN(10) == 0 {
		actor2, inter2 = "", "0" // no target named
	}

	timePrecision := 1 + g.pick(85, 10, 5)
	geoPrecision := 1 + g.pick(75, 17, 8)
	t := p.towns[g.rng.IntN(len(p.towns))]
	if geoPrecision == 3 {
		t = p.capital
	}
	n := int(g.fatalities.Uint64())

	// The notes, in ACLED's manner.
	var when string
	switch timePrecision {
	case 1:
		when = "On " + day.Format("2 January 2006")
	case 2:
		when = "Around " + day.Format("2 January 2006")
	default:
		when = "In " + day.Format("January 2006")
	}
	where := fmt.Sprintf("in %s (%s, %s)", t.name, t.admin2, p.name)
	switch geoPrecision {
	case 2:
		where = fmt.Sprintf("near %s (%s, %s)", t.name, t.admin2, p.name)
	case 3:
		where = "in " + p.name + " countryside"
	}
	what := tg.words
	if actor2 == "" {
		what = "targets"
	}
	notes := fmt.Sprintf("%s, %s struck %s %s", when, g.oneOf(st.words...), what, where)
	dead := tg.dead
	if actor2 == "" {
		dead = [2]string{"person", "people"}
	}
	switch {
	case n == 0:
		notes += ". " + g.oneOf("No fatalities reported.", "No casualties reported.", "Material damage reported.")
	case n == 1:
		notes += fmt.Sprintf(", killing 1 %s.", dead[0])
	default:
		notes += fmt.Sprintf(", killing %d %s", n, dead[1])
		if target == civilianTarget && n >= 3 && g.rng.IntN(3) == 0 {
			notes += fmt.Sprintf(" including %d children", 1+g.rng.IntN(n/2))
		}
		notes += "."
	}
	if g.rng.IntN(4) == 0 {
		notes += fmt.Sprintf(" [%s reported %d killed.]", genNational[0], n+g.rng.IntN(3))
	}

	sources := []string{g.oneOf(genNational...)}
	if g.rng.IntN(2) == 0 {
		if s := g.oneOf(p.sources...); s != sources[0] {
			sources = append(sources, s)
		}
	}
	inter1 := st.inter
	interaction := inter1 + inter2
	if inter2 == "0" {
		interaction = inter1 + "0"
	} else if inter2 < inter1 {
		interaction = inter2 + inter1 // ACLED writes the lower code first
	}
	updated := day.AddDate(0, 0, 7+g.rng.IntN(700)).Add(time.Duration(g.rng.IntN(86400)) * time.Second)

	return []string{
		fmt.Sprintf("SYR%d", 10000+i), day.Format(time.DateOnly), strconv.Itoa(day.Year()), strconv.Itoa(timePrecision),
		"Political violence", "Explosions/Remote violence", acled.AirDroneStrike,
		actor1, assoc1, inter1, actor2, assoc2, inter2, interaction, civilianTargeting,
		"760", "Middle East", "Syria", p.name, t.admin2, t.admin3, t.name,
		strconv.FormatFloat(t.lat, 'f', 4, 64), strconv.FormatFloat(t.lon, 'f', 4, 64), strconv.Itoa(geoPrecision),
		strings.Join(sources, "; "), g.oneOf(genScales...), notes, strconv.Itoa(n), "", strconv.FormatInt(updated.Unix(), 10),
	}
}

func sum(v []int) int {
	s := 0
	for _, x := range v {
		s += x
	}
	return s
}
