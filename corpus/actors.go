package corpus

import (
	"fmt"

	"github.com/strikegraph/strikegraph"
)

// group is an armed group. Perpetrators carry out strikes on their targets;
// people names the spokespeople they have.
type group struct {
	slug, name, short string // short: "Coalition" in "Coalition airstrike on …"
	aliases           []string
	targets           []int
	people            *personNames
	spokespeople      int
}

const (
	coalition = iota
	russia
	syrianAirForce
	iraqiAirForce
	turkishAirForce
	isis
	hts
	sdf
	ypg
	fsa
	unitedStates
)

var groups = []group{
	coalition:       {"coalition", "US-led coalition", "Coalition", []string{"the Coalition", "Combined Joint Task Force – Operation Inherent Resolve", "CJTF-OIR", "Global Coalition against Daesh"}, []int{isis}, &english, 3},
	russia:          {"russian-aerospace-forces", "Russian Aerospace Forces", "Russian", []string{"Russian air force", "VKS"}, []int{hts, fsa, isis}, &russian, 2},
	syrianAirForce:  {"syrian-air-force", "Syrian Arab Air Force", "Syrian government", []string{"Syrian air force", "SyAAF", "regime air force"}, []int{fsa, hts, isis}, &arabic, 1},
	iraqiAirForce:   {"iraqi-air-force", "Iraqi Air Force", "Iraqi", []string{"IqAF", "القوة الجوية العراقية"}, []int{isis}, &arabic, 1},
	turkishAirForce: {"turkish-air-force", "Turkish Air Force", "Turkish", []string{"Türk Hava Kuvvetleri", "TurAF"}, []int{ypg, sdf}, &turkish, 1},
	isis:            {"isis", "Islamic State", "", []string{"ISIS", "ISIL", "IS", "Daesh", "داعش"}, nil, nil, 0},
	hts:             {"hts", "Hay'at Tahrir al-Sham", "", []string{"Hayat Tahrir al-Sham", "HTS", "هيئة تحرير الشام"}, nil, nil, 0},
	sdf:             {"sdf", "Syrian Democratic Forces", "", []string{"SDF", "QSD", "قسد"}, nil, nil, 0},
	ypg:             {"ypg", "People's Protection Units", "", []string{"YPG", "Yekîneyên Parastina Gel"}, nil, nil, 0},
	fsa:             {"fsa", "Free Syrian Army", "", []string{"FSA", "الجيش السوري الحر"}, nil, nil, 0},
	unitedStates:    {"united-states", "United States", "", []string{"US", "USA", "Washington"}, nil, nil, 0},
}

// perpetrators weighs, per country, how often each group strikes there.
var perpetrators = [][]int{
	{coalition: 40, russia: 30, syrianAirForce: 20, turkishAirForce: 10},
	{coalition: 70, iraqiAirForce: 30},
}

// controllers are the groups that hold towns, per country.
var controllers = [][]int{{isis, hts, sdf, fsa}, {isis}}

var groupRelations = []struct {
	t        strikegraph.RelationType
	from, to int
}{
	{strikegraph.RelLeads, unitedStates, coalition},
	{strikegraph.RelBacks, coalition, sdf},
	{strikegraph.RelPartOf, ypg, sdf},
	{strikegraph.RelAlliedWith, russia, syrianAirForce},
	{strikegraph.RelFights, coalition, isis},
	{strikegraph.RelFights, iraqiAirForce, isis},
	{strikegraph.RelFights, sdf, isis},
	{strikegraph.RelFights, turkishAirForce, ypg},
	{strikegraph.RelFights, russia, hts},
	{strikegraph.RelFights, syrianAirForce, fsa},
}

func groupID(i int) string { return "gen:group:" + groups[i].slug }

// reporter is a monitor or an outlet, with its spokespeople (for monitors).
type reporter struct {
	id, name     string
	spokespeople []spokesperson
}

type spokesperson struct{ id, name, role string }

type fixedReporter struct {
	name, description string
	aliases           []string
}

