//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package neo4jtest

// lockFile does nothing where flock is not available: test binaries that
// share one NEO4J_URI are then not kept apart.
func lockFile(path string, waiting func()) (unlock func(), err error) {
	return func() {}, nil
}
