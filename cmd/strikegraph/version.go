package main

import (
	"cmp"
	"flag"
	"fmt"
	"io"
	"runtime/debug"
)

// version prints what the binary was built from: the module's version, the
// commit and whether the work tree had changes, and the Go version.
func version(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("version", flag.ContinueOnError)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("version: unexpected argument %q", fs.Arg(0))
	}
	info, _ := debug.ReadBuildInfo()
	_, err := fmt.Fprint(stdout, versionText(info))
	return err
}

// build is what a binary's build info says of it; a setting it does not
// hold is "unknown" (go build -buildvcs=false, go run, go test).
type build struct{ version, commit, modified, goVersion string }

func buildOf(info *debug.BuildInfo) build {
	b := build{version: "unknown", commit: "unknown", modified: "unknown", goVersion: "unknown"}
	if info == nil {
		return b
	}
	b.version, b.goVersion = cmp.Or(info.Main.Version, b.version), cmp.Or(info.GoVersion, b.goVersion)
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			b.commit = s.Value
		case "vcs.modified":
			b.modified = s.Value
		}
	}
	return b
}

func versionText(info *debug.BuildInfo) string {
	b := buildOf(info)
	return fmt.Sprintf("strikegraph %s\ncommit:   %s\nmodified: %s\ngo:       %s\n", b.version, b.commit, b.modified, b.goVersion)
}
