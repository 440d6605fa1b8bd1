package neo4jtest

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

func TestMain(m *testing.M) { Main(m) }

// run runs a write query and returns its records.
func run(t *testing.T, db *Target, query string, params map[string]any) []*neo4j.Record {
	t.Helper()
	res, err := neo4j.ExecuteQuery(t.Context(), db.Driver, query, params, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(db.Database))
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return res.Records
}

func count(t *testing.T, db *Target, query string) int64 {
	t.Helper()
	recs := run(t, db, query, nil)
	return recs[0].Values[0].(int64)
}

func TestNewGivesAnEmptyDatabaseThatAnswers(t *testing.T) {
	db := New(t)
	if db.URI == "" || db.Database == "" || db.Driver == nil {
		t.Fatalf("incomplete target: %+v", db)
	}
	t.Logf("uri %s, database %q", db.URI, db.Database)
	if got := count(t, db, "RETURN 41 + 1"); got != 42 {
		t.Fatalf("RETURN 41 + 1 = %d", got)
	}
	if n := count(t, db, "MATCH (n) RETURN count(n)"); n != 0 {
		t.Fatalf("new database holds %d nodes", n)
	}
	if n := count(t, db, "MATCH ()-[r]->() RETURN count(r)"); n != 0 {
		t.Fatalf("new database holds %d relationships", n)
	}
	if n := count(t, db, "SHOW INDEXES YIELD name WHERE name = '"+claimIndex+"' RETURN count(*)"); n != 1 {
		t.Fatalf("the database is not claimed: %d indexes named %s", n, claimIndex)
	}
}

// Sequential tests do not see each other's nodes, relationships or
// properties, but do see each other's schema.
func TestSequentialTestsAreIsolated(t *testing.T) {
	t.Run("first", func(t *testing.T) {
		db := New(t)
		run(t, db, "CREATE CONSTRAINT neo4jtest_selftest IF NOT EXISTS FOR (p:SelfTest) REQUIRE p.id IS UNIQUE", nil)
		// A few thousand a transaction, well within a transaction's memory.
		for from := 1; from <= 10001; from += 2500 {
			run(t, db, "UNWIND range($from, $to) AS i CREATE (:SelfTest {id: i})-[:NEXT]->(:SelfTestOther {id: i})",
				map[string]any{"from": from, "to": min(from+2499, 10001)})
		}
		if n := count(t, db, "MATCH (n) RETURN count(n)"); n != 20002 {
			t.Fatalf("wrote 20002 nodes, found %d", n)
		}
	})
	t.Run("second", func(t *testing.T) {
		db := New(t)
		if n := count(t, db, "MATCH (n) RETURN count(n)"); n != 0 {
			t.Fatalf("second test sees %d nodes of the first", n)
		}
		if n := count(t, db, "MATCH ()-[r]->() RETURN count(r)"); n != 0 {
			t.Fatalf("second test sees %d relationships of the first", n)
		}
		if n := count(t, db, "SHOW CONSTRAINTS YIELD name WHERE name = 'neo4jtest_selftest' RETURN count(*)"); n != 1 {
			t.Fatalf("the first test's constraint is gone")
		}
		run(t, db, "DROP CONSTRAINT neo4jtest_selftest IF EXISTS", nil)
		run(t, db, "CREATE (:SelfTest {id: 1})", nil)
	})
	t.Run("third", func(t *testing.T) {
		db := New(t)
		if n := count(t, db, "MATCH (n) RETURN count(n)"); n != 0 {
			t.Fatalf("third test sees %d nodes of the second", n)
		}
	})
}

