package export

import (
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
func Graphology(w io.Writer, net *strikegraph.NetworkStream) error {
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
	j := newJSONStream(w)
	j.raw(`{"attributes":`)
	j.value(map[string]any{"name": "strikegraph", "truncated": net.Truncated, "totalNodes": net.TotalNodes, "totalEdges": net.TotalEdges})
	j.raw(`,"options":`)
	j.value(map[string]any{"type": "directed", "multi": true, "allowSelfLoops": true})
	j.raw(`,"nodes":`)
	list(j, net.EachNode, func(i int, n *strikegraph.NetworkNode) any {
		a := maps.Clone(n.Properties)
		angle := 2 * math.Pi * float64(i) / float64(max(net.Nodes, i+1))
		a["label"], a["nodeType"], a["x"], a["y"] = n.Label, n.Type, math.Cos(angle), math.Sin(angle)
		return node{n.ID, a}
	})
	j.raw(`,"edges":`)
	list(j, net.EachEdge, func(_ int, e *strikegraph.NetworkEdge) any {
		a := maps.Clone(e.Properties)
		a["label"], a["edgeType"] = e.Label, e.Type
		return edge{e.ID, e.From, e.To, a}
	})
	j.raw("}")
	return j.end()
}
