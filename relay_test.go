package strikegraph

import (
	"fmt"
	"strings"
	"testing"
)

// TestIndependence reads the independent sources of tolls whose sources
// relay one another: an outlet summing two monitors, a relay of a relay, a
// cycle, a relay recorded in another article, and a relayed source that
// gave no figure.
func TestIndependence(t *testing.T) {
	claim := func(source, article string, n int) *Claim {
		return &Claim{Stance: StanceReported, SpeakerID: source, ArticleID: article, Figures: Figures{CiviliansKilled: &Figure{Min: &n}}}
	}
	relay := func(article, relayer, source string) Relay { return Relay{article, relayer, source} }
	show := func(r TollRange) string {
		var chains []string
		for _, c := range r.Chains {
			chains = append(chains, fmt.Sprintf("%s>%s=%s", c.SourceID, strings.Join(c.RelaysIDs, "+"), strings.Join(c.OriginIDs, "+")))
		}
		return fmt.Sprintf("%d of %d: %s", r.IndependentSources, r.Reporters, strings.Join(chains, " "))
	}
	for _, c := range []struct {
		name   string
		claims []*Claim
		relays []Relay
		want   string
	}{
		{"none", nil, nil, "0 of 0: "},
		{"no relays", []*Claim{claim("a", "x", 1), claim("b", "x", 2)}, nil, "2 of 2: a>=a b>=b"},
		{"an outlet summing two monitors",
			[]*Claim{claim("outlet", "x", 40), claim("m1", "x", 43), claim("m2", "x", 40), claim("m3", "y", 40)},
			[]Relay{relay("x", "outlet", "m1"), relay("x", "outlet", "m2")},
			"3 of 4: m1>=m1 m2>=m2 m3>=m3 outlet>m1+m2=m1+m2"},
		{"a relay of a relay",
			[]*Claim{claim("a", "x", 1), claim("b", "x", 1), claim("c", "x", 1)},
			[]Relay{relay("x", "a", "b"), relay("x", "b", "c")},
			"1 of 3: a>b=c b>c=c c>=c"},
		{"a cycle counts once",
			[]*Claim{claim("a", "x", 1), claim("b", "x", 1), claim("c", "x", 1)},
			[]Relay{relay("x", "a", "b"), relay("x", "b", "a"), relay("x", "c", "a")},
			"1 of 3: a>b=a+b b>a=a+b c>a=a+b"},
		{"a relay in another article does not count",
			[]*Claim{claim("a", "x", 1), claim("b", "x", 1)},
			[]Relay{relay("y", "a", "b")},
			"2 of 2: a>=a b>=b"},
		{"a relayed source with no figure does not count",
			[]*Claim{claim("a", "x", 1)},
			[]Relay{relay("x", "a", "wire")},
			"1 of 1: a>=a"},
		{"a relayer of itself",
			[]*Claim{claim("a", "x", 1)},
			[]Relay{relay("x", "a", "a")},
			"1 of 1: a>=a"},
	} {
		if got := show(CivilianToll(c.claims, TollOptions{Relays: c.relays})); got != c.want {
			t.Errorf("%s: %s, want %s", c.name, got, c.want)
		}
	}
}
