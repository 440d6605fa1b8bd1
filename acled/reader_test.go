package acled_test

import (
	"errors"
	"fmt"
	"io"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/strikegraph/strikegraph"
	"github.com/strikegraph/strikegraph/acled"
)

const sample = "testdata/syria_airstrikes.csv"

// readAll reads every row; a reader error other than io.EOF fails the test.
func readAll(t testing.TB, r *acled.Reader) []acled.Row {
	t.Helper()
	var rows []acled.Row
	for {
		row, err := r.Next()
		if err == io.EOF {
			return rows
		}
		if err != nil {
			t.Fatal(err)
		}
		rows = append(rows, row)
	}
}

func readFile(t testing.TB, name string) []acled.Row {
	t.Helper()
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r, err := acled.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	return readAll(t, r)
}

func readString(t testing.TB, csv string) []acled.Row {
	t.Helper()
	r, err := acled.NewReader(strings.NewReader(csv))
	if err != nil {
		t.Fatal(err)
	}
	return readAll(t, r)
}

// checkDocument checks a document as the loader does: valid, and every
// reference resolved by the document itself, quotes verbatim.
func checkDocument(t *testing.T, row acled.Row) {
	t.Helper()
	if err := row.Doc.Validate(); err != nil {
		t.Errorf("line %d: %v", row.Line, err)
	}
	if err := row.Doc.CheckReferences(row.Doc.Refs()); err != nil {
		t.Errorf("line %d: %v", row.Line, err)
	}
	if ext := row.Doc.ExternalIDs(); len(ext) > 0 {
		t.Errorf("line %d: references %v it does not define", row.Line, ext)
	}
}

// The deliberately bad rows of the sample and the rows of other event types,
// by line: the importer's tests rely on these (see testdata/README.md).
var sampleRejected = map[int]struct{ id, field, message string }{
	9:  {"SYR30108", "sub_event_type", `"Armed clash" is not imported`},
	22: {"SYR30120", "event_date", `"30 February 2018" is not a date`},
	29: {"SYR30127", "sub_event_type", `"Shelling/artillery/missile attack" is not imported`},
	35: {"SYR30133", "latitude", `"123" is out of range [-90, 90]`},
	42: {"SYR30140", "sub_event_type", `"Shelling/artillery/missile attack" is not imported`},
	47: {"SYR30145", "fatalities", `"abc" is not a whole number`},
	54: {"SYR30152", "sub_event_type", `"Armed clash" is not imported`},
	60: {"SYR30101", "event_id_cnty", `"SYR30101" is also the id of the row on line 2`},
}

func TestSample(t *testing.T) {
	rows := readFile(t, sample)
	if len(rows) != 60 {
		t.Fatalf("%d rows, want 60", len(rows))
	}
	mapped := 0
	for _, row := range rows {
		want, rejected := sampleRejected[row.Line]
		switch {
		case rejected && row.Err == nil:
			t.Errorf("line %d was mapped, want it rejected: %s: %s", row.Line, want.field, want.message)
		case rejected:
			var e *strikegraph.Error
			if !errors.As(row.Err, &e) || e.Code != strikegraph.ECodeInvalid || e.Field != want.field || !strings.Contains(e.Message, want.message) {
				t.Errorf("line %d: %v; want %s: %s…", row.Line, row.Err, want.field, want.message)
			}
			if row.EventID != want.id {
				t.Errorf("line %d: event id %q, want %q", row.Line, row.EventID, want.id)
			}
			if isType := errors.Is(row.Err, acled.ErrSubEventType); isType != (want.field == "sub_event_type") {
				t.Errorf("line %d: errors.Is(err, ErrSubEventType) = %v", row.Line, isType)
			}
		case row.Err != nil:
			t.Errorf("line %d: %v", row.Line, row.Err)
		default:
			mapped++
			checkDocument(t, row)
			if id := "acled:" + row.EventID; row.Doc.Incidents[0].ID != id {
				t.Errorf("line %d: incident %s, want %s", row.Line, row.Doc.Incidents[0].ID, id)
			}
		}
	}
	if mapped != 52 {
		t.Errorf("%d rows mapped, want 52", mapped)
	}
	// What an importer prints.
	if got := fmt.Sprintf("line %d: %v", rows[44].Line, rows[44].Err); got != `line 47: fatalities: "abc" is not a whole number` {
		t.Errorf("got %s", got)
	}
}

