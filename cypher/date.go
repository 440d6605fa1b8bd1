package cypher

import (
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

func str(props map[string]any, key string) string {
	s, _ := props[key].(string)
	return s
}

func strs(props map[string]any, key string) []string {
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

func integer(props map[string]any, key string) *int {
	if n, ok := props[key].(int64); ok {
		i := int(n)
		return &i
	}
	return nil
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
