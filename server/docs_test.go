package server_test

import (
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/strikegraph/strikegraph/auth"
	"github.com/strikegraph/strikegraph/internal/graphtest"
	"github.com/strikegraph/strikegraph/server"
)

// TestDocExamples runs every GraphQL example of README.md and docs/*.md
// against the seed corpus, in the order the file gives them (a mutation's
// effect is seen by the examples after it), each file on a fresh seed graph:
// each must answer without errors, or, where the answer is shown, answer as
// shown (see matchShown). An example is a ```graphql block, each operation
// in it followed by its answer in # comments or by a ```json block, or a
// curl to /graphql in a ```sh block followed by its answer in # comments.
// Requests run with an admin's API key named ed.
func TestDocExamples(t *testing.T) {
	files, err := filepath.Glob("../docs/*.md")
	if err != nil {
		t.Fatal(err)
	}
	files = append([]string{"../README.md"}, files...)
	total := 0
	for _, file := range files {
		text, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		examples := docExamples(string(text))
		if len(examples) == 0 {
			continue
		}
		total += len(examples)
		t.Run(filepath.Base(file), func(t *testing.T) {
			url, key := docServer(t)
			for _, ex := range examples {
				body, _ := json.Marshal(map[string]any{"query": ex.query})
				status, _, got := send(t, http.MethodPost, url+"/graphql", key, "application/json", body)
				var answer any
				if err := json.Unmarshal(got, &answer); err != nil {
					t.Errorf("%s:%d: status %d, %s", file, ex.line, status, got)
					continue
				}
				if ex.shown == "" {
					if m, _ := answer.(map[string]any); m["errors"] != nil {
						t.Errorf("%s:%d: the example fails: %s", file, ex.line, got)
					}
					continue
				}
				want, err := parseShown(ex.shown)
				if err != nil {
					t.Errorf("%s:%d: the answer shown is not JSON with … elisions: %v", file, ex.line, err)
					continue
				}
				if err := matchShown(want, answer, "$"); err != nil {
					t.Errorf("%s:%d: the answer differs from the one shown: %v\nwhole answer: %s", file, ex.line, err, got)
				}
			}
		})
	}
	if total < 25 {
		t.Fatalf("found %d examples; the test no longer finds them", total)
	}
}

// TestDocLinks follows every relative link of README.md and docs/*.md: the
// file must exist, and a #fragment must be a heading of it. It needs no
// Neo4j.
func TestDocLinks(t *testing.T) {
	files, err := filepath.Glob("../docs/*.md")
	if err != nil {
		t.Fatal(err)
	}
	links := 0
	for _, file := range append([]string{"../README.md"}, files...) {
		for _, l := range docLinks(t, file) {
			links++
			path, fragment, _ := strings.Cut(l.target, "#")
			target := file
			if path != "" {
				target = filepath.Join(filepath.Dir(file), path)
			}
			if _, err := os.Stat(target); err != nil {
				t.Errorf("%s:%d: a link to %s, which does not exist", file, l.line, l.target)
				continue
			}
			if fragment != "" && strings.HasSuffix(target, ".md") && !slices.Contains(docAnchors(t, target), fragment) {
				t.Errorf("%s:%d: a link to %s, which has no heading #%s", file, l.line, l.target, fragment)
			}
		}
	}
	if links < 20 {
		t.Fatalf("found %d links; the test no longer finds them", links)
	}
}

var (
	markdownLink = regexp.MustCompile(`\]\(([^)\s]+)\)`)
	heading      = regexp.MustCompile(`^#+ (.*)$`)
)

type docLink struct {
	line   int
	target string
}

// docLinks are the relative links of a Markdown file, outside code blocks.
func docLinks(t *testing.T, file string) []docLink {
	var out []docLink
	for i, l := range proseLines(t, file) {
		for _, m := range markdownLink.FindAllStringSubmatch(l, -1) {
			if !strings.Contains(m[1], "://") && !strings.HasPrefix(m[1], "mailto:") {
				out = append(out, docLink{i + 1, m[1]})
			}
		}
	}
	return out
}

// docAnchors are the fragments that link to the headings of a Markdown
// file, as GitHub makes them.
func docAnchors(t *testing.T, file string) []string {
	var out []string
	for _, l := range proseLines(t, file) {
		if m := heading.FindStringSubmatch(l); m != nil {
			a := strings.Map(func(r rune) rune {
				switch {
				case r == ' ':
					return '-'
				case r == '-' || r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r):
					return unicode.ToLower(r)
				}
				return -1
			}, strings.TrimSpace(m[1]))
			out = append(out, a)
		}
	}
	return out
}