// TestMultilineNote: a quoted note with a newline takes two lines, and the
// rows after it start a line later.
func TestMultilineNote(t *testing.T) {
	rows := readFile(t, sample)
	for i, want := range map[int]struct {
		id   string
		line int
	}{10: {"SYR30111", 12}, 11: {"SYR30112", 13}, 12: {"SYR30113", 15}, 59: {"SYR30160", 62}} {
		if rows[i].EventID != want.id || rows[i].Line != want.line {
			t.Errorf("row %d is %s on line %d, want %s on line %d", i, rows[i].EventID, rows[i].Line, want.id, want.line)
		}
	}
	note := rows[11].Doc.Incidents[0].Description
	if !strings.Contains(note, "killing 11 civilians.\nDeir Ezzor 24 later reported") {
		t.Errorf("the note lost its newline: %q", note)
	}
}

// TestDeterministic: the same file gives the same documents, so re-importing
// it changes nothing.
func TestDeterministic(t *testing.T) {
	a, b := readFile(t, sample), readFile(t, sample)
	if !reflect.DeepEqual(a, b) {
		t.Error("two reads of the sample differ")
	}
}

// TestSharedDefinitions: a place or actor that several rows name has one id
// and one definition in all of them.
func TestSharedDefinitions(t *testing.T) {
	places := map[string]strikegraph.Place{}
	actors := map[string]strikegraph.Actor{}
	for _, row := range readFile(t, sample) {
		for _, p := range row.Doc.Places {
			if q, ok := places[p.ID]; ok && !reflect.DeepEqual(p, q) {
				t.Errorf("line %d defines %s as %+v; an earlier row as %+v", row.Line, p.ID, p, q)
			}
			places[p.ID] = p
		}
		for _, a := range row.Doc.Actors {
			if b, ok := actors[a.ID]; ok && !reflect.DeepEqual(a, b) {
				t.Errorf("line %d defines %s as %+v; an earlier row as %+v", row.Line, a.ID, a, b)
			}
			actors[a.ID] = a
		}
	}
	for _, id := range []string{
		"acled:place:syria", "acled:place:syria/deir-ez-zor", "acled:place:syria/deir-ez-zor/al-bukamal",
		"acled:place:syria/deir-ez-zor/al-bukamal/hajin", "acled:place:syria/deir-ez-zor/al-bukamal/hajin/hajin",
	} {
		if _, ok := places[id]; !ok {
			t.Errorf("no place %s", id)
		}
	}
	for _, id := range []string{
		acled.MonitorID, "acled:actor:military-forces-of-the-united-states-2017-2021", "acled:actor:coalition-forces",
		"acled:actor:military-forces-of-russia-2000", "acled:actor:military-forces-of-syria-2000",
		"acled:actor:islamic-state-iraq-and-syria", "acled:actor:syrian-democratic-forces", "acled:actor:hayat-tahrir-al-sham",
		"acled:actor:jaish-al-izza",
	} {
		if _, ok := actors[id]; !ok {
			t.Errorf("no actor %s", id)
		}
	}
	for id := range actors {
		if strings.Contains(id, "civilians") || strings.Contains(id, "health-workers") {
			t.Errorf("%s is an actor; civilians are the target, not an armed group", id)
		}
	}
}

func rowByID(t *testing.T, rows []acled.Row, id string) acled.Row {
	t.Helper()
	for _, r := range rows {
		if r.EventID == id && r.Err == nil {
			return r
		}
	}
	t.Fatalf("no mapped row %s", id)
	return acled.Row{}
}

func relations(d strikegraph.Document) []string {
	var out []string
	for _, r := range d.Relations {
		out = append(out, fmt.Sprintf("%s %s %s", r.From, r.Type, r.To))
	}
	return out
}

func placeByID(d strikegraph.Document, id string) (strikegraph.Place, bool) {
	for _, p := range d.Places {
		if p.ID == id {
			return p, true
		}
	}
	return strikegraph.Place{}, false
}

