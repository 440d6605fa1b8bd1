package corpus_test

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/strikegraph/strikegraph"
	"github.com/strikegraph/strikegraph/corpus"
	"github.com/strikegraph/strikegraph/importer"
)

func generate(seed int64, incidents int) []strikegraph.Document {
	return slices.Collect(corpus.Documents(corpus.Config{Seed: seed, Incidents: incidents}))
}

// encode is the corpus as `strikegraph generate` writes it: each document's
// JSON and each article's text.
func encode(t *testing.T, docs []strikegraph.Document) []byte {
	var b bytes.Buffer
	for _, d := range docs {
		j, err := json.Marshal(d)
		if err != nil {
			t.Fatal(err)
		}
		b.WriteString(d.Source)
		b.Write(j)
		for _, a := range d.Articles {
			b.WriteString(a.File + a.Text)
		}
	}
	return b.Bytes()
}

func TestSameConfigSameBytes(t *testing.T) {
	a, b := encode(t, generate(1, 1200)), encode(t, generate(1, 1200))
	if !bytes.Equal(a, b) {
		t.Error("two corpora of seed 1 differ")
	}
	if bytes.Equal(a, encode(t, generate(2, 1200))) {
		t.Error("seeds 1 and 2 gave the same corpus")
	}
}

// TestDocumentsLoad checks each document as the loader would, in order:
// valid after a strict JSON round trip, and every reference resolved by it or
// an earlier document, quotes verbatim.
func TestDocumentsLoad(t *testing.T) {
	docs := generate(1, 3000)
	refs := map[string]strikegraph.Ref{}
	files := map[string]bool{}
	incidents := 0
	for i, d := range docs {
		if i > 0 && d.Source <= docs[i-1].Source {
			t.Errorf("%s comes after %s but sorts before it: the loader reads in name order", d.Source, docs[i-1].Source)
		}
		if len(d.Incidents) > corpus.PerDocument {
			t.Errorf("%s holds %d incidents, more than %d", d.Source, len(d.Incidents), corpus.PerDocument)
		}
		incidents += len(d.Incidents)
		j, err := json.Marshal(d)
		if err != nil {
			t.Fatal(err)
		}
		back, err := importer.DecodeDocument(j)
		if err != nil {
			t.Fatalf("%s: %v", d.Source, err)
		}
		for k, a := range d.Articles {
			back.Articles[k].Text = a.Text
			if !strings.HasPrefix(a.File, strings.TrimSuffix(d.Source, ".json")+"/") || files[a.File] {
				t.Errorf("%s: article file %s is not in the document's folder, or is used twice", d.Source, a.File)
			}
			files[a.File] = true
		}
		if err := back.Validate(); err != nil {
			t.Fatalf("%s: %v", d.Source, err)
		}
		for id, ref := range back.Refs() {
			if _, dup := refs[id]; dup || !strings.HasPrefix(id, "gen:") {
				t.Errorf("%s: %s is defined twice or lacks the gen: prefix", d.Source, id)
			}
			refs[id] = ref
		}
		if err := back.CheckReferences(refs); err != nil {
			t.Fatalf("%s: %v", d.Source, err)
		}
	}
	if len(docs[0].Places) == 0 || len(docs[0].Incidents) > 0 {
		t.Error("the first document is not the gazetteer")
	}
	if incidents != 3000 {
		t.Errorf("%d incidents, want 3000", incidents)
	}
}