// proseLines are the lines of a Markdown file, with those of code blocks
// blanked.
func proseLines(t *testing.T, file string) []string {
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(b), "\n")
	code := false
	for i, l := range lines {
		if strings.HasPrefix(l, "```") {
			code = !code
		}
		if code || strings.HasPrefix(l, "```") {
			lines[i] = ""
		}
	}
	return lines
}

// docServer serves a fresh seed graph, with an admin's key named ed.
func docServer(t *testing.T) (url, key string) {
	g := graphtest.Seeded(t)
	key, a := oneKey(t, "ed", auth.RoleAdmin)
	srv := httptest.NewServer(server.Handler(g, graphtest.Logger(t), server.Options{Auth: a}))
	t.Cleanup(srv.Close)
	return srv.URL, key
}

// docExample is one request of a document, at line, with the answer shown
// for it, if any.
type docExample struct {
	line         int
	query, shown string
}

var (
	fence       = regexp.MustCompile("^```(\\w*)\\s*$")
	operation   = regexp.MustCompile(`^(\{|query\b|mutation\b)`)
	curlGraphQL = regexp.MustCompile(`^curl .*/graphql\b.* -d '(.*)'$`)
)

// docExamples reads the examples of a Markdown document.
func docExamples(doc string) []docExample {
	lines := strings.Split(doc, "\n")
	var out []docExample
	for i := 0; i < len(lines); i++ {
		m := fence.FindStringSubmatch(lines[i])
		if m == nil || m[1] == "" {
			continue
		}
		start := i + 1
		for i++; i < len(lines) && !strings.HasPrefix(lines[i], "```"); i++ {
		}
		block := lines[start:min(i, len(lines))]
		switch m[1] {
		case "graphql":
			ops := graphqlExamples(block, start+1)
			// A ```json block right after shows the answer of a lone operation.
			j := i + 1
			for j < len(lines) && strings.TrimSpace(lines[j]) == "" {
				j++
			}
			if len(ops) == 1 && ops[0].shown == "" && j < len(lines) && strings.TrimSpace(lines[j]) == "```json" {
				k := j + 1
				for k < len(lines) && !strings.HasPrefix(lines[k], "```") {
					k++
				}
				ops[0].shown = strings.Join(lines[j+1:k], "\n")
				i = k
			}
			out = append(out, ops...)
		case "sh":
			out = append(out, curlExamples(block, start+1)...)
		}
	}
	return out
}

// graphqlExamples splits a ```graphql block, whose first line is line, into
// its operations, each followed by its answer in # comments, if any.
func graphqlExamples(block []string, line int) []docExample {
	var out []docExample
	for i := 0; i < len(block); {
		if !operation.MatchString(block[i]) {
			i++
			continue
		}
		ex := docExample{line: line + i}
		var q []string
		for ; i < len(block) && (len(q) == 0 || !operation.MatchString(block[i])) && !strings.HasPrefix(block[i], "#"); i++ {
			q = append(q, block[i])
		}
		ex.query = strings.Join(q, "\n")
		ex.shown, i = shownInComments(block, i)
		out = append(out, ex)
	}
	return out
}

// curlExamples reads the curl requests to /graphql of a ```sh block, whose
// first line is line, with the answers in # comments after them.
func curlExamples(block []string, line int) []docExample {
	var out []docExample
	for i := 0; i < len(block); i++ {
		if !strings.HasPrefix(block[i], "curl ") {
			continue
		}
		at, cmd := i, block[i]
		for strings.HasSuffix(cmd, "\\") || strings.Count(cmd, "'")%2 == 1 {
			i++
			if i == len(block) {
				break
			}
			cmd = strings.TrimSuffix(cmd, "\\") + "\n" + block[i]
		}
		m := curlGraphQL.FindStringSubmatch(strings.ReplaceAll(cmd, "\n", " "))
		if m == nil {
			continue
		}
		var body struct{ Query string }
		if err := json.Unmarshal([]byte(m[1]), &body); err != nil {
			out = append(out, docExample{line: line + at, query: "the curl's body is not JSON: " + err.Error()})
			continue
		}
		ex := docExample{line: line + at, query: body.Query}
		ex.shown, i = shownInComments(block, i+1)
		i--
		out = append(out, ex)
	}
	return out
}

