package export

import (
	"encoding/xml"
	"io"
	"strconv"

	"github.com/strikegraph/strikegraph"
)

// GraphML writes the network as GraphML, which Gephi, Cytoscape, yEd and
// networkx read: a directed graph whose nodes and edges have a type, a label
// and each property as data; the graph's data says whether it was truncated.
// A list is written as a JSON array.
func GraphML(w io.Writer, net *strikegraph.Network) error {
	type key struct {
		ID   string `xml:"id,attr"`
		For  string `xml:"for,attr"`
		Name string `xml:"attr.name,attr"`
		Type string `xml:"attr.type,attr"`
	}
	type data struct {
		Key   string `xml:"key,attr"`
		Value string `xml:",chardata"`
	}
	type node struct {
		ID   string `xml:"id,attr"`
		Data []data `xml:"data"`
	}
	type edge struct {
		ID     string `xml:"id,attr"`
		Source string `xml:"source,attr"`
		Target string `xml:"target,attr"`
		Data   []data `xml:"data"`
	}
	doc := struct {
		XMLName xml.Name `xml:"http://graphml.graphdrawing.org/xmlns graphml"`
		Keys    []key    `xml:"key"`
		Graph   struct {
			ID          string `xml:"id,attr"`
			EdgeDefault string `xml:"edgedefault,attr"`
			Data        []data `xml:"data"`
			Nodes       []node `xml:"node"`
			Edges       []edge `xml:"edge"`
		} `xml:"graph"`
	}{Keys: []key{
		{"g_truncated", "graph", "truncated", "boolean"}, {"g_totalNodes", "graph", "totalNodes", "int"}, {"g_totalEdges", "graph", "totalEdges", "int"},
		{"n_type", "node", "type", "string"}, {"n_label", "node", "label", "string"},
		{"e_type", "edge", "type", "string"}, {"e_label", "edge", "label", "string"},
	}}
	nodeAttrs, edgeAttrs := attributesOf(nodeProps(net)), attributesOf(edgeProps(net))
	for _, a := range nodeAttrs {
		doc.Keys = append(doc.Keys, key{"n_" + a.name, "node", a.name, a.kind})
	}
	for _, a := range edgeAttrs {
		doc.Keys = append(doc.Keys, key{"e_" + a.name, "edge", a.name, a.kind})
	}
	// values gives an element's data: its type, its label, then each property it has.
	values := func(prefix, typ, label string, props strikegraph.JSON, attrs []attribute) []data {
		out := []data{{prefix + "type", typ}, {prefix + "label", label}}
		for _, a := range attrs {
			if v, ok := props[a.name]; ok {
				out = append(out, data{prefix + a.name, text(v)})
			}
		}
		return out
	}
	g := &doc.Graph
	g.ID, g.EdgeDefault = "strikegraph", "directed"
	g.Data = []data{{"g_truncated", strconv.FormatBool(net.Truncated)},
		{"g_totalNodes", strconv.Itoa(net.TotalNodes)}, {"g_totalEdges", strconv.Itoa(net.TotalEdges)}}
	for _, n := range net.Nodes {
		g.Nodes = append(g.Nodes, node{n.ID, values("n_", n.Type, n.Label, n.Properties, nodeAttrs)})
	}
	for _, e := range net.Edges {
		g.Edges = append(g.Edges, edge{e.ID, e.From, e.To, values("e_", e.Type, e.Label, e.Properties, edgeAttrs)})
	}
	return writeXML(w, doc)
}

// writeXML writes an XML document, indented.
func writeXML(w io.Writer, doc any) error {
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}
