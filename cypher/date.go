package cypher

import (
	"slices"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/strikegraph/strikegraph"
)

// setDate stores d under prefix: prefix itself is a Neo4j date (the first day
// d may stand for) so ranges can be queried; the rest keeps what was said.
func setDate(props map[string]any, prefix string, d strikegraph.Date) {
	if t, ok := d.Start(); ok {
		props[prefix] = neo4j.DateOf(t)
	}
	props[prefix+"Value"] = d.Value
	props[prefix+"Precision"] = string(d.Precision)
	props[prefix+"Text"] = d.Text
	props[prefix+"Note"] = d.Note
}

func getDate(props map[string]any, prefix string) strikegraph.Date {
	return strikegraph.Date{
		Value:     str(props, prefix+"Value"),
		Precision: strikegraph.DatePrecision(str(props, prefix+"Precision")),
		Text:      str(props, prefix+"Text"),
		Note:      str(props, prefix+"Note"),
	}
}

// provenanceOf reads who created and last changed an entity, relation or
// claim, and when.
func provenanceOf(props map[string]any) strikegraph.Provenance {
	created, _ := props["createdAt"].(time.Time)
	updated, _ := props["updatedAt"].(time.Time)
	return strikegraph.Provenance{CreatedBy: str(props, "createdBy"), CreatedAt: created, UpdatedBy: str(props, "updatedBy"), UpdatedAt: updated}
}

// relationRole is the role the latest article gives a relation, or the
// gazetteer's.
func relationRole(props map[string]any) string {
	roles := strs(props, "roles")
	for i := len(roles) - 1; i >= 0; i-- {
		if roles[i] != "" {
			return roles[i]
		}
	}
	return str(props, "role")
}

// relationNote is every note on a relation: the gazetteer's, then each
// article's.
func relationNote(props map[string]any) string {
	var notes []string
	for _, n := range append([]string{str(props, "note")}, strs(props, "notes")...) {
		if n != "" && !slices.Contains(notes, n) {
			notes = append(notes, n)
		}
	}
	return strings.Join(notes, "; ")
}

// statedBy is r as each article states it: its quote, note and role there.
func statedBy(r strikegraph.Relation, props map[string]any) []strikegraph.Relation {
	quotes, notes, roles := strs(props, "quotes"), strs(props, "notes"), strs(props, "roles")
	at := func(list []string, i int) string {
		if i < len(list) {
			return list[i]
		}
		return ""
	}
	var out []strikegraph.Relation
	for i, s := range strs(props, "sources") {
		r.Article, r.Quote, r.Note, r.Role = s, at(quotes, i), at(notes, i), at(roles, i)
		out = append(out, r)
	}
	return out
}

func str(props map[string]any, key string) string {
	s, _ := props[key].(string)
	return s
}

func strs(props map[string]any, key string) []string {
	if l, ok := props[key].([]string); ok { // as written, not yet stored
		return slices.Clone(l)
	}
	list, _ := props[key].([]any)
	out := make([]string, 0, len(list))
	for _, v := range list {
		if s, ok := v.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

func float(props map[string]any, key string) *float64 {
	if f, ok := props[key].(float64); ok {
		return &f
	}
	return nil
}

// integer reads a whole number as stored (int64), as written (int) or as
// JSON carried it (float64).
func integer(props map[string]any, key string) *int {
	var i int
	switch n := props[key].(type) {
	case int64:
		i = int(n)
	case int:
		i = n
	case float64:
		i = int(n)
	default:
		return nil
	}
	return &i
}

// nameProps are the properties every entity has: its names and their keys.
func nameProps(id, name string, aliases []string, description string) map[string]any {
	if aliases == nil {
		aliases = []string{}
	}
	return map[string]any{
		"id": id, "name": name, "aliases": aliases, "description": description,
		"nameKeys": strikegraph.NameKeys(name, aliases), "wordKeys": strikegraph.WordKeys(name, aliases),
	}
}
