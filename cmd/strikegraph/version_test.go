package main

import (
	"bytes"
	"errors"
	"flag"
	"io"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/strikegraph/strikegraph/internal/graphtest"
)

func TestVersion(t *testing.T) {
	info := &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Path: "github.com/strikegraph/strikegraph", Version: "v1.4.0"},
		Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: "8fcce571d916"}, {Key: "vcs.modified", Value: "true"}}}
	want := "strikegraph v1.4.0\ncommit:   8fcce571d916\nmodified: true\ngo:       go1.26.8\n"
	if got := versionText(info); got != want {
		t.Errorf("versionText:\n%s\nwant:\n%s", got, want)
	}
	// go test stamps no commit: the test binary's own says so.
	var out bytes.Buffer
	if err := run(t.Context(), []string{"version"}, &out, io.Discard, graphtest.Logger(t)); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(out.String(), "strikegraph ") || !strings.Contains(out.String(), "go:       "+runtime.Version()+"\n") {
		t.Errorf("strikegraph version:\n%s", out.String())
	}
}

// TestHelp asks the binary and each command for -h and --help: the usage,
// on standard output, and no error (exit 0).
func TestHelp(t *testing.T) {
	log := graphtest.Logger(t)
	for _, args := range [][]string{{"-h"}, {"--help"}} {
		var stdout, stderr bytes.Buffer
		if err := run(t.Context(), args, &stdout, &stderr, log); err != nil || stderr.Len() > 0 {
			t.Errorf("strikegraph %s: %v, stderr %q", args[0], err, stderr.String())
		}
		for _, c := range commands {
			if !strings.Contains(stdout.String(), "\n  "+c.name+" ") {
				t.Errorf("strikegraph %s does not list %s:\n%s", args[0], c.name, stdout.String())
			}
		}
	}
	for _, c := range commands {
		for _, h := range []string{"-h", "--help"} {
			var stdout, stderr bytes.Buffer
			err := run(t.Context(), []string{c.name, h}, &stdout, &stderr, log)
			if err != nil || stderr.Len() > 0 || !strings.HasPrefix(stdout.String(), "usage: strikegraph "+c.synopsis+"\n") {
				t.Errorf("strikegraph %s %s: %v, stderr %q, stdout:\n%s", c.name, h, err, stderr.String(), stdout.String())
			}
		}
	}
	var stdout, stderr bytes.Buffer
	if err := run(t.Context(), []string{"serve", "-h"}, &stdout, &stderr, log); err != nil || !strings.Contains(stdout.String(), "-log-format") {
		t.Errorf("strikegraph serve -h does not list its flags: %v\n%s", err, stdout.String())
	}
}

// TestUsageErrors: an unknown command or flag is named on standard error,
// with the usage, and fails (exit 2).
func TestUsageErrors(t *testing.T) {
	log := graphtest.Logger(t)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"frobnicate"}, "unknown command \"frobnicate\""},
		{[]string{"export", "--nope"}, "strikegraph export: flag provided but not defined: -nope"},
		{nil, "usage: strikegraph COMMAND"},
	} {
		var stdout, stderr bytes.Buffer
		err := run(t.Context(), tc.args, &stdout, &stderr, log)
		if !errors.Is(err, flag.ErrHelp) || stdout.Len() > 0 || !strings.Contains(stderr.String(), tc.want) || !strings.Contains(stderr.String(), "usage: strikegraph") {
			t.Errorf("strikegraph %q: %v, stdout %q, stderr:\n%s", tc.args, err, stdout.String(), stderr.String())
		}
	}
	var stderr bytes.Buffer
	_ = run(t.Context(), []string{"frobnicate"}, io.Discard, &stderr, log)
	if !strings.Contains(stderr.String(), "\n  version ") {
		t.Errorf("an unknown command does not list the commands:\n%s", stderr.String())
	}
}

func TestLogFormatIsChecked(t *testing.T) {
	err := run(t.Context(), []string{"serve", "--log-format", "xml"}, io.Discard, io.Discard, graphtest.Logger(t))
	if err == nil || !strings.Contains(err.Error(), "--log-format") {
		t.Errorf("--log-format xml gave %v, want an error naming it", err)
	}
}

// TestHelpHidesThePassword: -h shows no flag's default taken from
// NEO4J_PASSWORD, and the flag and the variable still set it.
func TestHelpHidesThePassword(t *testing.T) {
	t.Setenv("NEO4J_PASSWORD", "s3cret-in-env")
	var stdout bytes.Buffer
	if err := run(t.Context(), []string{"serve", "-h"}, &stdout, io.Discard, graphtest.Logger(t)); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(stdout.String(), "s3cret") || !strings.Contains(stdout.String(), "-neo4j-password") {
		t.Errorf("strikegraph serve -h shows the password, or not its flag:\n%s", stdout.String())
	}
	for _, args := range [][]string{nil, {"-neo4j-password", "from-flag"}} {
		fs := flag.NewFlagSet("x", flag.ContinueOnError)
		c := neo4jFlags(fs)
		if err := fs.Parse(args); err != nil {
			t.Fatal(err)
		}
		want := "s3cret-in-env"
		if args != nil {
			want = "from-flag"
		}
		if c.Password != want {
			t.Errorf("flags %q: password %q, want %q", args, c.Password, want)
		}
	}
}
