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
//	strikegraph version         print the version, the commit and the Go version
//
// strikegraph -h, and strikegraph CMD -h, print the usage on standard output.
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

// commands are the binary's commands, as the usage lists them.
var commands = []struct{ name, synopsis, about string }{
	{"serve", "serve [flags]", "serve GraphQL; starts a local Neo4j when NEO4J_URI is unset"},
	{"import", "import [flags] [PATH …]", "import annotation documents (.json, or a folder of them) and ACLED CSV exports (.csv); no PATH: the seed corpus"},
	{"export", "export [-format annotation|acled] [-out FILE] [flags]", "write the whole graph as one annotation document, or the incidents ACLED rows made as an ACLED export"},
	{"neo4j", "neo4j [flags] [-- CMD …]", "run the local Neo4j; with CMD, run CMD against it, then stop"},
	{"generate", "generate -out DIR [-seed N] [-incidents N]", "write a generated corpus for tests and benchmarks"},
	{"apikey", "apikey -name NAME -role ROLE", "print a new API key and its configuration line"},
	{"version", "version", "print the module version, the commit it was built from and the Go version"},
}

// run runs the command args; its output goes to stdout and stderr, its log
// to log.
func run(ctx context.Context, args []string, stdout, stderr io.Writer, log *slog.Logger) error {
	if len(args) == 0 {
		usage(stderr)
		return flag.ErrHelp
	}
	var err error
	switch args[0] {
	case "-h", "-help", "--help":
		usage(stdout)
		return nil
	case "serve":
		err = serve(ctx, args[1:], stderr, log)
	case "import":
		err = importFiles(ctx, args[1:], stdout, stderr, log)
	case "export":
		err = exportDocument(ctx, args[1:], stdout, log)
	case "neo4j":
		err = runNeo4j(ctx, args[1:], log)
	case "generate":
		err = generate(ctx, args[1:], log)
	case "apikey":
		err = apikey(args[1:], stdout)
	case "version":
		err = version(args[1:], stdout)
	default:
		fmt.Fprintf(stderr, "strikegraph: unknown command %q\n\n", args[0])
		usage(stderr)
		return flag.ErrHelp
	}
	var fe *flagError
	if !errors.As(err, &fe) {
		return err
	}
	if errors.Is(fe.err, flag.ErrHelp) { // asked for: the usage is the answer
		commandUsage(stdout, fe.fs)
		return nil
	}
	fmt.Fprintf(stderr, "strikegraph %s: %v\n\n", fe.fs.Name(), fe.err)
	commandUsage(stderr, fe.fs)
	return flag.ErrHelp
}

// usage lists the commands.
func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: strikegraph COMMAND [flags]")
	fmt.Fprintln(w, "\ncommands:")
	for _, c := range commands {
		fmt.Fprintf(w, "  %-9s %s\n", c.name, c.about)
	}
	fmt.Fprintln(w, "\nstrikegraph COMMAND -h lists the command's flags; each defaults to the environment variable named in [brackets].")
}

// commandUsage prints a command's synopsis and flags.
func commandUsage(w io.Writer, fs *flag.FlagSet) {
	for _, c := range commands {
		if c.name == fs.Name() {
			fmt.Fprintf(w, "usage: strikegraph %s\n\n%s\n", c.synopsis, c.about)
		}
	}
	n := 0
	fs.VisitAll(func(*flag.Flag) { n++ })
	if n > 0 {
		fmt.Fprintln(w, "\nflags:")
		fs.SetOutput(w)
		fs.PrintDefaults()
	}
}

// flagError is a command line that did not parse, or asked for -h: run
// prints the command's usage, where the flag package would print it to
// standard error either way.
type flagError struct {
	fs  *flag.FlagSet
	err error
}

func (e *flagError) Error() string { return e.err.Error() }
func (e *flagError) Unwrap() error { return e.err }
