package server_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/strikegraph/strikegraph/internal/graphtest"
)

// TestRelays asks what each outlet of the seed corpus relayed (the claims
// whose via names it), as actor.relayed and as claims(where: {via}), and
// finds the claims the graph holds; and has a monitor publish its own
// report.
func TestRelays(t *testing.T) {
	s := newWriteServer(t, graphtest.Seeded(t))
	res, err := neo4j.ExecuteQuery(t.Context(), s.g.Target.Driver, `MATCH ()-[r:REPORTED|DENIED|RESPONDED]->()
		UNWIND r.via AS relayer WITH relayer, r.id AS id ORDER BY id RETURN relayer, collect(id) AS ids ORDER BY relayer`, nil,
		neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(s.g.Target.Database))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Records) < 2 {
		t.Fatalf("the seed corpus has %d relaying actors, want some", len(res.Records))
	}
	for _, rec := range res.Records {
		relayer, want := rec.Values[0].(string), fmt.Sprint(rec.Values[1])
		var got struct {
			Actor struct {
				Relayed []struct {
					ID      string
					Speaker struct{ ID string }
				}
			}
			Claims []struct{ ID string }
		}
		mustQuery(t, s.url, `query($id: ID!) { actor(id: $id) { relayed { id speaker { id } } } claims(where: {via: $id}) { id } }`,
			map[string]any{"id": relayer}, &got)
		var relayed, filtered []string
		for _, c := range got.Actor.Relayed {
			relayed = append(relayed, c.ID)
			if c.Speaker.ID == "" || c.Speaker.ID == relayer {
				t.Errorf("%s relayed %s, said by %q: want the source it relayed", relayer, c.ID, c.Speaker.ID)
			}
		}
		for _, c := range got.Claims {
			filtered = append(filtered, c.ID)
		}
		slices.Sort(relayed)
		slices.Sort(filtered)
		if fmt.Sprint(relayed) != want || fmt.Sprint(filtered) != want {
			t.Errorf("%s: relayed %v, claims(where: {via}) %v; the graph holds %s", relayer, relayed, filtered, want)
		}
	}

	var art struct {
		CreateArticle struct {
			Article struct{ Publisher struct{ ID, Kind string } }
		}
	}
	s.mustWrite(t, s.editor, createArtPublished, map[string]any{"in": map[string]any{"title": "SOHR's monthly report",
		"text": "The Observatory documented the strikes.", "publisher": "monitor:sohr", "published": map[string]any{"precision": "UNKNOWN"}}}, &art)
	if p := art.CreateArticle.Article.Publisher; p.ID != "monitor:sohr" || p.Kind != "MONITOR" {
		t.Errorf("a monitor's own report: publisher %+v", p)
	}
	s.wantError(t, s.editor, createArtPublished, map[string]any{"in": map[string]any{"title": "A resident's post",
		"text": "A resident wrote.", "publisher": "person:rami-abdurrahman", "published": map[string]any{"precision": "UNKNOWN"}}},
		"BAD_USER_INPUT", "input.publisher")
}

const createArtPublished = `mutation($in: ArticleInput!) { createArticle(input: $in) { article { publisher { id kind } } } }`
