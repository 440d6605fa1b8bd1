// Command strikegraph serves the Strikegraph knowledge graph over GraphQL.
//
//	strikegraph serve           serve GraphQL (starts a local Neo4j when NEO4J_URI is unset)
//	strikegraph import [PATH …] import annotation documents (.json, or a folder of them)
//	                            and ACLED CSV exports (.csv); no PATH: the seed corpus
//	strikegraph export [-format annotation|acled] [-out FILE]
//	                            write the whole graph as one annotation document,
//	                            or the incidents ACLED rows made as an ACLED export
//	strikegraph neo4j [-- CMD]  run the local Neo4j; with CMD, run CMD against it and stop
//	strikegraph generate -out DIR [-seed N] [-incidents N]
//	                            write a generated corpus for tests and benchmarks
//	strikegraph apikey -name NAME -role ROLE
//	                            print a new API key and its configuration line
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	log := slog.New(slog.NewTextHandler(os.Stderr, nil))
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr, log)
	stop()
	var exit exitCode
	switch {
	case errors.As(err, &exit):
		os.Exit(int(exit))
	case errors.Is(err, flag.ErrHelp):
		os.Exit(2)
	case err != nil:
		log.Error("strikegraph failed", "err", err)
		os.Exit(1)
	}
}

// exitCode is the exit status of a command run by `strikegraph neo4j -- CMD`.
type exitCode int

func (e exitCode) Error() string { return fmt.Sprintf("exit status %d", int(e)) }

// run runs the command args; its output goes to stdout and stderr, its log
// to log.
func run(ctx context.Context, args []string, stdout, stderr io.Writer, log *slog.Logger) error {
	if len(args) == 0 {
		fmt.Fprintln(stderr, "usage: strikegraph serve|import|export|neo4j|generate|apikey [flags]; strikegraph CMD -h for flags")
		return flag.ErrHelp
	}
	switch args[0] {
	case "serve":
		return serve(ctx, args[1:], log)
	case "import":
		return importFiles(ctx, args[1:], stdout, stderr, log)
	case "export":
		return exportDocument(ctx, args[1:], stdout, log)
	case "neo4j":
		return runNeo4j(ctx, args[1:], log)
	case "generate":
		return generate(ctx, args[1:], log)
	case "apikey":
		return apikey(args[1:], stdout)
	default:
		fmt.Fprintf(stderr, "strikegraph: unknown command %q; want serve, import, export, neo4j, generate or apikey\n", args[0])
		return flag.ErrHelp
	}
}
