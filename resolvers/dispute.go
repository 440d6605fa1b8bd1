package resolvers

import (
	"context"

	"github.com/strikegraph/strikegraph"
	"github.com/strikegraph/strikegraph/loaders"
)

func (r *incidentResolver) ContestedOn(ctx context.Context, obj *strikegraph.Incident) ([]strikegraph.Denial, error) {
	claims, err := loaders.Claims(ctx, strikegraph.ClaimsOfIncident, obj.ID, nil, strikegraph.ClaimEnds{})
	return strikegraph.ContestedOn(claims), err
}

func (r *incidentResolver) Disputed(ctx context.Context, obj *strikegraph.Incident) (*strikegraph.Dispute, error) {
	claims, err := loaders.Claims(ctx, strikegraph.ClaimsOfIncident, obj.ID, nil, strikegraph.ClaimEnds{})
	if err != nil {
		return nil, err
	}
	o := strikegraph.DisputeOptions{}
	if o.Kinds, err = sourceKinds(ctx, claims); err != nil {
		return nil, err
	}
	hit, err := loaders.LinkedActors(ctx, obj.ID, targets.Type, targets.Dir, nil, strikegraph.AllFields)
	if err != nil {
		return nil, err
	}
	for _, a := range hit {
		o.Targets = append(o.Targets, a.ID)
	}
	parts, err := loaders.LinkedPlaces(ctx, obj.ID, strikegraph.RelLocatedIn, out, &strikegraph.PlaceWhere{KindIn: strikegraph.SettlementKinds}, strikegraph.AllFields)
	for _, p := range parts {
		o.Parts = append(o.Parts, p.ID)
	}
	return strikegraph.Disputed(claims, o), err
}
