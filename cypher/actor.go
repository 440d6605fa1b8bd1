package cypher

import (
	"context"

	"github.com/strikegraph/strikegraph"
)

// actorLabels are the node labels of each kind of actor, besides Entity.
var actorLabels = map[strikegraph.ActorKind][]string{
	strikegraph.ActorArmedGroup:   {"Actor", "ArmedGroup"},
	strikegraph.ActorMonitor:      {"Actor", "MonitoringOrganisation"},
	strikegraph.ActorOutlet:       {"Actor", "Outlet"},
	strikegraph.ActorPerson:       {"Actor", "Person"},
	strikegraph.ActorSpokesperson: {"Actor", "Person", "Spokesperson"},
}

func actorProps(a *strikegraph.Actor) map[string]any {
	props := nameProps(a.ID, a.Name, a.Aliases, a.Description)
	props["kind"] = string(a.Kind)
	props["anonymous"] = a.Anonymous
	return props
}

func actorFromProps(p map[string]any) *strikegraph.Actor {
	anonymous, _ := p["anonymous"].(bool)
	return &strikegraph.Actor{
		ID: str(p, "id"), Name: str(p, "name"), Aliases: strs(p, "aliases"), Description: str(p, "description"),
		Kind: strikegraph.ActorKind(str(p, "kind")), Anonymous: anonymous, Provenance: provenanceOf(p),
	}
}

// FindSubordinates returns, per actor of ids, the actors its claims and
// totals include with includeSubordinates (see find_subordinates.cypher).
func (db *DB) FindSubordinates(ctx context.Context, ids []string) (map[string][]string, error) {
	recs, err := db.read(ctx, findSubordinates, map[string]any{"ids": ids})
	if err != nil {
		return nil, err
	}
	out := map[string][]string{}
	for _, rec := range recs {
		m := rec.AsMap()
		out[m["id"].(string)] = strs(m, "subordinates")
	}
	return out, nil
}
