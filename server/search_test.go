package server_test

import (
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/strikegraph/strikegraph"
	"github.com/strikegraph/strikegraph/internal/graphtest"
	"github.com/strikegraph/strikegraph/server"
)

type searchHit struct {
	Matched string
	Score   float64
	Entity  struct {
		Typename string `json:"__typename"`
		ID       string
	}
}

func search(t *testing.T, url, name string, vars map[string]any) []searchHit {
	t.Helper()
	if vars == nil {
		vars = map[string]any{}
	}
	vars["name"] = name
	var out struct{ Search []searchHit }
	mustQuery(t, url, `query($name: String!, $types: [EntityType!], $first: Int) {
		search(name: $name, types: $types, first: $first) { matched score entity { __typename id } } }`, vars, &out)
	return out.Search
}

func TestSearch(t *testing.T) {
	g := graphtest.Seeded(t)
	srv := httptest.NewServer(server.Handler(g, graphtest.Logger(t), server.Options{}))
	defer srv.Close()

	t.Run("best first, with the spelling that matched", func(t *testing.T) {
		for name, want := range map[string]searchHit{
			"hajin":        {Matched: "Hajin"},
			"Hajim":        {Matched: "Hajin"},              // a letter away
			"deir el-zour": {Matched: "Deir el-Zour"},       // the alias with the same key
			"Shadaddi":     {Matched: "al-Shadadi"},         // doubled letters and the article
			"deir al-zor":  {Matched: "Deir al-Zor"},        // the spelling typed, of several with its key
			"رقة":          {Matched: "الرقة"},              // the article and taa marbuta, in Arabic script
			"دير الزور":    {Matched: "دير الزور"},          // recorded as such
			"Munoz":        {Matched: "Carlo Mu"},           // a word of the name, accents folded
			"Syrian Obs":   {Matched: "Syrian Observatory"}, // a prefix
		} {
			hits := search(t, srv.URL, name, nil)
			if len(hits) == 0 {
				t.Errorf("search(%q) found nothing", name)
				continue
			}
			if !strings.HasPrefix(hits[0].Matched, want.Matched) {
				t.Errorf("search(%q) matched %q first (%s), want %q", name, hits[0].Matched, hits[0].Entity.ID, want.Matched)
			}
			for i := 1; i < len(hits); i++ {
				if hits[i].Score > hits[i-1].Score {
					t.Errorf("search(%q): hit %d scores %v, above the one before it (%v)", name, i, hits[i].Score, hits[i-1].Score)
				}
			}
		}
	})

	t.Run("an exact spelling outranks a prefix", func(t *testing.T) {
		hits := search(t, srv.URL, "Hajin", nil)
		if len(hits) < 2 || hits[0].Entity.ID != "place:hajin" || hits[0].Score <= hits[1].Score {
			t.Errorf("search(Hajin) = %+v, want place:hajin first and alone at the top", hits)
		}
	})

	t.Run("of some types only, at most first", func(t *testing.T) {
		hits := search(t, srv.URL, "Hajin", map[string]any{"types": []string{"INCIDENT"}})
		if len(hits) == 0 {
			t.Fatal("no incident found by Hajin")
		}
		for _, h := range hits {
			if h.Entity.Typename != "Incident" {
				t.Errorf("a %s among incidents: %s", h.Entity.Typename, h.Entity.ID)
			}
		}
		if hits := search(t, srv.URL, "Hajin", map[string]any{"first": 2}); len(hits) != 2 {
			t.Errorf("first: 2 gave %d hits", len(hits))
		}
	})

	t.Run("bad input sends no query", func(t *testing.T) {
		for _, vars := range []map[string]any{
			{"name": " - ", "first": 5}, {"name": "Hajin", "first": 0}, {"name": "Hajin", "first": strikegraph.MaxPageSize + 1},
			{"name": strings.Repeat("a", 301), "first": 5},
		} {
			before := g.RoundTrips()
			errs := query(t, srv.URL, `query($name: String!, $first: Int) { search(name: $name, first: $first) { matched } }`, vars, nil)
			if len(errs) != 1 || errs[0].Extensions["code"] != strikegraph.ECodeInvalid {
				t.Errorf("%v: errors %+v", vars, errs)
			}
			if g.RoundTrips() != before {
				t.Errorf("%v: a query was sent", vars)
			}
		}
	})
}
