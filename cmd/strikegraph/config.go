package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strconv"
	"time"

	"github.com/strikegraph/strikegraph/cypher"
	"github.com/strikegraph/strikegraph/launcher"
)

// neo4jConfig is how to reach Neo4j: NEO4J_URI when given, else a local Neo4j
// this process starts.
type neo4jConfig struct {
	cypher.Config
	local launcher.Config
}

// neo4jFlags registers the Neo4j flags, each defaulting to its environment
// variable, so both ways of configuring work and flags win.
func neo4jFlags(fs *flag.FlagSet) *neo4jConfig {
	c := &neo4jConfig{}
	localFlags(fs, &c.local)
	fs.StringVar(&c.URI, "neo4j-uri", os.Getenv("NEO4J_URI"), "Neo4j to use (bolt://, neo4j://, neo4j+s://); empty starts a local one [NEO4J_URI]")
	fs.StringVar(&c.Username, "neo4j-username", env("NEO4J_USERNAME", "neo4j"), "Neo4j user [NEO4J_USERNAME]")
	c.Password = os.Getenv("NEO4J_PASSWORD")
	fs.Var(secret{&c.Password}, "neo4j-password", "Neo4j password; when empty no credentials are sent [NEO4J_PASSWORD]")
	fs.StringVar(&c.Database, "neo4j-database", os.Getenv("NEO4J_DATABASE"), "Neo4j database; empty is the server's default [NEO4J_DATABASE]")
	fs.DurationVar(&c.TxTimeout, "neo4j-tx-timeout", envDuration("NEO4J_TX_TIMEOUT", 10*time.Second), "the most one transaction may run [NEO4J_TX_TIMEOUT]")
	return c
}

// secret is a flag whose value -h does not print as its default.
type secret struct{ value *string }

func (s secret) String() string     { return "" }
func (s secret) Set(v string) error { *s.value = v; return nil }

// localFlags registers the flags of the local Neo4j, used when no URI is given.
func localFlags(fs *flag.FlagSet, c *launcher.Config) {
	fs.StringVar(&c.Home, "local-neo4j-home", env("STRIKEGRAPH_NEO4J_HOME", ".neo4j"), "local Neo4j: data folder, kept across restarts [STRIKEGRAPH_NEO4J_HOME]")
	fs.IntVar(&c.Port, "local-neo4j-port", envInt("STRIKEGRAPH_NEO4J_PORT", 7687), "local Neo4j: Bolt port on 127.0.0.1; 0 picks a free one [STRIKEGRAPH_NEO4J_PORT]")
	fs.StringVar(&c.Heap, "local-neo4j-heap", env("STRIKEGRAPH_NEO4J_HEAP", "512m"), "local Neo4j: JVM heap [STRIKEGRAPH_NEO4J_HEAP]")
	fs.StringVar(&c.PageCache, "local-neo4j-pagecache", env("STRIKEGRAPH_NEO4J_PAGECACHE", "64m"), "local Neo4j: page cache [STRIKEGRAPH_NEO4J_PAGECACHE]")
	fs.StringVar(&c.TxMemory, "local-neo4j-tx-memory", env("STRIKEGRAPH_NEO4J_TX_MEMORY", "256m"), "local Neo4j: memory of all transactions together; 0 is no limit [STRIKEGRAPH_NEO4J_TX_MEMORY]")
	fs.StringVar(&c.TxMax, "local-neo4j-tx-max", env("STRIKEGRAPH_NEO4J_TX_MAX", "128m"), "local Neo4j: memory of one transaction; 0 is no limit [STRIKEGRAPH_NEO4J_TX_MAX]")
}

// connect opens the graph, starting the local Neo4j first when no URI is
// given, waits for it and applies the schema. close stops what it started.
func connect(ctx context.Context, c *neo4jConfig, log *slog.Logger) (db *cypher.DB, close func(), err error) {
	var local *launcher.Neo4j
	if c.URI == "" {
		c.local.Logger = log
		sctx, cancel := context.WithTimeout(ctx, 10*time.Minute) // the first start builds the launcher
		defer cancel()
		if local, err = launcher.Start(sctx, c.local); err != nil {
			return nil, nil, err
		}
		c.URI, c.Username, c.Password = local.URI, "", ""
	}
	log.Info("neo4j", "uri", c.URI, "username", c.Username, "password_set", c.Password != "", "database", c.Database, "local", local != nil, "tx_timeout", c.TxTimeout)
	stopLocal := func() {
		if local != nil {
			sctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			local.Stop(sctx)
			log.Info("local neo4j stopped")
		}
	}
	if db, err = cypher.Open(c.Config, log); err != nil {
		stopLocal()
		return nil, nil, err
	}
	close = func() {
		db.Close(context.Background())
		stopLocal()
	}
	wctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	if err = db.WaitReady(wctx); err == nil {
		err = db.ApplySchema(ctx)
	}
	if err != nil {
		close()
		return nil, nil, err
	}
	return db, close, nil
}

// envErrs collects environment variables that do not parse; parseFlags
// reports them, so a typo stops the command instead of running with a default.
var envErrs []error

func parseFlags(fs *flag.FlagSet, args []string) error {
	fs.SetOutput(io.Discard) // run prints the usage: see flagError
	err := fs.Parse(args)
	envErr := errors.Join(envErrs...)
	envErrs = nil // also when the flags failed, so the next command starts clean
	if err != nil {
		return &flagError{fs, err}
	}
	return envErr
}

func env(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}

func envInt(key string, def int) int {
	if v := os.Getenv(key); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			envErrs = append(envErrs, fmt.Errorf("%s=%q is not a whole number", key, v))
		}
		return n
	}
	return def
}

func envDuration(key string, def time.Duration) time.Duration {
	if v := os.Getenv(key); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil {
			envErrs = append(envErrs, fmt.Errorf("%s=%q is not a duration such as 10s", key, v))
		}
		return d
	}
	return def
}

func envBool(key string, def bool) bool {
	if v := os.Getenv(key); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			envErrs = append(envErrs, fmt.Errorf("%s=%q is not true or false", key, v))
		}
		return b
	}
	return def
}
