package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"time"

	"github.com/strikegraph/strikegraph/server"
)

func serve(ctx context.Context, args []string, log *slog.Logger) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	addr := fs.String("addr", env("STRIKEGRAPH_ADDR", "127.0.0.1:8080"), "HTTP address to serve on [STRIKEGRAPH_ADDR]")
	seed := fs.Bool("seed", envBool("STRIKEGRAPH_SEED", true), "load the seed corpus when the graph is empty [STRIKEGRAPH_SEED]")
	drain := fs.Duration("drain", envDuration("STRIKEGRAPH_DRAIN", 15*time.Second), "on SIGTERM, how long in-flight requests may finish [STRIKEGRAPH_DRAIN]")
	nc := neo4jFlags(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	log.Info("config", "addr", *addr, "seed", *seed, "drain", *drain)
	// Take the port before starting Neo4j, so a busy port fails at once.
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	defer ln.Close()
	db, closeDB, err := connect(ctx, nc, log)
	if err != nil {
		return err
	}
	defer closeDB()
	if *seed {
		if err := seedIfEmpty(ctx, db, log); err != nil {
			return err
		}
	}
	return server.Serve(ctx, ln, server.Handler(db, log, server.Options{}), *drain, log)
}
