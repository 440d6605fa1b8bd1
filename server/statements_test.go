package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/strikegraph/strikegraph"
	"github.com/strikegraph/strikegraph/cypher"
	"github.com/strikegraph/strikegraph/internal/graphtest"
	"github.com/strikegraph/strikegraph/server"
)

// aliases is a query asking for field n times, under the aliases a0, a1, ….
func aliases(n int, field string) string {
	var b strings.Builder
	b.WriteString("{")
	for i := range n {
		fmt.Fprintf(&b, " a%d: %s", i, field)
	}
	b.WriteString(" }")
	return b.String()
}

const searchField = `search(name: "hajin") { matched }`

// manyAliases lets the tests of the statement budget send more aliases than
// the service allows by default, so that the budget is what they meet.
const manyAliases = 5000

// TestTooManyStatementsSendNoCypher sends requests over the statement budget
// and over the heavy one: each is refused with TOO_MANY_STATEMENTS (422)
// before a single query reaches Neo4j. Requests at the budgets are served,
// within the round trips the estimate allows, and introspection costs
// nothing.
func TestTooManyStatementsSendNoCypher(t *testing.T) {
	g := graphtest.Seeded(t)
	srv := httptest.NewServer(server.Handler(g, graphtest.Logger(t), server.Options{MaxAliases: manyAliases}))
	defer srv.Close()

	for _, tc := range []struct{ name, query string }{
		{"1000 searches", aliases(1000, searchField)},
		{"1000 serverInfos", aliases(1000, `serverInfo { database }`)},
		{"one search over", aliases(server.DefaultMaxStatements+1, searchField)},
		{"nested levels", `{ incidents { claims { speaker { name } } } ` + aliases(server.DefaultMaxStatements-2, searchField)[1:]},
		{"one timeline over", aliases(server.DefaultMaxHeavyStatements+1, `timeline(by: MONTH) { undated }`)},
		{"heavy fields mixed", `{ neighbourhood(ids: ["monitor:sohr"]) { totalNodes } pathNetwork(from: "monitor:sohr", to: "group:sdf") { totalNodes }
			placesNear(near: {placeId: "place:hajin"}) { distanceKm } ` + aliases(server.DefaultMaxHeavyStatements-2, `reporterTotals { incidents }`)[1:]},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := g.RoundTrips()
			status, errs := post(t, srv.URL, queryBody(tc.query))
			if len(errs) != 1 || errs[0].Extensions["code"] != strikegraph.ECodeTooManyStatements {
				t.Fatalf("errors %+v, want one with code %s", errs, strikegraph.ECodeTooManyStatements)
			}
			t.Logf("%d %s", status, errs[0].Message)
			if status != http.StatusUnprocessableEntity {
				t.Errorf("status %d, want %d", status, http.StatusUnprocessableEntity)
			}
			if sent := g.RoundTrips() - before; sent != 0 {
				t.Errorf("%d queries sent to Neo4j, want none", sent)
			}
		})
	}

	for _, tc := range []struct {
		name  string
		query string
		most  int64
	}{
		{"searches at the budget", aliases(server.DefaultMaxStatements, searchField), server.DefaultMaxStatements},
		{"timelines at the heavy budget", aliases(server.DefaultMaxHeavyStatements, `timeline(by: MONTH) { undated }`), server.DefaultMaxHeavyStatements},
		{"1000 __typenames", aliases(1000, "__typename"), 0},
		{"introspection", introspectionQuery, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := g.RoundTrips()
			mustQuery(t, srv.URL, tc.query, nil, nil)
			if sent := g.RoundTrips() - before; sent > tc.most {
				t.Errorf("%d queries sent to Neo4j, want at most %d", sent, tc.most)
			}
		})
	}
}

// readmeIncidentQuery is docs/examples.md's query of one incident with its claims,
// the costliest in statements of the docs and the tests.
const readmeIncidentQuery = `{
  incident(id: "incident:2018-11-17-abu-al-hassan") {
    name scope target
    date { value precision text }
    places { type other { name } }
    perpetrators { name }
    targets { name }
    partOf { name }
    claims {
      id stance denies response
      speaker { name }
      onBehalfOf { name }
      figures { killed { min max text } childrenKilled { min max text } womenKilled { min max text } }
      places { name }
      via { name }
      article { id publisher { name } }
      quote
    }
  }
}`

