package resolvers

import (
	"context"
	"slices"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/strikegraph/strikegraph"
	"github.com/strikegraph/strikegraph/graph"
	"github.com/strikegraph/strikegraph/loaders"
)

func (r *queryResolver) Claim(ctx context.Context, id string, asOf *string) (*strikegraph.Claim, error) {
	t, err := asOfTime(asOf)
	if err != nil {
		return nil, err
	}
	c, err := r.Store.FindClaimByID(ctx, id)
	if strikegraph.ErrorCode(err) == strikegraph.ECodeNotFound {
		return nil, nil
	}
	if err != nil || t == nil {
		return c, err
	}
	was, err := claimsAsOf(ctx, []*strikegraph.Claim{c}, *t, "")
	if err != nil || len(was) == 0 {
		return nil, err
	}
	return was[0], nil
}

func (r *queryResolver) Claims(ctx context.Context, where *strikegraph.ClaimWhere, sort []*strikegraph.ClaimSort, limit *int, offset *int, asOf *string) ([]*strikegraph.Claim, error) {
	t, err := asOfTime(asOf)
	if err != nil {
		return nil, err
	}
	s, err := r.claims(ctx, where, nil, sort, listPage(limit, offset), false, t)
	return s.Items, err
}

func (r *queryResolver) ClaimsConnection(ctx context.Context, where *strikegraph.ClaimWhere, sort []*strikegraph.ClaimSort, first *int, after *string, last *int, before *string, asOf *string) (*graph.ClaimsConnection, error) {
	t, err := asOfTime(asOf)
	if err != nil {
		return nil, err
	}
	return r.claimsConnection(ctx, where, nil, sort, connectionPage(first, after, last, before), t)
}

// asOfTime reads an asOf argument; nil when none was given.
func asOfTime(asOf *string) (*time.Time, error) {
	if asOf == nil {
		return nil, nil
	}
	t, err := strikegraph.AsOfTime("asOf", *asOf)
	return &t, err
}

// claimsConnection pages the claims where selects, narrowed by also (the
// incident, speaker or article a nested field belongs to) when not nil, as
// they stood at asOf when not nil.
func (r *Resolver) claimsConnection(ctx context.Context, where, also *strikegraph.ClaimWhere, sort []*strikegraph.ClaimSort, p page, asOf *time.Time) (*graph.ClaimsConnection, error) {
	s, err := r.claims(ctx, where, also, sort, p, true, asOf)
	if err != nil {
		return nil, err
	}
	return &graph.ClaimsConnection{Edges: edges(s, func(cursor string, n *strikegraph.Claim) *graph.ClaimEdge {
		return &graph.ClaimEdge{Cursor: cursor, Node: n}
	}), PageInfo: pageInfo(s), TotalCount: s.Total}, nil
}

// claims finds a page of claims. At asOf, storage selects those recorded
// by then (asOf is the end of a day), and each is shown as it then stood:
// where and sort read the claims as they stand now.
func (r *Resolver) claims(ctx context.Context, where, also *strikegraph.ClaimWhere, sort []*strikegraph.ClaimSort, p page, connection bool, asOf *time.Time) (strikegraph.Slice[strikegraph.Claim], error) {
	if also != nil && where != nil {
		also.AND = []*strikegraph.ClaimWhere{where}
	}
	if also == nil {
		also = where
	}
	if asOf != nil {
		recorded := &strikegraph.ClaimWhere{RecordedAtLTE: ptr(asOf.AddDate(0, 0, -1).Format(time.DateOnly))}
		if also != nil {
			recorded.AND = []*strikegraph.ClaimWhere{also}
		}
		also = recorded
	}
	s, err := find(ctx, also, sort, p, connection, r.Store.FindClaims)
	if err != nil || asOf == nil {
		return s, err
	}
	s.Items, err = claimsAsOf(ctx, s.Items, *asOf, "")
	return s, err
}

// claimsAsOf are claims as they stood at t, those recorded by then, reading
// the revisions of all of them in one statement. With incident given, only
// those then about it: a claim moved onto it by a later merge was not.
func claimsAsOf(ctx context.Context, claims []*strikegraph.Claim, t time.Time, incident string) ([]*strikegraph.Claim, error) {
	was, err := loaders.ClaimsAsOf(ctx, claims, t)
	if err != nil || incident == "" {
		return was, err
	}
	return slices.DeleteFunc(was, func(c *strikegraph.Claim) bool { return c.IncidentID != incident }), nil
}

type claimResolver struct{ *Resolver }

func (r *claimResolver) Speaker(ctx context.Context, c *strikegraph.Claim) (*strikegraph.Actor, error) {
	return selected[strikegraph.Actor](ctx, c.SpeakerID)
}

func (r *claimResolver) OnBehalfOf(ctx context.Context, c *strikegraph.Claim) (*strikegraph.Actor, error) {
	if c.OnBehalfOfID == "" {
		return nil, nil
	}
	return selected[strikegraph.Actor](ctx, c.OnBehalfOfID)
}

func (r *claimResolver) Incident(ctx context.Context, c *strikegraph.Claim) (*strikegraph.Incident, error) {
	return selected[strikegraph.Incident](ctx, c.IncidentID)
}

