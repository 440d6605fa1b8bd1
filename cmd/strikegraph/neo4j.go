package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"time"

	"github.com/strikegraph/strikegraph/launcher"
)

// runNeo4j runs the local Neo4j in the foreground. With a command after "--"
// it runs that command with NEO4J_URI pointing at it, then stops Neo4j and
// exits with the command's status: `make test` shares one Neo4j this way.
func runNeo4j(ctx context.Context, args []string, log *slog.Logger) error {
	fs := flag.NewFlagSet("neo4j", flag.ContinueOnError)
	var local launcher.Config
	localFlags(fs, &local)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	local.Logger = log
	sctx, cancel := context.WithTimeout(ctx, 10*time.Minute)
	n, err := launcher.Start(sctx, local)
	cancel()
	if err != nil {
		return err
	}
	defer func() {
		sctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		n.Stop(sctx)
		log.Info("local neo4j stopped")
	}()
	fmt.Println(n.URI)
	if fs.NArg() == 0 {
		select {
		case <-ctx.Done():
		case <-n.Exited():
			return errors.New("local neo4j exited")
		}
		return nil
	}
	cmd := exec.CommandContext(ctx, fs.Arg(0), fs.Args()[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	cmd.Env = append(os.Environ(), "NEO4J_URI="+n.URI, "NEO4J_PASSWORD=", "NEO4J_DATABASE=")
	err = cmd.Run()
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		return exitCode(exit.ExitCode())
	}
	return err
}
