package loaders

import (
	"testing"

	"github.com/strikegraph/strikegraph"
)

// TestArgsKey: nested lists share a loader only when every argument is the
// same, whether or not a where is given.
func TestArgsKey(t *testing.T) {
	stance := strikegraph.StanceDenied
	none := (*strikegraph.ActorWhere)(nil)
	denied := &strikegraph.ActorWhere{Stance: &stance}
	keys := map[string]string{
		"no where":     argsKey(none, "linked", "actors", "CARRIED_OUT", "IN", "id,name"),
		"a where":      argsKey(denied, "linked", "actors", "CARRIED_OUT", "IN", "id,name"),
		"an empty one": argsKey(&strikegraph.ActorWhere{}, "linked", "actors", "CARRIED_OUT", "IN", "id,name"),
		"other fields": argsKey(none, "linked", "actors", "CARRIED_OUT", "IN", "*"),
		"either way":   argsKey(none, "linked", "actors", "CARRIED_OUT", "", "id,name"),
	}
	seen := map[string]string{}
	for name, k := range keys {
		if other, ok := seen[k]; ok {
			t.Errorf("%s and %s share the key %q", name, other, k)
		}
		seen[k] = name
	}
	if again := argsKey(&strikegraph.ActorWhere{Stance: &stance}, "linked", "actors", "CARRIED_OUT", "IN", "id,name"); again != keys["a where"] {
		t.Errorf("the same where gave %q, then %q", keys["a where"], again)
	}
}