// shownInComments reads the answer in # comments at block[i:]: the lines up
// to the first that no longer continues a JSON value. It returns the answer
// and where reading stopped.
func shownInComments(block []string, i int) (string, int) {
	if i >= len(block) || !strings.HasPrefix(strings.TrimSpace(strings.TrimPrefix(block[i], "#")), "{") {
		return "", i
	}
	var shown []string
	depth := 0
	for ; i < len(block) && strings.HasPrefix(block[i], "#"); i++ {
		l := strings.TrimPrefix(block[i], "#")
		shown = append(shown, l)
		depth += brackets(l)
		if depth <= 0 {
			i++
			break
		}
	}
	return strings.Join(shown, "\n"), i
}

// brackets is how many more brackets l opens than it closes, outside strings.
func brackets(l string) int {
	n, inString := 0, false
	for i := 0; i < len(l); i++ {
		switch c := l[i]; {
		case c == '\\' && inString:
			i++
		case c == '"':
			inString = !inString
		case inString:
		case c == '{' || c == '[':
			n++
		case c == '}' || c == ']':
			n--
		}
	}
	return n
}

// elided stands for … where a value, a member or array items were left out.
type elided struct{}

// shownString is a string of an answer shown with … in it: the parts around
// each … must appear in order, the first at the start and the last at the end.
type shownString []string

// shownNumber is a number of an answer shown, with the decimals it is shown
// with: 3.56 stands for any number that rounds to it; 43 (decimals -1) for
// 43 only.
type shownNumber struct {
	v        float64
	decimals int
}

// parseShown parses the answer shown for an example: JSON in which … may
// stand for array items, object members, or parts of a string.
func parseShown(s string) (any, error) {
	p := &shownParser{s: s}
	v, err := p.value()
	if err != nil {
		return nil, err
	}
	if p.skip(); p.i != len(p.s) {
		return nil, fmt.Errorf("at %d: unexpected %q", p.i, p.rest())
	}
	return v, nil
}

type shownParser struct {
	s string
	i int
}

const ellipsis = "…"

func (p *shownParser) skip() {
	for p.i < len(p.s) && strings.ContainsRune(" \t\r\n", rune(p.s[p.i])) {
		p.i++
	}
}

func (p *shownParser) rest() string { return p.s[p.i:min(p.i+20, len(p.s))] }

func (p *shownParser) value() (any, error) {
	p.skip()
	switch {
	case p.i == len(p.s):
		return nil, fmt.Errorf("the answer ends early")
	case strings.HasPrefix(p.s[p.i:], ellipsis):
		p.i += len(ellipsis)
		return elided{}, nil
	case p.s[p.i] == '{':
		return p.object()
	case p.s[p.i] == '[':
		return p.array()
	case p.s[p.i] == '"':
		return p.string()
	}
	for _, lit := range []struct {
		text string
		v    any
	}{{"true", true}, {"false", false}, {"null", nil}} {
		if strings.HasPrefix(p.s[p.i:], lit.text) {
			p.i += len(lit.text)
			return lit.v, nil
		}
	}
	j := p.i
	for j < len(p.s) && strings.ContainsRune("+-.eE0123456789", rune(p.s[j])) {
		j++
	}
	text := p.s[p.i:j]
	f, err := strconv.ParseFloat(text, 64)
	if err != nil {
		return nil, fmt.Errorf("at %d: unexpected %q", p.i, p.rest())
	}
	p.i = j
	n := shownNumber{v: f, decimals: -1}
	if dot := strings.IndexByte(text, '.'); dot >= 0 && !strings.ContainsAny(text, "eE") {
		n.decimals = len(text) - dot - 1
	}
	return n, nil
}

func (p *shownParser) object() (any, error) {
	p.i++ // {
	obj := map[string]any{}
	for {
		p.skip()
		switch {
		case p.i < len(p.s) && p.s[p.i] == '}':
			p.i++
			return obj, nil
		case strings.HasPrefix(p.s[p.i:], ellipsis):
			p.i += len(ellipsis)
			obj[ellipsis] = elided{}
		default:
			k, err := p.string()
			if err != nil {
				return nil, err
			}
			key, ok := k.(string)
			if !ok {
				return nil, fmt.Errorf("at %d: a key with … in it", p.i)
			}
			if p.skip(); p.i == len(p.s) || p.s[p.i] != ':' {
				return nil, fmt.Errorf("at %d: no : after key %q", p.i, key)
			}
			p.i++
			if obj[key], err = p.value(); err != nil {
				return nil, err
			}
		}
		if err := p.comma('}'); err != nil {
			return nil, err
		}
	}
}

