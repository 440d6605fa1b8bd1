package cypher

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/strikegraph/strikegraph"
)

// statement is a query built from the fixed fragments of this package (the
// *_where.go files), for what a constant .cypher file cannot say: a filter's
// conditions and the anchor it allows. No input ever becomes Cypher text:
// every value goes to params, under a name statement makes.
type statement struct {
	params map[string]any
	// anchored are the conditions the anchor a statement starts from
	// already meets, by the address of their value: checking them again on
	// every row would cost more than finding the rows.
	anchored map[*string]bool
}

func newStatement() *statement {
	return &statement{params: map[string]any{}, anchored: map[*string]bool{}}
}

// unless is v, or nil when v is a condition the anchor meets.
func (s *statement) unless(v *string) *string {
	if s.anchored[v] {
		return nil
	}
	return v
}

// param stores a value and returns the parameter that stands for it.
func (s *statement) param(v any) string {
	if t, ok := v.(time.Time); ok {
		v = neo4j.DateOf(t) // stored dates are dates, not datetimes
	}
	name := "w" + strconv.Itoa(len(s.params))
	s.params[name] = v
	return "$" + name
}

// fragment fills a fixed fragment: %[1]s is the variable the filter is on,
// %[2]s the parameter of v.
func (s *statement) fragment(format, variable string, v any) string {
	return fmt.Sprintf(format, variable, s.param(v))
}

// date is the parameter of a filter's date bound; the filter was validated.
func (s *statement) date(field, value string, end bool) (string, error) {
	t, err := strikegraph.DateBound(field, value, end)
	if err != nil {
		return "", err
	}
	return s.param(t), nil
}

// dateBound is one bound of a date filter: the field it comes from, its
// value when given, whether it ends a range, and its fragment.
type dateBound struct {
	field  string
	value  *string
	end    bool
	format string
}

// dates adds to ps the predicate of each bound given, on the variable v.
func (s *statement) dates(ps []string, v string, bounds ...dateBound) ([]string, error) {
	for _, b := range bounds {
		if b.value == nil {
			continue
		}
		p, err := s.date(b.field, *b.value, b.end)
		if err != nil {
			return nil, err
		}
		ps = append(ps, strings.NewReplacer("%[1]s", v, "%[2]s", p).Replace(b.format))
	}
	return ps, nil
}

// allOf joins predicates that must all hold; none is true.
func allOf(ps []string) string {
	switch len(ps) {
	case 0:
		return "true"
	case 1:
		return ps[0]
	}
	return "(" + strings.Join(ps, " AND ") + ")"
}

// anyOf joins predicates of which one must hold.
func anyOf(ps []string) string {
	if len(ps) == 1 {
		return ps[0]
	}
	return "(" + strings.Join(ps, " OR ") + ")"
}

// combine joins a where input's own predicates with those of its AND, OR and
// NOT, each built by sub.
func combine[W any](own []string, and, or []*W, not *W, sub func(*W) (string, error)) (string, error) {
	for _, w := range and {
		p, err := sub(w)
		if err != nil {
			return "", err
		}
		own = append(own, p)
	}
	if len(or) > 0 {
		var alts []string
		for _, w := range or {
			p, err := sub(w)
			if err != nil {
				return "", err
			}
			alts = append(alts, p)
		}
		own = append(own, anyOf(alts))
	}
	if not != nil {
		p, err := sub(not)
		if err != nil {
			return "", err
		}
		// A condition on a missing value is null, which NOT keeps null:
		// taken as false, so that NOT of a date keeps the undated.
		own = append(own, "NOT coalesce("+p+", false)")
	}
	return allOf(own), nil
}

// anchoredMatch is the Cypher that binds n to what a filter selects: from
// the entity anchor names, through the pattern anchored, when one is given,
// else from every node of the label (all); pred builds the filter's
// predicate, without the condition the anchor meets.
func (s *statement) anchoredMatch(all, anchored string, anchor *string, pred func() (string, error)) (string, error) {
	match := all
	if anchor != nil {
		match = strings.ReplaceAll(anchored, "%[1]s", s.param(*anchor))
		s.anchored[anchor] = true
	}
	p, err := pred()
	return match + p, err
}