// TestMapping checks the first row of the sample field by field.
func TestMapping(t *testing.T) {
	row := rowByID(t, readFile(t, sample), "SYR30101")
	d := row.Doc
	notes := "On 3 February 2018, international coalition warplanes struck Hajin (Al-Bukamal, Deir ez-Zor), killing 5 civilians including 2 children. A house near the town's market was destroyed."
	published := strikegraph.Date{Value: "2018-02-12", Precision: strikegraph.DateDay, Note: "the day ACLED last updated the record (timestamp)"}

	wantIncident := strikegraph.Incident{
		ID: "acled:SYR30101", Name: "Air/drone strike in Hajin, 3 February 2018", Aliases: []string{"SYR30101"},
		Scope: strikegraph.ScopeStrike, Date: strikegraph.Date{Value: "2018-02-03", Precision: strikegraph.DateDay},
		Target: "Civilians (Syria)", Description: notes,
	}
	if !reflect.DeepEqual(d.Incidents, []strikegraph.Incident{wantIncident}) {
		t.Errorf("incidents:\n%+v\nwant\n%+v", d.Incidents, wantIncident)
	}

	wantText := notes + "\n\n" + `Fatalities: 5
Event type: Explosions/Remote violence
Sub-event type: Air/drone strike
Event date: 2018-02-03 (time precision 1)
Actor 1: Military Forces of the United States (2017-2021)
Associated with actor 1: Coalition Forces
Actor 2: Civilians (Syria)
Civilian targeting: Civilian targeting
Location: Hajin, Hajin, Al-Bukamal, Deir ez-Zor, Syria
Coordinates: 34.6947, 40.8333 (geo precision 1)
Source: Syrian Observatory for Human Rights; Deir Ezzor 24
Source scale: New media-National
`
	wantArticle := strikegraph.Article{
		ID: "acled:SYR30101:record", File: "acled/SYR30101.txt", Title: "ACLED event SYR30101", Published: published,
		Text: wantText, Description: "ACLED's record of the event, written out from its row of the export",
	}
	if !reflect.DeepEqual(d.Articles, []strikegraph.Article{wantArticle}) {
		t.Errorf("articles:\n%+v\nwant\n%+v", d.Articles, wantArticle)
	}

	lat, lon := 34.6947, 40.8333
	wantPlaces := []strikegraph.Place{
		{ID: "acled:place:syria", Name: "Syria", Kind: strikegraph.PlaceCountry},
		{ID: "acled:place:syria/deir-ez-zor", Name: "Deir ez-Zor", Kind: strikegraph.PlaceProvince},
		{ID: "acled:place:syria/deir-ez-zor/al-bukamal", Name: "Al-Bukamal", Kind: strikegraph.PlaceArea},
		{ID: "acled:place:syria/deir-ez-zor/al-bukamal/hajin", Name: "Hajin", Kind: strikegraph.PlaceArea},
		{ID: "acled:place:syria/deir-ez-zor/al-bukamal/hajin/hajin", Name: "Hajin", Kind: strikegraph.PlaceTown,
			Latitude: &lat, Longitude: &lon, GeoPrecision: strikegraph.GeoTown, GeoSource: "ACLED"},
	}
	if !reflect.DeepEqual(d.Places, wantPlaces) {
		t.Errorf("places:\n%+v\nwant\n%+v", d.Places, wantPlaces)
	}

	wantActors := []strikegraph.Actor{
		{ID: "monitor:acled", Kind: strikegraph.ActorMonitor, Name: "Armed Conflict Location & Event Data Project",
			Aliases: []string{"ACLED"}, Description: "conflict-event dataset; codes each event from the sources it names"},
		{ID: "acled:actor:military-forces-of-the-united-states-2017-2021", Kind: strikegraph.ActorArmedGroup, Name: "Military Forces of the United States (2017-2021)"},
		{ID: "acled:actor:coalition-forces", Kind: strikegraph.ActorArmedGroup, Name: "Coalition Forces"},
	}
	if !reflect.DeepEqual(d.Actors, wantActors) {
		t.Errorf("actors:\n%+v\nwant\n%+v", d.Actors, wantActors)
	}

	admin := "ACLED's administrative levels"
	wantRelations := []strikegraph.Relation{
		{Type: strikegraph.RelLocatedIn, From: "acled:place:syria/deir-ez-zor", To: "acled:place:syria", Note: admin},
		{Type: strikegraph.RelLocatedIn, From: "acled:place:syria/deir-ez-zor/al-bukamal", To: "acled:place:syria/deir-ez-zor", Note: admin},
		{Type: strikegraph.RelLocatedIn, From: "acled:place:syria/deir-ez-zor/al-bukamal/hajin", To: "acled:place:syria/deir-ez-zor/al-bukamal", Note: admin},
		{Type: strikegraph.RelLocatedIn, From: "acled:place:syria/deir-ez-zor/al-bukamal/hajin/hajin", To: "acled:place:syria/deir-ez-zor/al-bukamal/hajin", Note: admin},
		{Type: strikegraph.RelLocatedIn, From: "acled:SYR30101", To: "acled:place:syria/deir-ez-zor/al-bukamal/hajin/hajin",
			Article: "acled:SYR30101:record", Quote: "Location: Hajin, Hajin, Al-Bukamal, Deir ez-Zor, Syria"},
		{Type: strikegraph.RelCarriedOut, From: "acled:actor:military-forces-of-the-united-states-2017-2021", To: "acled:SYR30101",
			Article: "acled:SYR30101:record", Quote: "Actor 1: Military Forces of the United States (2017-2021)"},
		{Type: strikegraph.RelCarriedOut, From: "acled:actor:coalition-forces", To: "acled:SYR30101",
			Article: "acled:SYR30101:record", Quote: "Associated with actor 1: Coalition Forces"},
	}
	if !reflect.DeepEqual(d.Relations, wantRelations) {
		t.Errorf("relations:\n%+v\nwant\n%+v", d.Relations, wantRelations)
	}

	five := 5
	wantClaim := strikegraph.Claim{
		ID: "acled:SYR30101:fatalities", Stance: strikegraph.StanceReported, SpeakerID: "monitor:acled",
		IncidentID: "acled:SYR30101", ArticleID: "acled:SYR30101:record", Quote: notes, StatedOn: published,
		Figures: strikegraph.Figures{Killed: &strikegraph.Figure{Min: &five, Max: &five, Text: "5 fatalities"}},
		Note:    "ACLED's fatalities: everyone killed, civilian status not stated",
	}
	if !reflect.DeepEqual(d.Claims, []strikegraph.Claim{wantClaim}) {
		t.Errorf("claims:\n%+v\nwant\n%+v", d.Claims, wantClaim)
	}
	if !strings.Contains(d.Articles[0].Text, d.Claims[0].Quote) {
		t.Error("the claim's quote is not in the article")
	}
}

