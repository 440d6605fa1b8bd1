package export

import (
	"io"
	"maps"

	"github.com/strikegraph/strikegraph"
)

// Cytoscape writes the network as Cytoscape.js JSON: cytoscape({elements})
// and Cytoscape's "Import Network from File" (.cyjs) read it. Each element's
// data holds its id, type, label and properties; an edge's also its source
// and target. The graph's data says whether it was truncated.
func Cytoscape(w io.Writer, net *strikegraph.NetworkStream) error {
	type element struct {
		Data map[string]any `json:"data"`
	}
	j := newJSONStream(w)
	j.raw(`{"data":`)
	j.value(map[string]any{"name": "strikegraph", "truncated": net.Truncated, "totalNodes": net.TotalNodes, "totalEdges": net.TotalEdges})
	j.raw(`,"elements":{"nodes":`)
	list(j, net.EachNode, func(_ int, n *strikegraph.NetworkNode) any {
		data := maps.Clone(n.Properties)
		data["id"], data["type"], data["label"] = n.ID, n.Type, n.Label
		return element{data}
	})
	j.raw(`,"edges":`)
	list(j, net.EachEdge, func(_ int, e *strikegraph.NetworkEdge) any {
		data := maps.Clone(e.Properties)
		data["id"], data["source"], data["target"], data["type"], data["label"] = e.ID, e.From, e.To, e.Type, e.Label
		return element{data}
	})
	j.raw("}}")
	return j.end()
}
