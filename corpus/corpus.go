// Package corpus generates a synthetic corpus of import documents, for tests
// and benchmarks: the same Config always gives the same documents, byte for
// byte (with the same Go release: math/rand/v2's derived draws may change
// between releases).
//
// The corpus has the shape of the real thing. A gazetteer document comes first:
// Syria and Iraq, their provinces, and a few hundred to a few thousand towns
// and villages; the armed groups, monitors, outlets and spokespeople. Then come
// documents of at most PerDocument incidents each, with their articles and
// claims. Incidents fall on towns, and claims come from reporters, by a Zipf
// law, so a few towns and reporters are very connected and most are not.
// Every id starts with "gen:", so the corpus can sit beside the seed corpus.
package corpus

import (
	"fmt"
	"iter"
	"math/rand/v2"

	"github.com/strikegraph/strikegraph"
)

// Config says which corpus to generate.
type Config struct {
	Seed      int64
	Incidents int
}

// PerDocument is the most incidents one document holds, so that each loads
// in one short transaction, well within the loader's timeout (10 s by
// default) even as the graph grows.
const PerDocument = 100

// Documents yields the gazetteer document, then the incident documents in
// order. Each has Source set to its file name ("000000.json", …) and its
// articles' File set under a folder named after the document
// ("000001/0000001-1.txt"). Only the gazetteer is kept in memory, so a
// corpus of millions of incidents can be streamed.
func Documents(cfg Config) iter.Seq[strikegraph.Document] {
	return func(yield func(strikegraph.Document) bool) {
		g := &generator{draws: draws{rand.New(rand.NewPCG(uint64(cfg.Seed), 0x5eed))}, seed: cfg.Seed, usedNames: map[string]bool{}}
		if !yield(g.gazetteer(cfg.Incidents)) {
			return
		}
		for i, first := 1, 1; first <= cfg.Incidents; i, first = i+1, first+PerDocument {
			if !yield(g.document(i, first, min(first+PerDocument-1, cfg.Incidents))) {
				return
			}
		}
	}
}

// generator draws everything from one random source, in a fixed order.
type generator struct {
	draws
	seed      int64
	usedNames map[string]bool

	towns        []town
	spokespeople [][]spokesperson // per group
	monitors     []reporter
	outlets      []reporter

	townRank, monitorRank, outletRank *rand.Zipf
	previous                          *incident // for POSSIBLY_SAME_AS
}

// gazetteer builds the places and actors every other document refers to. The
// number of towns and of local reporters grows with the corpus.
func (g *generator) gazetteer(incidents int) strikegraph.Document {
	places, placeRels := g.places(min(max(incidents/10, 300), 5000))
	actors, actorRels := g.actors(min(max(incidents/100, 10), 500))
	// v shifts the Zipf law so the busiest town takes some 7% of the
	// incidents, not a fifth.
	g.townRank = rand.NewZipf(g.rng, 1.1, 3, uint64(len(g.towns)-1))
	g.monitorRank = rand.NewZipf(g.rng, 1.2, 1, uint64(len(g.monitors)-1))
	g.outletRank = rand.NewZipf(g.rng, 1.2, 1, uint64(len(g.outlets)-1))
	return strikegraph.Document{Source: "000000.json", Places: places, Actors: actors, Relations: append(placeRels, actorRels...)}
}

// document builds incidents first to last, with their articles and claims.
func (g *generator) document(n, first, last int) strikegraph.Document {
	doc := strikegraph.Document{Source: fmt.Sprintf("%06d.json", n)}
	for i := first; i <= last; i++ {
		g.incident(&doc, fmt.Sprintf("%06d", n), i)
	}
	return doc
}

// draws are the random draws both generators make.
type draws struct{ rng *rand.Rand }

// pick returns an index with probability proportional to its weight.
func (g draws) pick(weights ...int) int {
	total := 0
	for _, w := range weights {
		total += w
	}
	n := g.rng.IntN(total)
	for i, w := range weights {
		if n < w {
			return i
		}
		n -= w
	}
	panic("unreachable")
}

func (g draws) chance(p float64) bool { return g.rng.Float64() < p }

func (g draws) oneOf(s ...string) string { return s[g.rng.IntN(len(s))] }

// normal is a standard normal draw cut at two deviations, so places stay
// near their province.
func (g *generator) normal() float64 { return clamp(g.rng.NormFloat64(), -2, 2) }
