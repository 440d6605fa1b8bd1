package cypher

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/strikegraph/strikegraph"
)

// TestSubordinateDepth checks that every statement that walks down an
// organisation's hierarchy stops at strikegraph.MaxSubordinateDepth, which
// Cypher cannot take as a parameter.
func TestSubordinateDepth(t *testing.T) {
	bound := regexp.MustCompile(`PART_OF\|LEADS\]->\{[01],(\d+)\}`)
	for _, q := range []query{findSubordinates, belligerentTotals, reporterTotals} {
		found := bound.FindAllStringSubmatch(q.text, -1)
		if len(found) == 0 {
			t.Errorf("%s walks no PART_OF|LEADS hierarchy", q.name)
		}
		for _, m := range found {
			if m[1] != fmt.Sprint(strikegraph.MaxSubordinateDepth) {
				t.Errorf("%s walks %s edges deep, MaxSubordinateDepth is %d", q.name, m[1], strikegraph.MaxSubordinateDepth)
			}
		}
	}
}
