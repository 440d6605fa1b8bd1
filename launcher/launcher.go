// Package launcher runs a real Neo4j Community server on the loopback interface:
// a small Java program (this folder's Maven project) that embeds Neo4j and opens
// its Bolt connector on 127.0.0.1. The Java sources are embedded in the Go binary
// and built with Maven on first use, so any program or test that imports this
// package can start a Neo4j without a container registry. It is a module of
// its own, on the standard library alone, so that neo4jtest, another module,
// uses it without the service's dependencies.
package launcher

import (
	"bufio"
	"context"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"
)

//go:embed pom.xml jvm.options src
var sources embed.FS

// Config says where and how to run Neo4j.
type Config struct {
	Home      string // Neo4j's home: databases, logs; kept across restarts
	Port      int    // Bolt port on 127.0.0.1; 0 picks a free one
	Heap      string // JVM maximum heap, e.g. "512m"
	PageCache string // Neo4j page cache, e.g. "64m"
	TxMemory  string // all transactions' memory together (dbms.memory.transaction.total.max); "0": no limit
	TxMax     string // one transaction's memory (db.memory.transaction.max); "0": no limit
	BuildDir  string // where the Java program is built; default: the user cache dir
	Logger    *slog.Logger
}

func (c *Config) defaults() error {
	if c.Home == "" {
		return errors.New("launcher: Home is required")
	}
	if c.Heap == "" {
		c.Heap = "512m"
	}
	if c.PageCache == "" {
		c.PageCache = "64m"
	}
	if c.TxMemory == "" {
		c.TxMemory = "256m"
	}
	if c.TxMax == "" {
		c.TxMax = "128m"
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.DiscardHandler)
	}
	if c.BuildDir == "" {
		cache, err := os.UserCacheDir()
		if err != nil {
			return fmt.Errorf("launcher: no build dir: %w", err)
		}
		c.BuildDir = filepath.Join(cache, "strikegraph")
	}
	return nil
}

// Neo4j is a running local Neo4j.
type Neo4j struct {
	URI  string // bolt://127.0.0.1:PORT
	Port int

	cmd      *exec.Cmd
	stdin    io.WriteCloser
	exited   chan struct{}
	exitErr  error
	stopOnce sync.Once
	log      *slog.Logger
}

// Start builds the launcher if needed, starts Neo4j and waits until it accepts
// Bolt connections or ctx ends. The JVM stops when Stop is called and, because
// it watches its standard input, when this process dies.
func Start(ctx context.Context, cfg Config) (*Neo4j, error) {
	if err := cfg.defaults(); err != nil {
		return nil, err
	}
	dir, err := Build(ctx, cfg.BuildDir, cfg.Logger)
	if err != nil {
		return nil, err
	}
	home, err := filepath.Abs(cfg.Home)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(home, 0o755); err != nil {
		return nil, fmt.Errorf("launcher: %w", err)
	}
	opts, err := jvmOptions()
	if err != nil {
		return nil, err
	}
	args := append(opts, "-Xms128m", "-Xmx"+cfg.Heap,
		"-cp", filepath.Join(dir, "target", "classes")+string(os.PathListSeparator)+filepath.Join(dir, "target", "lib", "*"),
		"strikegraph.launcher.Launcher",
		"--home", home, "--port", fmt.Sprint(cfg.Port), "--pagecache", cfg.PageCache,
		"--tx-memory", cfg.TxMemory, "--tx-max", cfg.TxMax)
	cmd := exec.Command("java", args...)
	logFile, err := os.OpenFile(filepath.Join(home, "launcher.log"), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return nil, fmt.Errorf("launcher: %w", err)
	}
	cmd.Stderr = logFile
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	started := time.Now()
	if err := cmd.Start(); err != nil {
		logFile.Close()
		return nil, fmt.Errorf("launcher: starting java: %w", err)
	}
	n := &Neo4j{cmd: cmd, stdin: stdin, exited: make(chan struct{}), log: cfg.Logger}
	go func() {
		n.exitErr = cmd.Wait()
		logFile.Close()
		close(n.exited)
	}()

	ready := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			ready <- sc.Text()
		}
		close(ready)
	}()
	for {
		select {
		case line, ok := <-ready:
			switch {
			case !ok:
				<-n.exited
				return nil, fmt.Errorf("launcher: Neo4j exited before it was ready (%v); see %s", n.exitErr, logFile.Name())
			case strings.HasPrefix(line, "READY "):
				n.URI = strings.TrimPrefix(line, "READY ")
				fmt.Sscanf(n.URI[strings.LastIndex(n.URI, ":")+1:], "%d", &n.Port)
				cfg.Logger.Info("local neo4j ready", "uri", n.URI, "home", home, "startup", time.Since(started).Round(time.Millisecond))
				return n, nil
			case strings.HasPrefix(line, "FAILED "):
				<-n.exited
				return nil, fmt.Errorf("launcher: Neo4j failed to start: %s (see %s)", strings.TrimPrefix(line, "FAILED "), logFile.Name())
			}
		case <-ctx.Done():
			n.Stop(context.Background())
			return nil, fmt.Errorf("launcher: Neo4j not ready: %w", ctx.Err())
		}
	}
}

