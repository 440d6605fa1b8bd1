package strikegraph

import (
	"strings"
	"testing"
)

// The pure logic the API rests on, tested without Neo4j.

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