// The big reporters come first, so the Zipf choice makes them the busiest.
var bigMonitors = []fixedReporter{
	{"Euphrates Observatory for Human Rights", "monitoring network of activists across Syria", []string{"EOHR", "Euphrates Observatory"}},
	{"Levant Network for Civilian Rights", "human-rights organisation documenting civilian deaths", []string{"LNCR", "Levant Network"}},
	{"Mesopotamia Casualty Monitor", "casualty recorder for Iraq and Syria", []string{"MCM"}},
	{"Civilian Harm Tracker", "open-source casualty recorder", []string{"CHT"}},
	{"Iraq Civilians Register", "casualty recorder for Iraq", []string{"ICR"}},
}

var bigOutlets = []fixedReporter{
	{"Levant Wire", "news agency", nil},
	{"Orient Press Agency", "news agency", []string{"OPA", "Orient Press"}},
	{"Syrian State News", "state media", []string{"Syrian state media"}},
	{"Global News Service", "news agency", []string{"GNS"}},
	{"Baghdad Broadcasting", "state broadcaster", []string{"Baghdad Broadcasting Corporation"}},
	{"Anatolian Herald", "newspaper", nil},
	{"Moscow Daily", "state-aligned newspaper", nil},
	{"Kurdish Frontline Network", "news network", []string{"KFN"}},
	{"Wilayat Media Office", "IS-linked news agency", []string{"Wilayat Media"}},
}

// Local reporters are named after the busiest towns: "Tell al-Hamra Media
// Centre", also spelt "… Media Center".
var localMonitors = [][2]string{{"%s Coordination Committee", "%s Local Coordination Committee"}, {"%s Media Centre", "%s Media Center"}, {"%s Civil Defence", "%s Civil Defense"}, {"Activists of %s", "%s Activists"}}
var localOutlets = [][2]string{{"%s Today", "%s Today News"}, {"Radio %s", "%s Radio"}, {"%s News Network", "%s Network"}, {"%s 24", "%s Twenty-Four"}}

// actors builds the armed groups, monitors, outlets and spokespeople, and the
// relations between them; towns must be built first (local reporters and
// control of towns refer to them).
func (g *generator) actors(local int) ([]strikegraph.Actor, []strikegraph.Relation) {
	var actors []strikegraph.Actor
	var rels []strikegraph.Relation
	for i, gr := range groups {
		actors = append(actors, strikegraph.Actor{ID: groupID(i), Kind: strikegraph.ActorArmedGroup, Name: gr.name, Aliases: gr.aliases})
		g.spokespeople = append(g.spokespeople, nil)
		for range gr.spokespeople {
			role := g.oneOf("spokesperson", "spokesperson", "press officer", "deputy commander")
			s, a := g.person(gr.people, role, gr.name)
			actors = append(actors, a)
			rels = append(rels, speaksFor(s, groupID(i)))
			g.spokespeople[i] = append(g.spokespeople[i], s)
		}
	}
	for _, r := range groupRelations {
		rels = append(rels, gazetteer(r.t, groupID(r.from), groupID(r.to)))
	}
	for _, t := range g.towns {
		if g.chance(0.08) {
			c := controllers[provinces[t.province].country]
			rels = append(rels, gazetteer(strikegraph.RelControls, groupID(c[g.rng.IntN(len(c))]), t.id))
		}
	}
	add := func(kind strikegraph.ActorKind, prefix string, fixed []fixedReporter, forms [][2]string) []reporter {
		var out []reporter
		for i := range len(fixed) + local {
			name, description, aliases := "", "", []string(nil)
			if i < len(fixed) {
				name, description, aliases = fixed[i].name, fixed[i].description, fixed[i].aliases
			} else {
				t, form := g.towns[i-len(fixed)], forms[i%len(forms)]
				name, description, aliases = fmt.Sprintf(form[0], t.name), "local", []string{fmt.Sprintf(form[1], t.name)}
			}
			r := reporter{id: prefix + slug(name), name: name}
			actors = append(actors, strikegraph.Actor{ID: r.id, Kind: kind, Name: name, Aliases: aliases, Description: description})
			// The big monitors have a head who speaks for them.
			if kind == strikegraph.ActorMonitor && i < len(fixed) {
				s, a := g.person(&arabic, g.oneOf("head", "director"), name)
				actors = append(actors, a)
				rels = append(rels, speaksFor(s, r.id))
				r.spokespeople = append(r.spokespeople, s)
			}
			out = append(out, r)
		}
		return out
	}
	g.monitors = add(strikegraph.ActorMonitor, "gen:monitor:", bigMonitors, localMonitors)
	g.outlets = add(strikegraph.ActorOutlet, "gen:outlet:", bigOutlets, localOutlets)
	return actors, rels
}

