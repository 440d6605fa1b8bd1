package strikegraph

import (
	"slices"
	"strings"
	"unicode/utf8"
)

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

// FulltextQuery is the Lucene query for a key: a name with the same key
// counts most, then a name it begins, then a word of a name, then a name one
// or two edits away, so "Hajim" finds Hajin. Keys hold only letters and
// digits, so nothing in them needs escaping. Short keys get no fuzzy or
// prefix term: they would match too much.
func FulltextQuery(key string) string {
	n := utf8.RuneCountInString(key)
	q := "nameKeys:" + key + "^8 OR wordKeys:" + key + "^2"
	if n >= 3 {
		q += " OR nameKeys:" + key + "*^4"
	}
	if n >= 5 {
		q += " OR nameKeys:" + key + "~ OR wordKeys:" + key + "~^0.5"
	}
	return q
}

// BestSpelling returns which of names matches the name searched for best:
// the same words, else in the order of FulltextQuery.
func BestSpelling(name string, names []string) string {
	key := NameKey(name)
	best, bestRank := "", -1
	for _, n := range names {
		k := NameKey(n)
		rank := 0
		switch {
		case fold(n) == fold(name):
			rank = 5
		case k == key:
			rank = 4
		case strings.HasPrefix(k, key):
			rank = 3
		case slices.Contains(WordKeys(n, nil), key):
			rank = 2
		case editDistance(k, key) <= 2:
			rank = 1
		}
		if rank > bestRank {
			best, bestRank = n, rank
		}
	}
	return best
}

// editDistance is the Levenshtein distance between a and b, in runes.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur := make([]int, len(rb)+1)
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(rb)]
}
