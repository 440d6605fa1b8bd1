package cypher

import "testing"

func TestBestSpelling(t *testing.T) {
	names := []string{"Hajin pocket", "Hajīn", "Haj", "Hajin town"}
	for name, want := range map[string]string{
		"hajin":  "Hajīn", // the same key beats a prefix
		"HAJĪN":  "Hajīn",
		"Haj":    "Haj",
		"pocket": "Hajin pocket", // a word of the name
		"Haijn":  "Hajīn",        // two letters away
	} {
		if got := bestSpelling(name, names); got != want {
			t.Errorf("bestSpelling(%q) = %q, want %q", name, got, want)
		}
	}
}
