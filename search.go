package strikegraph

// EntityType is a kind of node a search may be limited to.
type EntityType string

const (
	TypeIncident EntityType = "INCIDENT"
	TypePlace    EntityType = "PLACE"
	TypeActor    EntityType = "ACTOR"
	TypeArticle  EntityType = "ARTICLE"
)

// Search asks for entities by any spelling of a name.
type Search struct {
	Name  string
	Types []EntityType // none: every type
	First int
}

// DefaultSearchHits is how many hits a search gives unless asked otherwise.
const DefaultSearchHits = 20

// SearchHit is an entity found by one of its names, and how well it matched.
type SearchHit struct {
	Entity  Entity
	Matched string  // the name or alias that matched best
	Score   float64 // higher is better; exact spellings first, then prefixes, then near misses
}

// Key checks s and returns the spelling key it searches for.
func (s Search) Key() (string, error) {
	key := NameKey(s.Name)
	switch {
	case key == "":
		return "", Invalidf("name", "give a name with at least one letter or digit")
	case len(s.Name) > 300:
		return "", Invalidf("name", "a name is at most 300 bytes")
	case s.First < 1 || s.First > MaxPageSize:
		return "", Invalidf("first", "give between 1 and %d", MaxPageSize)
	}
	return key, nil
}
