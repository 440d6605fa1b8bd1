package strikegraph_test

import (
	"testing"

	"github.com/strikegraph/strikegraph"
	"github.com/strikegraph/strikegraph/data"
)

// TestSeedCorpus checks the annotations against the articles without a
// database: every document is valid, every reference resolves to an entity of
// the right kind that some document defines, and every quote stands verbatim
// in its article.
func TestSeedCorpus(t *testing.T) {
	docs, err := strikegraph.ReadDocuments(data.FS, data.SeedDir)
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) < 6 {
		t.Fatalf("read %d documents, want the gazetteer and one per article", len(docs))
	}
	refs := map[string]strikegraph.Ref{}
	articles := 0
	for _, d := range docs {
		for id, ref := range d.Refs() {
			if _, dup := refs[id]; dup {
				t.Errorf("%s is defined in two documents", id)
			}
			refs[id] = ref
		}
		articles += len(d.Articles)
	}
	if articles != 5 {
		t.Errorf("%d articles annotated, want all 5", articles)
	}
	for i, d := range docs {
		if err := d.CheckReferences(refs); err != nil {
			t.Errorf("document %d: %v", i, err)
		}
	}
}

func TestNameKey(t *testing.T) {
	same := [][]string{
		{"Deir ez-Zor", "Deir al-Zor", "deir-ez-zor", "DEIR EZ ZOR"},
		{"Carlo Muñoz", "carlo munoz"},
		{"al-Shadadi", "Shaddadi", "Al Shadadi"},
	}
	for _, names := range same {
		for _, n := range names[1:] {
			if strikegraph.NameKey(n) != strikegraph.NameKey(names[0]) {
				t.Errorf("NameKey(%q) = %q, NameKey(%q) = %q; want equal", n, strikegraph.NameKey(n), names[0], strikegraph.NameKey(names[0]))
			}
		}
	}
	if strikegraph.NameKey("Hajin") == strikegraph.NameKey("Gamsha") {
		t.Error("different names share a key")
	}
	if k := strikegraph.NameKey("هجين"); k == "" {
		t.Error("an Arabic-script name has no key")
	}
}
