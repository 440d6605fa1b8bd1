// Package export writes a strikegraph.Network in the formats visualisation
// tools read: Cytoscape.js JSON, graphology JSON (Sigma.js, Gephi Lite),
// GraphML and GEXF 1.3. Each node and edge keeps its id, type, label and
// properties. It also writes the whole graph as an annotation document,
// which imports back into the same graph.
package export

import (
	"bufio"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"iter"

	"github.com/strikegraph/strikegraph"
)

// Format is one way to write a network.
type Format struct {
	Ext         string // file name extension, without the dot
	ContentType string
	// Write writes each node and edge as it is read from net, so that a
	// network of any size costs the memory of one element.
	Write func(w io.Writer, net *strikegraph.NetworkStream) error
}

// Formats are the formats by the name used in /export/{format}.
var Formats = map[string]Format{
	"cytoscape":  {Ext: "cyjs", ContentType: "application/json", Write: Cytoscape},
	"graphology": {Ext: "graphology.json", ContentType: "application/json", Write: Graphology},
	"graphml":    {Ext: "graphml", ContentType: "application/graphml+xml", Write: GraphML},
	"gexf":       {Ext: "gexf", ContentType: "application/gexf+xml", Write: GEXF},
}

// text writes a property value as XML text: a list as a JSON array.
func text(v any) string {
	if list, ok := v.([]string); ok {
		b, _ := json.Marshal(list)
		return string(b)
	}
	return fmt.Sprint(v)
}

// jsonStream writes a JSON document a piece at a time; the first error
// sticks, and end reports it.
type jsonStream struct {
	w   *bufio.Writer
	err error
}

func newJSONStream(w io.Writer) *jsonStream { return &jsonStream{w: bufio.NewWriterSize(w, 64<<10)} }

// raw writes JSON text as it is.
func (j *jsonStream) raw(s string) {
	if j.err == nil {
		_, j.err = j.w.WriteString(s)
	}
}

// value writes v as JSON, as json.Encoder would but without its newline.
func (j *jsonStream) value(v any) {
	if j.err != nil {
		return
	}
	b, err := json.Marshal(v)
	if err != nil {
		j.err = err
		return
	}
	_, j.err = j.w.Write(b)
}

// list writes a JSON array of what each item of seq makes of it.
func list[T any](j *jsonStream, seq iter.Seq2[*T, error], of func(int, *T) any) {
	j.raw("[")
	i := 0
	for it, err := range seq {
		if j.err == nil && err != nil {
			j.err = err
		}
		if j.err != nil {
			break
		}
		if i > 0 {
			j.raw(",")
		}
		j.value(of(i, it))
		i++
	}
	j.raw("]")
}

func (j *jsonStream) end() error {
	j.raw("\n")
	if j.err != nil {
		return j.err
	}
	return j.w.Flush()
}

// xmlStream writes an XML document, indented, an element at a time; the
// first error sticks, and end reports it.
type xmlStream struct {
	w    *bufio.Writer
	enc  *xml.Encoder
	open []xml.StartElement
	err  error
}

func newXMLStream(w io.Writer) *xmlStream {
	bw := bufio.NewWriterSize(w, 64<<10)
	_, err := bw.WriteString(xml.Header)
	enc := xml.NewEncoder(bw)
	enc.Indent("", "  ")
	return &xmlStream{w: bw, enc: enc, err: err}
}

// start opens an element; attrs are name, value pairs.
func (x *xmlStream) start(name xml.Name, attrs ...string) {
	el := xml.StartElement{Name: name}
	for i := 0; i+1 < len(attrs); i += 2 {
		el.Attr = append(el.Attr, xml.Attr{Name: xml.Name{Local: attrs[i]}, Value: attrs[i+1]})
	}
	if x.err == nil {
		x.err = x.enc.EncodeToken(el)
	}
	x.open = append(x.open, el)
}

// close closes the element opened last.
func (x *xmlStream) close() {
	el := x.open[len(x.open)-1]
	x.open = x.open[:len(x.open)-1]
	if x.err == nil {
		x.err = x.enc.EncodeToken(el.End())
	}
}

// element writes v as an element of its own, named by its XMLName.
func (x *xmlStream) element(v any) {
	if x.err == nil {
		x.err = x.enc.Encode(v)
	}
}

// each writes what each item of seq makes of it.
func each[T any](x *xmlStream, seq iter.Seq2[*T, error], of func(*T) any) {
	for it, err := range seq {
		if x.err == nil && err != nil {
			x.err = err
		}
		if x.err != nil {
			return
		}
		x.element(of(it))
	}
}

func (x *xmlStream) end() error {
	for len(x.open) > 0 {
		x.close()
	}
	if x.err == nil {
		x.err = x.enc.Flush()
	}
	if x.err == nil {
		_, x.err = x.w.WriteString("\n")
	}
	if x.err != nil {
		return x.err
	}
	return x.w.Flush()
}
