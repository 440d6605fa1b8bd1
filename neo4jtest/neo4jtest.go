package neo4jtest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/testcontainers/testcontainers-go"

	"github.com/strikegraph/strikegraph/launcher"
)

const (
	dockerCheckTimeout = 5 * time.Second
	containerTimeout   = 5 * time.Minute  // NEO4J_TEST_STARTUP_TIMEOUT
	launcherTimeout    = 10 * time.Minute // the first start on a machine builds the launcher
	connectTimeout     = 30 * time.Second
	prepareTimeout     = 2 * time.Minute
	stopTimeout        = time.Minute
)

// Target is a Neo4j database that a test may use exclusively until it ends.
type Target struct {
	URI      string // Bolt URI of the server
	Username string // empty when the server needs no authentication
	Password string // empty when the server needs no authentication
	Database string // the database to use; never empty
	// Driver is connected to URI. It is shared by all tests of the binary:
	// do not close it.
	Driver neo4j.DriverWithContext
}

// server is the Neo4j of this test binary.
type server struct {
	uri, username, password, database string
	driver                            neo4j.DriverWithContext
	lease                             *lease
	stop                              func(context.Context) error // nil if we did not start it, or it is shared
}

var (
	mainRunning atomic.Bool
	setupOnce   sync.Once
	srv         *server
	srvErr      error
	logs        = &logSink{}
)

// Main runs the tests of a package and then closes the driver and stops the
// Neo4j that New started, if any. Call it from TestMain:
//
//	func TestMain(m *testing.M) { neo4jtest.Main(m) }
//
// It does not return.
func Main(m *testing.M) {
	mainRunning.Store(true)
	code := m.Run()
	if err := shutdown(); err != nil {
		fmt.Fprintln(os.Stderr, "neo4jtest:", err)
		if code == 0 {
			code = 1
		}
	}
	os.Exit(code)
}

// New gives the test exclusive use of an empty database until it ends. The
// database keeps the constraints and indexes of earlier tests. New fails the
// test if no Neo4j can be had or if the database holds data no test wrote.
// It must not be called twice in one test, nor in a subtest of a test that
// called it: pass that test's *Target down instead. The tests must be run by
// Main.
func New(t testing.TB) *Target {
	t.Helper()
	if testing.Short() {
		// The fast tier (go test -short, make unit) is the tests that need
		// no database; the full run never skips.
		t.Skip("neo4jtest: needs Neo4j, and -short runs only the tests that do not")
	}
	if !mainRunning.Load() {
		t.Fatal("neo4jtest: New needs neo4jtest.Main; add this to the package's tests:\n\tfunc TestMain(m *testing.M) { neo4jtest.Main(m) }")
	}
	setupOnce.Do(func() {
		logs.to(t)
		defer logs.to(nil)
		srv, srvErr = setup()
	})
	if srvErr != nil {
		t.Fatalf("neo4jtest: no Neo4j for this test: %v", srvErr)
	}
	s := srv
	release, err := s.lease.acquire(t)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(t.Context(), prepareTimeout)
	defer cancel()
	started := time.Now()
	deleted, err := prepare(ctx, s.driver, s.uri, s.database)
	if err != nil {
		release()
		t.Fatal(err)
	}
	if deleted > 0 {
		t.Logf("neo4jtest: deleted %d nodes left by an earlier test in %s", deleted, time.Since(started).Round(time.Millisecond))
	}
	t.Cleanup(func() {
		defer release()
		ctx, cancel := context.WithTimeout(context.Background(), prepareTimeout)
		defer cancel()
		if err := claim(ctx, s.driver, s.database); err != nil {
			t.Logf("neo4jtest: re-creating the claim index: %v", err)
		}
	})
	return &Target{URI: s.uri, Username: s.username, Password: s.password, Database: s.database, Driver: s.driver}
}

// setup finds or starts the Neo4j of this test binary.
func setup() (*server, error) {
	logger := slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{ReplaceAttr: dropTime}))
	if uri := os.Getenv("NEO4J_URI"); uri != "" {
		ctx, cancel := context.WithTimeout(context.Background(), connectTimeout)
		defer cancel()
		s, err := connect(ctx, uri, os.Getenv("NEO4J_USERNAME"), os.Getenv("NEO4J_PASSWORD"), os.Getenv("NEO4J_DATABASE"))
		if err != nil {
			return nil, fmt.Errorf("NEO4J_URI=%s: %w", uri, err)
		}
		logger.Info("neo4jtest: using NEO4J_URI", "uri", uri, "database", s.database)
		return s, nil
	}

	start := os.Getenv("NEO4J_TEST_START")
	switch start {
	case "", "auto":
	case "container":
		return startContainer(logger)
	case "launcher":
		return startLauncher(logger)
	default:
		return nil, fmt.Errorf("NEO4J_TEST_START=%q: want container, launcher or auto", start)
	}
	var errs []error
	checked := time.Now()
	if err := dockerEngine(dockerCheckTimeout); err != nil {
		logger.Info("neo4jtest: no Docker engine; starting Neo4j with the local launcher", "checked_in", time.Since(checked).Round(time.Millisecond), "docker", firstLine(err))
		errs = append(errs, fmt.Errorf("no Docker engine answered (%w)", err))
	} else {
		s, err := startContainer(logger)
		if err == nil {
			return s, nil
		}
		logger.Warn("neo4jtest: no Neo4j container; starting Neo4j with the local launcher", "err", err)
		errs = append(errs, err)
	}
	s, err := startLauncher(logger)
	if err == nil {
		return s, nil
	}
	errs = append(errs, err)
	return nil, fmt.Errorf("NEO4J_URI is not set and no Neo4j could be started: %w", errors.Join(errs...))
}

