package cypher

import (
	"context"

	"github.com/strikegraph/strikegraph"
)

// FindShortestPaths returns one shortest path between two entities of at most
// maxLength edges, or with all every one of them up to strikegraph.MaxPaths.
func (db *DB) FindShortestPaths(ctx context.Context, fromID, toID string, maxLength int, all bool) ([]strikegraph.Path, error) {
	if err := strikegraph.ValidatePathSearch(fromID, toID, maxLength); err != nil {
		return nil, err
	}
	if fromID == toID {
		// Neo4j refuses a shortest path from a node to itself; it is the node.
		if err := db.mustExist(ctx, fromID); err != nil {
			return nil, err
		}
		return []strikegraph.Path{{NodeIDs: []string{fromID}, Edges: []strikegraph.PathEdge{}}}, nil
	}
	limit := 1
	if all {
		limit = strikegraph.MaxPaths
	}
	recs, err := db.read(ctx, findShortestPaths, map[string]any{"from": fromID, "to": toID, "maxLength": maxLength, "limit": limit})
	if err != nil {
		return nil, err
	}
	if len(recs) == 0 {
		// No path, or no such entity: only the second is an error.
		return []strikegraph.Path{}, db.mustExist(ctx, fromID, toID)
	}
	paths := make([]strikegraph.Path, 0, len(recs))
	for _, rec := range recs {
		m := rec.AsMap()
		var p strikegraph.Path
		for _, id := range m["nodes"].([]any) {
			p.NodeIDs = append(p.NodeIDs, id.(string))
		}
		for _, e := range m["edges"].([]any) {
			p.Edges = append(p.Edges, pathEdge(e.(map[string]any)))
		}
		paths = append(paths, p)
	}
	return paths, nil
}

// pathEdge reads an edge of a path: a claim, with its article and quote, or a
// relation, with its sources and quotes.
func pathEdge(e map[string]any) strikegraph.PathEdge {
	props := e["props"].(map[string]any)
	edge := strikegraph.PathEdge{Type: e["type"].(string), FromID: e["from"].(string), ToID: e["to"].(string)}
	switch strikegraph.Stance(edge.Type) {
	case strikegraph.StanceReported, strikegraph.StanceDenied, strikegraph.StanceResponded:
		edge.Claim = claimFromRow(map[string]any{"speaker": edge.FromID, "stance": edge.Type, "incident": edge.ToID, "props": props})
		edge.SourceIDs, edge.Quotes = []string{str(props, "article")}, []string{str(props, "quote")}
	default:
		edge.SourceIDs, edge.Quotes = strs(props, "sources"), strs(props, "quotes")
		edge.Role, edge.DistanceKm, edge.Note = relationRole(props), float(props, "distanceKm"), relationNote(props)
	}
	return edge
}

// mustExist returns a NOT_FOUND error for the first id that is in no entity.
func (db *DB) mustExist(ctx context.Context, ids ...string) error {
	found, err := db.FindEntitiesByIDs(ctx, ids)
	if err != nil {
		return err
	}
	for _, id := range ids {
		if found[id] == nil {
			return strikegraph.NotFoundf("no entity %q", id)
		}
	}
	return nil
}
