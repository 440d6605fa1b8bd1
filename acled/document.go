package acled

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/strikegraph/strikegraph"
)

// MonitorID is the id of ACLED itself, the speaker of every row's claim. It
// follows the seed corpus's ids for monitors (monitor:sohr), so that an
// annotated article citing ACLED names the same actor.
const MonitorID = "monitor:acled"

// Limits of the annotation format (see strikegraph.Document.Validate).
const (
	maxText = 10000
	maxName = 300
	maxID   = 200
)

// document maps a checked row onto one self-contained document. Ids are
// built from the row's values alone, so the same row always gives the same
// document, and a place or actor gets the same id and definition in every
// row that names it.
func document(e *event) (strikegraph.Document, error) {
	id := "acled:" + e.id
	articleID := id + ":record"
	t := record(e)
	if len(t.text) > maxText {
		return strikegraph.Document{}, strikegraph.Invalidf("notes", "is too long: the record's text would be over %d bytes", maxText)
	}
	doc := strikegraph.Document{
		Actors: []strikegraph.Actor{{ID: MonitorID, Kind: strikegraph.ActorMonitor, Name: "Armed Conflict Location & Event Data Project",
			Aliases: []string{"ACLED"}, Description: "conflict-event dataset; codes each event from the sources it names"}},
	}

	published := strikegraph.Date{Precision: strikegraph.DateUnknown, Note: "the export has no timestamp"}
	if !e.updated.IsZero() {
		published = strikegraph.Date{Value: e.updated.Format(time.DateOnly), Precision: strikegraph.DateDay,
			Note: "the day ACLED last updated the record (timestamp)"}
	}
	doc.Articles = []strikegraph.Article{{
		ID: articleID,
		// File names where the text would be kept apart, as the seed
		// corpus keeps its articles; Text is given, so File is not read.
		File: "acled/" + e.id + ".txt", Title: "ACLED event " + e.id, Published: published, Text: t.text,
		Description: "ACLED's record of the event, written out from its row of the export",
	}}

	levels, location, err := places(&doc, e)
	if err != nil {
		return strikegraph.Document{}, err
	}
	at := strikegraph.Relation{Type: strikegraph.RelLocatedIn, From: id, To: location, Article: articleID, Quote: t.location}
	where := "in " + e.location
	switch e.geoPrecision {
	case 2:
		at.Type, at.Note = strikegraph.RelLocatedNear, "ACLED geo_precision 2: near the town, or in part of the area around it"
		where = "near " + e.location
	case 3:
		// The coordinates stand for a larger region: the incident is only
		// known to be in it. A subdistrict (admin3) is finer than that.
		region, name := levels[0], e.country
		for i, n := range []string{e.admin1, e.admin2} {
			if n != "" {
				region, name = levels[i+1], n
			}
		}
		at.To, at.Note = region, "ACLED geo_precision 3: the source names only a larger region"
		where = "in " + name
	}

	doc.Relations = append(doc.Relations, at)
	target, err := actors(&doc, e, id, articleID, t)
	if err != nil {
		return strikegraph.Document{}, err
	}
	doc.Incidents = []strikegraph.Incident{{
		ID: id, Name: e.subEventType + " " + where + ", " + when(e),
		Aliases: []string{e.id}, // so that a search for the event id finds it
		Scope:   strikegraph.ScopeStrike, Date: incidentDate(e), Target: target, Description: e.notes,
	}}

	quote := e.notes
	if quote == "" {
		quote = t.fatalities
	}
	n := e.fatalities
	noun := "fatalities"
	if n == 1 {
		noun = "fatality"
	}
	doc.Claims = []strikegraph.Claim{{
		ID: id + ":fatalities", Stance: strikegraph.StanceReported, SpeakerID: MonitorID, IncidentID: id, ArticleID: articleID,
		Quote: quote, StatedOn: published,
		// ACLED counts everyone the event killed, combatants included, and
		// does not say how many were civilians: Killed, not CiviliansKilled.
		Figures: strikegraph.Figures{Killed: &strikegraph.Figure{Min: &n, Max: &n, Text: fmt.Sprintf("%d %s", n, noun)}},
		Note:    "ACLED's fatalities: everyone killed, civilian status not stated",
	}}

	// The checks above keep every row within the format; this one makes
	// sure, since an importer loads documents in batches and one invalid
	// document would fail a whole batch.
	err = doc.Validate()
	if err == nil {
		err = doc.CheckReferences(doc.Refs())
	}
	if err != nil {
		return strikegraph.Document{}, &strikegraph.Error{Code: strikegraph.ECodeInvalid, Message: "the row maps to an invalid document: " + err.Error(), Err: err}
	}
	return doc, nil
}

// recordText is the record's text and the lines of it that relations and the
// claim quote.
type recordText struct {
	text                 string
	fatalities, location string
	actor1, assoc1       string
	actor2, assoc2       string
}

