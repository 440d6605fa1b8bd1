package cypher

import (
	"slices"
	"testing"

	"github.com/strikegraph/strikegraph"
	"github.com/strikegraph/strikegraph/export"
)

// TestNetworkProperties checks that export.NodeProperties and
// export.EdgeProperties declare what networkNode and networkEdge set, each with its kind, and nothing more:
// the streaming formats declare them before the first element.
func TestNetworkProperties(t *testing.T) {
	lat, n := 34.45, 3
	f := func() *strikegraph.Figure { return &strikegraph.Figure{Min: &n, Max: &n, Text: "three"} }
	day := strikegraph.Date{Value: "2018-02-03", Precision: strikegraph.DateDay}
	nodes := []*strikegraph.NetworkNode{
		networkNode(&strikegraph.Incident{ID: "i", Name: "I", Scope: strikegraph.ScopePeriod, Date: day, Until: &day, Target: "a bakery"}),
		networkNode(&strikegraph.Place{ID: "p", Name: "P", Kind: strikegraph.PlaceTown, Latitude: &lat, Longitude: &lat, GeoPrecision: strikegraph.GeoTown}),
		networkNode(&strikegraph.Actor{ID: "a", Name: "A", Kind: strikegraph.ActorMonitor, Description: "a monitor"}),
		networkNode(&strikegraph.Article{ID: "r", Title: "R", URL: "https://example.org", Published: day, PublisherID: "o"}),
	}
	claim := &strikegraph.Claim{ID: "c", Stance: strikegraph.StanceDenied, SpeakerID: "a", OnBehalfOfID: "b", IncidentID: "i", ArticleID: "r",
		Quote: "q", StatedOn: day, Denies: strikegraph.DeniesCivilianHarm, Response: strikegraph.RespondsInvestigating,
		Figures: strikegraph.Figures{CiviliansKilled: f(), ChildrenKilled: f(), WomenKilled: f(), Injured: f(), CombatantsKilled: f(), Killed: f()}}
	edges := []*strikegraph.NetworkEdge{
		networkEdge(strikegraph.PathEdge{Type: string(strikegraph.StanceDenied), FromID: "a", ToID: "i", Claim: claim}),
		networkEdge(strikegraph.PathEdge{Type: string(strikegraph.RelLocatedNear), FromID: "i", ToID: "p", SourceIDs: []string{"r"}, Quotes: []string{"q"},
			Role: "r", DistanceKm: &lat, Note: "n"}),
	}
	for _, c := range []struct {
		what     string
		declared []export.Property
		set      []strikegraph.JSON
	}{
		{"node", export.NodeProperties, setProps(nodes, func(n *strikegraph.NetworkNode) strikegraph.JSON { return n.Properties })},
		{"edge", export.EdgeProperties, setProps(edges, func(e *strikegraph.NetworkEdge) strikegraph.JSON { return e.Properties })},
	} {
		seen := map[string]bool{}
		for _, p := range c.set {
			for name, v := range p {
				seen[name] = true
				i := slices.IndexFunc(c.declared, func(d export.Property) bool { return d.Name == name })
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

func setProps[T any](items []*T, of func(*T) strikegraph.JSON) []strikegraph.JSON {
	var out []strikegraph.JSON
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
