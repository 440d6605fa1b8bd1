package resolvers

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/strikegraph/strikegraph"
	"github.com/strikegraph/strikegraph/auth"
	"github.com/strikegraph/strikegraph/graph"
)

// The mutations' inputs are the domain's types, which turn into the one-item
// document a mutation writes (strikegraph.InputDocument): the same checks and
// the same write as an imported document, with errors naming the input's
// fields ("input.date.value"). Roles checks the caller's role before any of
// them runs.

type mutationResolver struct{ *Resolver }

func (r *Resolver) Mutation() graph.MutationResolver { return &mutationResolver{r} }

// adminMutations are those that need the admin role; every other mutation
// needs the editor role.
var adminMutations = map[string]bool{"retractClaim": true, "mergeEntities": true, "retractRelation": true}

// Roles refuses a mutation to a caller without the role it needs. The
// server runs it around every root field, so that it is checked in this one
// place, before the mutation reads anything, and costs the fields below
// nothing.
func Roles(ctx context.Context, next graphql.RootResolver) graphql.Marshaler {
	if graphql.GetOperationContext(ctx).Operation.Operation != ast.Mutation {
		return next(ctx)
	}
	field := graphql.GetRootFieldContext(ctx).Field
	role := auth.RoleEditor
	if adminMutations[field.Name] {
		role = auth.RoleAdmin
	}
	if err := auth.Require(ctx, role); err != nil {
		// On the field's path, as the resolver's own error would be.
		graphql.AddError(graphql.WithFieldContext(ctx, &graphql.FieldContext{Object: "Mutation", Field: field}), err)
		return graphql.Null
	}
	return next(ctx)
}

func (r *mutationResolver) CreateIncident(ctx context.Context, in strikegraph.Incident, allowDuplicate *bool) (*graph.IncidentPayload, error) {
	e, out, err := r.create(ctx, &in, in.Name, in.Aliases, !*allowDuplicate)
	inc, _ := e.(*strikegraph.Incident)
	return &graph.IncidentPayload{Incident: inc, Outcome: out}, err
}

func (r *mutationResolver) UpdateIncident(ctx context.Context, id string, in strikegraph.IncidentUpdate, reason *string) (*graph.IncidentPayload, error) {
	e, out, err := r.update(ctx, id, in.Edit, reason)
	inc, _ := e.(*strikegraph.Incident)
	return &graph.IncidentPayload{Incident: inc, Outcome: out}, err
}

func (r *mutationResolver) CreatePlace(ctx context.Context, in strikegraph.Place, allowDuplicate *bool) (*graph.PlacePayload, error) {
	e, out, err := r.create(ctx, &in, in.Name, in.Aliases, !*allowDuplicate)
	p, _ := e.(*strikegraph.Place)
	return &graph.PlacePayload{Place: p, Outcome: out}, err
}

func (r *mutationResolver) UpdatePlace(ctx context.Context, id string, in strikegraph.PlaceUpdate, reason *string) (*graph.PlacePayload, error) {
	e, out, err := r.update(ctx, id, in.Edit, reason)
	p, _ := e.(*strikegraph.Place)
	return &graph.PlacePayload{Place: p, Outcome: out}, err
}

func (r *mutationResolver) CreateActor(ctx context.Context, in strikegraph.Actor, allowDuplicate *bool) (*graph.ActorPayload, error) {
	// Anonymous actors share names: "residents of Hajin", one per report.
	e, out, err := r.create(ctx, &in, in.Name, in.Aliases, !*allowDuplicate && !in.Anonymous)
	a, _ := e.(*strikegraph.Actor)
	return &graph.ActorPayload{Actor: a, Outcome: out}, err
}

func (r *mutationResolver) UpdateActor(ctx context.Context, id string, in strikegraph.ActorUpdate, reason *string) (*graph.ActorPayload, error) {
	e, out, err := r.update(ctx, id, in.Edit, reason)
	a, _ := e.(*strikegraph.Actor)
	return &graph.ActorPayload{Actor: a, Outcome: out}, err
}

func (r *mutationResolver) AddAliases(ctx context.Context, id string, aliases []string, allowDuplicate *bool, reason *string) (*graph.EntityPayload, error) {
	e, out, err := r.update(ctx, id, func(e strikegraph.Entity) (*strikegraph.Document, error) {
		if t, ok := entityType(e); ok && !*allowDuplicate {
			fields := make([]string, len(aliases))
			for i := range aliases {
				fields[i] = fmt.Sprintf("aliases[%d]", i)
			}
			if err := r.namesakes(ctx, t, id, aliases, fields); err != nil {
				return nil, err
			}
		}
		return strikegraph.AddAliases(e, aliases)
	}, reason)
	return &graph.EntityPayload{Entity: e, Outcome: out}, err
}

func (r *mutationResolver) CreateArticle(ctx context.Context, in strikegraph.Article) (*graph.ArticlePayload, error) {
	e, out, err := r.create(ctx, &in, "", nil, false)
	a, _ := e.(*strikegraph.Article)
	return &graph.ArticlePayload{Article: a, Outcome: out}, err
}

func (r *mutationResolver) UpdateArticle(ctx context.Context, id string, in strikegraph.ArticleUpdate, reason *string) (*graph.ArticlePayload, error) {
	a, err := updater(ctx, reason)
	if err != nil {
		return nil, err
	}
	ar, out, err := r.Store.UpdateArticle(ctx, id, in.Apply, a)
	return &graph.ArticlePayload{Article: ar, Outcome: out}, err
}

