package export

import (
	"slices"
	"strings"

	"github.com/strikegraph/strikegraph"
)

// Property is a property that network nodes or edges may have, and the kind
// of its values: "string", "int", "double" or "boolean" (a list of strings
// is written as a string). Formats that declare attributes before the first
// element (GraphML, GEXF) declare these, so they can stream.
type Property struct{ Name, Kind string }

// NodeProperties and EdgeProperties are every property the graph's network nodes and edges
// may set, by name.
var (
	NodeProperties = []Property{{"date", "string"}, {"datePrecision", "string"}, {"description", "string"},
		{"geoPrecision", "string"}, {"kind", "string"}, {"latitude", "double"}, {"longitude", "double"},
		{"published", "string"}, {"publisher", "string"}, {"scope", "string"}, {"target", "string"},
		{"until", "string"}, {"url", "string"}}
	EdgeProperties = edgeProperties()
)

func edgeProperties() []Property {
	out := []Property{{"article", "string"}, {"denies", "string"}, {"distanceKm", "double"}, {"note", "string"},
		{"onBehalfOf", "string"}, {"quote", "string"}, {"quotes", "string"}, {"response", "string"},
		{"role", "string"}, {"sources", "string"}, {"statedOn", "string"}}
	for name := range (&strikegraph.Figures{}).Named() {
		out = append(out, Property{name + "Max", "int"}, Property{name + "Min", "int"}, Property{name + "Text", "string"})
	}
	slices.SortFunc(out, func(a, b Property) int { return strings.Compare(a.Name, b.Name) })
	return out
}
