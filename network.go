package strikegraph

import (
	"context"
	"iter"
	"maps"
	"slices"
	"strings"
	"time"
)

// Limits of a network request: how far from its entities, how many of them,
// and how many nodes it returns at most.
const (
	MaxNetworkDepth  = 3    // the deepest neighbourhood; the bound in find_neighbourhood.cypher
	MaxNetworkStarts = 100  // the most entities one neighbourhood starts from
	MaxNetworkNodes  = 5000 // the most nodes one network holds; the rest are counted, not returned
	DefaultMaxNodes  = 500  // the node cap of a neighbourhood unless asked otherwise
)

// Network is part of the graph as nodes and edges, for visualisation. When it
// was cut at its node cap, Truncated is set and the totals count what the
// whole network holds; Edges are those between the nodes returned.
type Network struct {
	Nodes      []*NetworkNode
	Edges      []*NetworkEdge
	Truncated  bool
	TotalNodes int
	TotalEdges int
}

// NetworkStream is a network read once, in order, as it is written out:
// its size first, then its nodes, then its edges. An error ends a sequence.
// A whole graph's stream reads it in pages, so that its size costs no
// memory; its totals are counted first, and a graph written to meanwhile
// may then hold a few more or fewer.
type NetworkStream struct {
	Truncated              bool
	TotalNodes, TotalEdges int // in the whole network
	Nodes                  int // how many EachNode yields (about, for a whole graph)
	EachNode               iter.Seq2[*NetworkNode, error]
	EachEdge               iter.Seq2[*NetworkEdge, error]
}

// Stream reads a network held in memory as a stream.
func (net *Network) Stream() *NetworkStream {
	return &NetworkStream{Truncated: net.Truncated, TotalNodes: net.TotalNodes, TotalEdges: net.TotalEdges, Nodes: len(net.Nodes),
		EachNode: each(net.Nodes), EachEdge: each(net.Edges)}
}

func each[T any](items []*T) iter.Seq2[*T, error] {
	return func(yield func(*T, error) bool) {
		for _, it := range items {
			if !yield(it, nil) {
				return
			}
		}
	}
}

// NetworkNode is an entity: its id, its most specific node label as Type
// (Incident, Place, ArmedGroup, MonitoringOrganisation, Outlet, Person,
// Spokesperson, Article), its name as Label, and flat properties.
type NetworkNode struct {
	ID         string
	Type       string
	Label      string
	Properties JSON
	// Date is an incident's date, the first day it may stand for: when it
	// appears on a timeline. Nil for other nodes and undated incidents.
	Date *time.Time
}

// NetworkEdge is an edge as stored, from From to To (entity ids). A claim's id is its
// own; a relation's is "from|TYPE|to", which is unique since a relation is
// one edge per (from, type, to).
type NetworkEdge struct {
	ID         string
	Type       string // a RelationType or a Stance
	Label      string
	From       string
	To         string
	Properties JSON
	Claim      *Claim // claims only
}

// JSON is a map of properties, each a string, number, boolean or list of
// strings (the GraphQL scalar JSON).
type JSON map[string]any

// Neighbourhood asks for the entities within Depth edges of IDs, over edges
// of Types only when given. With a time window, incidents dated outside it,
// or undated, are left out, and nothing is reached through them; the
// starting entities are always in.
type Neighbourhood struct {
	IDs      []string
	Depth    int
	Types    []string   // nil: every type
	From, To *time.Time // incident dates, inclusive
	MaxNodes int
}

