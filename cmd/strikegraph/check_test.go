package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/strikegraph/strikegraph/internal/graphtest"
	"github.com/strikegraph/strikegraph/neo4jtest"
)

// fiveMistakes is one annotation document with five kinds of mistake, each
// on a line of its own: an unknown place kind (line 5), a date that is no
// date (9), an id defined twice (14), a speaker the graph does not hold
// (20) and a quote that is not in its article (27).
const fiveMistakes = `{
  "places": [
    {"id": "place:check-town",
     "name": "Check Town",
     "kind": "HAMLET"}
  ],
  "incidents": [
    {"id": "incident:check", "name": "A strike to check", "scope": "STRIKE",
     "date": {"value": "2018-02-30", "precision": "DAY"}}
  ],
  "actors": [
    {"id": "monitor:check", "kind": "MONITOR", "name": "Check Monitor"},
    {"kind": "MONITOR", "name": "Check Monitor again",
     "id": "monitor:check"}
  ],
  "articles": [{"id": "article:check", "text": "Five people were killed in the strike, the monitor said.", "published": {"precision": "UNKNOWN"}}],
  "claims": [
    {"id": "claim:check-1", "stance": "REPORTED", "incident": "incident:check", "article": "article:check",
     "quote": "Five people were killed", "statedOn": {"precision": "UNKNOWN"},
     "speaker": "monitor:nobody"},
    {"id": "claim:check-2", "stance": "REPORTED", "speaker": "monitor:check", "incident": "incident:check",
     "quote": "Six people were killed",
     "figures": {"killed": {"min": 6, "max": 6, "text": "Six"}},
     "statedOn": {"precision": "UNKNOWN"},
     "via": [],
     "places": [],
     "article": "article:check"}
  ]
}
`

// TestImportCheck runs `strikegraph import -check` on fiveMistakes: all five
// are reported at once, each at its line and field, it exits with status 1,
// and nothing is written.
func TestImportCheck(t *testing.T) {
	target := neo4jtest.New(t)
	dir := t.TempDir()
	file := filepath.Join(dir, "mistakes.json")
	if err := os.WriteFile(file, []byte(fiveMistakes), 0o644); err != nil {
		t.Fatal(err)
	}
	args := []string{"import", "--neo4j-uri", target.URI, "--neo4j-username", target.Username,
		"--neo4j-password", target.Password, "--neo4j-database", target.Database, "-check", file}
	var stdout, stderr bytes.Buffer
	if err := run(t.Context(), args, &stdout, &stderr, graphtest.Logger(t)); err != exitCode(1) {
		t.Fatalf("-check with mistakes: %v, want exit status 1", err)
	}
	t.Logf("stdout:\n%s", stdout.String())
	lines := strings.Split(strings.TrimSuffix(stdout.String(), "\n"), "\n")
	if lines[0] != "1 records checked, nothing written: 0 valid, 5 problems" {
		t.Errorf("summary %q", lines[0])
	}
	for _, want := range []string{
		file + `:5: places[0].kind: unknown place kind "HAMLET"`,
		file + `:9: incidents[0].date`,
		file + `:14: actors[1].id: id "monitor:check" is defined twice`,
		file + `:20: claims[0].speaker: unknown reference "monitor:nobody"`,
		file + `:27: claims[1].article: the quote "Six people were killed" does not stand verbatim in article article:check`,
	} {
		found := false
		for _, l := range lines[1:] {
			found = found || strings.HasPrefix(strings.TrimSpace(l), want)
		}
		if !found {
			t.Errorf("no line %q", want)
		}
	}
	res, err := neo4j.ExecuteQuery(t.Context(), target.Driver, "MATCH (n) RETURN count(n)", nil,
		neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(target.Database))
	if err != nil {
		t.Fatal(err)
	}
	if n := res.Records[0].Values[0].(int64); n != 0 {
		t.Errorf("-check wrote %d nodes", n)
	}
}
