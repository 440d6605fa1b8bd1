package cypher

import (
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
