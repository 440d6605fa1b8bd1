package importer

import (
	"slices"
	"testing"
	"testing/fstest"

	"github.com/strikegraph/strikegraph"
	"github.com/strikegraph/strikegraph/data"
)

// TestSeedCorpus checks the annotations against the articles without a
// database: every document is valid, every reference resolves to an entity of
// the right kind that some document defines, and every quote stands verbatim
// in its article.
func TestSeedCorpus(t *testing.T) {
	docs, err := ReadDocuments(data.FS, data.SeedDir)
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

// TestTextGivenIsNotReadFromFile reads a document, as an export writes it,
// whose article has its text and names its file: the text given is kept, and
// the file, absent here, is not read. An article with a file alone still has
// its text read from it.
func TestTextGivenIsNotReadFromFile(t *testing.T) {
	fsys := fstest.MapFS{
		"docs/export.json": {Data: []byte(`{"articles": [
			{"id": "article:a", "file": "a.txt", "text": "A said ten died.", "published": {"precision": "UNKNOWN"}},
			{"id": "article:b", "file": "b.txt", "published": {"precision": "UNKNOWN"}}]}`)},
		"articles/b.txt": {Data: []byte("B said nine died.")},
	}
	docs, err := ReadDocuments(fsys, "docs")
	if err != nil {
		t.Fatal(err)
	}
	got := []string{docs[0].Articles[0].Text, docs[0].Articles[1].Text}
	if want := []string{"A said ten died.", "B said nine died."}; !slices.Equal(got, want) {
		t.Fatalf("texts %q, want %q", got, want)
	}
}

// TestUnknownFieldLine points a rejected document's unknown field at its
// own line, not the document's first.
func TestUnknownFieldLine(t *testing.T) {
	b := []byte("{\n  \"places\": [\n    {\"id\": \"place:a\", \"name\": \"A\", \"kind\": \"TOWN\",\n     \"populaton\": 3}\n  ]\n}\n")
	r := DocumentRecord("doc.json", b)
	if r.Err == nil || r.Line != 4 {
		t.Errorf("line %d (%v), want 4, the line of populaton", r.Line, r.Err)
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
