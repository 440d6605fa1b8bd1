package cypher

import (
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/strikegraph/strikegraph"
)

// TestTransactionMemoryLimit runs a statement that collects far more than one
// transaction may hold on the local launcher (128 MiB of its 256 MiB pool):
// Neo4j stops it, and the client is told MEMORY_LIMIT, not INTERNAL and not
// the retryable OVERLOADED, since asking again would fail the same way.
func TestTransactionMemoryLimit(t *testing.T) {
	db := openTest(t)
	// 10 million integers: Neo4j counts more than 128 MiB for them.
	_, err := db.read(t.Context(), query{name: "test", text: "UNWIND range(1, 10000000) AS x WITH collect(x) AS xs RETURN size(xs) AS n"}, nil)
	if err == nil {
		t.Fatal("a statement of 10 million integers ran: the transaction has no memory limit of its own (the local launcher sets db.memory.transaction.max to 128m)")
	}
	if got := strikegraph.ErrorCode(err); got != strikegraph.ECodeTooMuchMemory {
		t.Errorf("code %s, want %s: %v", got, strikegraph.ECodeTooMuchMemory, err)
	}
}

// TestOverTxMemory tells the two memory errors of Neo4j 5 apart by what they
// name: one transaction's limit, which asking again cannot pass, and the
// pool's, which frees as other transactions end.
func TestOverTxMemory(t *testing.T) {
	for msg, want := range map[string]string{
		"The allocation of an extra 2.0 MiB would use more than the limit 48.0 MiB. Currently using 46.6 MiB. db.memory.transaction.max threshold reached":           strikegraph.ECodeTooMuchMemory,
		"The allocation of an extra 2.0 MiB would use more than the limit 256.0 MiB. Currently using 255.0 MiB. dbms.memory.transaction.total.max threshold reached": strikegraph.ECodeOverloaded,
	} {
		err := &neo4j.Neo4jError{Code: "Neo.TransientError.General.MemoryPoolOutOfMemoryError", Msg: msg}
		if got := strikegraph.ErrorCode(dbError(err)); got != want {
			t.Errorf("%s: code %s, want %s", msg, got, want)
		}
		limit := &neo4j.TransactionExecutionLimit{Cause: "timeout", Errors: []error{err}}
		if got := strikegraph.ErrorCode(dbError(limit)); got != want {
			t.Errorf("after retries, %s: code %s, want %s", msg, got, want)
		}
	}
}