// dockerEngine reports whether a Docker engine answers within timeout.
func dockerEngine(timeout time.Duration) error {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	done := make(chan error, 1)
	go func() { // testcontainers may ignore ctx while it looks for the engine, or panic
		defer func() {
			if r := recover(); r != nil {
				done <- fmt.Errorf("%v", r)
			}
		}()
		p, err := testcontainers.NewDockerProvider(testcontainers.WithLogger(logs))
		if err != nil {
			done <- err
			return
		}
		done <- p.Health(ctx) // Health closes p
	}()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		return fmt.Errorf("no answer in %s", timeout)
	}
}

func startLauncher(logger *slog.Logger) (*server, error) {
	home, err := os.MkdirTemp("", "neo4jtest-home-")
	if err != nil {
		return nil, fmt.Errorf("local launcher: %w", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), launcherTimeout)
	defer cancel()
	started := time.Now()
	n, err := launcher.Start(ctx, launcher.Config{Home: home, Port: 0, Logger: logger})
	if err != nil {
		if fi, statErr := os.Stat(filepath.Join(home, "launcher.log")); statErr == nil && fi.Size() > 0 {
			// keep home: its launcher.log says why Neo4j did not start
			return nil, fmt.Errorf("local launcher (home %s): %w", home, err)
		}
		os.RemoveAll(home)
		return nil, fmt.Errorf("local launcher: %w", err)
	}
	stop := func(ctx context.Context) error {
		err := n.Stop(ctx)
		if rmErr := os.RemoveAll(home); err == nil {
			err = rmErr
		}
		return err
	}
	s, err := connect(ctx, n.URI, "", "", "")
	if err != nil {
		_ = stop(context.Background())
		return nil, fmt.Errorf("local launcher: %w", err)
	}
	s.stop = stop
	logger.Info("neo4jtest: started a local Neo4j", "uri", n.URI, "took", time.Since(started).Round(time.Millisecond))
	return s, nil
}

// connect opens the driver and settles which database the tests use.
func connect(ctx context.Context, uri, username, password, database string) (*server, error) {
	auth := neo4j.NoAuth()
	if password != "" {
		auth = neo4j.BasicAuth(username, password, "")
	} else {
		username = ""
	}
	driver, err := neo4j.NewDriverWithContext(uri, auth)
	if err != nil {
		return nil, err
	}
	if err := driver.VerifyConnectivity(ctx); err != nil {
		driver.Close(context.Background())
		return nil, err
	}
	if database == "" { // name the default database, so that every test binary locks the same name
		res, err := neo4j.ExecuteQuery(ctx, driver, "CALL db.info() YIELD name RETURN name", nil,
			neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithReadersRouting())
		if err != nil {
			driver.Close(context.Background())
			return nil, fmt.Errorf("naming the default database: %w", err)
		}
		database, _ = res.Records[0].Values[0].(string)
	}
	sum := sha256.Sum256([]byte(uri + "\x00" + database))
	return &server{
		uri: uri, username: username, password: password, database: database, driver: driver,
		lease: &lease{path: filepath.Join(os.TempDir(), "neo4jtest-"+hex.EncodeToString(sum[:8])+".lock")},
	}, nil
}

func shutdown() error {
	if srv == nil {
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), stopTimeout)
	defer cancel()
	err := srv.driver.Close(ctx)
	if srv.stop != nil {
		err = errors.Join(err, srv.stop(ctx))
		// Only this process knew of the server it started, and it is gone:
		// its lock file will not be used again.
		_ = os.Remove(srv.lease.path)
	}
	return err
}

// logSink sends log lines to the test that sets up Neo4j, and to standard
// error once that is done. It serves both slog and testcontainers.
type logSink struct {
	mu sync.Mutex
	tb testing.TB
}

func (l *logSink) to(tb testing.TB) {
	l.mu.Lock()
	l.tb = tb
	l.mu.Unlock()
}

func (l *logSink) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.tb != nil {
		l.tb.Log(strings.TrimRight(string(p), "\n"))
		return len(p), nil
	}
	return os.Stderr.Write(p)
}

// Printf implements testcontainers' log.Logger.
func (l *logSink) Printf(format string, v ...any) {
	fmt.Fprintf(l, strings.TrimRight(format, "\n")+"\n", v...)
}

func dropTime(groups []string, a slog.Attr) slog.Attr {
	if a.Key == slog.TimeKey && len(groups) == 0 {
		return slog.Attr{}
	}
	return a
}

func firstLine(err error) string {
	s, _, _ := strings.Cut(err.Error(), "\n")
	return s
}
