// Package cypher implements Strikegraph's storage on Neo4j. Every query is a
// constant .cypher file in this folder, embedded at build time, and every value
// reaches it as a parameter.
package cypher

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"sync/atomic"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/config"

	"github.com/strikegraph/strikegraph"
)

//go:generate go run ./internal/genqueries

// A query is one statement: the text of a .cypher file, each embedded into a
// variable of its own in queries.go (find_claim_by_id.cypher:
// findClaimByID), or one built from this package's fragments (see
// statement). Its name names it in errors and metrics. A file whose first
// line is afterIncidents continues a query that binds n to the incidents a
// filter selects: see readAfterIncidents.
type query struct{ name, text string }

// afterIncidents begins the queries that follow an incident filter.
const afterIncidents = "// AFTER an incident filter"

// Config says which Neo4j to use.
type Config struct {
	URI       string // bolt://, neo4j://, neo4j+s:// …
	Username  string
	Password  string        // empty: no credentials are sent
	Database  string        // empty: the server's default database
	TxTimeout time.Duration // the most one transaction may run; default 10s

	// Observe, when set, is told of each statement as it starts, by its
	// query's name (find_incidents), under the context it runs in (a
	// request's, for its trace), and its done of how it ended: OK, or the
	// code of the error (strikegraph.ECode…). It must be quick.
	Observe func(ctx context.Context, query string) (done func(outcome string))
}

// DB is Strikegraph's graph on a Neo4j server or cluster. It holds no state
// beyond the driver's connection pool, so any number of services may share one
// Neo4j.
type DB struct {
	driver    neo4j.DriverWithContext
	database  string
	txTimeout time.Duration
	log       *slog.Logger
	roundTrip atomic.Int64
	observe   func(ctx context.Context, query string) func(outcome string)
}

// Open connects to Neo4j. It does not wait for the server: see Ping.
func Open(cfg Config, log *slog.Logger) (*DB, error) {
	auth := neo4j.NoAuth()
	if cfg.Password != "" {
		auth = neo4j.BasicAuth(cfg.Username, cfg.Password, "")
	}
	driver, err := neo4j.NewDriverWithContext(cfg.URI, auth, func(c *config.Config) {
		// Fail fast when Neo4j is down: a request gets DATABASE_UNAVAILABLE in
		// seconds instead of hanging through the driver's 30s of retries.
		c.SocketConnectTimeout = 3 * time.Second
		c.ConnectionAcquisitionTimeout = 5 * time.Second
		c.MaxTransactionRetryTime = 3 * time.Second
	})
	if err != nil {
		return nil, strikegraph.Invalidf("NEO4J_URI", "%v", err)
	}
	if cfg.TxTimeout == 0 {
		cfg.TxTimeout = 10 * time.Second
	}
	return &DB{driver: driver, database: cfg.Database, txTimeout: cfg.TxTimeout, log: log, observe: cfg.Observe}, nil
}

// Close closes the driver's connections.
func (db *DB) Close(ctx context.Context) error { return db.driver.Close(ctx) }

// Ping checks that Neo4j answers.
func (db *DB) Ping(ctx context.Context) error {
	return dbError(db.driver.VerifyConnectivity(ctx))
}

// WaitReady pings Neo4j until it answers or ctx ends.
func (db *DB) WaitReady(ctx context.Context) error {
	for {
		err := db.Ping(ctx)
		if err == nil {
			return nil
		}
		db.log.Info("waiting for neo4j", "err", err)
		select {
		case <-ctx.Done():
			return fmt.Errorf("neo4j not ready: %w", err)
		case <-time.After(time.Second):
		}
	}
}

// RoundTrips is how many queries this DB has sent; tests use it to show that a
// request costs a bounded number of them.
func (db *DB) RoundTrips() int64 { return db.roundTrip.Load() }