// NewNeighbourhood checks and compiles a request for a neighbourhood. Dates
// are YYYY-MM-DD, YYYY-MM or YYYY: from the first day of from to the last day
// of to. Nil ids are not checked: the caller starts from other entities,
// such as the incidents a filter selects.
func NewNeighbourhood(ids []string, depth int, types []string, from, to *string, maxNodes int) (Neighbourhood, error) {
	n := Neighbourhood{IDs: ids, Depth: depth, Types: types, MaxNodes: maxNodes}
	switch {
	case ids != nil && (len(ids) == 0 || len(ids) > MaxNetworkStarts):
		return n, Invalidf("ids", "give between 1 and %d ids", MaxNetworkStarts)
	case slices.Contains(ids, ""):
		return n, Invalidf("ids", "an id is empty")
	case depth < 1 || depth > MaxNetworkDepth:
		return n, Invalidf("depth", "%d is out of range [1, %d]", depth, MaxNetworkDepth)
	}
	if err := ValidateMaxNodes(maxNodes); err != nil {
		return n, err
	}
	for _, t := range types {
		if !IsEdgeType(t) {
			return n, Invalidf("types", "%q is not an edge type", t)
		}
	}
	for _, b := range []struct {
		field string
		s     *string
		t     **time.Time
		end   bool
	}{{"dateFrom", from, &n.From, false}, {"dateTo", to, &n.To, true}} {
		if b.s == nil {
			continue
		}
		t, err := DateBound(b.field, *b.s, b.end)
		if err != nil {
			return n, err
		}
		*b.t = &t
	}
	if n.From != nil && n.To != nil && n.To.Before(*n.From) {
		return n, Invalidf("dateTo", "is before dateFrom")
	}
	return n, nil
}

// ValidateMaxNodes checks a network's node cap.
func ValidateMaxNodes(maxNodes int) error {
	if maxNodes < 1 || maxNodes > MaxNetworkNodes {
		return Invalidf("maxNodes", "%d is out of range [1, %d]", maxNodes, MaxNetworkNodes)
	}
	return nil
}

// IsEdgeType tells whether t is a RelationType or a Stance.
func IsEdgeType(t string) bool {
	_, ok := relationEnds[RelationType(t)]
	return ok || slices.Contains([]Stance{StanceReported, StanceDenied, StanceResponded}, Stance(t))
}

// NetworkService finds parts of the graph as networks.
type NetworkService interface {
	// FindNeighbourhood returns the entities within n.Depth edges of n.IDs,
	// nearest first, and the edges between them; NOT_FOUND when an id is
	// in no entity.
	FindNeighbourhood(ctx context.Context, n Neighbourhood) (*Network, error)
	// FindIncidentNetwork is FindNeighbourhood from every incident where
	// selects; n.IDs is ignored.
	FindIncidentNetwork(ctx context.Context, where *IncidentWhere, n Neighbourhood) (*Network, error)
	// FindGraph returns the whole graph, cut at its maxNodes most connected nodes.
	FindGraph(ctx context.Context, maxNodes int) (*Network, error)
	// StreamGraph returns the whole graph, uncut, to be read as it is
	// written: nodes by id, then the edges out of each node in turn.
	StreamGraph(ctx context.Context) (*NetworkStream, error)
	// FindPathNetwork returns the shortest paths of FindShortestPaths as
	// one network.
	FindPathNetwork(ctx context.Context, fromID, toID string, maxLength int, all bool) (*Network, error)
}

// actorTypes are the most specific node label of each kind of actor.
var actorTypes = map[ActorKind]string{
	ActorArmedGroup: "ArmedGroup", ActorMonitor: "MonitoringOrganisation", ActorOutlet: "Outlet",
	ActorPerson: "Person", ActorSpokesperson: "Spokesperson",
}

// NodeOf returns an entity as a network node.
func NodeOf(e Entity) *NetworkNode {
	n := &NetworkNode{ID: e.EntityID(), Properties: JSON{}}
	p := props(n.Properties)
	switch e := e.(type) {
	case *Incident:
		n.Type, n.Label = NodeIncident, e.Name
		p.set("scope", string(e.Scope))
		p.set("date", e.Date.Value)
		p.set("datePrecision", string(e.Date.Precision))
		if e.Until != nil {
			p.set("until", e.Until.Value)
		}
		p.set("target", e.Target)
		if t, ok := e.Date.Start(); ok {
			n.Date = &t
		}
	case *Place:
		n.Type, n.Label = NodePlace, e.Name
		p.set("kind", string(e.Kind))
		if e.Latitude != nil && e.Longitude != nil {
			n.Properties["latitude"], n.Properties["longitude"] = *e.Latitude, *e.Longitude
		}
		p.set("geoPrecision", string(e.GeoPrecision))
	case *Actor:
		n.Type, n.Label = actorTypes[e.Kind], e.Name
		p.set("kind", string(e.Kind))
		p.set("description", e.Description)
	case *Article:
		n.Type, n.Label = NodeArticle, e.Name()
		p.set("url", e.URL)
		p.set("published", e.Published.Value)
		p.set("publisher", e.PublisherID)
	}
	return n
}