func (p *shownParser) array() (any, error) {
	p.i++ // [
	arr := []any{}
	for {
		if p.skip(); p.i < len(p.s) && p.s[p.i] == ']' {
			p.i++
			return arr, nil
		}
		v, err := p.value()
		if err != nil {
			return nil, err
		}
		arr = append(arr, v)
		if _, ok := v.(elided); ok && p.i < len(p.s) && p.s[p.i] != ',' {
			continue // "…" then the next item, with no comma between
		}
		if err := p.comma(']'); err != nil {
			return nil, err
		}
	}
}

// comma reads the , between items, or sees the closing bracket.
func (p *shownParser) comma(closing byte) error {
	p.skip()
	switch {
	case p.i < len(p.s) && p.s[p.i] == ',':
		p.i++
	case p.i < len(p.s) && p.s[p.i] == closing, strings.HasPrefix(p.s[p.i:], ellipsis):
	default:
		return fmt.Errorf("at %d: expected , or %c, got %q", p.i, closing, p.rest())
	}
	return nil
}

// string reads a JSON string: a string, or a shownString when it holds ….
func (p *shownParser) string() (any, error) {
	if p.i == len(p.s) || p.s[p.i] != '"' {
		return nil, fmt.Errorf("at %d: expected a string, got %q", p.i, p.rest())
	}
	j := p.i + 1
	for j < len(p.s) && p.s[j] != '"' {
		if p.s[j] == '\\' {
			j++
		}
		j++
	}
	var s string
	if err := json.Unmarshal([]byte(p.s[p.i:min(j+1, len(p.s))]), &s); err != nil {
		return nil, fmt.Errorf("at %d: %v", p.i, err)
	}
	p.i = j + 1
	if strings.Contains(s, ellipsis) {
		parts := strings.Split(s, ellipsis)
		for i := range parts {
			parts[i] = spaced(parts[i])
		}
		return shownString(parts), nil
	}
	return s, nil
}

// matchShown tells how got differs from want, an answer shown (parseShown),
// or nil: every member shown must be there and match; an array must hold the
// items shown, in order, and no others unless … stands for them; a string
// with … must start, go on and end as shown.
func matchShown(want, got any, path string) error {
	switch w := want.(type) {
	case elided:
		return nil
	case string:
		if s, ok := got.(string); !ok || spaced(s) != spaced(w) {
			return fmt.Errorf("%s: %#v, shown as %#v", path, got, want)
		}
		return nil
	case shownString:
		s, ok := got.(string)
		s = spaced(s)
		if !ok || !strings.HasPrefix(s, w[0]) || !strings.HasSuffix(s[len(w[0]):], w[len(w)-1]) {
			return fmt.Errorf("%s: %v, shown as %q", path, got, strings.Join(w, ellipsis))
		}
		rest := s[len(w[0]) : len(s)-len(w[len(w)-1])]
		for _, part := range w[1 : len(w)-1] {
			k := strings.Index(rest, part)
			if k < 0 {
				return fmt.Errorf("%s: %q, shown as %q", path, s, strings.Join(w, ellipsis))
			}
			rest = rest[k+len(part):]
		}
		return nil
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			return fmt.Errorf("%s: %v, shown as an object", path, got)
		}
		for k, v := range w {
			if k == ellipsis {
				continue
			}
			gv, ok := g[k]
			if !ok {
				return fmt.Errorf("%s: no %s", path, k)
			}
			if err := matchShown(v, gv, path+"."+k); err != nil {
				return err
			}
		}
		if _, ok := w[ellipsis]; !ok {
			for _, k := range slices.Sorted(maps.Keys(g)) {
				// An error's locations, in the query shown just above, are never shown.
				if _, shown := w[k]; !shown && k != "locations" {
					return fmt.Errorf("%s: %s is not shown (elide it with …)", path, k)
				}
			}
		}
		return nil
	case []any:
		g, ok := got.([]any)
		if !ok {
			return fmt.Errorf("%s: %v, shown as an array", path, got)
		}
		return matchItems(w, g, path, 0)
	case shownNumber:
		g, ok := got.(float64)
		scale := math.Pow(10, float64(w.decimals))
		if !ok || w.decimals < 0 && g != w.v || w.decimals >= 0 && math.Round(g*scale) != math.Round(w.v*scale) {
			return fmt.Errorf("%s: %v, shown as %v", path, got, w.v)
		}
		return nil
	default:
		if got != want {
			return fmt.Errorf("%s: %#v, shown as %#v", path, got, want)
		}
		return nil
	}
}

