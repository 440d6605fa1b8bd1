package cypher_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/strikegraph/strikegraph"
	"github.com/strikegraph/strikegraph/internal/graphtest"
)

// checkPath checks that a path runs from one entity to the other without
// coming back, each edge joining a node to the next in either direction.
func checkPath(t *testing.T, p strikegraph.Path, from, to string, length int) {
	t.Helper()
	if p.Length() != length || len(p.NodeIDs) != length+1 || p.NodeIDs[0] != from || p.NodeIDs[length] != to {
		t.Fatalf("got %v, want a path of length %d from %s to %s", p, length, from, to)
	}
	for i, e := range p.Edges {
		a, b := p.NodeIDs[i], p.NodeIDs[i+1]
		if !(e.FromID == a && e.ToID == b || e.FromID == b && e.ToID == a) {
			t.Errorf("edge %d %v does not join %s and %s", i, e, a, b)
		}
		if len(e.SourceIDs) != len(e.Quotes) {
			t.Errorf("edge %d: %d sources, %d quotes", i, len(e.SourceIDs), len(e.Quotes))
		}
	}
	seen := slices.Clone(p.NodeIDs)
	slices.Sort(seen)
	if len(slices.Compact(seen)) != len(p.NodeIDs) {
		t.Errorf("%v visits a node twice", p.NodeIDs)
	}
}

func TestShortestPaths(t *testing.T) {
	g := graphtest.Seeded(t)

	// SOHR reported 191 civilians killed in the campaign on the Hajin pocket
	// (claim:002-sohr-191), which the SDF carried out: of every incident SOHR
	// spoke of, the only one with the SDF. Nothing else joins them in two
	// steps, and nothing in one.
	for _, all := range []bool{false, true} {
		paths, err := g.FindShortestPaths(t.Context(), "monitor:sohr", "group:sdf", 4, all)
		if err != nil {
			t.Fatal(err)
		}
		if len(paths) != 1 {
			t.Fatalf("all=%v: got %d paths %v, want 1", all, len(paths), paths)
		}
		p := paths[0]
		checkPath(t, p, "monitor:sohr", "group:sdf", 2)
		if p.NodeIDs[1] != "incident:2018-09-10-hajin-pocket" {
			t.Errorf("through %s, want the Hajin pocket campaign", p.NodeIDs[1])
		}
		claim, rel := p.Edges[0], p.Edges[1]
		if claim.Type != "REPORTED" || claim.Claim.ID != "claim:002-sohr-191" || claim.FromID != "monitor:sohr" ||
			!slices.Equal(claim.SourceIDs, []string{"article:002"}) || len(claim.Quotes[0]) < 20 {
			t.Errorf("first edge: got %+v, want SOHR's claim of 191 killed, from article 002", claim)
		}
		// Stored from the SDF to the incident: against the path.
		if rel.Type != "CARRIED_OUT" || rel.Claim != nil || rel.FromID != "group:sdf" || rel.ToID != "incident:2018-09-10-hajin-pocket" ||
			!slices.Contains(rel.SourceIDs, "article:002") {
			t.Errorf("second edge: got %+v, want the SDF CARRIED_OUT the campaign, from article 002", rel)
		}
	}

	// SOHR and the coalition: through each of the seven incidents SOHR
	// reported on, all carried out by the coalition; one path per claim.
	paths, err := g.FindShortestPaths(t.Context(), "monitor:sohr", "group:us-led-coalition", 2, true)
	if err != nil {
		t.Fatal(err)
	}
	var claims []string
	for _, p := range paths {
		checkPath(t, p, "monitor:sohr", "group:us-led-coalition", 2)
		claims = append(claims, p.Edges[0].Claim.ID)
	}
	slices.Sort(claims)
	if want := []string{"claim:000-sohr-15-bakery", "claim:000-sohr-15-villages", "claim:000-sohr-35-fighters", "claim:000-sohr-38",
		"claim:000-sohr-8-elsewhere", "claim:002-sohr-191", "claim:004-sohr-16"}; !slices.Equal(claims, want) {
		t.Errorf("SOHR to the coalition through claims %v, want %v", claims, want)
	}

	// SNHR and SOHR spoke of no incident in common: 60 paths of four edges
	// join them, through the coalition or ISIS. At most 25 come back.
	paths, err = g.FindShortestPaths(t.Context(), "monitor:snhr", "monitor:sohr", 8, true)
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) != strikegraph.MaxPaths {
		t.Errorf("got %d paths, want the cap of %d", len(paths), strikegraph.MaxPaths)
	}
	distinct := map[string]bool{}
	for _, p := range paths {
		checkPath(t, p, "monitor:snhr", "monitor:sohr", 4)
		distinct[fmt.Sprint(p)] = true
	}
	if len(distinct) != len(paths) {
		t.Errorf("%d paths, of which %d distinct", len(paths), len(distinct))
	}

	// Too far apart for the length allowed: no path, and no error.
	for _, c := range []struct {
		from, to  string
		maxLength int
	}{{"monitor:sohr", "group:sdf", 1}, {"monitor:snhr", "monitor:sohr", 3}} {
		paths, err := g.FindShortestPaths(t.Context(), c.from, c.to, c.maxLength, true)
		if err != nil || len(paths) != 0 {
			t.Errorf("%s to %s in %d: got %v, %v; want none", c.from, c.to, c.maxLength, paths, err)
		}
	}

	// An entity is joined to itself by a path with no edges.
	paths, err = g.FindShortestPaths(t.Context(), "monitor:sohr", "monitor:sohr", 1, false)
	if err != nil || len(paths) != 1 {
		t.Fatalf("SOHR to itself: got %v, %v", paths, err)
	}
	checkPath(t, paths[0], "monitor:sohr", "monitor:sohr", 0)
}

func TestShortestPathsRejectsBadInput(t *testing.T) {
	g := graphtest.Seeded(t)
	for _, c := range []struct {
		from, to  string
		maxLength int
		field     string
	}{
		{"", "group:sdf", 4, "from"},
		{"monitor:sohr", "", 4, "to"},
		{"monitor:sohr", "group:sdf", 0, "maxLength"},
		{"monitor:sohr", "group:sdf", strikegraph.MaxPathLength + 1, "maxLength"},
	} {
		before := g.RoundTrips()
		_, err := g.FindShortestPaths(t.Context(), c.from, c.to, c.maxLength, true)
		checkInvalid(t, err, c.field)
		if n := g.RoundTrips() - before; n != 0 {
			t.Errorf("%+v: %d queries sent for bad input", c, n)
		}
	}

	for _, c := range [][2]string{
		{"monitor:nobody", "group:sdf"}, {"monitor:sohr", "group:nobody"}, {"monitor:nobody", "monitor:nobody"},
	} {
		_, err := g.FindShortestPaths(t.Context(), c[0], c[1], 4, false)
		if code := strikegraph.ErrorCode(err); code != strikegraph.ECodeNotFound {
			t.Errorf("%s to %s: got %v (%s), want %s", c[0], c[1], err, code, strikegraph.ECodeNotFound)
		}
	}
}