// EdgeOf returns an edge as a network edge. A claim carries its article,
// quote, stance details and figures, each figure as <name>Min, <name>Max and
// <name>Text; a relation carries its sources and their quotes.
func EdgeOf(e PathEdge) *NetworkEdge {
	n := &NetworkEdge{ID: e.FromID + "|" + e.Type + "|" + e.ToID, Type: e.Type, Label: e.Type,
		From: e.FromID, To: e.ToID, Claim: e.Claim, Properties: JSON{}}
	p := props(n.Properties)
	if c := e.Claim; c != nil {
		n.ID = c.ID
		p.set("article", c.ArticleID)
		p.set("quote", c.Quote)
		p.set("onBehalfOf", c.OnBehalfOfID)
		p.set("statedOn", c.StatedOn.Value)
		p.set("denies", string(c.Denies))
		p.set("response", string(c.Response))
		for _, name := range slices.Sorted(maps.Keys(c.Figures.Named())) {
			f := *c.Figures.Named()[name]
			if f == nil {
				continue
			}
			if f.Min != nil {
				n.Properties[name+"Min"] = *f.Min
			}
			if f.Max != nil {
				n.Properties[name+"Max"] = *f.Max
			}
			p.set(name+"Text", f.Text)
		}
		return n
	}
	if len(e.SourceIDs) > 0 {
		n.Properties["sources"], n.Properties["quotes"] = e.SourceIDs, e.Quotes
	}
	p.set("role", e.Role)
	if e.DistanceKm != nil {
		n.Properties["distanceKm"] = *e.DistanceKm
	}
	p.set("note", e.Note)
	return n
}

// Property is a property that network nodes or edges may have, and the kind
// of its values: "string", "int", "double" or "boolean" (a list of strings
// is written as a string). Formats that declare attributes before the first
// element (GraphML, GEXF) declare these, so they can stream.
type Property struct{ Name, Kind string }

// NodeProperties and EdgeProperties are every property NodeOf and EdgeOf
// may set, by name.
var (
	NodeProperties = []Property{{"date", "string"}, {"datePrecision", "string"}, {"description", "string"},
		{"geoPrecision", "string"}, {"kind", "string"}, {"latitude", "double"}, {"longitude", "double"},
		{"published", "string"}, {"publisher", "string"}, {"scope", "string"}, {"target", "string"},
		{"until", "string"}, {"url", "string"}}
	EdgeProperties = edgeProperties()
)

func edgeProperties() []Property {
	out := []Property{{"article", "string"}, {"denies", "string"}, {"distanceKm", "double"}, {"note", "string"},
		{"onBehalfOf", "string"}, {"quote", "string"}, {"quotes", "string"}, {"response", "string"},
		{"role", "string"}, {"sources", "string"}, {"statedOn", "string"}}
	for name := range (&Figures{}).Named() {
		out = append(out, Property{name + "Max", "int"}, Property{name + "Min", "int"}, Property{name + "Text", "string"})
	}
	slices.SortFunc(out, func(a, b Property) int { return strings.Compare(a.Name, b.Name) })
	return out
}

// props sets string properties, leaving empty ones out.
type props JSON

func (p props) set(key, value string) {
	if value != "" {
		p[key] = value
	}
}

// PathNetwork returns paths as one network: each node and edge once, in the
// order first met.
func PathNetwork(paths []Path, entities map[string]Entity) *Network {
	net := &Network{Nodes: []*NetworkNode{}, Edges: []*NetworkEdge{}}
	seen := map[string]bool{}
	for _, p := range paths {
		for _, id := range p.NodeIDs {
			if e := entities[id]; e != nil && !seen[id] {
				seen[id] = true
				net.Nodes = append(net.Nodes, NodeOf(e))
			}
		}
		for _, pe := range p.Edges {
			if e := EdgeOf(pe); !seen["edge "+e.ID] {
				seen["edge "+e.ID] = true
				net.Edges = append(net.Edges, e)
			}
		}
	}
	net.TotalNodes, net.TotalEdges = len(net.Nodes), len(net.Edges)
	return net
}
