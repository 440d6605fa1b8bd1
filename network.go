package strikegraph

import (
	"context"
	"iter"
	"slices"
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
