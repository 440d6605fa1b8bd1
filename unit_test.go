package strikegraph

import (
	"strings"
	"testing"
)

// The pure logic the API rests on, tested without Neo4j.

func TestPageWindow(t *testing.T) {
	n := func(i int) *int { return &i }
	c := func(i int) *string { s := Cursor(i); return &s }
	for _, tc := range []struct {
		name  string
		page  Page
		want  Window
		field string // of the error, when one is wanted
	}{
		{"default", Page{}, Window{Start: 0, Limit: DefaultPageSize}, ""},
		{"first", Page{First: n(5)}, Window{Start: 0, Limit: 5}, ""},
		{"first after", Page{First: n(5), After: c(9)}, Window{Start: 10, Limit: 5}, ""},
		{"after and before", Page{After: c(2), Before: c(6)}, Window{Start: 3, Limit: 3}, ""},
		{"last", Page{Last: n(4)}, Window{Start: 0, Limit: 4, FromEnd: true}, ""},
		{"last before", Page{Last: n(4), Before: c(10)}, Window{Start: 6, Limit: 4}, ""},
		{"last before, near the start", Page{Last: n(4), Before: c(2)}, Window{Start: 0, Limit: 2}, ""},
		{"limit and offset", Page{Limit: n(7), Offset: n(3)}, Window{Start: 3, Limit: 7}, ""},
		{"offset alone", Page{Offset: n(3)}, Window{Start: 3, Limit: DefaultListLimit}, ""},
		{"first and last", Page{First: n(1), Last: n(1)}, Window{}, "last"},
		{"limit with first", Page{Limit: n(1), First: n(1)}, Window{}, "limit"},
		{"too many", Page{First: n(MaxPageSize + 1)}, Window{}, "first"},
		{"negative", Page{Limit: n(-1)}, Window{}, "limit"},
		{"offset too far", Page{Offset: n(MaxOffset + 1)}, Window{}, "offset"},
		{"a cursor of another service", Page{After: ptrTo("YWJj")}, Window{}, "after"},
	} {
		got, err := tc.page.Window()
		if tc.field != "" {
			if e, ok := err.(*Error); !ok || e.Code != ECodeInvalid || e.Field != tc.field {
				t.Errorf("%s: %v, want BAD_USER_INPUT on %s", tc.name, err, tc.field)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("%s: %+v, %v; want %+v", tc.name, got, err, tc.want)
		}
	}
	if i, err := DecodeCursor(Cursor(42)); err != nil || i != 42 {
		t.Errorf("a cursor round trip gave %d, %v", i, err)
	}
}

func ptrTo(s string) *string { return &s }

func TestSlug(t *testing.T) {
	for in, want := range map[string]string{
		"Deir ez-Zor":             "deir-ez-zor",
		"  al-Shafa  ":            "al-shafa",
		"Hajīn":                   "hajīn",
		"Syrian Observatory (UK)": "syrian-observatory-uk",
		"دير الزور":               "دير-الزور",
	} {
		if got := Slug(in); got != want {
			t.Errorf("Slug(%q) = %q, want %q", in, got, want)
		}
	}
	if s := Slug("!!!"); s == "" || s != Slug("!!!") || s == Slug("???") {
		t.Errorf("a name of no letters gets a digest of its own, the same each time: %q, %q", s, Slug("???"))
	}
	long := Slug(strings.Repeat("village ", 30))
	if len(long) > 81 || !strings.HasPrefix(long, "village-village") || long == Slug(strings.Repeat("village ", 31)) {
		t.Errorf("a long name keeps its start and a digest of the whole: %q", long)
	}
}

func TestFieldLine(t *testing.T) {
	doc := []byte(`{
  "places": [
    {"id": "place:a", "name": "A"},
    {
      "id": "place:b",
      "name": "B"
    }
  ],
  "claims": [
    {"id": "claim:1",
     "quote": "said so"}
  ]
}`)
	for field, want := range map[string]int{
		"places[1].name":  6,
		"places[0]":       3,
		"claims[0].quote": 11,
		"claims[3].quote": 1, // not there
		"nowhere":         1,
	} {
		if got := FieldLine(doc, field); got != want {
			t.Errorf("FieldLine(%s) = %d, want %d", field, got, want)
		}
	}
}

func TestBestSpelling(t *testing.T) {
	names := []string{"Hajin pocket", "Hajīn", "Haj", "Hajin town"}
	for name, want := range map[string]string{
		"hajin":  "Hajīn", // the same key beats a prefix
		"HAJĪN":  "Hajīn",
		"Haj":    "Haj",
		"pocket": "Hajin pocket", // a word of the name
		"Haijn":  "Hajīn",        // two letters away
	} {
		if got := BestSpelling(name, names); got != want {
			t.Errorf("BestSpelling(%q) = %q, want %q", name, got, want)
		}
	}
}
