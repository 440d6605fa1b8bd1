// Package neo4jtest hands an integration test a real, empty Neo4j database.
//
// A package's tests wire it up once in TestMain and then ask for a database in
// each test that needs one:
//
//	func TestMain(m *testing.M) { neo4jtest.Main(m) }
//
//	func TestCreatePerson(t *testing.T) {
//		db := neo4jtest.New(t) // empty, and this test's alone until it ends
//		_, err := neo4j.ExecuteQuery(t.Context(), db.Driver,
//			"CREATE (:Person {name: $name})", map[string]any{"name": "Ada"},
//			neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(db.Database))
//		if err != nil {
//			t.Fatal(err)
//		}
//	}
//
// # Module
//
// neo4jtest is a module of its own, apart from Strikegraph's service, so that
// another project's tests can import it: it needs Go 1.25 and brings the
// Neo4j driver and testcontainers-go, nothing of the service. The launcher
// below is the module github.com/strikegraph/strikegraph/launcher, which
// needs only the standard library. The repository's docs/testing.md says how
// a project requires both, and neo4jtest/example is such a project.
//
// # Which Neo4j
//
// The first call to New in a test binary chooses one Neo4j for the whole
// binary, and one driver to it:
//
//  1. If NEO4J_URI is set, that server, with NEO4J_USERNAME and NEO4J_PASSWORD
//     (an empty password means no authentication) and NEO4J_DATABASE (empty:
//     the server's default database).
//  2. Otherwise, if a Docker engine answers within a few seconds, a container
//     started with testcontainers-go from the image NEO4J_TEST_IMAGE (default
//     neo4j:5.26), without authentication, with the launcher's memory
//     settings (heap 512m, page cache 64m).
//  3. Otherwise a Neo4j on 127.0.0.1 started by package
//     github.com/strikegraph/strikegraph/launcher, which needs Java and Maven.
//     Its first use on a machine builds the launcher, which can take minutes.
//
// NEO4J_TEST_START=container or NEO4J_TEST_START=launcher (without NEO4J_URI)
// takes that way only: a container that cannot be started is then an error,
// not a reason to try the launcher. The container is set up by:
//
//   - NEO4J_TEST_NETWORK: empty for Docker's default network, Bolt and HTTP
//     mapped to ports of the host; host for the host's network, which a
//     dockerd started with --bridge=none needs. Neo4j then listens on two
//     free ports of 127.0.0.1, not 7474 and 7687, and is ready when it logs
//     "Started.".
//   - NEO4J_TEST_REUSE: a container name. The test binaries that share it
//     share one Neo4j, started by the first; Main leaves it running, and
//     whoever set the name removes it (docker rm -f NAME).
//   - NEO4J_TEST_STARTUP_TIMEOUT: how long Neo4j may take to be ready (default
//     5m; a Docker engine on the vfs storage driver is slow).
//   - NEO4J_TEST_LABEL: the value of the label org.strikegraph.neo4jtest on
//     the container (default 1), by which a script finds what a killed test
//     binary left.
//
// Without Ryuk, testcontainers' reaper (TESTCONTAINERS_RYUK_DISABLED=true,
// needed where its image cannot be pulled), Main still stops and removes the
// container it started; only a binary that is killed leaves it behind. The
// image can be the official one or one built without a registry by the
// repository's scripts/build-neo4j-image; see docs/containers.md.
//
// If none can be had, New fails the test; it never skips it, except under
// go test -short, which skips every test that asks for a database, so that
// the tests that need none run alone, in seconds. Main closes the
// driver and stops the Neo4j it started after the tests have run.
//
// # Isolation
//
// Neo4j Community has a single user database, and `go test ./...` runs the
// test binaries of several packages at once, possibly against the same
// NEO4J_URI. New therefore takes an exclusive lease on the database before
// handing it over and releases it when the test ends: a mutex within the test
// binary, and an flock(2) on a lock file in os.TempDir() named after the URI
// and database, across the processes of one machine. Tests that call New thus
// run one after another, even when they are parallel. Processes on different
// machines sharing one server are not coordinated: give each its own database.
//
// With the lease held, New deletes every node and relationship, so the test
// starts from an empty graph; constraints and indexes are kept, so the code
// under test should create its schema with IF NOT EXISTS. Data is deleted when
// the next test starts rather than when a test ends, so after a failure the
// last test's graph can still be inspected.
//
// # Safety
//
// New only ever deletes data from a database that neo4jtest has claimed. It
// claims a database that holds no nodes by creating an index named
// neo4jtest_claim (on the otherwise unused label Neo4jTestClaim). An index
// is invisible to MATCH, so tests see a truly empty graph, and it survives a
// test binary that dies mid-test, so the next run may still clean up. A
// database that holds nodes but not this index is refused: New fails and
// deletes nothing, and NEO4J_URI should be pointed at a scratch database.
// Tests that list or drop all indexes will see, or remove, neo4jtest_claim;
// New re-creates it when each test ends. Its label and property key are
// listed by db.labels() and db.propertyKeys(), as are those of earlier tests.
// A claimed database is scratch: whatever it holds is deleted by the next
// test. To take it back from neo4jtest, drop the index.
//
// Tests share the driver in Target.Driver and must not close it.
package neo4jtest