func (r *mutationResolver) AddRelation(ctx context.Context, in strikegraph.Relation, allowDuplicate *bool) (*graph.RelationPayload, error) {
	if !*allowDuplicate {
		if err := r.sameDayAndPlace(ctx, in); err != nil {
			return nil, err
		}
	}
	l, out, err := r.Store.AddRelation(ctx, &in, author(ctx))
	return &graph.RelationPayload{Link: l, Outcome: out}, err
}

func (r *mutationResolver) RecordReport(ctx context.Context, in strikegraph.Claim) (*graph.ClaimPayload, error) {
	in.Stance = strikegraph.StanceReported
	return r.record(ctx, &in)
}

func (r *mutationResolver) RecordDenial(ctx context.Context, in strikegraph.Claim) (*graph.ClaimPayload, error) {
	in.Stance = strikegraph.StanceDenied
	return r.record(ctx, &in)
}

func (r *mutationResolver) RecordResponse(ctx context.Context, in strikegraph.Claim) (*graph.ClaimPayload, error) {
	in.Stance = strikegraph.StanceResponded
	return r.record(ctx, &in)
}

func (r *mutationResolver) RetractClaim(ctx context.Context, id string, reason string) (*graph.ClaimPayload, error) {
	if err := requiredReason(reason); err != nil {
		return nil, err
	}
	a := author(ctx)
	c, err := r.Store.RetractClaim(ctx, id, reason, a)
	if err != nil {
		return nil, err
	}
	out := strikegraph.Updated
	if !c.Retracted.At.Equal(a.At) {
		out = strikegraph.Unchanged // retracted before
	}
	return &graph.ClaimPayload{Claim: c, Outcome: out}, nil
}

func (r *mutationResolver) MergeEntities(ctx context.Context, kept string, merged string, reason string) (*strikegraph.Merge, error) {
	return r.Store.MergeEntities(ctx, kept, merged, reason, author(ctx))
}

func (r *mutationResolver) UpdateClaim(ctx context.Context, id string, in strikegraph.ClaimUpdate, reason *string) (*graph.ClaimPayload, error) {
	a, err := updater(ctx, reason)
	if err != nil {
		return nil, err
	}
	c, out, err := r.Store.UpdateClaim(ctx, id, in.Apply, a)
	return &graph.ClaimPayload{Claim: c, Outcome: out}, err
}

func (r *mutationResolver) RetractRelation(ctx context.Context, t strikegraph.RelationType, from string, to string, reason string) (*strikegraph.Revision, error) {
	if err := requiredReason(reason); err != nil {
		return nil, err
	}
	a := author(ctx)
	a.Reason = reason
	return r.Store.RetractRelation(ctx, t, from, to, a)
}

// create writes e, an incident, place, actor or article, refusing to
// overwrite anything that says otherwise. When unique, its name and aliases
// must be no other entity's of its type.
func (r *mutationResolver) create(ctx context.Context, e strikegraph.Entity, name string, aliases []string, unique bool) (strikegraph.Entity, strikegraph.Outcome, error) {
	strikegraph.DefaultID(e)
	if t, ok := entityType(e); ok && unique {
		names, fields := nameFields("input", name, aliases)
		if err := r.namesakes(ctx, t, e.EntityID(), names, fields); err != nil {
			return nil, "", err
		}
	}
	return r.Store.CreateEntity(ctx, e, author(ctx))
}

// update writes what edit makes of the entity id.
func (r *mutationResolver) update(ctx context.Context, id string, edit func(strikegraph.Entity) (*strikegraph.Document, error), reason *string) (strikegraph.Entity, strikegraph.Outcome, error) {
	a, err := updater(ctx, reason)
	if err != nil {
		return nil, "", err
	}
	return r.Store.UpdateEntity(ctx, id, edit, a)
}

func (r *mutationResolver) record(ctx context.Context, c *strikegraph.Claim) (*graph.ClaimPayload, error) {
	saved, out, err := r.Store.RecordClaim(ctx, c, author(ctx))
	return &graph.ClaimPayload{Claim: saved, Outcome: out}, err
}

// author is the caller, whose role Roles has checked, and now.
func author(ctx context.Context) strikegraph.Author {
	p, _ := auth.FromContext(ctx)
	return strikegraph.Author{By: p.Name, At: time.Now().UTC()}
}

// updater is the author of an update, with the reason it may give.
func updater(ctx context.Context, reason *string) (strikegraph.Author, error) {
	a := author(ctx)
	if reason == nil {
		return a, nil
	}
	if strings.TrimSpace(*reason) == "" || len(*reason) > strikegraph.MaxReason {
		return a, strikegraph.Invalidf("reason", "leave it out, or say why in at most %d bytes", strikegraph.MaxReason)
	}
	a.Reason = *reason
	return a, nil
}

// requiredReason checks the reason a retraction must give.
func requiredReason(reason string) error {
	if strings.TrimSpace(reason) == "" || len(reason) > strikegraph.MaxReason {
		return strikegraph.Invalidf("reason", "say why, in at most %d bytes", strikegraph.MaxReason)
	}
	return nil
}