// read runs one read query, routed to a reader in a cluster. A read is an auto-commit
// transaction: one round trip, where a managed one takes two (BEGIN and RUN,
// then COMMIT), which was a third of a small read's time. A transient error
// is tried again once, as the driver's managed transactions would.
func (db *DB) read(ctx context.Context, q query, params map[string]any) ([]*neo4j.Record, error) {
	ctx, done, err := db.start(ctx)
	if err != nil {
		return nil, err
	}
	defer done()
	var recs []*neo4j.Record
	for try := 0; try < 2; try++ {
		db.roundTrip.Add(1)
		end := db.statement(ctx, q.name)
		recs, err = db.autoCommit(ctx, q.text, params)
		end(err)
		if err == nil || !neo4j.IsRetryable(err) || overTxMemory(err) || ctx.Err() != nil {
			break
		}
	}
	if err != nil {
		return nil, db.limitError(ctx, fmt.Errorf("%s: %w", q.name, err))
	}
	return recs, nil
}

// readEach runs one read query, named by q in errors (see read), and
// hands each record to each as it arrives, until each returns false: what
// the query returns is never all in memory at once. It is not tried again:
// records have been handed on.
func (db *DB) readEach(ctx context.Context, q query, params map[string]any, each func(*neo4j.Record) bool) error {
	ctx, done, err := db.start(ctx)
	if err != nil {
		return err
	}
	defer done()
	db.roundTrip.Add(1)
	end := db.statement(ctx, q.name)
	session := db.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: db.database, AccessMode: neo4j.AccessModeRead})
	defer session.Close(ctx)
	res, err := session.Run(ctx, q.text, params, neo4j.WithTxTimeout(db.timeout(ctx)))
	for err == nil && res.Next(ctx) {
		if !each(res.Record()) {
			_, err = res.Consume(ctx)
			break
		}
	}
	if err == nil {
		err = res.Err()
	}
	end(err)
	if err != nil {
		return db.limitError(ctx, fmt.Errorf("%s: %w", q.name, err))
	}
	return nil
}

// autoCommit runs text in a session of its own, routed to a reader.
func (db *DB) autoCommit(ctx context.Context, text string, params map[string]any) ([]*neo4j.Record, error) {
	session := db.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: db.database, AccessMode: neo4j.AccessModeRead})
	defer session.Close(ctx)
	res, err := session.Run(ctx, text, params, neo4j.WithTxTimeout(db.timeout(ctx)))
	if err != nil {
		return nil, err
	}
	return res.Collect(ctx)
}

// write runs one write query, routed to the leader in a cluster.
func (db *DB) write(ctx context.Context, q query, params map[string]any) ([]*neo4j.Record, error) {
	return db.execute(ctx, q, params, neo4j.ExecuteQueryWithWritersRouting())
}

func (db *DB) execute(ctx context.Context, q query, params map[string]any, routing neo4j.ExecuteQueryConfigurationOption) ([]*neo4j.Record, error) {
	ctx, done, err := db.start(ctx)
	if err != nil {
		return nil, err
	}
	defer done()
	db.roundTrip.Add(1)
	end := db.statement(ctx, q.name)
	res, err := neo4j.ExecuteQuery(ctx, db.driver, q.text, params, neo4j.EagerResultTransformer,
		routing, neo4j.ExecuteQueryWithDatabase(db.database),
		neo4j.ExecuteQueryWithTransactionConfig(neo4j.WithTxTimeout(db.timeout(ctx))))
	end(err)
	if err != nil {
		return nil, db.limitError(ctx, fmt.Errorf("%s: %w", q.name, err))
	}
	return res.Records, nil
}

// writeTx runs fn in one write transaction: all of it commits or none of it.
// The driver may run fn again on a transient error, so fn must be idempotent.
func (db *DB) writeTx(ctx context.Context, fn func(tx neo4j.ManagedTransaction) error) error {
	ctx, done, err := db.start(ctx) // one slot: the transaction holds one connection
	if err != nil {
		return err
	}
	defer done()
	session := db.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: db.database, AccessMode: neo4j.AccessModeWrite})
	defer session.Close(ctx)
	_, err = session.ExecuteWrite(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		err := fn(tx)
		if overTxMemory(err) {
			err = tooMuchMemory{err.Error()}
		}
		return nil, err
	}, neo4j.WithTxTimeout(db.timeout(ctx)))
	return db.limitError(ctx, err)
}

