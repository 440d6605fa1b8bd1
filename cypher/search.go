package cypher

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/agnivade/levenshtein"
	"github.com/strikegraph/strikegraph"
)

// fulltextQuery is the Lucene query for a key: a name with the same key
// counts most, then a name it begins, then a word of a name, then a name one
// or two edits away, so "Hajim" finds Hajin. Keys hold only letters and
// digits, so nothing in them needs escaping. Short keys get no fuzzy or
// prefix term: they would match too much.
func fulltextQuery(key string) string {
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

// bestSpelling returns which of names matches the name searched for best:
// the same words, then the same key, a prefix, a word, a near miss: the
// order in which the full-text query ranks them.
func bestSpelling(name string, names []string) string {
	key := strikegraph.NameKey(name)
	best, bestRank := "", -1
	for _, n := range names {
		k := strikegraph.NameKey(n)
		rank := 0
		switch {
		case strikegraph.Fold(n) == strikegraph.Fold(name):
			rank = 5
		case k == key:
			rank = 4
		case strings.HasPrefix(k, key):
			rank = 3
		case slices.Contains(strikegraph.WordKeys(n, nil), key):
			rank = 2
		case levenshtein.ComputeDistance(k, key) <= 2:
			rank = 1
		}
		if rank > bestRank {
			best, bestRank = n, rank
		}
	}
	return best
}