// Stop shuts Neo4j down cleanly, killing it if it has not stopped when ctx
// ends. It is safe to call more than once.
func (n *Neo4j) Stop(ctx context.Context) error {
	n.stopOnce.Do(func() {
		_ = n.cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-n.exited:
		case <-ctx.Done():
			n.log.Warn("local neo4j did not stop in time; killing it")
			_ = n.cmd.Process.Kill()
			<-n.exited
		}
		n.stdin.Close()
	})
	<-n.exited
	return nil
}

// Exited is closed when the Neo4j process has ended.
func (n *Neo4j) Exited() <-chan struct{} { return n.exited }

// Build writes the embedded Java project under buildDir and builds it with
// Maven, unless a build of the same sources is already there. Concurrent
// callers, in this process or others, wait for one build.
func Build(ctx context.Context, buildDir string, log *slog.Logger) (string, error) {
	sum, err := sourceHash()
	if err != nil {
		return "", err
	}
	dir := filepath.Join(buildDir, "launcher-"+sum[:12])
	done := filepath.Join(dir, "target", ".built")
	if _, err := os.Stat(done); err == nil {
		return dir, nil
	}
	if err := os.MkdirAll(buildDir, 0o755); err != nil {
		return "", fmt.Errorf("launcher: %w", err)
	}
	unlock, err := lockFile(dir + ".lock")
	if err != nil {
		return "", err
	}
	defer unlock()
	if _, err := os.Stat(done); err == nil {
		return dir, nil // another process built it while we waited
	}
	if err := writeSources(dir); err != nil {
		return "", err
	}
	log.Info("building the Neo4j launcher with Maven (first use only)", "dir", dir)
	started := time.Now()
	cmd := exec.CommandContext(ctx, "mvn", "-q", "-B", "-DskipTests", "package")
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("launcher: mvn package failed: %w\n%s", err, out)
	}
	if err := os.WriteFile(done, []byte(sum+"\n"), 0o644); err != nil {
		return "", err
	}
	log.Info("built the Neo4j launcher", "took", time.Since(started).Round(time.Second))
	return dir, nil
}

func sourceHash() (string, error) {
	h := sha256.New()
	err := fs.WalkDir(sources, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := sources.ReadFile(p)
		fmt.Fprintf(h, "%s\x00%d\x00", p, len(b))
		h.Write(b)
		return err
	})
	return hex.EncodeToString(h.Sum(nil)), err
}

func writeSources(dir string) error {
	return fs.WalkDir(sources, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		target := filepath.Join(dir, filepath.FromSlash(p))
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		b, err := sources.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, b, 0o644)
	})
}

func jvmOptions() ([]string, error) {
	b, err := sources.ReadFile("jvm.options")
	if err != nil {
		return nil, err
	}
	var opts []string
	for _, line := range strings.Split(string(b), "\n") {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
			opts = append(opts, line)
		}
	}
	return opts, nil
}

// lockFile takes an exclusive advisory lock on path, waiting for it.
func lockFile(path string) (unlock func(), err error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, fmt.Errorf("launcher: %w", err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
		f.Close()
		return nil, fmt.Errorf("launcher: locking %s: %w", path, err)
	}
	return func() { syscall.Flock(int(f.Fd()), syscall.LOCK_UN); f.Close() }, nil
}