// TestStatementEstimate pins the estimate of two nested queries by setting
// the budget to it and one below it, and checks that it is an upper bound:
// with the loaders given time to batch, each sends no more than estimated.
func TestStatementEstimate(t *testing.T) {
	g := graphtest.Seeded(t)
	for _, tc := range []struct {
		name     string
		query    string
		estimate int
	}{
		// The root, then places, places.other, perpetrators, targets, partOf,
		// claims and six fields under claims (date.value, denies and response
		// only reshape).
		{"docs' incident", readmeIncidentQuery, 13},
		// The root, then claims, speaker, claims, incident, article and
		// publisher: one per level, whatever the number of incidents.
		{"every incident, five levels down", `{ incidents { claims { speaker { name claims { quote incident { name } article { name publisher { name } } } } } } }`, 7},
		// The root, then the toll's parts, claims and sources' kinds, the
		// places of its parts and the sources of its sums.
		{"every incident's toll by monitors, with its parts", `{ incidents { civilianToll(sources: MONITORS) { lowest parts { places { name } } derived { source { name } } } } }`, 6},
		// As of a day, each list of claims reads their revisions too: the
		// claims and their revisions; the incident and its; its claims and
		// theirs; the toll's parts, claims, sources' kinds and revisions.
		{"claims and an incident as of a day", `{ claims(asOf: "2100") { quote } incident(id: "incident:2018-11-17-abu-al-hassan", asOf: "2100") {
			claims { quote } civilianToll(latest: true) { lowest } } }`, 10},
	} {
		t.Run(tc.name, func(t *testing.T) {
			at := httptest.NewServer(server.Handler(g, graphtest.Logger(t), server.Options{MaxAliases: manyAliases, MaxStatements: tc.estimate, LoaderWait: 100 * time.Millisecond}))
			defer at.Close()
			before := g.RoundTrips()
			mustQuery(t, at.URL, tc.query, nil, nil)
			sent := g.RoundTrips() - before
			t.Logf("estimated %d statements, sent %d", tc.estimate, sent)
			if sent > int64(tc.estimate) {
				t.Errorf("sent %d queries, over the estimate of %d", sent, tc.estimate)
			}

			below := httptest.NewServer(server.Handler(g, graphtest.Logger(t), server.Options{MaxAliases: manyAliases, MaxStatements: tc.estimate - 1}))
			defer below.Close()
			if errs := query(t, below.URL, tc.query, nil, nil); len(errs) != 1 || errs[0].Extensions["code"] != strikegraph.ECodeTooManyStatements {
				t.Errorf("with a budget of %d: errors %+v, want %s", tc.estimate-1, errs, strikegraph.ECodeTooManyStatements)
			}
		})
	}
}

// TestBystanderServedWhileHammered has six clients hammer the service with
// requests over the statement budget and at it, while a seventh asks for an
// incident: it is answered every time. The requests over the budget are all
// refused, and those at it all served: each runs at most
// server.MaxConcurrentStatements statements at once, so together they hold
// a fraction of the driver's pool.
func TestBystanderServedWhileHammered(t *testing.T) {
	g := graphtest.Seeded(t)
	srv := httptest.NewServer(server.Handler(g, graphtest.Logger(t), server.Options{MaxAliases: manyAliases}))
	defer srv.Close()

	over, at := aliases(1000, searchField), aliases(server.DefaultMaxStatements, searchField)
	stop := make(chan struct{})
	started := make(chan struct{}, 6)
	var wg sync.WaitGroup
	for range 6 {
		wg.Go(func() {
			// Bounded, in case the bystander hangs: httpClient's timeout
			// then fails the test.
			for i := range 200 {
				q, want := over, strikegraph.ECodeTooManyStatements
				if i%2 == 1 {
					q, want = at, ""
				}
				errs, err := postQuery(srv.URL, q)
				switch {
				case err != nil:
					t.Errorf("hammering: %v", err)
					return
				case want == "" && len(errs) > 0:
					t.Errorf("a request at the budget: errors %+v", errs)
					return
				case want != "" && (len(errs) != 1 || errs[0].Extensions["code"] != want):
					t.Errorf("a request over the budget: errors %+v, want %s", errs, want)
					return
				}
				if i == 1 {
					started <- struct{}{}
				}
				select {
				case <-stop:
					return
				default:
				}
			}
		})
	}
	for range 6 {
		select {
		case <-started:
		case <-time.After(2 * time.Minute):
			t.Fatal("the hammering clients did not get going")
		}
	}
	for range 5 {
		var out struct {
			Incident struct {
				Name   string
				Claims []struct{ Speaker struct{ Name string } }
			}
		}
		mustQuery(t, srv.URL, `{ incident(id: "incident:2018-11-17-abu-al-hassan") { name claims { speaker { name } } } }`, nil, &out)
		if out.Incident.Name == "" || len(out.Incident.Claims) == 0 || out.Incident.Claims[0].Speaker.Name == "" {
			t.Errorf("the bystander got %+v", out)
		}
	}
	close(stop)
	wg.Wait()
}

// postQuery posts q to url's /graphql and returns the response's errors. It
// returns an error rather than fail the test, for clients in goroutines.
func postQuery(url, q string) ([]gqlError, error) {
	resp, err := httpClient.Post(url+"/graphql", "application/json", bytes.NewReader(queryBody(q)))
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var res struct{ Errors []gqlError }
	if err := json.NewDecoder(resp.Body).Decode(&res); err != nil {
		return nil, fmt.Errorf("status %d: %w", resp.StatusCode, err)
	}
	return res.Errors, nil
}

// entitiesFrom is a graph whose entity loader (behind every nested field
// that returns an entity) fetches with find.
type entitiesFrom struct {
	*graphtest.Graph
	find func(ctx context.Context, ids []string) (map[string]strikegraph.Entity, error)
}

