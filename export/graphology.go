package export

import (
	"encoding/json"
	"io"
	"maps"
	"math"

	"github.com/strikegraph/strikegraph"
)

// Graphology writes the network in graphology's serialization format, which
// Graph.from and graph.import read, and Sigma.js and Gephi Lite open: a
// directed multigraph. The type is nodeType and edgeType, since Sigma.js
// reads "type" as the name of a renderer. Sigma.js needs positions, so nodes
// stand on a circle (x, y) until a layout moves them.
func Graphology(w io.Writer, net *strikegraph.Network) error {
	type node struct {
		Key        string         `json:"key"`
		Attributes map[string]any `json:"attributes"`
	}
	type edge struct {
		Key        string         `json:"key"`
		Source     string         `json:"source"`
		Target     string         `json:"target"`
		Attributes map[string]any `json:"attributes"`
	}
	doc := struct {
		Attributes map[string]any `json:"attributes"`
		Options    map[string]any `json:"options"`
		Nodes      []node         `json:"nodes"`
		Edges      []edge         `json:"edges"`
	}{
		Attributes: map[string]any{"name": "strikegraph", "truncated": net.Truncated, "totalNodes": net.TotalNodes, "totalEdges": net.TotalEdges},
		Options:    map[string]any{"type": "directed", "multi": true, "allowSelfLoops": true},
		Nodes:      []node{}, Edges: []edge{},
	}
	for i, n := range net.Nodes {
		a := maps.Clone(n.Properties)
		angle := 2 * math.Pi * float64(i) / float64(len(net.Nodes))
		a["label"], a["nodeType"], a["x"], a["y"] = n.Label, n.Type, math.Cos(angle), math.Sin(angle)
		doc.Nodes = append(doc.Nodes, node{n.ID, a})
	}
	for _, e := range net.Edges {
		a := maps.Clone(e.Properties)
		a["label"], a["edgeType"] = e.Label, e.Type
		doc.Edges = append(doc.Edges, edge{e.ID, e.From, e.To, a})
	}
	return json.NewEncoder(w).Encode(doc)
}