// A database that holds data but is not claimed is refused, and its data
// kept; an empty one is claimed.
func TestForeignDataIsRefusedNotWiped(t *testing.T) {
	db := New(t) // the lease keeps other tests out while the claim is gone
	ctx := t.Context()

	run(t, db, "DROP INDEX "+claimIndex, nil)
	run(t, db, "CREATE (:Precious {name: 'not a test'})-[:OWNS]->(:Precious {name: 'data'})", nil)
	for range 2 {
		deleted, err := prepare(ctx, db.Driver, db.URI, db.Database)
		var foreign *foreignDataError
		if !errors.As(err, &foreign) {
			t.Fatalf("prepare on foreign data: deleted %d nodes, error %v; want a foreignDataError", deleted, err)
		}
		if foreign.Nodes != 2 || deleted != 0 {
			t.Errorf("refusal counts %d nodes and deleted %d; want 2 and 0", foreign.Nodes, deleted)
		}
		for _, want := range []string{db.URI, db.Database, "no test wrote", "NEO4J_URI", "scratch database", "nothing was deleted"} {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("refusal %q does not mention %q", err, want)
			}
		}
	}
	t.Logf("refusal: %v", &foreignDataError{URI: db.URI, Database: db.Database, Nodes: 2})
	if n := count(t, db, "MATCH (n:Precious) RETURN count(n)"); n != 2 {
		t.Fatalf("the foreign data was touched: %d of 2 nodes left", n)
	}
	if n := count(t, db, "SHOW INDEXES YIELD name WHERE name = '"+claimIndex+"' RETURN count(*)"); n != 0 {
		t.Fatalf("a database with foreign data was claimed")
	}

	// Once empty (here: by its owner), the database is claimed again.
	run(t, db, "MATCH (n:Precious) DETACH DELETE n", nil)
	if deleted, err := prepare(ctx, db.Driver, db.URI, db.Database); err != nil || deleted != 0 {
		t.Fatalf("prepare on an empty database: deleted %d, %v", deleted, err)
	}
	if n := count(t, db, "SHOW INDEXES YIELD name WHERE name = '"+claimIndex+"' RETURN count(*)"); n != 1 {
		t.Fatalf("an empty database was not claimed")
	}
	// A claimed database is emptied.
	run(t, db, "CREATE (:Leftover)-[:R]->(:Leftover)", nil)
	if deleted, err := prepare(ctx, db.Driver, db.URI, db.Database); err != nil || deleted != 2 {
		t.Fatalf("prepare on a claimed database: deleted %d, %v; want 2, nil", deleted, err)
	}
}

// The claim survives a test that drops every index.
func TestClaimIsRestoredAfterATestDropsIt(t *testing.T) {
	t.Run("drops", func(t *testing.T) {
		db := New(t)
		run(t, db, "DROP INDEX "+claimIndex, nil)
		run(t, db, "CREATE (:Leftover)", nil)
	})
	t.Run("next", func(t *testing.T) {
		db := New(t)
		if n := count(t, db, "MATCH (n) RETURN count(n)"); n != 0 {
			t.Fatalf("%d nodes left", n)
		}
	})
}

// Parallel tests that call New take turns.
func TestLeaseIsExclusive(t *testing.T) {
	var inUse atomic.Int32
	var mu sync.Mutex
	var spans [][2]time.Time
	for i := range 3 {
		t.Run(fmt.Sprint("parallel", i), func(t *testing.T) {
			t.Parallel()
			db := New(t)
			start := time.Now()
			if n := inUse.Add(1); n != 1 {
				t.Errorf("%d tests hold the database at once", n)
			}
			defer inUse.Add(-1)
			if n := count(t, db, "MATCH (n) RETURN count(n)"); n != 0 {
				t.Errorf("the database holds %d nodes at the start", n)
			}
			run(t, db, "CREATE (:Turn {test: $name})", map[string]any{"name": t.Name()})
			time.Sleep(300 * time.Millisecond)
			recs := run(t, db, "MATCH (n) RETURN n.test", nil)
			if len(recs) != 1 || recs[0].Values[0] != t.Name() {
				t.Errorf("after a pause the database holds %d nodes; want only this test's", len(recs))
			}
			mu.Lock()
			spans = append(spans, [2]time.Time{start, time.Now()})
			mu.Unlock()
		})
	}
	t.Cleanup(func() {
		for i, a := range spans {
			for _, b := range spans[i+1:] {
				if a[0].Before(b[1]) && b[0].Before(a[1]) {
					t.Errorf("leases overlap: %v and %v", a, b)
				}
			}
		}
	})
}

