package export

import (
	"encoding/json"
	"io"
	"maps"

	"github.com/strikegraph/strikegraph"
)

// Cytoscape writes the network as Cytoscape.js JSON: cytoscape({elements})
// and Cytoscape's "Import Network from File" (.cyjs) read it. Each element's
// data holds its id, type, label and properties; an edge's also its source
// and target. The graph's data says whether it was truncated.
func Cytoscape(w io.Writer, net *strikegraph.Network) error {
	type element struct {
		Data map[string]any `json:"data"`
	}
	doc := struct {
		Data     map[string]any `json:"data"`
		Elements struct {
			Nodes []element `json:"nodes"`
			Edges []element `json:"edges"`
		} `json:"elements"`
	}{Data: map[string]any{"name": "strikegraph", "truncated": net.Truncated, "totalNodes": net.TotalNodes, "totalEdges": net.TotalEdges}}
	doc.Elements.Nodes, doc.Elements.Edges = []element{}, []element{}
	for _, n := range net.Nodes {
		data := maps.Clone(n.Properties)
		data["id"], data["type"], data["label"] = n.ID, n.Type, n.Label
		doc.Elements.Nodes = append(doc.Elements.Nodes, element{data})
	}
	for _, e := range net.Edges {
		data := maps.Clone(e.Properties)
		data["id"], data["source"], data["target"], data["type"], data["label"] = e.ID, e.From, e.To, e.Type, e.Label
		doc.Elements.Edges = append(doc.Elements.Edges, element{data})
	}
	return json.NewEncoder(w).Encode(doc)
}