// TestShape checks that the corpus looks like the real thing: a few towns
// and reporters take much of it, claims and dates vary as in real reports.
func TestShape(t *testing.T) {
	const n = 10000
	docs := generate(1, n)
	gaz := docs[0]
	perTown := map[string]int{}
	for _, p := range gaz.Places {
		if p.Kind != strikegraph.PlaceCountry && p.Kind != strikegraph.PlaceProvince {
			perTown[p.ID] = 0
		}
	}
	perReporter := map[string]int{}
	for _, a := range gaz.Actors {
		if a.Kind == strikegraph.ActorMonitor || a.Kind == strikegraph.ActorOutlet {
			perReporter[a.ID] = 0
		}
	}
	var claims int
	stances := map[string]map[strikegraph.Stance]bool{} // per incident
	precisions := map[strikegraph.DatePrecision]int{}
	scopes := map[strikegraph.IncidentScope]int{}
	for _, d := range docs[1:] {
		for _, in := range d.Incidents {
			precisions[in.Date.Precision]++
			scopes[in.Scope]++
			if start, ok := in.Date.Start(); ok && (start.Year() < 2014 || start.Year() > 2019) {
				t.Errorf("%s is dated %s, outside 2014–2019", in.ID, in.Date.Value)
			}
		}
		for _, r := range d.Relations {
			if _, ok := perTown[r.To]; ok && strings.HasPrefix(r.From, "gen:incident:") {
				perTown[r.To]++
			}
		}
		for _, c := range d.Claims {
			claims++
			if stances[c.IncidentID] == nil {
				stances[c.IncidentID] = map[strikegraph.Stance]bool{}
			}
			stances[c.IncidentID][c.Stance] = true
			if _, ok := perReporter[c.Source()]; ok {
				perReporter[c.Source()]++
			}
		}
	}

	if len(perTown) < 300 || len(perTown) > 5000 {
		t.Errorf("%d towns, want a few hundred to a few thousand", len(perTown))
	}
	for what, counts := range map[string]map[string]int{"town": perTown, "reporter": perReporter} {
		top, median := topAndMedian(counts)
		t.Logf("%ss: %d, the busiest has %d, the median %d", what, len(counts), top, median)
		if top < 20*max(median, 1) {
			t.Errorf("the busiest %s has %d, the median %d: want a long tail", what, top, median)
		}
	}

	if claims < n {
		t.Errorf("%d claims for %d incidents", claims, n)
	}
	denied := 0
	for id, s := range stances {
		if !s[strikegraph.StanceReported] {
			t.Errorf("%s has no REPORTED claim", id)
		}
		if s[strikegraph.StanceDenied] {
			denied++
		}
	}
	if len(stances) != n || denied < n/10 || denied > n/5 {
		t.Errorf("%d incidents with claims, %d with a denial; want all %d, about 15%% denied", len(stances), denied, n)
	}
	if precisions[strikegraph.DateDay] < n/2 || len(precisions) != 5 {
		t.Errorf("date precisions %v: want mostly DAY, and every precision", precisions)
	}
	if scopes[strikegraph.ScopeStrike] < n*8/10 || len(scopes) != 3 {
		t.Errorf("scopes %v: want mostly STRIKE, and every scope", scopes)
	}
}

func topAndMedian(counts map[string]int) (top, median int) {
	var l []int
	for _, c := range counts {
		l = append(l, c)
	}
	slices.Sort(l)
	return l[len(l)-1], l[len(l)/2]
}

// TestPlaceNames checks, on the largest gazetteer, that names give search
// work to do without two places sharing a spelling.
func TestPlaceNames(t *testing.T) {
	gaz := gazetteer(1_000_000)
	owner := map[string]string{} // name key → place id
	var sameKey, otherKey, arabic int
	for _, p := range gaz.Places {
		if *p.Latitude < 29 || *p.Latitude > 37.5 || *p.Longitude < 35.5 || *p.Longitude > 48.7 {
			t.Errorf("%s at %v, %v is outside Syria and Iraq", p.ID, *p.Latitude, *p.Longitude)
		}
		for _, k := range strikegraph.NameKeys(p.Name, p.Aliases) {
			if o, ok := owner[k]; ok {
				t.Errorf("%s and %s share the name key %q", o, p.ID, k)
			}
			owner[k] = p.ID
		}
		for _, a := range p.Aliases {
			switch {
			case strings.ContainsFunc(a, func(r rune) bool { return unicode.Is(unicode.Arabic, r) }):
				arabic++
			case strikegraph.NameKey(a) == strikegraph.NameKey(p.Name):
				sameKey++ // el-, ez-, spaces for hyphens
			default:
				otherKey++ // Tal for Tell, Hasan for Hassan
			}
		}
	}
	t.Logf("%d places; aliases: %d same key, %d other key, %d Arabic", len(gaz.Places), sameKey, otherKey, arabic)
	if sameKey < 100 || otherKey < 100 || arabic < 100 {
		t.Error("want many aliases of each kind")
	}
}

// TestGazetteerScales checks that the gazetteer grows with the corpus, and
// that a corpus of millions can be started without generating all of it.
func TestGazetteerScales(t *testing.T) {
	small, large := len(gazetteer(100).Places), len(gazetteer(5_000_000).Places)
	if small < 300 || large < 5000 || large > 5100 {
		t.Errorf("%d places for 100 incidents, %d for 5 million; want some 300 and 5000", small, large)
	}
}

// gazetteer is the first document of a corpus, generated alone.
func gazetteer(incidents int) strikegraph.Document {
	for d := range corpus.Documents(corpus.Config{Seed: 1, Incidents: incidents}) {
		return d
	}
	panic("no documents")
}

func BenchmarkDocuments(b *testing.B) {
	for b.Loop() {
		for range corpus.Documents(corpus.Config{Seed: 1, Incidents: 10000}) {
		}
	}
}
