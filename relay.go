package strikegraph

import (
	"context"
	"maps"
	"slices"
)

// Relay is one source passing on another's statement in an article: an
// outlet "citing the report", an agency quoting an official. Relays are read
// from what an article records: a claim's via (each actor named relays the
// claim's source), and a CITES edge (the article's publisher relays the
// actor cited: "a war monitor and Syrian state media reported").
type Relay struct {
	ArticleID string
	RelayerID string
	SourceID  string
}

// RelayService finds the relays articles record.
type RelayService interface {
	// FindRelaysByArticleIDs returns the relays each article records, by
	// article id.
	FindRelaysByArticleIDs(ctx context.Context, ids []string) (map[string][]Relay, error)
}

// SourceChain is one source a toll counts and where its figures come from.
type SourceChain struct {
	SourceID string
	// Relays are the other counted sources it relays in the articles its
	// counted figures are from, by id.
	RelaysIDs []string
	// Origins are the independent sources its figures come down to,
	// following relays: itself when it relays no counted source.
	OriginIDs   []string
	Independent bool
}

// MaxRelayDepth bounds how far a chain of relays is followed.
const MaxRelayDepth = 8

// independence groups the sources of cs by where their figures come from.
// Source R relays source S when, in an article one of R's counted figures is
// from, a relay of R passing on S is recorded, and S is counted too. A source
// that relays none is independent; one that relays others counts as the
// independent sources it leads to; sources relaying each other with no way
// out count once. It returns how many independent sources there are, and
// each source's chain, by source id.
func independence(cs []counted, relays []Relay) (int, []SourceChain) {
	articles := map[string]map[string]bool{} // source → articles of its counted figures
	for _, c := range cs {
		s := c.claim.Source()
		if articles[s] == nil {
			articles[s] = map[string]bool{}
		}
		articles[s][c.claim.ArticleID] = true
	}
	edges := map[string][]string{}
	for _, r := range relays {
		if r.RelayerID != r.SourceID && articles[r.RelayerID][r.ArticleID] && articles[r.SourceID] != nil &&
			!slices.Contains(edges[r.RelayerID], r.SourceID) {
			edges[r.RelayerID] = append(edges[r.RelayerID], r.SourceID)
		}
	}
	reach := map[string]map[string]bool{}
	for s := range articles {
		reach[s] = reachable(s, edges)
	}
	// An origin is in a group of sources with no relay out of it: all it
	// reaches reaches it back. Its group is named by the least id in it.
	group := map[string]string{}
	for s, r := range reach {
		if all(r, func(t string) bool { return reach[t][s] }) {
			g := s
			for t := range r {
				g = min(g, t)
			}
			group[s] = g
		}
	}
	groups := map[string]bool{}
	out := []SourceChain{}
	for _, s := range slices.Sorted(maps.Keys(articles)) {
		ch := SourceChain{SourceID: s, RelaysIDs: slices.Sorted(slices.Values(edges[s])), OriginIDs: []string{}}
		if ch.RelaysIDs == nil {
			ch.RelaysIDs = []string{}
		}
		_, ch.Independent = group[s]
		if ch.Independent {
			groups[group[s]] = true
		}
		for _, t := range slices.Sorted(maps.Keys(articles)) {
			if _, origin := group[t]; origin && (t == s || reach[s][t]) {
				ch.OriginIDs = append(ch.OriginIDs, t)
			}
		}
		out = append(out, ch)
	}
	return len(groups), out
}

// reachable is the set of sources s leads to along edges, at most
// MaxRelayDepth relays away; s itself only through a cycle.
func reachable(s string, edges map[string][]string) map[string]bool {
	seen := map[string]bool{}
	frontier := []string{s}
	for depth := 0; depth < MaxRelayDepth && len(frontier) > 0; depth++ {
		var next []string
		for _, u := range frontier {
			for _, v := range edges[u] {
				if !seen[v] {
					seen[v] = true
					next = append(next, v)
				}
			}
		}
		frontier = next
	}
	return seen
}

func all(set map[string]bool, f func(string) bool) bool {
	for k := range set {
		if !f(k) {
			return false
		}
	}
	return true
}