// deadlineMargin is how long past its transaction timeout the service waits
// for Neo4j's answer: the timeout is enforced by the server, so a frozen or
// partitioned server would otherwise hold the request and its connection.
const deadlineMargin = 2 * time.Second

// start readies ctx for one statement or transaction: bounded by the
// transaction timeout and the margin, holding one of the request's
// statement slots (StatementSlot). done gives both back.
func (db *DB) start(ctx context.Context) (_ context.Context, done func(), err error) {
	ctx, cancel := context.WithTimeout(ctx, db.timeout(ctx)+deadlineMargin)
	release, err := StatementSlot(ctx)
	if err != nil {
		cancel()
		return nil, nil, dbError(err)
	}
	return ctx, func() { release(); cancel() }, nil
}

// timeout is how long a transaction under ctx may run: the configured
// timeout, or a longer limit the work set (WithTimeLimit).
func (db *DB) timeout(ctx context.Context) time.Duration {
	return max(db.txTimeout, TimeLimit(ctx))
}

// limitError is dbError, whose TIMEOUT names the limit that stopped the
// query and the setting that sets it.
func (db *DB) limitError(ctx context.Context, err error) error {
	err = dbError(err)
	var e *strikegraph.Error
	if errors.As(err, &e) && e.Code == strikegraph.ECodeTimeout {
		e.Message = fmt.Sprintf("the query ran longer than the %v a transaction may run, and was stopped; ask for less (the service's --neo4j-tx-timeout sets the limit)", db.timeout(ctx))
	}
	return err
}

// run sends one query inside a transaction.
func (db *DB) run(ctx context.Context, tx neo4j.ManagedTransaction, q query, params map[string]any) ([]*neo4j.Record, error) {
	db.roundTrip.Add(1)
	end := db.statement(ctx, q.name)
	res, err := tx.Run(ctx, q.text, params)
	if err != nil {
		end(err)
		return nil, fmt.Errorf("%s: %w", q.name, err)
	}
	recs, err := res.Collect(ctx)
	end(err)
	return recs, err
}

// statement tells Config.Observe that the statement name starts, under
// ctx; end tells it how it ended.
func (db *DB) statement(ctx context.Context, name string) (end func(error)) {
	if db.observe == nil {
		return func(error) {}
	}
	done := db.observe(ctx, name)
	return func(err error) {
		outcome := "OK"
		var e *strikegraph.Error
		if errors.As(dbError(err), &e) {
			outcome = e.Code
		}
		done(outcome)
	}
}

// dbError turns driver errors into domain errors a client can act on.
func dbError(err error) error {
	var e *strikegraph.Error
	var ne *neo4j.Neo4jError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &e):
		return err
	case poolFull(err): // before unavailable, which it would pass for
		return &strikegraph.Error{Code: strikegraph.ECodeOverloaded, Message: "every connection to the graph database is in use; try again shortly", Err: err}
	case unavailable(err):
		return &strikegraph.Error{Code: strikegraph.ECodeUnavailable, Message: "the graph database is unavailable; try again shortly", Err: err}
	case errors.As(err, &ne) && ne.Code == "Neo.ClientError.Schema.ConstraintValidationFailed":
		return &strikegraph.Error{Code: strikegraph.ECodeConflict, Message: "conflicts with what the graph holds", Err: err}
	case overTxMemory(err) || errors.As(err, new(tooMuchMemory)):
		return &strikegraph.Error{Code: strikegraph.ECodeTooMuchMemory, Message: "the query needed more memory than the graph database lets one query have (db.memory.transaction.max; --local-neo4j-tx-max); ask for less", Err: err}
	case lastNeo4jError(err, &ne) && ne.Code == "Neo.TransientError.General.MemoryPoolOutOfMemoryError":
		return &strikegraph.Error{Code: strikegraph.ECodeOverloaded, Message: "the graph database has no memory left for this query now; try again shortly, or ask for less", Err: err}
	case errors.As(err, &ne) && slices.Contains(txTimedOut, ne.Code):
		return &strikegraph.Error{Code: strikegraph.ECodeTimeout, Message: "the query ran too long and was stopped; ask for less", Err: err}
	}
	return &strikegraph.Error{Code: strikegraph.ECodeInternal, Message: "internal error", Err: err}
}

