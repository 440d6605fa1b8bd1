package resolvers

import (
	"context"

	"github.com/strikegraph/strikegraph"
	"github.com/strikegraph/strikegraph/loaders"
)

func (r *queryResolver) Incident(ctx context.Context, id string) (*strikegraph.Incident, error) {
	return byID[strikegraph.Incident](ctx, id)
}

func (r *queryResolver) Incidents(ctx context.Context) ([]*strikegraph.Incident, error) {
	return r.Store.FindIncidents(ctx)
}

func (r *queryResolver) ContestedIncidents(ctx context.Context) ([]*strikegraph.Incident, error) {
	return r.Store.FindContestedIncidents(ctx)
}

type incidentResolver struct{ *Resolver }

func (r *incidentResolver) Links(ctx context.Context, obj *strikegraph.Incident, types []strikegraph.RelationType, dir *strikegraph.Direction) ([]*strikegraph.Link, error) {
	return links(ctx, obj.ID, dir, types...)
}

func (r *incidentResolver) Places(ctx context.Context, obj *strikegraph.Incident) ([]*strikegraph.Link, error) {
	return links(ctx, obj.ID, out, strikegraph.RelLocatedIn, strikegraph.RelLocatedNear)
}

func (r *incidentResolver) Perpetrators(ctx context.Context, obj *strikegraph.Incident) ([]*strikegraph.Actor, error) {
	return linked[strikegraph.Actor](ctx, obj.ID, in, strikegraph.RelCarriedOut)
}

func (r *incidentResolver) Targets(ctx context.Context, obj *strikegraph.Incident) ([]*strikegraph.Actor, error) {
	return linked[strikegraph.Actor](ctx, obj.ID, out, strikegraph.RelTargeted)
}

func (r *incidentResolver) PartOf(ctx context.Context, obj *strikegraph.Incident) ([]*strikegraph.Incident, error) {
	return linked[strikegraph.Incident](ctx, obj.ID, out, strikegraph.RelPartOf)
}

func (r *incidentResolver) Parts(ctx context.Context, obj *strikegraph.Incident) ([]*strikegraph.Incident, error) {
	return linked[strikegraph.Incident](ctx, obj.ID, in, strikegraph.RelPartOf)
}

func (r *incidentResolver) PossiblySameAs(ctx context.Context, obj *strikegraph.Incident) ([]*strikegraph.Incident, error) {
	return linked[strikegraph.Incident](ctx, obj.ID, nil, strikegraph.RelPossiblySameAs)
}

func (r *incidentResolver) Claims(ctx context.Context, obj *strikegraph.Incident, stance *strikegraph.Stance) ([]*strikegraph.Claim, error) {
	claims, err := loaders.List(ctx, loaders.For(ctx).ClaimsByIncident, obj.ID)
	return ofStance(claims, stance), err
}

func (r *incidentResolver) Speakers(ctx context.Context, obj *strikegraph.Incident, stance *strikegraph.Stance) ([]*strikegraph.Actor, error) {
	claims, err := r.Claims(ctx, obj, stance)
	if err != nil {
		return nil, err
	}
	var ids []string
	seen := map[string]bool{}
	for _, c := range claims {
		if !seen[c.SpeakerID] {
			seen[c.SpeakerID] = true
			ids = append(ids, c.SpeakerID)
		}
	}
	return entitiesAs[strikegraph.Actor](ctx, ids)
}

func (r *incidentResolver) CivilianToll(ctx context.Context, obj *strikegraph.Incident) (*strikegraph.TollRange, error) {
	claims, err := loaders.List(ctx, loaders.For(ctx).ClaimsByIncident, obj.ID)
	return ptr(strikegraph.CivilianToll(claims)), err
}

func (r *incidentResolver) Toll(ctx context.Context, obj *strikegraph.Incident) (*strikegraph.TollRange, error) {
	claims, err := loaders.List(ctx, loaders.For(ctx).ClaimsByIncident, obj.ID)
	return ptr(strikegraph.Toll(claims)), err
}

func (r *incidentResolver) Contested(ctx context.Context, obj *strikegraph.Incident) (bool, error) {
	claims, err := loaders.List(ctx, loaders.For(ctx).ClaimsByIncident, obj.ID)
	return strikegraph.Contested(claims), err
}
