package strikegraph

import (
	"reflect"
	"testing"
)

// An update changes the fields given and leaves the others; the document it
// makes names its item "input", as the mutation names its argument.
func TestUpdateEditsTheFieldsGiven(t *testing.T) {
	in := &Incident{ID: "incident:x", Name: "X", Aliases: []string{"Ex"}, Scope: ScopeStrike,
		Date: Date{Value: "2018-02-09", Precision: DateDay}, Target: "a bakery"}
	name, bad := "Y", Date{Value: "February", Precision: DateDay}
	doc, err := (&IncidentUpdate{Name: &name, Date: &bad}).Edit(in)
	if err != nil {
		t.Fatal(err)
	}
	got := doc.Incidents[0]
	if got.Name != "Y" || got.Target != "a bakery" || !reflect.DeepEqual(got.Aliases, []string{"Ex"}) || got.Date != bad {
		t.Errorf("edited: %+v", got)
	}
	if err := doc.Validate(); field(err) != "input.date.value" {
		t.Errorf("a bad date is %v, want it at input.date.value", err)
	}
	if _, err := (&IncidentUpdate{}).Edit(&Place{ID: "place:x"}); field(err) != "id" {
		t.Errorf("a place updated as an incident: %v", err)
	}

	// Given one coordinate, the other is what is given of it: none.
	lat, lon := 35.4, 40.1
	p := &Place{ID: "place:x", Name: "X", Kind: PlaceTown, Latitude: &lat, Longitude: &lon}
	doc, _ = (&PlaceUpdate{Latitude: &lat}).Edit(p)
	if q := doc.Places[0]; q.Latitude == nil || q.Longitude != nil {
		t.Errorf("latitude alone: %v, %v", q.Latitude, q.Longitude)
	}
}

func TestDefaultIDIsTheNaturalKey(t *testing.T) {
	in := &Incident{Name: "Strike on al-Shafa", Date: Date{Value: "2018-02-09", Precision: DateDay}}
	DefaultID(in)
	if in.ID != "incident:strike-on-al-shafa:2018-02-09" {
		t.Errorf("id: %q", in.ID)
	}
	given := &Place{ID: "place:mine", Name: "Hajin"}
	if DefaultID(given); given.ID != "place:mine" {
		t.Errorf("a given id is kept: %q", given.ID)
	}
	c := &Claim{Stance: StanceReported, SpeakerID: "monitor:sohr", IncidentID: "incident:x", ArticleID: "article:a", Quote: "q"}
	if DefaultID(c); c.ID != ClaimID(c) || c.ID == "" {
		t.Errorf("claim id: %q", c.ID)
	}
}

// field is err's field, or "" when err names none.
func field(err error) string {
	if e, ok := err.(*Error); ok {
		return e.Field
	}
	return ""
}
