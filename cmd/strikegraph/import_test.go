package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/strikegraph/strikegraph/importer"
	"github.com/strikegraph/strikegraph/internal/graphtest"
	"github.com/strikegraph/strikegraph/neo4jtest"
)

// TestImportCommand imports the ACLED sample with `strikegraph import`: the
// summary on stdout names each rejected row by file and line, stderr shows
// the progress after each batch, and a second run finds every row unchanged.
// With rows rejected, it exits with status 1.
func TestImportCommand(t *testing.T) {
	target := neo4jtest.New(t)
	csv := filepath.Join("..", "..", "acled", "testdata", "syria_airstrikes.csv")
	args := []string{"import", "--neo4j-uri", target.URI, "--neo4j-username", target.Username,
		"--neo4j-password", target.Password, "--neo4j-database", target.Database, "-batch", "20", "-as", "test", csv}
	var stdout, stderr bytes.Buffer
	if err := run(t.Context(), args, &stdout, &stderr, graphtest.Logger(t)); err != exitCode(1) {
		t.Fatalf("with rows rejected: %v, want exit status 1", err)
	}
	notImported := func(s string) string {
		return `sub_event_type: "` + s + `" is not imported (only Air/drone strike): the graph records airstrikes`
	}
	want := "60 records: 52 created, 0 updated, 0 unchanged, 8 rejected\n"
	for _, r := range []struct {
		line   int
		reason string
	}{
		{9, notImported("Armed clash")},
		{22, `event_date: "30 February 2018" is not a date: give 2018-02-03 or 03 February 2018`},
		{29, notImported("Shelling/artillery/missile attack")},
		{35, `latitude: "123" is out of range [-90, 90]`},
		{42, notImported("Shelling/artillery/missile attack")},
		{47, `fatalities: "abc" is not a whole number`},
		{54, notImported("Armed clash")},
		{60, `event_id_cnty: "SYR30101" is also the id of the row on line 2`},
	} {
		want += fmt.Sprintf("  %s:%d: %s\n", csv, r.line, r.reason)
	}
	if stdout.String() != want {
		t.Errorf("stdout:\n%s\nwant:\n%s", stdout.String(), want)
	}
	// 52 rows in batches of 20: progress after 20, 40 and 52 of them.
	progress := strings.Split(strings.TrimSuffix(stderr.String(), "\n"), "\n")
	if len(progress) != 3 || !strings.HasPrefix(progress[0], "imported ") || !strings.HasPrefix(progress[2], "imported 60 records (8 rejected), ") ||
		!strings.HasSuffix(progress[2], " records/s") {
		t.Errorf("stderr: %q, want three progress lines, the last after all 60 records", progress)
	}
	res, err := neo4j.ExecuteQuery(t.Context(), target.Driver, "MATCH (n:Incident) RETURN collect(DISTINCT n.createdBy), count(n)", nil,
		neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(target.Database))
	if err != nil {
		t.Fatal(err)
	}
	if by, n := res.Records[0].Values[0].([]any), res.Records[0].Values[1].(int64); n != 52 || len(by) != 1 || by[0] != "test" {
		t.Errorf("%d incidents created by %v, want 52 by test (-as)", n, by)
	}

	stdout.Reset()
	if err := run(t.Context(), append(args[:len(args)-1], "-json", csv), &stdout, &stderr, graphtest.Logger(t)); err != exitCode(1) {
		t.Fatalf("with rows rejected: %v, want exit status 1", err)
	}
	var rep importer.Report
	if err := json.Unmarshal(stdout.Bytes(), &rep); err != nil {
		t.Fatalf("-json printed %s: %v", stdout.String(), err)
	}
	if rep.Records != 60 || rep.Unchanged != 52 || rep.Created+rep.Updated != 0 || len(rep.Rejected) != 8 || rep.Rejected[7].Line != 60 {
		t.Errorf("the second import: %+v, want 52 unchanged and the same 8 rejected", rep)
	}
}