// record writes out the row as the article's text: the notes, then the
// coded values, one per line. The sources it names stay here: the export does
// not say whether each is a monitor or an outlet.
func record(e *event) recordText {
	t := recordText{
		fatalities: fmt.Sprintf("Fatalities: %d", e.fatalities),
		location:   "Location: " + strings.Join(nonEmpty(e.location, e.admin3, e.admin2, e.admin1, e.country), ", "),
		actor1:     "Actor 1: " + e.actor1,
	}
	if len(e.assoc1) > 0 {
		t.assoc1 = "Associated with actor 1: " + strings.Join(e.assoc1, "; ")
	}
	if e.actor2 != "" {
		t.actor2 = "Actor 2: " + e.actor2
	}
	if len(e.assoc2) > 0 {
		t.assoc2 = "Associated with actor 2: " + strings.Join(e.assoc2, "; ")
	}
	labelled := func(label, v string) string {
		if v == "" {
			return ""
		}
		return label + ": " + v
	}
	lines := nonEmpty(
		t.fatalities,
		labelled("Event type", e.eventType),
		labelled("Sub-event type", e.subEventType),
		fmt.Sprintf("Event date: %s (time precision %d)", e.dateText, e.timePrecision),
		t.actor1, t.assoc1, t.actor2, t.assoc2,
		labelled("Civilian targeting", e.civilianTargeting),
		t.location,
		fmt.Sprintf("Coordinates: %s, %s (geo precision %d)", e.latText, e.lonText, e.geoPrecision),
		labelled("Source", e.source),
		labelled("Source scale", e.sourceScale),
		labelled("Tags", e.tags),
	)
	t.text = strings.Join(lines, "\n") + "\n"
	if e.notes != "" {
		t.text = e.notes + "\n\n" + t.text
	}
	return t
}

// places adds the row's places from the country down, each LOCATED_IN the
// one above, and returns the id standing for each level (country, admin1,
// admin2, admin3: the level's own place, or the one above where the level is
// empty or skipped) and the location's id.
//
// A place's id is its path of names, one segment per level and "-" for an
// empty level, so that a town and a subdistrict of the same name never share
// one: acled:place:syria/deir-ez-zor/al-bukamal/hajin/hajin is the town of
// Hajin in the subdistrict of Hajin.
func places(doc *strikegraph.Document, e *event) (levels [4]string, location string, err error) {
	chain := []struct {
		col, name string
		kind      strikegraph.PlaceKind
	}{
		{"country", e.country, strikegraph.PlaceCountry},
		{"admin1", e.admin1, strikegraph.PlaceProvince},
		{"admin2", e.admin2, strikegraph.PlaceArea},
		{"admin3", e.admin3, strikegraph.PlaceArea},
	}
	var path []string
	parent, parentName := "", ""
	within := func(id string) {
		if parent != "" {
			doc.Relations = append(doc.Relations, strikegraph.Relation{Type: strikegraph.RelLocatedIn, From: id, To: parent,
				Note: "ACLED's administrative levels"})
		}
	}
	for i, l := range chain {
		if l.name == "" {
			path = append(path, "-")
			levels[i] = parent
			continue
		}
		s, err := segment(l.col, l.name)
		if err != nil {
			return levels, "", err
		}
		path = append(path, s)
		// A district named as its province, Raqqa in Raqqa, is not a
		// place of its own here.
		if k := strikegraph.NameKey(l.name); k != "" && k == strikegraph.NameKey(parentName) {
			levels[i] = parent
			continue
		}
		id, err := placeID(l.col, path)
		if err != nil {
			return levels, "", err
		}
		doc.Places = append(doc.Places, strikegraph.Place{ID: id, Name: l.name, Kind: l.kind})
		within(id)
		parent, parentName, levels[i] = id, l.name, id
	}
	s, err := segment("location", e.location)
	if err != nil {
		return levels, "", err
	}
	location, err = placeID("location", append(path, s))
	if err != nil {
		return levels, "", err
	}
	// At geo_precision 3 the coordinates stand for a larger region, not the
	// town: the row does not define the town, so it cannot give the town
	// the region's coordinates, nor redefine it against rows that locate it.
	if e.geoPrecision == 3 {
		return levels, "", nil
	}
	lat, lon := e.lat, e.lon
	doc.Places = append(doc.Places, strikegraph.Place{ID: location, Name: e.location, Kind: strikegraph.PlaceTown,
		Latitude: &lat, Longitude: &lon, GeoPrecision: strikegraph.GeoTown, GeoSource: "ACLED"})
	within(location)
	return levels, location, nil
}

func placeID(col string, path []string) (string, error) {
	id := "acled:place:" + strings.Join(path, "/")
	if len(id) > maxID {
		return "", strikegraph.Invalidf(col, "the place names are too long to make an id of %d bytes at most", maxID)
	}
	return id, nil
}

