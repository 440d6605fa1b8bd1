package neo4jtest

import (
	"fmt"
	"strings"
	"sync"
	"testing"
)

// lease gives one test at a time the database: mu within this process, an
// flock on path across the processes of this machine.
type lease struct {
	path string
	mu   sync.Mutex

	holderMu sync.Mutex
	holder   string // name of the test holding the lease, "" if none
}

// acquire waits for the lease and returns the function that releases it.
func (l *lease) acquire(t testing.TB) (release func(), err error) {
	t.Helper()
	name := t.Name()
	holder := l.currentHolder()
	if holder != "" && (name == holder || strings.HasPrefix(name, holder+"/")) {
		return nil, fmt.Errorf("neo4jtest: %s already holds the database (it called New) and %s would wait for it forever: call New once per test and pass its *Target to subtests", holder, name)
	}
	if !l.mu.TryLock() {
		t.Logf("neo4jtest: waiting for another test of this binary (%s) to finish with the database", holder)
		l.mu.Lock()
	}
	unlock, err := lockFile(l.path, func() {
		t.Logf("neo4jtest: waiting for another test process using the same database to finish with it (lock file %s)", l.path)
	})
	if err != nil {
		l.mu.Unlock()
		return nil, fmt.Errorf("neo4jtest: %w", err)
	}
	l.setHolder(name)
	return func() {
		l.setHolder("")
		unlock()
		l.mu.Unlock()
	}, nil
}

func (l *lease) currentHolder() string {
	l.holderMu.Lock()
	defer l.holderMu.Unlock()
	return l.holder
}

func (l *lease) setHolder(name string) {
	l.holderMu.Lock()
	l.holder = name
	l.holderMu.Unlock()
}