// New called again by the test (or a subtest) that holds the lease would wait
// forever; the lease says so instead.
func TestLeaseRefusesItsHolder(t *testing.T) {
	l := &lease{path: filepath.Join(t.TempDir(), "lock")}
	release, err := l.acquire(t)
	if err != nil {
		t.Fatal(err)
	}
	defer release()
	if _, err := l.acquire(t); err == nil || !strings.Contains(err.Error(), "already holds the database") {
		t.Errorf("second acquire by the holder: %v", err)
	}
	t.Run("sub", func(t *testing.T) {
		if _, err := l.acquire(t); err == nil || !strings.Contains(err.Error(), "already holds the database") {
			t.Errorf("acquire by a subtest of the holder: %v", err)
		}
	})
}

// Another test process using the same Neo4j through NEO4J_URI waits for the
// lease, then gets an empty database. The test starts its own binary as that
// process.
func TestLeaseIsExclusiveAcrossProcesses(t *testing.T) {
	const childEnv = "NEO4JTEST_SELFTEST_CHILD"
	// Once this test lets go, the tests of other packages sharing the
	// database (make test runs them at once) may take the lease before the
	// child does, for as long as they run: minutes on a busy machine.
	const childWait = 15 * time.Minute
	if os.Getenv(childEnv) != "" { // the other process
		db := New(t)
		if n := count(t, db, "MATCH (n) RETURN count(n)"); n != 0 {
			t.Fatalf("child: the database holds %d nodes", n)
		}
		fmt.Println("CHILD LEASED", db.URI)
		return
	}

	lines := make(chan string, 100)
	var cmd *exec.Cmd
	var childStderr strings.Builder
	t.Run("holder", func(t *testing.T) {
		db := New(t)
		run(t, db, "CREATE (:HeldByParent)", nil)
		cmd = exec.Command(os.Args[0], "-test.run=^TestLeaseIsExclusiveAcrossProcesses$", "-test.v", "-test.count=1", "-test.timeout="+(childWait+time.Minute).String())
		cmd.Env = append(os.Environ(), childEnv+"=1", "NEO4J_URI="+db.URI, "NEO4J_USERNAME="+db.Username,
			"NEO4J_PASSWORD="+db.Password, "NEO4J_DATABASE="+db.Database)
		cmd.Stderr = &childStderr
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		go func() {
			sc := bufio.NewScanner(out)
			for sc.Scan() {
				lines <- sc.Text()
			}
			close(lines)
		}()
		waitFor(t, lines, "waiting for another test process", 30*time.Second)
		time.Sleep(500 * time.Millisecond)
		drain(t, lines, "CHILD LEASED")
		if n := count(t, db, "MATCH (n:HeldByParent) RETURN count(n)"); n != 1 {
			t.Fatalf("the other process emptied the database while this test held it")
		}
	}) // releases the lease
	if cmd == nil {
		return
	}
	if t.Failed() {
		cmd.Process.Kill()
	} else {
		waitFor(t, lines, "CHILD LEASED", childWait)
	}
	for line := range lines {
		t.Log("child:", line)
	}
	if err := cmd.Wait(); err != nil && !t.Failed() {
		t.Fatalf("the other process failed: %v\n%s", err, childStderr.String())
	}
}

// waitFor reads lines until one contains want.
func waitFor(t *testing.T, lines <-chan string, want string, timeout time.Duration) {
	t.Helper()
	deadline := time.After(timeout)
	for {
		select {
		case line, ok := <-lines:
			if !ok {
				t.Fatalf("the other process ended without saying %q", want)
			}
			t.Log("child:", line)
			if strings.Contains(line, want) {
				return
			}
		case <-deadline:
			t.Fatalf("the other process did not say %q within %s", want, timeout)
		}
	}
}

// drain reads the lines already written and fails if one contains bad.
func drain(t *testing.T, lines <-chan string, bad string) {
	t.Helper()
	for {
		select {
		case line := <-lines:
			t.Log("child:", line)
			if strings.Contains(line, bad) {
				t.Fatalf("the other process got the database while this test held it")
			}
		default:
			return
		}
	}
}