func (r *claimResolver) Article(ctx context.Context, c *strikegraph.Claim) (*strikegraph.Article, error) {
	return selected[strikegraph.Article](ctx, c.ArticleID)
}

func (r *claimResolver) Via(ctx context.Context, c *strikegraph.Claim) ([]*strikegraph.Actor, error) {
	return entitiesAs[strikegraph.Actor](ctx, c.ViaIDs)
}

// Updates is read by id: few claims update another.
func (r *claimResolver) Updates(ctx context.Context, c *strikegraph.Claim) (*strikegraph.Claim, error) {
	if c.UpdatesID == "" {
		return nil, nil
	}
	return r.Store.FindClaimByID(ctx, c.UpdatesID)
}

func (r *claimResolver) UpdatedBy(ctx context.Context, c *strikegraph.Claim) ([]*strikegraph.Claim, error) {
	return loaders.List(ctx, loaders.For(ctx).UpdatedBy, c.ID)
}

func (r *claimResolver) Places(ctx context.Context, c *strikegraph.Claim) ([]*strikegraph.Place, error) {
	return entitiesAs[strikegraph.Place](ctx, c.PlaceIDs)
}

// ofStance narrows where to the claims of one stance, when one is given,
// so that storage reads no others.
func ofStance(where *strikegraph.ClaimWhere, stance *strikegraph.Stance) *strikegraph.ClaimWhere {
	if stance == nil {
		return where
	}
	w := &strikegraph.ClaimWhere{StanceIn: []strikegraph.Stance{*stance}}
	if where != nil {
		w.AND = []*strikegraph.ClaimWhere{where}
	}
	return w
}

// claimEnds are the fields selected under the list of claims being
// resolved, and the entities they name with their fields selected, which
// storage can read with the claims.
func claimEnds(ctx context.Context) strikegraph.ClaimEnds {
	return claimEndsUnder(ctx, graphql.GetFieldContext(ctx).Field.Selections)
}

// claimEndsUnder are the claim ends a selection set of claims asks for.
func claimEndsUnder(ctx context.Context, sel ast.SelectionSet) strikegraph.ClaimEnds {
	var ends strikegraph.ClaimEnds
	var own []string
	for _, f := range graphql.CollectFields(graphql.GetOperationContext(ctx), sel, nil) {
		if f.Name != "figures" {
			own = append(own, f.Name)
		}
		switch f.Name {
		case "figures":
			// Only the figures selected are read.
			for _, g := range graphql.CollectFields(graphql.GetOperationContext(ctx), f.Selections, nil) {
				own = append(own, "figures."+g.Name)
			}
		case "speaker":
			ends.Speaker = ends.Speaker.Or(fieldsUnder(ctx, f.Selections))
		case "incident":
			ends.Incident = ends.Incident.Or(fieldsUnder(ctx, f.Selections))
		case "article":
			ends.Article = ends.Article.Or(fieldsUnder(ctx, f.Selections))
			for _, g := range graphql.CollectFields(graphql.GetOperationContext(ctx), f.Selections, nil) {
				if g.Name == "publisher" {
					ends.Publisher = ends.Publisher.Or(fieldsUnder(ctx, g.Selections))
				}
			}
		case "onBehalfOf":
			ends.OnBehalfOf = ends.OnBehalfOf.Or(fieldsUnder(ctx, f.Selections))
		}
	}
	ends.Own = strikegraph.FieldsNamed(own...)
	return ends
}

// withClaims reads the claims selected under the entity being resolved with
// the entity itself, in one statement sent at once, when they are selected
// with no argument but a stance: the nested field then finds them loaded,
// and the entity too. An error is the nested field's to report.
func withClaims(ctx context.Context, of strikegraph.ClaimsOf, id string) {
	for _, f := range graphql.CollectFieldsCtx(ctx, nil) {
		if f.Name != "claims" {
			continue
		}
		stance, ok := onlyStance(f.ArgumentMap(graphql.GetOperationContext(ctx).Variables))
		if !ok {
			continue
		}
		ends := claimEndsUnder(ctx, f.Selections)
		ends.Of = strikegraph.AllFields
		fc := graphql.GetFieldContext(ctx)
		if loaders.ClaimsNow(ctx, of, id, ofStance(nil, stance), ends) && inMemory(fc.Field.Selections, fc.Field.Definition.Type.Name(), claimsReadAhead) {
			loaders.ReadAhead(ctx, fc)
		}
		return
	}
}

// claimsReadAhead is what withClaims reads: the claims and their ends.
var claimsReadAhead = readAhead{"claims": {
	"speaker": nil, "onBehalfOf": nil, "incident": nil, "article": {"publisher": nil},
}}

// onlyStance is the stance among args, when no other argument is given.
func onlyStance(args map[string]any) (*strikegraph.Stance, bool) {
	var stance *strikegraph.Stance
	for name, v := range args {
		switch s, ok := v.(string); {
		case v == nil, name == "includeSubordinates" && v == false: // the default: the actor's own
		case name == "stance" && ok:
			stance = ptr(strikegraph.Stance(s))
		default:
			return nil, false
		}
	}
	return stance, true
}