// txTimedOut are Neo4j's codes for a transaction stopped by its timeout: the
// one this service sets, or the server's own. A transaction stopped while it
// waits for a lock gets LockClientStopped instead (which an operator's
// TERMINATE TRANSACTION gives too).
var txTimedOut = []string{
	"Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration",
	"Neo.ClientError.Transaction.TransactionTimedOut",
	"Neo.ClientError.Transaction.LockClientStopped",
}

// overTxMemory tells whether Neo4j stopped a transaction at its own memory
// limit (db.memory.transaction.max), not the pool's: asking again needs as
// much. Neo4j 5 reports both as MemoryPoolOutOfMemoryError, transient, and
// names the limit in the message; older servers had a code of its own.
func overTxMemory(err error) bool {
	var ne *neo4j.Neo4jError
	return lastNeo4jError(err, &ne) && (ne.Code == "Neo.ClientError.General.TransactionOutOfMemoryError" ||
		ne.Code == "Neo.TransientError.General.MemoryPoolOutOfMemoryError" && strings.Contains(ne.Msg, "db.memory.transaction.max"))
}

// tooMuchMemory is a transaction stopped at its memory limit, hidden from the
// driver's retries, which would run it again to the same end: Neo4j's error
// says it is transient.
type tooMuchMemory struct{ msg string }

func (e tooMuchMemory) Error() string { return e.msg }

// lastNeo4jError is errors.As for a Neo4j error, of the last attempt when
// the driver's retries gave up.
func lastNeo4jError(err error, ne **neo4j.Neo4jError) bool {
	return errors.As(lastAttempt(err), ne)
}

// lastAttempt is the error of the last attempt when err says the driver's
// retries gave up, which says why; err otherwise.
func lastAttempt(err error) error {
	var limit *neo4j.TransactionExecutionLimit
	if errors.As(err, &limit) && len(limit.Errors) > 0 {
		return limit.Errors[len(limit.Errors)-1]
	}
	return err
}

// unavailable tells whether err says Neo4j could not be reached, directly or
// as the last straw of the driver's retries.
func unavailable(err error) bool {
	var conn *neo4j.ConnectivityError
	var limit *neo4j.TransactionExecutionLimit
	var ne *neo4j.Neo4jError
	switch {
	case errors.As(err, &conn), errors.Is(err, context.DeadlineExceeded):
		return true
	case errors.As(err, &ne):
		return ne.Code == "Neo.TransientError.General.DatabaseUnavailable"
	case errors.As(err, &limit):
		return slices.ContainsFunc(limit.Errors, unavailable)
	}
	return false
}

// poolFull tells whether err says that every connection of the driver's pool
// stayed in use for the whole ConnectionAcquisitionTimeout: Neo4j is up, and
// busy with this service's other statements. The driver (v5.28) reports it as
// a ConnectivityError around its internal *errorutil.PoolTimeout, which no
// package outside the driver can name, whose wait ended with the acquisition's
// deadline. A PoolTimeout ending in another error is a connection attempt that
// timed out: Neo4j cannot be reached. TestPoolFull pins this down.
func poolFull(err error) bool {
	var conn *neo4j.ConnectivityError
	if !errors.As(lastAttempt(err), &conn) || conn.Inner == nil {
		return false
	}
	msg := conn.Inner.Error()
	return strings.HasPrefix(msg, "Timeout while waiting for connection") && strings.HasSuffix(msg, context.DeadlineExceeded.Error())
}