// matchItems matches the items shown, w, against got[from:], where an
// elided item stands for any number of items.
func matchItems(w, got []any, path string, from int) error {
	if len(w) == 0 {
		if from < len(got) {
			return fmt.Errorf("%s: %d items, shown as %d", path, len(got), from)
		}
		return nil
	}
	if _, ok := w[0].(elided); ok {
		var first error // of the first way on whose next item matches: the most telling
		for k := from; k <= len(got); k++ {
			err := matchItems(w[1:], got, path, k)
			if err == nil {
				return nil
			}
			if first == nil && (len(w) == 1 || k < len(got) && matchShown(w[1], got[k], "") == nil) {
				first = err
			}
		}
		if first == nil {
			first = fmt.Errorf("%s: no item after %d is as shown: %v", path, from, sameID(w[1], got, path))
		}
		return first
	}
	if from >= len(got) {
		return fmt.Errorf("%s: %d items, fewer than shown", path, len(got))
	}
	if err := matchShown(w[0], got[from], fmt.Sprintf("%s[%d]", path, from)); err != nil {
		return err
	}
	return matchItems(w[1:], got, path, from+1)
}

// spaced is s with every run of white space, no-break spaces included, one
// space: the documents show a no-break space as a space.
func spaced(s string) string { return strings.Join(strings.Fields(s), " ") }

// sameID tells how the item of got with the id of want, an item shown,
// differs from it, to say why want is nowhere in got.
func sameID(want any, got []any, path string) error {
	w, _ := want.(map[string]any)
	for k, g := range got {
		if m, _ := g.(map[string]any); w != nil && w["id"] != nil && m["id"] == w["id"] {
			return matchShown(want, g, fmt.Sprintf("%s[%d]", path, k))
		}
	}
	return fmt.Errorf("no item has its id")
}

// TestMatchShown checks the comparison of answers with the answers shown
// in the documents, on answers that must match and on answers that must not.
func TestMatchShown(t *testing.T) {
	cases := []struct {
		shown, got string
		match      bool
	}{
		{`{"a": [1, 2]}`, `{"a": [1, 2]}`, true},
		{`{"a": [1, 2]}`, `{"a": [1, 2, 3]}`, false},
		{`{"a": [1, …]}`, `{"a": [1, 2, 3]}`, true},
		{`{"a": [1, …, 3]}`, `{"a": [1, 2, 3]}`, true},
		{`{"a": [1, …, 4]}`, `{"a": [1, 2, 3]}`, false},
		{`{"a": [2, …]}`, `{"a": [1, 2, 3]}`, false},
		{`{"a": "He said …", "b": null}`, `{"a": "He said so", "b": null}`, true},
		{`{"a": "He said …"}`, `{"a": "She said so"}`, false},
		{`{"a": "x…y…z"}`, `{"a": "x1y2z"}`, true},
		{`{"a": "x…y…z"}`, `{"a": "x1z"}`, false},
		{`{"a": 1, …}`, `{"a": 1, "b": 2}`, true},
		{`{"a": 1, "c": 3}`, `{"a": 1, "b": 2}`, false},
		{`{"a": 1}`, `{"a": 1, "b": 2}`, false},
		{`{}`, `{"a": 1}`, false},
		{`{"a": {"b": [{"c": true}, …]}}`, `{"a": {"b": [{"c": false}]}}`, false},
		{`{"q": "a b"}`, `{"q": "a\u00a0b"}`, true},
		{`{"q": "a b"}`, `{"q": "ab"}`, false},
		{`{"n": 5.26}`, `{"n": 5.26}`, true},
		{`{"n": 3.56}`, `{"n": 3.556379}`, true},
		{`{"n": 3.56}`, `{"n": 3.566379}`, false},
		{`{"n": 43}`, `{"n": 43.2}`, false},
		{`{"a": [1, … {"b": 2}]}`, `{"a": [1, 0, {"b": 2}]}`, true},
	}
	for _, c := range cases {
		want, err := parseShown(c.shown)
		if err != nil {
			t.Fatalf("%s: %v", c.shown, err)
		}
		var got any
		if err := json.Unmarshal([]byte(c.got), &got); err != nil {
			t.Fatal(err)
		}
		if err := matchShown(want, got, "$"); (err == nil) != c.match {
			t.Errorf("%s against %s: %v, want match %v", c.shown, c.got, err, c.match)
		}
	}
}
