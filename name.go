package strikegraph

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// articlePrefixes are the transliterations of the Arabic article that sources
// attach to names in every spelling: al-Shadadi, Shadadi, el-Zour, ez-Zor.
var articlePrefixes = map[string]bool{"al": true, "el": true, "ad": true, "ed": true, "ar": true, "as": true, "ash": true, "az": true, "ez": true, "es": true, "at": true, "an": true}

// NameKey folds a name to the key used to match spellings: case, accents,
// punctuation, spaces, the Arabic article and doubled letters do not count.
// "Deir al-Zor", "Deir ez-Zor" and "DEIR EZ ZOR" share a key.
func NameKey(name string) string {
	var words []string
	for _, w := range strings.FieldsFunc(Fold(name), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		// In Arabic script the article is written onto the word: الرقة, Raqqa.
		if rest, ok := strings.CutPrefix(w, "ال"); ok && utf8.RuneCountInString(rest) >= 2 {
			w = rest
		}
		if !articlePrefixes[w] {
			words = append(words, w)
		}
	}
	var b strings.Builder
	var last rune
	for _, r := range strings.Join(words, "") {
		if r != last {
			b.WriteRune(r)
		}
		last = r
	}
	return b.String()
}

// arabicLetters folds the Arabic letters that spellings of one name vary
// between; the hamza forms of alef fold by losing their marks.
var arabicLetters = map[rune]rune{'ة': 'ه', 'ى': 'ي', 'ـ': -1}

// Fold lower-cases s and strips diacritics (Muñoz → munoz, أ → ا).
func Fold(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		if a, ok := arabicLetters[r]; ok {
			if a < 0 {
				continue // tatweel, a stretching stroke
			}
			r = a
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// WordKeys returns the distinct keys of the words in a name and its aliases,
// so that "Munoz" finds Carlo Munoz. Words of fewer than three letters are
// left out: they would match too much.
func WordKeys(name string, aliases []string) []string {
	seen := map[string]bool{}
	var keys []string
	for _, n := range append([]string{name}, aliases...) {
		for _, w := range strings.Fields(n) {
			if k := NameKey(w); utf8.RuneCountInString(k) >= 3 && !seen[k] {
				seen[k] = true
				keys = append(keys, k)
			}
		}
	}
	return keys
}

// NameKeys returns the distinct keys of a name and its aliases.
func NameKeys(name string, aliases []string) []string {
	seen := map[string]bool{}
	var keys []string
	for _, n := range append([]string{name}, aliases...) {
		if k := NameKey(n); k != "" && !seen[k] {
			seen[k] = true
			keys = append(keys, k)
		}
	}
	return keys
}
