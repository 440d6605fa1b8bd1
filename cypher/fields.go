package cypher

import (
	"maps"
	"slices"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/strikegraph/strikegraph"
)

// fieldProps are the stored properties each field of an entity is read from,
// for every field that its node alone answers. The fields that list none
// are answered from the entity's id (its links, claims and tolls come from
// loaders of their own). A field not named here, such as an article's
// publisher, makes a read take the whole node.
var fieldProps = map[string][]string{
	// An article's name is its title, else its file, else its id.
	"__typename": nil, "id": {"id"}, "name": {"name", "title", "file"}, "aliases": {"aliases"}, "description": {"description"},
	"provenance": {"createdAt", "createdBy", "updatedAt", "updatedBy"},
	// Incident
	"scope": {"scope"}, "target": {"target"},
	"date":   {"dateValue", "datePrecision", "dateText", "dateNote"},
	"until":  {"untilValue", "untilPrecision", "untilText", "untilNote"},
	"places": nil, "perpetrators": nil, "targets": nil, "partOf": nil, "parts": nil, "possiblySameAs": nil,
	"claims": nil, "claimsConnection": nil, "speakers": nil, "civilianToll": nil, "toll": nil, "contested": nil,
	"contestedOn": nil, "disputed": nil,
	// The grade and the summary read the incident's own fields besides its claims.
	"suggestedGrade": {"scope", "dateValue", "datePrecision", "dateText", "dateNote"},
	"summary":        {"name", "scope", "dateValue", "datePrecision", "dateText", "dateNote", "untilValue", "untilPrecision", "untilText", "untilNote"},
	"links":          nil, "merges": nil, "history": nil,
	// Place
	"kind": {"kind"}, "latitude": {"location"}, "longitude": {"location"}, "geoPrecision": {"geoPrecision"},
	"geoSource": {"geoSource"}, "within": nil, "contains": nil, "near": nil, "borders": nil, "incidentsNear": nil,
	// Actor
	"anonymous": {"anonymous"}, "speaksFor": nil, "spokespeople": nil, "components": nil, "leads": nil,
	"ledBy": nil, "backs": nil, "backedBy": nil, "allies": nil, "fights": nil, "controls": nil,
	"carriedOut": nil, "targetedBy": nil, "articles": nil, "relayed": nil, "subordinates": nil,
	// Article
	"title": {"title"}, "file": {"file"}, "byline": {"byline"}, "dateline": {"dateline"}, "url": {"url"},
	"text":      {"text"},
	"published": {"publishedValue", "publishedPrecision", "publishedText", "publishedNote"},
}

// projection is the expression that reads the fields f of the node v, a
// variable of the statement: a map of its labels and the properties those
// fields are read from (null for no node), or the node itself when a field
// needs all of it.
// Fields named in free are answered otherwise and read nothing here.
func projection(v string, f strikegraph.Fields, free ...string) string {
	if f.All || !f.Wanted() {
		return v
	}
	seen := map[string]bool{}
	var props []string
	for _, name := range f.Names {
		ps, ok := fieldProps[name]
		if !ok && !slices.Contains(free, name) {
			return v
		}
		for _, p := range ps {
			if !seen[p] {
				seen[p] = true
				props = append(props, "."+p)
			}
		}
	}
	return "CASE WHEN " + v + " IS NULL THEN null ELSE {labels: labels(" + v + "), props: " + v + " {" + strings.Join(props, ", ") + "}} END"
}

// nodeOf reads what projection returned as a node: the node, or its labels
// and the properties read.
func nodeOf(v any) (n neo4j.Node, ok bool) {
	switch v := v.(type) {
	case neo4j.Node:
		return v, true
	case map[string]any:
		labels, _ := v["labels"].([]any)
		props, _ := v["props"].(map[string]any)
		// A node has no null properties; a projection gives null for those
		// it lacks.
		maps.DeleteFunc(props, func(_ string, v any) bool { return v == nil })
		n := neo4j.Node{Props: props}
		for _, l := range labels {
			n.Labels = append(n.Labels, l.(string))
		}
		return n, true
	}
	return neo4j.Node{}, false
}
