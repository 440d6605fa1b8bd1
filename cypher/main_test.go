package cypher_test

import (
	"testing"

	"github.com/strikegraph/strikegraph/neo4jtest"
)

func TestMain(m *testing.M) { neo4jtest.Main(m) }
