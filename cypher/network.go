package cypher

import (
	"cmp"
	"context"
	"maps"
	"slices"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/strikegraph/strikegraph"
)

// FindNeighbourhood returns the entities within n.Depth edges of n.IDs and
// the edges between them.
func (db *DB) FindNeighbourhood(ctx context.Context, n strikegraph.Neighbourhood) (*strikegraph.Network, error) {
	net, starts, err := db.neighbourhood(ctx, n)
	if err == nil && starts < len(slices.Compact(slices.Sorted(slices.Values(n.IDs)))) {
		err = db.mustExist(ctx, n.IDs...)
	}
	return net, err
}

// FindIncidentNetwork returns the neighbourhood of the incidents where
// selects; beyond strikegraph.MaxNetworkNodes incidents, of the first by id,
// and truncated.
func (db *DB) FindIncidentNetwork(ctx context.Context, where *strikegraph.IncidentWhere, n strikegraph.Neighbourhood) (*strikegraph.Network, error) {
	recs, err := db.readAfterIncidents(ctx, findIncidentIDs, where, map[string]any{"limit": strikegraph.MaxNetworkNodes})
	if err != nil {
		return nil, err
	}
	m := recs[0].AsMap()
	n.IDs = strs(m, "ids")
	net, _, err := db.neighbourhood(ctx, n)
	if err != nil {
		return nil, err
	}
	net.Truncated = net.Truncated || int(m["total"].(int64)) > len(n.IDs)
	return net, nil
}

// FindGraph returns the whole graph, cut at its maxNodes most connected nodes.
func (db *DB) FindGraph(ctx context.Context, maxNodes int) (*strikegraph.Network, error) {
	if err := strikegraph.ValidateMaxNodes(maxNodes); err != nil {
		return nil, err
	}
	recs, err := db.read(ctx, findGraph, map[string]any{"maxNodes": maxNodes})
	if err != nil {
		return nil, err
	}
	m := recs[0].AsMap()
	net, _, err := db.neighbourhood(ctx, strikegraph.Neighbourhood{IDs: strs(m, "ids"), MaxNodes: maxNodes})
	if err != nil {
		return nil, err
	}
	net.TotalNodes, net.TotalEdges = int(m["totalNodes"].(int64)), int(m["totalEdges"].(int64))
	net.Truncated = net.TotalNodes > len(net.Nodes)
	return net, nil
}

// graphPage is how many entities a page of StreamGraph reads: its nodes,
// or the edges out of them. A page's transaction is open until the client
// has taken what it wrote, so a page is kept small: some 200 KB of output,
// 20 KB gzip-compressed.
const graphPage = 200

// StreamGraph returns the whole graph, read a page at a time as it is
// written: nodes by id, then the edges out of each node in turn. Each page is
// a query of its own, and each of its rows is handed on as it arrives, so
// that a page of hubs costs no more memory than any other.
func (db *DB) StreamGraph(ctx context.Context) (*strikegraph.NetworkStream, error) {
	recs, err := db.read(ctx, findGraphSize, nil)
	if err != nil {
		return nil, err
	}
	m := recs[0].AsMap()
	net := &strikegraph.NetworkStream{TotalNodes: int(m["totalNodes"].(int64)), TotalEdges: int(m["totalEdges"].(int64))}
	net.Nodes = net.TotalNodes
	net.EachNode = func(yield func(*strikegraph.NetworkNode, error) bool) {
		err := db.pages(ctx, findGraphNodes, nil, func(m map[string]any) bool {
			e := entityOf(m)
			return e == nil || yield(networkNode(e), nil)
		})
		if err != nil {
			yield(nil, err)
		}
	}
	net.EachEdge = func(yield func(*strikegraph.NetworkEdge, error) bool) {
		err := db.pages(ctx, findGraphEdges, nil, func(m map[string]any) bool {
			e, ok := m["edge"].(map[string]any)
			return !ok || yield(networkEdge(pathEdge(e)), nil)
		})
		if err != nil {
			yield(nil, err)
		}
	}
	return net, nil
}

