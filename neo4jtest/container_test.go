package neo4jtest

import (
	"log/slog"
	"strings"
	"testing"
)

// A misspelt option is an error that names it, before any Docker engine is
// asked for anything.
func TestContainerOptionsAreChecked(t *testing.T) {
	logger := slog.New(slog.DiscardHandler)
	for _, c := range []struct{ env, value, want string }{
		{"NEO4J_TEST_NETWORK", "bridge-none", "want host"},
		{"NEO4J_TEST_STARTUP_TIMEOUT", "5", "want a duration"},
		{"NEO4J_TEST_STARTUP_TIMEOUT", "-1m", "want a duration"},
	} {
		t.Run(c.env+"="+c.value, func(t *testing.T) {
			t.Setenv(c.env, c.value)
			s, err := startContainer(logger)
			if err == nil {
				s.driver.Close(t.Context())
				t.Fatalf("no error")
			}
			if !strings.Contains(err.Error(), c.env) || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %q does not name %s and say %q", err, c.env, c.want)
			}
		})
	}
	t.Run("NEO4J_TEST_START", func(t *testing.T) {
		t.Setenv("NEO4J_URI", "")
		t.Setenv("NEO4J_TEST_START", "docker")
		if _, err := setup(); err == nil || !strings.Contains(err.Error(), "want container, launcher or auto") {
			t.Errorf("NEO4J_TEST_START=docker: %v", err)
		}
	})
}

func TestFreePortsDiffer(t *testing.T) {
	a, b, err := freePorts()
	if err != nil {
		t.Fatal(err)
	}
	if a == b || a <= 0 || b <= 0 {
		t.Errorf("free ports %d and %d", a, b)
	}
}
