package strikegraph

import "testing"

func TestFields(t *testing.T) {
	none, all := Fields{}, AllFields
	name, date := FieldsNamed("name"), FieldsNamed("date", "name", "date")
	for _, c := range []struct {
		got, want Fields
	}{
		{none.Or(none), none},
		{none.Or(name), name},
		{name.Or(none), name},
		{name.Or(all), all},
		{name.Or(date), FieldsNamed("date", "name")},
	} {
		if c.got.Key() != c.want.Key() || c.got.Wanted() != c.want.Wanted() {
			t.Errorf("got %+v, want %+v", c.got, c.want)
		}
	}
	if none.Wanted() || !name.Wanted() || !all.Wanted() {
		t.Error("Wanted: only the zero value wants nothing")
	}
	if got := date.Key(); got != "date,id,name" {
		t.Errorf("Key of %v: %q, want the names sorted, each once, with the id", date, got)
	}
	if all.Key() == FieldsNamed("*").Key() {
		t.Error("a field named * reads like every field")
	}
}
