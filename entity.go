package strikegraph

import "context"

// Entity is anything in the graph with an id and a name: an *Incident, *Place,
// *Actor or *Article.
type Entity interface {
	EntityID() string
}

func (i Incident) EntityID() string { return i.ID }
func (p Place) EntityID() string    { return p.ID }
func (a Actor) EntityID() string    { return a.ID }
func (a Article) EntityID() string  { return a.ID }

// Direction is which way an edge runs, seen from the entity asked about.
type Direction string

const (
	DirectionOut Direction = "OUT" // the edge starts at the entity
	DirectionIn  Direction = "IN"  // the edge ends at the entity
)

// Link is a Relation seen from one of its ends, with every article that
// states it.
type Link struct {
	Type       RelationType
	Direction  Direction
	OtherID    string
	Role       string
	DistanceKm *float64
	SourceIDs  []string
	Quotes     []string
	Note       string
}

// EntityService finds entities of every kind.
type EntityService interface {
	// FindEntitiesByIDs returns the entities found, keyed by id; missing ids
	// are absent.
	FindEntitiesByIDs(ctx context.Context, ids []string) (map[string]Entity, error)
	// FindLinksByIDs returns every edge but claims of each entity.
	FindLinksByIDs(ctx context.Context, ids []string) (map[string][]Link, error)
	// SearchEntities finds entities by any spelling of a name (see NameKey),
	// best first.
	SearchEntities(ctx context.Context, s Search) ([]SearchHit, error)
}
