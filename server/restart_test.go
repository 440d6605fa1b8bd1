package server_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/strikegraph/strikegraph"
	"github.com/strikegraph/strikegraph/cypher"
	"github.com/strikegraph/strikegraph/internal/graphtest"
	"github.com/strikegraph/strikegraph/launcher"
)

// TestNeo4jRestarted runs the service on a Neo4j of its own, stops that Neo4j
// and starts it again on the same port and data, as an operator's restart
// would: while it is down, a query fails fast, DATABASE_UNAVAILABLE; once it
// is back, a burst of 16 writes at once all succeed with nothing restarted
// in the service, and what was written before is still there.
func TestNeo4jRestarted(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a Neo4j of its own; -short runs only the tests that need none")
	}
	home := t.TempDir()
	log := graphtest.Logger(t)
	// A slow machine may take minutes to start a JVM.
	start := func(port int) *launcher.Neo4j {
		ctx, cancel := context.WithTimeout(t.Context(), 5*time.Minute)
		defer cancel()
		n, err := launcher.Start(ctx, launcher.Config{Home: home, Port: port, Logger: log})
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	n := start(0)
	t.Cleanup(func() { n.Stop(context.Background()) })
	db, err := cypher.Open(cypher.Config{URI: n.URI}, log)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close(context.Background())
	if err := db.ApplySchema(t.Context()); err != nil {
		t.Fatal(err)
	}
	s := newWriteServer(t, &graphtest.Graph{DB: db})
	write := func(name string) error {
		var out struct{ CreateIncident struct{ Outcome string } }
		errs := queryAs(t, s.url, s.editor, createInc, map[string]any{"in": map[string]any{"name": name, "scope": "STRIKE",
			"date": map[string]any{"value": "2018-03-01", "precision": "DAY"}}}, &out)
		if len(errs) > 0 {
			return fmt.Errorf("%v: %s", errs[0].Extensions["code"], errs[0].Message)
		}
		if out.CreateIncident.Outcome != string(strikegraph.Created) {
			return fmt.Errorf("outcome %s, want CREATED", out.CreateIncident.Outcome)
		}
		return nil
	}
	if err := write("Before the restart"); err != nil {
		t.Fatal(err)
	}

	if err := n.Stop(t.Context()); err != nil {
		t.Fatal(err)
	}
	began := time.Now()
	errs := query(t, s.url, `{ incidents { id } }`, nil, nil)
	if len(errs) == 0 || errs[0].Extensions["code"] != strikegraph.ECodeUnavailable {
		t.Errorf("with Neo4j stopped: %+v, want %s", errs, strikegraph.ECodeUnavailable)
	}
	t.Logf("with Neo4j stopped, the query failed in %v", time.Since(began))

	n = start(n.Port)
	var wg sync.WaitGroup
	failed := make(chan error, 16)
	for i := range 16 {
		wg.Go(func() {
			if err := write(fmt.Sprintf("After the restart %d", i)); err != nil {
				failed <- err
			}
		})
	}
	wg.Wait()
	close(failed)
	for err := range failed {
		t.Errorf("a write after the restart: %v", err)
	}
	var out struct{ Incidents []struct{ Name string } }
	mustQuery(t, s.url, `{ incidents(limit: 100) { name } }`, nil, &out)
	if len(out.Incidents) != 17 {
		t.Errorf("%d incidents after the restart, want the 17 written", len(out.Incidents))
	}
}