// pages runs a query on each page of graphPage items in id order, each
// after the last id of the page before (the query's column id), and hands
// each row to row, until row returns false or the items run out. params are
// the query's own, besides after and limit.
func (db *DB) pages(ctx context.Context, q query, params map[string]any, row func(map[string]any) bool) error {
	for after, more := "", true; more; {
		ids, stopped := map[string]bool{}, false
		p := maps.Clone(params)
		if p == nil {
			p = map[string]any{}
		}
		p["after"], p["limit"] = after, graphPage
		err := db.readEach(ctx, q, p, func(rec *neo4j.Record) bool {
			m := rec.AsMap()
			ids[m["id"].(string)] = true
			stopped = !row(m)
			return !stopped
		})
		if err != nil || stopped {
			return err
		}
		for id := range ids {
			after = max(after, id)
		}
		more = len(ids) == graphPage
	}
	return nil
}

// FindPathNetwork returns the shortest paths between two entities as one
// network.
func (db *DB) FindPathNetwork(ctx context.Context, fromID, toID string, maxLength int, all bool) (*strikegraph.Network, error) {
	paths, err := db.FindShortestPaths(ctx, fromID, toID, maxLength, all)
	if err != nil {
		return nil, err
	}
	var ids []string
	for _, p := range paths {
		ids = append(ids, p.NodeIDs...)
	}
	entities, err := db.FindEntitiesByIDs(ctx, slices.Compact(slices.Sorted(slices.Values(ids))))
	if err != nil {
		return nil, err
	}
	return pathNetwork(paths, entities), nil
}

// neighbourhood runs find_neighbourhood; starts is how many of n.IDs it found.
func (db *DB) neighbourhood(ctx context.Context, n strikegraph.Neighbourhood) (net *strikegraph.Network, starts int, err error) {
	var types any // null: every type
	if n.Types != nil {
		types = n.Types
	}
	params := map[string]any{"ids": n.IDs, "depth": n.Depth, "types": types, "maxNodes": n.MaxNodes, "from": nil, "to": nil}
	if n.From != nil {
		params["from"] = neo4j.DateOf(*n.From)
	}
	if n.To != nil {
		params["to"] = neo4j.DateOf(*n.To)
	}
	recs, err := db.read(ctx, findNeighbourhood, params)
	if err != nil {
		return nil, 0, err
	}
	net = &strikegraph.Network{Nodes: []*strikegraph.NetworkNode{}, Edges: []*strikegraph.NetworkEdge{}}
	if len(recs) == 0 { // none of n.IDs is an entity
		return net, 0, nil
	}
	m := recs[0].AsMap()
	net.TotalNodes, net.TotalEdges, starts = int(m["totalNodes"].(int64)), int(m["totalEdges"].(int64)), int(m["starts"].(int64))
	nodes := make([]*strikegraph.NetworkNode, len(recs))
	var edges []strikegraph.PathEdge
	for _, rec := range recs {
		m := rec.AsMap()
		if e, ok := m["edge"].(map[string]any); ok {
			edges = append(edges, pathEdge(e))
		} else if e := entityOf(m); e != nil {
			nodes[m["i"].(int64)] = networkNode(e)
		}
	}
	for _, n := range nodes {
		if n != nil {
			net.Nodes = append(net.Nodes, n)
		}
	}
	slices.SortFunc(edges, compareEdges)
	for _, e := range edges {
		net.Edges = append(net.Edges, networkEdge(e))
	}
	net.Truncated = net.TotalNodes > len(net.Nodes)
	return net, starts, nil
}

// compareEdges orders a network's edges by their ends, type and claim id, so
// that the same graph gives the same answer.
func compareEdges(a, b strikegraph.PathEdge) int {
	return cmp.Or(cmp.Compare(a.FromID, b.FromID), cmp.Compare(a.Type, b.Type),
		cmp.Compare(a.ToID, b.ToID), cmp.Compare(edgeClaimID(a), edgeClaimID(b)))
}

func edgeClaimID(e strikegraph.PathEdge) string {
	if e.Claim == nil {
		return ""
	}
	return e.Claim.ID
}
