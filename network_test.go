package strikegraph

import (
	"slices"
	"testing"
)

// TestNetworkProperties checks that NodeProperties and EdgeProperties
// declare what NodeOf and EdgeOf set, each with its kind, and nothing more:
// the streaming formats declare them before the first element.
func TestNetworkProperties(t *testing.T) {
	lat, n := 34.45, 3
	f := func() *Figure { return &Figure{Min: &n, Max: &n, Text: "three"} }
	day := Date{Value: "2018-02-03", Precision: DateDay}
	nodes := []*NetworkNode{
		NodeOf(&Incident{ID: "i", Name: "I", Scope: ScopePeriod, Date: day, Until: &day, Target: "a bakery"}),
		NodeOf(&Place{ID: "p", Name: "P", Kind: PlaceTown, Latitude: &lat, Longitude: &lat, GeoPrecision: GeoTown}),
		NodeOf(&Actor{ID: "a", Name: "A", Kind: ActorMonitor, Description: "a monitor"}),
		NodeOf(&Article{ID: "r", Title: "R", URL: "https://example.org", Published: day, PublisherID: "o"}),
	}
	claim := &Claim{ID: "c", Stance: StanceDenied, SpeakerID: "a", OnBehalfOfID: "b", IncidentID: "i", ArticleID: "r",
		Quote: "q", StatedOn: day, Denies: DeniesCivilianHarm, Response: RespondsInvestigating,
		Figures: Figures{CiviliansKilled: f(), ChildrenKilled: f(), WomenKilled: f(), Injured: f(), CombatantsKilled: f(), Killed: f()}}
	edges := []*NetworkEdge{
		EdgeOf(PathEdge{Type: string(StanceDenied), FromID: "a", ToID: "i", Claim: claim}),
		EdgeOf(PathEdge{Type: string(RelLocatedNear), FromID: "i", ToID: "p", SourceIDs: []string{"r"}, Quotes: []string{"q"},
			Role: "r", DistanceKm: &lat, Note: "n"}),
	}
	for _, c := range []struct {
		what     string
		declared []Property
		set      []JSON
	}{
		{"node", NodeProperties, propsOf(nodes, func(n *NetworkNode) JSON { return n.Properties })},
		{"edge", EdgeProperties, propsOf(edges, func(e *NetworkEdge) JSON { return e.Properties })},
	} {
		seen := map[string]bool{}
		for _, p := range c.set {
			for name, v := range p {
				seen[name] = true
				i := slices.IndexFunc(c.declared, func(d Property) bool { return d.Name == name })
				if i < 0 {
					t.Errorf("%s property %s is not declared", c.what, name)
				} else if kind := kindOf(v); kind != c.declared[i].Kind {
					t.Errorf("%s property %s holds a %s, declared %s", c.what, name, kind, c.declared[i].Kind)
				}
			}
		}
		for _, d := range c.declared {
			if !seen[d.Name] {
				t.Errorf("%s property %s is declared but never set", c.what, d.Name)
			}
		}
	}
}

func propsOf[T any](items []*T, of func(*T) JSON) []JSON {
	var out []JSON
	for _, it := range items {
		out = append(out, of(it))
	}
	return out
}

func kindOf(v any) string {
	switch v.(type) {
	case int:
		return "int"
	case float64:
		return "double"
	case bool:
		return "boolean"
	}
	return "string"
}
