package acled_test

import (
	"bytes"
	"io"
	"reflect"
	"strconv"
	"testing"

	"github.com/strikegraph/strikegraph"
	"github.com/strikegraph/strikegraph/acled"
	"github.com/strikegraph/strikegraph/corpus"
)

func generateACLED(t testing.TB, n int, seed int64) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := corpus.ACLED(&b, n, seed); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestGenerateSameSeedSameBytes(t *testing.T) {
	a, b := generateACLED(t, 2000, 1), generateACLED(t, 2000, 1)
	if !bytes.Equal(a, b) {
		t.Error("two files of seed 1 differ")
	}
	if bytes.Equal(a, generateACLED(t, 2000, 2)) {
		t.Error("seeds 1 and 2 gave the same file")
	}
}

// TestGeneratedRowsMap reads 10,000 rows of corpus.ACLED: every one maps to a valid
// document, ids are unique, shared places and actors are defined the same way
// in every row, and the rows vary as real ones do.
func TestGeneratedRowsMap(t *testing.T) {
	const n = 10000
	r, err := acled.NewReader(bytes.NewReader(generateACLED(t, n, 1)))
	if err != nil {
		t.Fatal(err)
	}
	rows := readAll(t, r)
	if len(rows) != n {
		t.Fatalf("%d rows, want %d", len(rows), n)
	}
	defs := map[string]any{}
	ids := map[string]bool{}
	precisions := map[strikegraph.DatePrecision]int{}
	rels := map[strikegraph.RelationType]int{}
	fatalities := map[string]int{}
	for i, row := range rows {
		if row.Line != i+2 || row.Err != nil {
			t.Fatalf("line %d (row %d): %v", row.Line, i, row.Err)
		}
		if ids[row.EventID] {
			t.Errorf("line %d: %s is used twice", row.Line, row.EventID)
		}
		ids[row.EventID] = true
		checkDocument(t, row)
		d := row.Doc
		for _, p := range d.Places {
			if q, ok := defs[p.ID]; ok && !reflect.DeepEqual(q, p) {
				t.Errorf("line %d: %s defined as %+v and as %+v", row.Line, p.ID, p, q)
			}
			defs[p.ID] = p
		}
		for _, a := range d.Actors {
			if b, ok := defs[a.ID]; ok && !reflect.DeepEqual(a, b) {
				t.Errorf("line %d: %s defined as %+v and as %+v", row.Line, a.ID, a, b)
			}
			defs[a.ID] = a
		}
		precisions[d.Incidents[0].Date.Precision]++
		for _, rel := range d.Relations {
			if rel.From == d.Incidents[0].ID || rel.To == d.Incidents[0].ID {
				rels[rel.Type]++
			}
		}
		k := *d.Claims[0].Figures.Killed.Min
		switch {
		case k <= 5:
			fatalities["0-5"]++
		case k >= 50:
			fatalities["50+"]++
		}
	}
	if len(precisions) != 3 || precisions[strikegraph.DateDay] < n*3/4 {
		t.Errorf("date precisions %v", precisions)
	}
	if rels[strikegraph.RelLocatedNear] == 0 || rels[strikegraph.RelTargeted] == 0 || rels[strikegraph.RelCarriedOut] < n {
		t.Errorf("relations to incidents %v", rels)
	}
	if fatalities["0-5"] < n*8/10 || fatalities["50+"] == 0 {
		t.Errorf("fatalities %v: want mostly 0 to 5, some 50 or more", fatalities)
	}
}

func TestGenerateDates(t *testing.T) {
	r, err := acled.NewReader(bytes.NewReader(generateACLED(t, 3000, 3)))
	if err != nil {
		t.Fatal(err)
	}
	years := map[int]bool{}
	for _, row := range readAll(t, r) {
		y, _ := strconv.Atoi(row.Doc.Incidents[0].Date.Value[:4])
		if y < 2014 || y > 2020 {
			t.Errorf("line %d: %s", row.Line, row.Doc.Incidents[0].Date.Value)
		}
		years[y] = true
	}
	if len(years) != 7 {
		t.Errorf("years %v, want 2014 to 2020", years)
	}
}

// Benchmarks on 100,000 rows: go test -run '^$' -bench . ./acled/
func BenchmarkGenerate(b *testing.B) {
	for b.Loop() {
		generateACLED(b, 100000, 1)
	}
}

func BenchmarkRead(b *testing.B) {
	file := generateACLED(b, 100000, 1)
	for b.Loop() {
		r, err := acled.NewReader(bytes.NewReader(file))
		if err != nil {
			b.Fatal(err)
		}
		for {
			row, err := r.Next()
			if err == io.EOF {
				break
			}
			if err != nil || row.Err != nil {
				b.Fatal(err, row.Err)
			}
		}
	}
}