// TestMappingVariants checks how the sample's other rows vary: dates, places,
// actors and targets.
func TestMappingVariants(t *testing.T) {
	rows := readFile(t, sample)

	t.Run("week precision, near the town", func(t *testing.T) {
		d := rowByID(t, rows, "SYR30103").Doc
		want := strikegraph.Date{Value: "2018-02-09", Precision: strikegraph.DateApproximate, Note: "ACLED time_precision 2: the day is known within a week"}
		if in := d.Incidents[0]; in.Date != want || in.Name != "Air/drone strike near Al-Shafa, around 9 February 2018" {
			t.Errorf("got %q, %+v", in.Name, in.Date)
		}
		if rels := relations(d); !contains(rels, "acled:SYR30103 LOCATED_NEAR acled:place:syria/deir-ez-zor/al-bukamal/hajin/al-shafa") {
			t.Errorf("relations %v", rels)
		}
	})
	t.Run("month precision", func(t *testing.T) {
		in := rowByID(t, rows, "SYR30106").Doc.Incidents[0]
		want := strikegraph.Date{Value: "2018-05", Precision: strikegraph.DateMonth, Note: "ACLED time_precision 3: only the month is known (event_date 2018-05-15)"}
		if in.Date != want || in.Name != "Air/drone strike near Al-Susah, May 2018" {
			t.Errorf("got %q, %+v", in.Name, in.Date)
		}
	})
	t.Run("older date format", func(t *testing.T) {
		d := rowByID(t, rows, "SYR30111").Doc
		if got := d.Incidents[0].Date.Value; got != "2018-06-18" {
			t.Errorf("date %s, want 2018-06-18", got)
		}
		if !strings.Contains(d.Articles[0].Text, "Event date: 18 June 2018 (time precision 1)") {
			t.Error("the record does not keep event_date as written")
		}
	})
	t.Run("larger region: in the province, district named as it", func(t *testing.T) {
		d := rowByID(t, rows, "SYR30107").Doc
		rels := relations(d)
		if !contains(rels, "acled:SYR30107 LOCATED_IN acled:place:syria/deir-ez-zor") {
			t.Errorf("relations %v", rels)
		}
		if contains(rels, "acled:SYR30107 LOCATED_IN acled:place:syria/deir-ez-zor/deir-ez-zor/deir-ez-zor/deir-ez-zor") {
			t.Error("the incident is in the location, though ACLED only knows the region")
		}
		// Deir ez-Zor district and subdistrict are named as the province:
		// not places of their own. The town is not defined either: the
		// coordinates are the region's, not the town's.
		if len(d.Places) != 2 {
			t.Errorf("places %v, want the country and the province", d.Places)
		}
		if _, ok := placeByID(d, "acled:place:syria/deir-ez-zor/deir-ez-zor/deir-ez-zor/deir-ez-zor"); ok {
			t.Error("a geo_precision 3 row defines its town")
		}
		if name := d.Incidents[0].Name; name != "Air/drone strike in Deir ez-Zor, 20 September 2017" {
			t.Errorf("name %q", name)
		}
	})
	t.Run("larger region: in the district", func(t *testing.T) {
		d := rowByID(t, rows, "SYR30146").Doc
		if rels := relations(d); !contains(rels, "acled:SYR30146 LOCATED_IN acled:place:syria/aleppo/jebel-saman") {
			t.Errorf("relations %v", rels)
		}
	})
	t.Run("city named as its province", func(t *testing.T) {
		d := rowByID(t, rows, "SYR30119").Doc
		rels := relations(d)
		town := "acled:place:syria/ar-raqqa/ar-raqqa/ar-raqqa/ar-raqqa"
		if len(d.Places) != 3 || !contains(rels, town+" LOCATED_IN acled:place:syria/ar-raqqa") || !contains(rels, "acled:SYR30119 LOCATED_IN "+town) {
			t.Errorf("places %v, relations %v", d.Places, rels)
		}
	})
	t.Run("associated actors", func(t *testing.T) {
		rels := relations(rowByID(t, rows, "SYR30113").Doc)
		for _, r := range []string{
			"acled:actor:coalition-forces CARRIED_OUT acled:SYR30113",
			"acled:actor:military-forces-of-the-united-states-2017-2021 CARRIED_OUT acled:SYR30113",
			"acled:actor:syrian-democratic-forces CARRIED_OUT acled:SYR30113",
			"acled:SYR30113 TARGETED acled:actor:islamic-state-iraq-and-syria",
		} {
			if !contains(rels, r) {
				t.Errorf("no %s in %v", r, rels)
			}
		}
		rels = relations(rowByID(t, rows, "SYR30149").Doc)
		for _, r := range []string{"acled:SYR30149 TARGETED acled:actor:jaish-al-izza", "acled:SYR30149 TARGETED acled:actor:hayat-tahrir-al-sham"} {
			if !contains(rels, r) {
				t.Errorf("no %s in %v", r, rels)
			}
		}
	})
	t.Run("civilians are the target, not actors", func(t *testing.T) {
		d := rowByID(t, rows, "SYR30129").Doc
		if got := d.Incidents[0].Target; got != "Civilians (Syria); Health Workers (Syria)" {
			t.Errorf("target %q", got)
		}
		if len(d.Actors) != 2 { // ACLED and the Syrian forces
			t.Errorf("actors %+v", d.Actors)
		}
		for _, r := range d.Relations {
			if r.Type == strikegraph.RelTargeted {
				t.Errorf("%+v: civilians are not an armed group", r)
			}
		}
	})
	t.Run("no target, no timestamp", func(t *testing.T) {
		d := rowByID(t, rows, "SYR30148").Doc
		if d.Incidents[0].Target != "" || len(d.Actors) != 2 {
			t.Errorf("target %q, actors %+v", d.Incidents[0].Target, d.Actors)
		}
		want := strikegraph.Date{Precision: strikegraph.DateUnknown, Note: "the export has no timestamp"}
		if d.Articles[0].Published != want || d.Claims[0].StatedOn != want {
			t.Errorf("published %+v, stated on %+v", d.Articles[0].Published, d.Claims[0].StatedOn)
		}
		if fig := d.Claims[0].Figures.Killed; *fig.Min != 0 || *fig.Max != 0 || fig.Text != "0 fatalities" {
			t.Errorf("figure %+v", fig)
		}
	})
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