// actors adds the row's armed groups and their relations to the incident:
// actor1 and its associates CARRIED_OUT the strike, actor2 and its
// associates were TARGETED. It returns the incident's target: the actors on
// the side of actor2 that are no armed group ("Civilians (Syria)").
func actors(doc *strikegraph.Document, e *event, incident, article string, t recordText) (string, error) {
	var target []string
	for _, side := range []struct {
		main, mainCol, assocCol string
		assoc                   []string
		inter                   string
		mainLine, assocLine     string
		targeted                bool
	}{
		{e.actor1, "actor1", "assoc_actor_1", e.assoc1, e.inter1, t.actor1, t.assoc1, false},
		{e.actor2, "actor2", "assoc_actor_2", e.assoc2, e.inter2, t.actor2, t.assoc2, true},
	} {
		if side.main == "" {
			continue
		}
		// Associated actors are of their main actor's type (ACLED codebook).
		armedSide := armed(side.main, side.inter)
		type named struct{ name, col, line string }
		all := []named{{side.main, side.mainCol, side.mainLine}}
		for _, n := range side.assoc {
			all = append(all, named{n, side.assocCol, side.assocLine})
		}
		for _, a := range all {
			if !armedSide || !armed(a.name, "") {
				if side.targeted {
					target = append(target, a.name)
				}
				continue
			}
			s, err := segment(a.col, a.name)
			if err != nil {
				return "", err
			}
			id := "acled:actor:" + s
			if len(id) > maxID {
				return "", strikegraph.Invalidf(a.col, "%q is too long to make an id of %d bytes at most", a.name, maxID)
			}
			if !slices.ContainsFunc(doc.Actors, func(x strikegraph.Actor) bool { return x.ID == id }) {
				doc.Actors = append(doc.Actors, strikegraph.Actor{ID: id, Kind: strikegraph.ActorArmedGroup, Name: a.name})
			}
			r := strikegraph.Relation{Type: strikegraph.RelCarriedOut, From: id, To: incident, Article: article, Quote: a.line}
			if side.targeted {
				r = strikegraph.Relation{Type: strikegraph.RelTargeted, From: incident, To: id, Article: article, Quote: a.line}
			}
			if !slices.ContainsFunc(doc.Relations, func(x strikegraph.Relation) bool { return x.Type == r.Type && x.From == r.From && x.To == r.To }) {
				doc.Relations = append(doc.Relations, r)
			}
		}
	}
	return strings.Join(target, "; "), nil
}

// armed tells whether an ACLED actor is an armed group. Civilians (inter
// code 7), protesters (6) and rioters (5) are not; inter is empty, a code, or
// its name as newer exports write it.
func armed(name, inter string) bool {
	switch strings.ToLower(inter) {
	case "5", "6", "7", "rioters", "protesters", "civilians":
		return false
	}
	for _, p := range []string{"civilians", "protesters", "rioters"} {
		if strings.HasPrefix(strings.ToLower(name), p) {
			return false
		}
	}
	return true
}

func incidentDate(e *event) strikegraph.Date {
	switch e.timePrecision {
	case 2:
		return strikegraph.Date{Value: e.date.Format(time.DateOnly), Precision: strikegraph.DateApproximate,
			Note: "ACLED time_precision 2: the day is known within a week"}
	case 3:
		return strikegraph.Date{Value: e.date.Format("2006-01"), Precision: strikegraph.DateMonth,
			Note: fmt.Sprintf("ACLED time_precision 3: only the month is known (event_date %s)", e.dateText)}
	}
	return strikegraph.Date{Value: e.date.Format(time.DateOnly), Precision: strikegraph.DateDay}
}

// when is the date as the incident's name gives it.
func when(e *event) string {
	switch e.timePrecision {
	case 2:
		return "around " + e.date.Format("2 January 2006")
	case 3:
		return e.date.Format("January 2006")
	}
	return e.date.Format("2 January 2006")
}

// segment is a name as a segment of an id.
func segment(col, name string) (string, error) {
	if len(name) > maxName {
		return "", strikegraph.Invalidf(col, "is longer than %d bytes", maxName)
	}
	s := slug(name)
	if s == "" {
		return "", strikegraph.Invalidf(col, "%q has no letter or digit to make an id of", name)
	}
	return s, nil
}

// slug writes a name in lower case without accents, apostrophes dropped and
// every other run of characters but letters and digits made one hyphen:
// "Military Forces of Syria (2000-)" → "military-forces-of-syria-2000",
// "Hay'at Tahrir al-Sham" → "hayat-tahrir-al-sham".
func slug(name string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range norm.NFD.String(name) {
		switch {
		case unicode.Is(unicode.Mn, r), strings.ContainsRune("'’‘`ʼʾʿ", r):
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			hyphen = false
			b.WriteRune(unicode.ToLower(r))
		default:
			hyphen = true
		}
	}
	return b.String()
}

func nonEmpty(s ...string) []string {
	return slices.DeleteFunc(s, func(v string) bool { return v == "" })
}
