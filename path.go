package strikegraph

import "context"

// Limits of a search for paths.
const (
	MaxPathLength = 8  // the longest path searched for; the bound in find_shortest_paths.cypher
	MaxPaths      = 25 // the most shortest paths one search returns
)

// Path is a connection between two entities: its nodes in order, from the
// first entity to the second, and the edge between each node and the next.
type Path struct {
	NodeIDs []string
	Edges   []PathEdge
}

// Length is the number of edges on the path.
func (p Path) Length() int { return len(p.Edges) }

// PathEdge is one edge on a path, as stored: it runs from FromID to ToID,
// which may be against the path's direction. A claim carries its id, and its
// article and quote as the one source; a relation carries every article that
// states it.
type PathEdge struct {
	Type      string // a RelationType or a Stance
	FromID    string
	ToID      string
	Claim     *Claim   // claims only
	SourceIDs []string // article ids
	Quotes    []string // each source's words, at the same position; "" where none

	// Relations only: see Link.
	Role       string
	DistanceKm *float64
	Note       string
}

// PathService finds how entities are connected.
type PathService interface {
	// FindShortestPaths returns a shortest path between two entities of at
	// most maxLength edges, or with all every shortest path (at most
	// MaxPaths); none when they are further apart. Every edge counts, claims
	// included, whatever it joins. From an entity to itself the path has no
	// edges.
	FindShortestPaths(ctx context.Context, fromID, toID string, maxLength int, all bool) ([]Path, error)
}

// ValidatePathSearch checks the arguments of FindShortestPaths.
func ValidatePathSearch(fromID, toID string, maxLength int) error {
	switch {
	case fromID == "":
		return Invalidf("from", "id is required")
	case toID == "":
		return Invalidf("to", "id is required")
	case maxLength < 1 || maxLength > MaxPathLength:
		return Invalidf("maxLength", "%d is out of range [1, %d]", maxLength, MaxPathLength)
	}
	return nil
}
