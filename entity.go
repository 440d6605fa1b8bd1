package strikegraph

import (
	"context"
	"slices"
	"strings"
)

// Entity is anything in the graph with an id and a name: an *Incident, *Place,
// *Actor or *Article.
type Entity interface {
	EntityID() string
}

func (i Incident) EntityID() string { return i.ID }
func (p Place) EntityID() string    { return p.ID }
func (a Actor) EntityID() string    { return a.ID }
func (a Article) EntityID() string  { return a.ID }

// Fields name the fields of an entity that a reader will look at, so that
// storage need read no others. The zero value wants the entity not at all;
// All wants every field. An entity read for some fields is complete only in
// those, and is handed only to readers of the same fields.
type Fields struct {
	All   bool
	Names []string // sorted, each once
}

// AllFields wants every field.
var AllFields = Fields{All: true}

// FieldsNamed wants the fields named, and the entity's id.
func FieldsNamed(names ...string) Fields {
	names = append([]string{"id"}, names...)
	slices.Sort(names)
	return Fields{Names: slices.Compact(names)}
}

// Wanted says whether the entity is wanted at all.
func (f Fields) Wanted() bool { return f.All || len(f.Names) > 0 }

// Or wants what either wants.
func (f Fields) Or(g Fields) Fields {
	switch {
	case f.All || g.All:
		return AllFields
	case !f.Wanted():
		return g
	case !g.Wanted():
		return f
	}
	return FieldsNamed(append(slices.Clone(f.Names), g.Names...)...)
}

// Key tells one set of fields from another: "*" for all of them.
func (f Fields) Key() string {
	if f.All {
		return "*"
	}
	return strings.Join(f.Names, ",")
}

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
