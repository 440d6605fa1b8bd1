//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package neo4jtest

import (
	"errors"
	"fmt"
	"os"
	"syscall"
)

// lockFile takes an exclusive flock on path, creating the file if needed. It
// calls waiting once if another process holds the lock, then waits for it.
// The lock dies with the process, so a crashed test binary never blocks others.
func lockFile(path string, waiting func()) (unlock func(), err error) {
	// Read-only is enough for flock, and lets other users lock a file we created.
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDONLY, 0o666)
	if err != nil {
		return nil, fmt.Errorf("lock file: %w", err)
	}
	err = flock(f, syscall.LOCK_EX|syscall.LOCK_NB)
	if errors.Is(err, syscall.EWOULDBLOCK) {
		waiting()
		err = flock(f, syscall.LOCK_EX)
	}
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("locking %s: %w", path, err)
	}
	return func() {
		_ = flock(f, syscall.LOCK_UN)
		f.Close()
	}, nil
}

func flock(f *os.File, how int) error {
	for {
		if err := syscall.Flock(int(f.Fd()), how); !errors.Is(err, syscall.EINTR) {
			return err
		}
	}
}