// conjuncts lists w and every input its AND holds, however deep: the inputs
// all of whose conditions must hold, where an anchor may come from.
func conjuncts[W any](w *W, and func(*W) []*W) []*W {
	if w == nil {
		return nil
	}
	out := []*W{w}
	for _, sub := range and(w) {
		out = append(out, conjuncts(sub, and)...)
	}
	return out
}

// orderBy turns sort keys into ORDER BY items, values missing last either
// way, from the expression of each field; notNull says which fields the
// filter guarantees are set, so that their order can come from an index.
// Ties are broken by the items of then not already ordered by.
func orderBy(keys []strikegraph.SortKey, expr map[string]string, notNull map[string]bool, then []string) (string, error) {
	var items []string
	used := map[string]bool{}
	for _, k := range keys {
		e, ok := expr[k.Field]
		if !ok {
			return "", strikegraph.Invalidf("sort", "cannot sort by %s", k.Field)
		}
		used[e] = true
		switch {
		case !k.Desc:
			items = append(items, e) // ascending, nulls come last
		case notNull[k.Field]:
			items = append(items, e+" DESC")
		default:
			items = append(items, e+" IS NULL", e+" DESC")
		}
	}
	for _, e := range then {
		if !used[e] {
			items = append(items, e)
		}
	}
	return strings.Join(items, ", "), nil
}

// relPattern is the pattern of a relation of type t from the entity p to
// the node n of label, in direction dir (both when nil), and the fragment
// that counts p's edges of that type, which Neo4j reads from its degree
// store.
func relPattern(t strikegraph.RelationType, dir *strikegraph.Direction, label string) (pattern, degree string, err error) {
	edge, err := relEdge(t, dir)
	if err != nil {
		return "", "", err
	}
	return "(p)" + edge + "(n:" + label + ")", "COUNT { (p)" + edge + "() }", nil
}

// relEdge is the edge of type t in direction dir (both when nil).
func relEdge(t strikegraph.RelationType, dir *strikegraph.Direction) (string, error) {
	rel, ok := relationTypes[t]
	if !ok {
		return "", strikegraph.Invalidf("type", "unknown relation type %q", t)
	}
	left, right := "-", "-"
	switch {
	case dir == nil:
	case *dir == strikegraph.DirectionOut:
		right = "->"
	default:
		left = "<-"
	}
	return left + "[:" + rel + "]" + right, nil
}

// relationTypes are the relationship types a nested list may follow, as
// fixed text.
var relationTypes = map[strikegraph.RelationType]string{
	strikegraph.RelLocatedIn: "LOCATED_IN", strikegraph.RelLocatedNear: "LOCATED_NEAR", strikegraph.RelBorders: "BORDERS",
	strikegraph.RelPartOf: "PART_OF", strikegraph.RelPossiblySameAs: "POSSIBLY_SAME_AS", strikegraph.RelCarriedOut: "CARRIED_OUT",
	strikegraph.RelTargeted: "TARGETED", strikegraph.RelSpeaksFor: "SPEAKS_FOR", strikegraph.RelLeads: "LEADS",
	strikegraph.RelBacks: "BACKS", strikegraph.RelAlliedWith: "ALLIED_WITH", strikegraph.RelFights: "FIGHTS",
	strikegraph.RelControls: "CONTROLS", strikegraph.RelPublishedBy: "PUBLISHED_BY", strikegraph.RelCites: "CITES",
}

// stanceTypes are the claim edge types, as fixed text.
var stanceTypes = map[strikegraph.Stance]string{
	strikegraph.StanceReported: "REPORTED", strikegraph.StanceDenied: "DENIED", strikegraph.StanceResponded: "RESPONDED",
}

// stances are every stance, in the order their branches are written.
var stances = []strikegraph.Stance{strikegraph.StanceReported, strikegraph.StanceDenied, strikegraph.StanceResponded}

// texts converts enum values for parameters.
func texts[T ~string](s []T) []string {
	out := make([]string, len(s))
	for i, v := range s {
		out[i] = string(v)
	}
	return out
}