func speaksFor(s spokesperson, org string) strikegraph.Relation {
	r := gazetteer(strikegraph.RelSpeaksFor, s.id, org)
	r.Role = s.role
	return r
}

// personNames are first and last names, each with its other spellings.
type personNames struct{ first, last [][]string }

var english = personNames{
	first: [][]string{{"James"}, {"Sarah"}, {"Michael"}, {"Thomas"}, {"Laura"}, {"Daniel"}, {"Karen"}, {"Scott"}},
	last:  [][]string{{"Carter"}, {"Hughes"}, {"Bennett"}, {"Foster"}, {"Hayes"}, {"Porter"}, {"Reid"}, {"Walsh"}},
}

var russian = personNames{
	first: [][]string{{"Sergei", "Sergey"}, {"Alexei", "Aleksey"}, {"Dmitri", "Dmitry"}, {"Yuri", "Yury"}, {"Igor"}, {"Nikolai", "Nikolay"}},
	last:  [][]string{{"Volkov"}, {"Sokolov"}, {"Morozov"}, {"Lebedev"}, {"Kozlov"}, {"Orlov"}},
}

var arabic = personNames{
	first: [][]string{{"Ahmad", "Ahmed"}, {"Mohammed", "Muhammad", "Mohamed"}, {"Khaled", "Khalid"}, {"Yasser", "Yasir"}, {"Tariq", "Tarek"}, {"Bassam"}, {"Nidal"}, {"Mustafa", "Moustafa"}},
	last:  [][]string{{"al-Rawi", "el-Rawi"}, {"Abdel Rahman", "Abdul Rahman", "Abdulrahman"}, {"al-Khatib", "Al Khateeb"}, {"Haddad", "Hadad"}, {"Suleiman", "Sulaiman"}, {"al-Obeidi", "al-Ubaidi"}, {"Hamdan"}, {"al-Jubouri", "al-Juburi"}},
}

var turkish = personNames{
	first: [][]string{{"Mehmet", "Mehmed"}, {"Ahmet"}, {"Emre"}, {"Kemal"}},
	last:  [][]string{{"Yılmaz", "Yilmaz"}, {"Kaya"}, {"Demir"}, {"Çelik", "Celik"}, {"Şahin", "Sahin"}, {"Aydın", "Aydin"}},
}

// person makes a spokesperson with a name not used before, and the other
// spellings of it as aliases.
func (g *generator) person(names *personNames, role, org string) (spokesperson, strikegraph.Actor) {
	var first, last []string
	for {
		first, last = names.first[g.rng.IntN(len(names.first))], names.last[g.rng.IntN(len(names.last))]
		if !g.usedNames[first[0]+" "+last[0]] {
			break
		}
	}
	name := first[0] + " " + last[0]
	g.usedNames[name] = true
	var aliases []string
	for _, f := range first {
		for _, l := range last {
			aliases = appendNew(aliases, f+" "+l, name)
		}
	}
	// The id is made of the last spellings, which are plain ASCII.
	s := spokesperson{id: "gen:person:" + slug(first[len(first)-1]+" "+last[len(last)-1]), name: name, role: role}
	return s, strikegraph.Actor{ID: s.id, Kind: strikegraph.ActorSpokesperson, Name: name, Aliases: aliases, Description: role + " of the " + org}
}
