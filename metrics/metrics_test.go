package metrics

import (
	"fmt"
	"testing"
)

func TestOperationLabelsAreBounded(t *testing.T) {
	m := New()
	for name, want := range map[string]string{"": "anonymous", "Incidents": "Incidents", "bad-name": "other", "a b": "other"} {
		if got := m.Operation(name); got != want {
			t.Errorf("Operation(%q) = %q, want %q", name, got, want)
		}
	}
	for i := range 2 * MaxOperations {
		m.Operation(fmt.Sprintf("Op%d", i))
	}
	if got := m.Operation("Incidents"); got != "Incidents" {
		t.Errorf("a name seen early became %q", got)
	}
	if got := m.Operation("Latecomer"); got != "other" {
		t.Errorf("a name past the first %d became %q, want other", MaxOperations, got)
	}
	if len(m.operations) != MaxOperations {
		t.Errorf("%d names kept, want %d", len(m.operations), MaxOperations)
	}
}