func (s entitiesFrom) FindEntitiesByIDs(ctx context.Context, ids []string) (map[string]strikegraph.Entity, error) {
	return s.find(ctx, ids)
}

// TestNestedErrorsKeepTheirCodes makes the entity loader fail in three real
// ways and checks that the nested fields it serves give the code of each:
// Path.nodes loads with LoadAll, whose errors dataloadgen gathers in an
// ErrorSlice, and PathEdge.from with Load.
//
//   - TIMEOUT: the fetch waits for a lock that an open transaction holds,
//     until Neo4j stops it at its transaction timeout of 500 ms.
//   - DATABASE_UNAVAILABLE: the fetch goes to a port where no Neo4j listens.
//   - OVERLOADED: the fetch goes through a driver whose 100 connections
//     are all held by transactions waiting for that lock.
func TestNestedErrorsKeepTheirCodes(t *testing.T) {
	g := graphtest.Seeded(t)
	target := g.Target
	open := func(uri string, txTimeout time.Duration) *cypher.DB {
		t.Helper()
		db, err := cypher.Open(cypher.Config{URI: uri, Username: target.Username, Password: target.Password, Database: target.Database, TxTimeout: txTimeout}, graphtest.Logger(t))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close(context.Background()) })
		return db
	}
	const locked = "monitor:sohr"
	session := target.Driver.NewSession(t.Context(), neo4j.SessionConfig{DatabaseName: target.Database})
	defer session.Close(context.Background())
	lock, err := session.BeginTransaction(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Rollback(context.Background())
	if _, err := lock.Run(t.Context(), "MATCH (n:Entity {id: $id}) SET n.testLock = true", map[string]any{"id": locked}); err != nil {
		t.Fatal(err)
	}
	// update waits for the lock on the entity, then writes nothing.
	update := func(ctx context.Context, db *cypher.DB) error {
		_, _, err := db.UpdateEntity(ctx, locked, func(strikegraph.Entity) (*strikegraph.Document, error) {
			return nil, errors.New("got the lock: it should have been held")
		}, strikegraph.Author{By: "test", At: time.Now()})
		return err
	}

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ln.Close()
	down := open("bolt://"+ln.Addr().String(), 0)
	slow := open(target.URI, 500*time.Millisecond)
	crowded := open(target.URI, 10*time.Minute)

	check := func(t *testing.T, find func(ctx context.Context, ids []string) (map[string]strikegraph.Entity, error), want string) {
		srv := httptest.NewServer(server.Handler(entitiesFrom{g, find}, graphtest.Logger(t), server.Options{}))
		defer srv.Close()
		body, _ := json.Marshal(map[string]any{"query": `{ shortestPaths(from: "monitor:sohr", to: "group:sdf") { nodes { id } edges { from { id } } } }`})
		_, _, b := send(t, http.MethodPost, srv.URL+"/graphql", "", "application/json", body)
		var res struct {
			Errors []struct {
				Message    string
				Path       []any
				Extensions map[string]any
			}
		}
		if err := json.Unmarshal(b, &res); err != nil {
			t.Fatalf("%s: %v", b, err)
		}
		fields := map[string]bool{}
		for _, e := range res.Errors {
			t.Logf("%v: %s (%v)", e.Path, e.Message, e.Extensions["code"])
			if e.Extensions["code"] != want {
				t.Errorf("%v: code %v, want %s", e.Path, e.Extensions["code"], want)
			}
			if len(e.Path) > 0 {
				fields[fmt.Sprint(e.Path[len(e.Path)-1])] = true
			}
		}
		if !fields["nodes"] || !fields["from"] {
			t.Errorf("errors at %v, want errors at nodes and at from", fields)
		}
	}

	t.Run("timeout", func(t *testing.T) {
		check(t, func(ctx context.Context, _ []string) (map[string]strikegraph.Entity, error) {
			return nil, update(ctx, slow)
		}, strikegraph.ECodeTimeout)
	})
	t.Run("unavailable", func(t *testing.T) {
		check(t, down.FindEntitiesByIDs, strikegraph.ECodeUnavailable)
	})
	t.Run("busy", func(t *testing.T) {
		// The driver's pool holds 100 connections: take them all. Once the
		// lock is released, each gets it in turn and writes nothing.
		var waiting sync.WaitGroup
		defer func() {
			lock.Rollback(context.Background())
			waiting.Wait()
		}()
		for range 100 {
			waiting.Go(func() { update(context.Background(), crowded) })
		}
		blocked := func() bool {
			res, err := neo4j.ExecuteQuery(t.Context(), target.Driver, "SHOW TRANSACTIONS YIELD status WHERE status STARTS WITH 'Blocked' RETURN count(*) AS n",
				nil, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(target.Database))
			if err != nil {
				t.Fatal(err)
			}
			n, _ := res.Records[0].Get("n")
			return n.(int64) >= 100
		}
		if !eventually(2*time.Minute, blocked) {
			t.Fatal("100 transactions did not come to wait for the lock")
		}
		check(t, crowded.FindEntitiesByIDs, strikegraph.ECodeOverloaded)
	})
}
