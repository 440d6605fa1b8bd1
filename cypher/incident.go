package cypher

import (
	"github.com/strikegraph/strikegraph"
)

func incidentProps(in *strikegraph.Incident) map[string]any {
	props := nameProps(in.ID, in.Name, in.Aliases, in.Description)
	props["scope"] = string(in.Scope)
	props["target"] = in.Target
	setDate(props, "date", in.Date)
	if in.Until != nil {
		setDate(props, "until", *in.Until)
	}
	return props
}

func incidentFromProps(p map[string]any) *strikegraph.Incident {
	in := &strikegraph.Incident{
		ID: str(p, "id"), Name: str(p, "name"), Aliases: strs(p, "aliases"), Description: str(p, "description"),
		Scope: strikegraph.IncidentScope(str(p, "scope")), Target: str(p, "target"), Date: getDate(p, "date"),
		Provenance: provenanceOf(p),
	}
	if _, ok := p["untilPrecision"]; ok {
		until := getDate(p, "until")
		in.Until = &until
	}
	return in
}
