package export

import (
	"encoding/xml"
	"fmt"
	"io"

	"github.com/strikegraph/strikegraph"
)

// GEXF writes the network as GEXF 1.3 for Gephi: a dynamic graph whose
// incidents start on their date (the first day it may stand for), so that
// Gephi's timeline shows them appear in turn. Other nodes, undated incidents
// and edges are there throughout; Gephi shows an edge while both its ends
// are. Each node and edge has its label, its type and each property as an
// attribute; a list is written as a JSON array.
func GEXF(w io.Writer, net *strikegraph.NetworkStream) error {
	type attribute struct {
		XMLName xml.Name `xml:"attribute"`
		ID      string   `xml:"id,attr"`
		Title   string   `xml:"title,attr"`
		Type    string   `xml:"type,attr"`
	}
	type attributes struct {
		XMLName    xml.Name `xml:"attributes"`
		Class      string   `xml:"class,attr"`
		Mode       string   `xml:"mode,attr"`
		Attributes []attribute
	}
	type attvalue struct {
		For   string `xml:"for,attr"`
		Value string `xml:"value,attr"`
	}
	type node struct {
		XMLName   xml.Name   `xml:"node"`
		ID        string     `xml:"id,attr"`
		Label     string     `xml:"label,attr"`
		Start     string     `xml:"start,attr,omitempty"`
		AttValues []attvalue `xml:"attvalues>attvalue"`
	}
	type edge struct {
		XMLName   xml.Name   `xml:"edge"`
		ID        string     `xml:"id,attr"`
		Source    string     `xml:"source,attr"`
		Target    string     `xml:"target,attr"`
		Label     string     `xml:"label,attr"`
		AttValues []attvalue `xml:"attvalues>attvalue"`
	}
	type meta struct {
		XMLName     xml.Name `xml:"meta"`
		Creator     string   `xml:"creator"`
		Description string   `xml:"description"`
	}
	types := map[string]string{"string": "string", "int": "integer", "double": "double", "boolean": "boolean"}
	declare := func(class string, declared []Property) attributes {
		a := attributes{Class: class, Mode: "static", Attributes: []attribute{{ID: "type", Title: "type", Type: "string"}}}
		for _, p := range declared {
			a.Attributes = append(a.Attributes, attribute{ID: p.Name, Title: p.Name, Type: types[p.Kind]})
		}
		return a
	}
	values := func(typ string, props strikegraph.JSON, declared []Property) []attvalue {
		out := []attvalue{{"type", typ}}
		for _, p := range declared {
			if v, ok := props[p.Name]; ok {
				out = append(out, attvalue{p.Name, text(v)})
			}
		}
		return out
	}
	x := newXMLStream(w)
	x.start(xml.Name{Space: "http://gexf.net/1.3", Local: "gexf"}, "version", "1.3")
	description := fmt.Sprintf("the whole network: %d nodes, %d edges", net.TotalNodes, net.TotalEdges)
	if net.Truncated {
		description = fmt.Sprintf("%d of %d nodes, and the edges between them, of %d", net.Nodes, net.TotalNodes, net.TotalEdges)
	}
	x.element(meta{Creator: "strikegraph", Description: description})
	x.start(xml.Name{Local: "graph"}, "mode", "dynamic", "defaultedgetype", "directed", "timeformat", "date")
	x.element(declare("node", NodeProperties))
	x.element(declare("edge", EdgeProperties))
	x.start(xml.Name{Local: "nodes"})
	each(x, net.EachNode, func(n *strikegraph.NetworkNode) any {
		gn := node{ID: n.ID, Label: n.Label, AttValues: values(n.Type, n.Properties, NodeProperties)}
		if n.Date != nil {
			gn.Start = n.Date.Format("2006-01-02")
		}
		return gn
	})
	x.close()
	x.start(xml.Name{Local: "edges"})
	each(x, net.EachEdge, func(e *strikegraph.NetworkEdge) any {
		return edge{ID: e.ID, Source: e.From, Target: e.To, Label: e.Label, AttValues: values(e.Type, e.Properties, EdgeProperties)}
	})
	return x.end()
}
