// Package export writes a strikegraph.Network in the formats visualisation
// tools read: Cytoscape.js JSON, graphology JSON (Sigma.js, Gephi Lite),
// GraphML and GEXF 1.3. Each node and edge keeps its id, type, label and
// properties. It also writes the whole graph as an annotation document,
// which imports back into the same graph.
package export

import (
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"slices"

	"github.com/strikegraph/strikegraph"
)

// Format is one way to write a network.
type Format struct {
	Ext         string // file name extension, without the dot
	ContentType string
	Write       func(w io.Writer, net *strikegraph.Network) error
}

// Formats are the formats by the name used in /export/{format}.
var Formats = map[string]Format{
	"cytoscape":  {Ext: "cyjs", ContentType: "application/json", Write: Cytoscape},
	"graphology": {Ext: "graphology.json", ContentType: "application/json", Write: Graphology},
	"graphml":    {Ext: "graphml", ContentType: "application/graphml+xml", Write: GraphML},
	"gexf":       {Ext: "gexf", ContentType: "application/gexf+xml", Write: GEXF},
}

// attribute is a property declared once for every node or every edge, as
// the XML formats need: its name and type.
type attribute struct {
	name string
	kind string // "string", "int", "double" or "boolean"
}

// attributesOf lists the properties of a set of elements by name, each with
// the type of its values; a property whose values differ in type, or that
// holds a list, is a string.
func attributesOf(props []strikegraph.JSON) []attribute {
	kinds := map[string]string{}
	for _, p := range props {
		for k, v := range p {
			kind := kindOf(v)
			if old, ok := kinds[k]; ok && old != kind {
				kind = "string"
			}
			kinds[k] = kind
		}
	}
	out := []attribute{}
	for _, k := range slices.Sorted(maps.Keys(kinds)) {
		out = append(out, attribute{name: k, kind: kinds[k]})
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

// text writes a property value as XML text: a list as a JSON array.
func text(v any) string {
	if list, ok := v.([]string); ok {
		b, _ := json.Marshal(list)
		return string(b)
	}
	return fmt.Sprint(v)
}

func nodeProps(net *strikegraph.Network) []strikegraph.JSON {
	out := make([]strikegraph.JSON, len(net.Nodes))
	for i, n := range net.Nodes {
		out[i] = n.Properties
	}
	return out
}

func edgeProps(net *strikegraph.Network) []strikegraph.JSON {
	out := make([]strikegraph.JSON, len(net.Edges))
	for i, e := range net.Edges {
		out[i] = e.Properties
	}
	return out
}
