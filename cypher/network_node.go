package cypher

import (
	"maps"
	"slices"

	"github.com/strikegraph/strikegraph"
)

// networkNode returns an entity as a network node.
func networkNode(e strikegraph.Entity) *strikegraph.NetworkNode {
	n := &strikegraph.NetworkNode{ID: e.EntityID(), Properties: strikegraph.JSON{}}
	p := props(n.Properties)
	switch e := e.(type) {
	case *strikegraph.Incident:
		n.Type, n.Label = strikegraph.NodeIncident, e.Name
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
	case *strikegraph.Place:
		n.Type, n.Label = strikegraph.NodePlace, e.Name
		p.set("kind", string(e.Kind))
		if e.Latitude != nil && e.Longitude != nil {
			n.Properties["latitude"], n.Properties["longitude"] = *e.Latitude, *e.Longitude
		}
		p.set("geoPrecision", string(e.GeoPrecision))
	case *strikegraph.Actor:
		n.Type, n.Label = actorLabels[e.Kind][len(actorLabels[e.Kind])-1], e.Name
		p.set("kind", string(e.Kind))
		p.set("description", e.Description)
	case *strikegraph.Article:
		n.Type, n.Label = strikegraph.NodeArticle, e.Name()
		p.set("url", e.URL)
		p.set("published", e.Published.Value)
		p.set("publisher", e.PublisherID)
	}
	return n
}

// networkEdge returns an edge as a network edge. A claim carries its article,
// quote, stance details and figures, each figure as <name>Min, <name>Max and
// <name>Text; a relation carries its sources and their quotes.
func networkEdge(e strikegraph.PathEdge) *strikegraph.NetworkEdge {
	n := &strikegraph.NetworkEdge{ID: e.FromID + "|" + e.Type + "|" + e.ToID, Type: e.Type, Label: e.Type,
		From: e.FromID, To: e.ToID, Claim: e.Claim, Properties: strikegraph.JSON{}}
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

// props sets string properties, leaving empty ones out.
type props strikegraph.JSON

func (p props) set(key, value string) {
	if value != "" {
		p[key] = value
	}
}

// pathNetwork returns paths as one network: each node and edge once, in the
// order first met.
func pathNetwork(paths []strikegraph.Path, entities map[string]strikegraph.Entity) *strikegraph.Network {
	net := &strikegraph.Network{Nodes: []*strikegraph.NetworkNode{}, Edges: []*strikegraph.NetworkEdge{}}
	seen := map[string]bool{}
	for _, p := range paths {
		for _, id := range p.NodeIDs {
			if e := entities[id]; e != nil && !seen[id] {
				seen[id] = true
				net.Nodes = append(net.Nodes, networkNode(e))
			}
		}
		for _, pe := range p.Edges {
			if e := networkEdge(pe); !seen["edge "+e.ID] {
				seen["edge "+e.ID] = true
				net.Edges = append(net.Edges, e)
			}
		}
	}
	net.TotalNodes, net.TotalEdges = len(net.Nodes), len(net.Edges)
	return net
}
