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
func GEXF(w io.Writer, net *strikegraph.Network) error {
	type attribute struct {
		ID    string `xml:"id,attr"`
		Title string `xml:"title,attr"`
		Type  string `xml:"type,attr"`
	}
	type attributes struct {
		Class      string      `xml:"class,attr"`
		Mode       string      `xml:"mode,attr"`
		Attributes []attribute `xml:"attribute"`
	}
	type attvalue struct {
		For   string `xml:"for,attr"`
		Value string `xml:"value,attr"`
	}
	type node struct {
		ID        string     `xml:"id,attr"`
		Label     string     `xml:"label,attr"`
		Start     string     `xml:"start,attr,omitempty"`
		AttValues []attvalue `xml:"attvalues>attvalue"`
	}
	type edge struct {
		ID        string     `xml:"id,attr"`
		Source    string     `xml:"source,attr"`
		Target    string     `xml:"target,attr"`
		Label     string     `xml:"label,attr"`
		AttValues []attvalue `xml:"attvalues>attvalue"`
	}
	doc := struct {
		XMLName xml.Name `xml:"http://gexf.net/1.3 gexf"`
		Version string   `xml:"version,attr"`
		Meta    struct {
			Creator     string `xml:"creator"`
			Description string `xml:"description"`
		} `xml:"meta"`
		Graph struct {
			Mode            string       `xml:"mode,attr"`
			DefaultEdgeType string       `xml:"defaultedgetype,attr"`
			TimeFormat      string       `xml:"timeformat,attr"`
			Attributes      []attributes `xml:"attributes"`
			Nodes           []node       `xml:"nodes>node"`
			Edges           []edge       `xml:"edges>edge"`
		} `xml:"graph"`
	}{Version: "1.3"}
	doc.Meta.Creator = "strikegraph"
	doc.Meta.Description = fmt.Sprintf("%d of %d nodes, %d of %d edges", len(net.Nodes), net.TotalNodes, len(net.Edges), net.TotalEdges)
	g := &doc.Graph
	g.Mode, g.DefaultEdgeType, g.TimeFormat = "dynamic", "directed", "date"
	types := map[string]string{"string": "string", "int": "integer", "double": "double", "boolean": "boolean"}
	declare := func(class string, props []strikegraph.JSON) func(string, strikegraph.JSON) []attvalue {
		attrs := []attribute{{"type", "type", "string"}}
		named := attributesOf(props)
		for _, a := range named {
			attrs = append(attrs, attribute{a.name, a.name, types[a.kind]})
		}
		g.Attributes = append(g.Attributes, attributes{class, "static", attrs})
		return func(typ string, p strikegraph.JSON) []attvalue {
			out := []attvalue{{"type", typ}}
			for _, a := range named {
				if v, ok := p[a.name]; ok {
					out = append(out, attvalue{a.name, text(v)})
				}
			}
			return out
		}
	}
	nodeValues, edgeValues := declare("node", nodeProps(net)), declare("edge", edgeProps(net))
	for _, n := range net.Nodes {
		gn := node{ID: n.ID, Label: n.Label, AttValues: nodeValues(n.Type, n.Properties)}
		if n.Date != nil {
			gn.Start = n.Date.Format("2006-01-02")
		}
		g.Nodes = append(g.Nodes, gn)
	}
	for _, e := range net.Edges {
		g.Edges = append(g.Edges, edge{e.ID, e.From, e.To, e.Label, edgeValues(e.Type, e.Properties)})
	}
	return writeXML(w, doc)
}
