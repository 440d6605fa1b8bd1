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
func GraphML(w io.Writer, net *strikegraph.NetworkStream) error {
	type key struct {
		XMLName xml.Name `xml:"key"`
		ID      string   `xml:"id,attr"`
		For     string   `xml:"for,attr"`
		Name    string   `xml:"attr.name,attr"`
		Type    string   `xml:"attr.type,attr"`
	}
	type data struct {
		XMLName xml.Name `xml:"data"`
		Key     string   `xml:"key,attr"`
		Value   string   `xml:",chardata"`
	}
	type node struct {
		XMLName xml.Name `xml:"node"`
		ID      string   `xml:"id,attr"`
		Data    []data
	}
	type edge struct {
		XMLName xml.Name `xml:"edge"`
		ID      string   `xml:"id,attr"`
		Source  string   `xml:"source,attr"`
		Target  string   `xml:"target,attr"`
		Data    []data
	}
	x := newXMLStream(w)
	x.start(xml.Name{Space: "http://graphml.graphdrawing.org/xmlns", Local: "graphml"})
	for _, k := range []key{
		{ID: "g_truncated", For: "graph", Name: "truncated", Type: "boolean"}, {ID: "g_totalNodes", For: "graph", Name: "totalNodes", Type: "int"},
		{ID: "g_totalEdges", For: "graph", Name: "totalEdges", Type: "int"},
		{ID: "n_type", For: "node", Name: "type", Type: "string"}, {ID: "n_label", For: "node", Name: "label", Type: "string"},
		{ID: "e_type", For: "edge", Name: "type", Type: "string"}, {ID: "e_label", For: "edge", Name: "label", Type: "string"},
	} {
		x.element(k)
	}
	for _, p := range NodeProperties {
		x.element(key{ID: "n_" + p.Name, For: "node", Name: p.Name, Type: p.Kind})
	}
	for _, p := range EdgeProperties {
		x.element(key{ID: "e_" + p.Name, For: "edge", Name: p.Name, Type: p.Kind})
	}
	// values gives an element's data: its type, its label, then each property it has.
	values := func(prefix, typ, label string, props strikegraph.JSON, declared []Property) []data {
		out := []data{{Key: prefix + "type", Value: typ}, {Key: prefix + "label", Value: label}}
		for _, p := range declared {
			if v, ok := props[p.Name]; ok {
				out = append(out, data{Key: prefix + p.Name, Value: text(v)})
			}
		}
		return out
	}
	x.start(xml.Name{Local: "graph"}, "id", "strikegraph", "edgedefault", "directed")
	x.element(data{Key: "g_truncated", Value: strconv.FormatBool(net.Truncated)})
	x.element(data{Key: "g_totalNodes", Value: strconv.Itoa(net.TotalNodes)})
	x.element(data{Key: "g_totalEdges", Value: strconv.Itoa(net.TotalEdges)})
	each(x, net.EachNode, func(n *strikegraph.NetworkNode) any {
		return node{ID: n.ID, Data: values("n_", n.Type, n.Label, n.Properties, NodeProperties)}
	})
	each(x, net.EachEdge, func(e *strikegraph.NetworkEdge) any {
		return edge{ID: e.ID, Source: e.From, Target: e.To, Data: values("e_", e.Type, e.Label, e.Properties, EdgeProperties)}
	})
	return x.end()
}
