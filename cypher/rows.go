package cypher

import "github.com/strikegraph/strikegraph"

// EntityRow is what a write stores of an entity, for a writer that creates
// nodes without the upserts (internal/graphgen): its labels besides Entity,
// and its properties with their hash, without provenance.
func EntityRow(e strikegraph.Entity) (labels []string, props map[string]any) {
	switch e := e.(type) {
	case *strikegraph.Place:
		labels, props = []string{strikegraph.NodePlace}, placeProps(e)
	case *strikegraph.Actor:
		labels, props = actorLabels[e.Kind], actorProps(e)
	case *strikegraph.Article:
		labels, props = []string{strikegraph.NodeArticle}, articleProps(e)
	case *strikegraph.Incident:
		labels, props = []string{strikegraph.NodeIncident}, incidentProps(e)
	default:
		panic("cypher: an entity of no kind") // every Entity is one of the four
	}
	props["hash"] = hash(props)
	return labels, props
}

// ClaimRow is what a write stores of a claim's edge, likewise: its
// properties with their hash, without provenance or retraction.
func ClaimRow(c *strikegraph.Claim) map[string]any {
	props := claimProps(c)
	props["hash"] = hash(props)
	return props
}
