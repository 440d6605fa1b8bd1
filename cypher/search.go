package cypher

import "unicode/utf8"

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
