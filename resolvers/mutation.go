package resolvers

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/strikegraph/strikegraph"
	"github.com/strikegraph/strikegraph/auth"
	"github.com/strikegraph/strikegraph/graph"
)

// Each mutation checks the caller's role, turns its input into a one-item
// document, and has the store write it in one transaction: the same checks
// and the same write as an imported document. Field paths in errors are the
// input's ("input.date.value"), not the document's.

type mutationResolver struct{ *Resolver }

func (r *Resolver) Mutation() graph.MutationResolver { return &mutationResolver{r} }

func (r *mutationResolver) CreateIncident(ctx context.Context, in graph.IncidentInput, allowDuplicate *bool) (*graph.IncidentPayload, error) {
	inc := strikegraph.Incident{ID: val(in.ID), Name: in.Name, Aliases: in.Aliases, Scope: in.Scope, Date: date(in.Date),
		Target: val(in.Target), Description: val(in.Description)}
	if in.Until != nil {
		inc.Until = ptr(date(in.Until))
	}
	if inc.ID == "" {
		inc.ID = strikegraph.IncidentID(inc.Name, inc.Date)
	}
	if !*allowDuplicate {
		names, fields := nameFields("input", inc.Name, inc.Aliases)
		if err := r.namesakes(ctx, strikegraph.TypeIncident, inc.ID, names, fields); err != nil {
			return nil, err
		}
	}
	out, err := r.create(ctx, &strikegraph.Document{Incidents: []strikegraph.Incident{inc}}, "incidents[0]")
	if err != nil {
		return nil, err
	}
	e, err := found[strikegraph.Incident](ctx, r, inc.ID)
	return &graph.IncidentPayload{Incident: e, Outcome: out}, err
}

func (r *mutationResolver) UpdateIncident(ctx context.Context, id string, in graph.IncidentUpdate, reason *string) (*graph.IncidentPayload, error) {
	out, err := r.update(ctx, id, func(e strikegraph.Entity) (*strikegraph.Document, error) {
		inc, ok := e.(*strikegraph.Incident)
		if !ok {
			return nil, strikegraph.Invalidf("id", "%q is not an incident", id)
		}
		set(&inc.Name, in.Name)
		set(&inc.Scope, in.Scope)
		set(&inc.Target, in.Target)
		set(&inc.Description, in.Description)
		if in.Aliases != nil {
			inc.Aliases = in.Aliases
		}
		if in.Date != nil {
			inc.Date = date(in.Date)
		}
		if in.Until != nil {
			inc.Until = ptr(date(in.Until))
		}
		return &strikegraph.Document{Incidents: []strikegraph.Incident{*inc}}, nil
	}, reason, "incidents[0]")
	if err != nil {
		return nil, err
	}
	e, err := found[strikegraph.Incident](ctx, r, id)
	return &graph.IncidentPayload{Incident: e, Outcome: out}, err
}

func (r *mutationResolver) CreatePlace(ctx context.Context, in graph.PlaceInput, allowDuplicate *bool) (*graph.PlacePayload, error) {
	p := strikegraph.Place{ID: val(in.ID), Name: in.Name, Aliases: in.Aliases, Kind: in.Kind, Latitude: in.Latitude, Longitude: in.Longitude,
		GeoSource: val(in.GeoSource), Description: val(in.Description)}
	set(&p.GeoPrecision, in.GeoPrecision)
	if p.ID == "" {
		p.ID = strikegraph.PlaceID(p.Name)
	}
	if !*allowDuplicate {
		names, fields := nameFields("input", p.Name, p.Aliases)
		if err := r.namesakes(ctx, strikegraph.TypePlace, p.ID, names, fields); err != nil {
			return nil, err
		}
	}
	out, err := r.create(ctx, &strikegraph.Document{Places: []strikegraph.Place{p}}, "places[0]")
	if err != nil {
		return nil, err
	}
	e, err := found[strikegraph.Place](ctx, r, p.ID)
	return &graph.PlacePayload{Place: e, Outcome: out}, err
}

func (r *mutationResolver) UpdatePlace(ctx context.Context, id string, in graph.PlaceUpdate, reason *string) (*graph.PlacePayload, error) {
	out, err := r.update(ctx, id, func(e strikegraph.Entity) (*strikegraph.Document, error) {
		p, ok := e.(*strikegraph.Place)
		if !ok {
			return nil, strikegraph.Invalidf("id", "%q is not a place", id)
		}
		set(&p.Name, in.Name)
		set(&p.Kind, in.Kind)
		set(&p.GeoPrecision, in.GeoPrecision)
		set(&p.GeoSource, in.GeoSource)
		set(&p.Description, in.Description)
		if in.Aliases != nil {
			p.Aliases = in.Aliases
		}
		if in.Latitude != nil || in.Longitude != nil {
			p.Latitude, p.Longitude = in.Latitude, in.Longitude
		}
		return &strikegraph.Document{Places: []strikegraph.Place{*p}}, nil
	}, reason, "places[0]")
	if err != nil {
		return nil, err
	}
	e, err := found[strikegraph.Place](ctx, r, id)
	return &graph.PlacePayload{Place: e, Outcome: out}, err
}

func (r *mutationResolver) CreateActor(ctx context.Context, in graph.ActorInput, allowDuplicate *bool) (*graph.ActorPayload, error) {
	a := strikegraph.Actor{ID: val(in.ID), Kind: in.Kind, Name: in.Name, Aliases: in.Aliases, Description: val(in.Description)}
	set(&a.Anonymous, in.Anonymous)
	if a.ID == "" {
		a.ID = strikegraph.ActorID(a.Kind, a.Name)
	}
	if !*allowDuplicate && !a.Anonymous {
		names, fields := nameFields("input", a.Name, a.Aliases)
		if err := r.namesakes(ctx, strikegraph.TypeActor, a.ID, names, fields); err != nil {
			return nil, err
		}
	}
	out, err := r.create(ctx, &strikegraph.Document{Actors: []strikegraph.Actor{a}}, "actors[0]")
	if err != nil {
		return nil, err
	}
	e, err := found[strikegraph.Actor](ctx, r, a.ID)
	return &graph.ActorPayload{Actor: e, Outcome: out}, err
}

func (r *mutationResolver) UpdateActor(ctx context.Context, id string, in graph.ActorUpdate, reason *string) (*graph.ActorPayload, error) {
	out, err := r.update(ctx, id, func(e strikegraph.Entity) (*strikegraph.Document, error) {
		a, ok := e.(*strikegraph.Actor)
		if !ok {
			return nil, strikegraph.Invalidf("id", "%q is not an actor", id)
		}
		set(&a.Name, in.Name)
		set(&a.Description, in.Description)
		set(&a.Anonymous, in.Anonymous)
		if in.Aliases != nil {
			a.Aliases = in.Aliases
		}
		return &strikegraph.Document{Actors: []strikegraph.Actor{*a}}, nil
	}, reason, "actors[0]")
	if err != nil {
		return nil, err
	}
	e, err := found[strikegraph.Actor](ctx, r, id)
	return &graph.ActorPayload{Actor: e, Outcome: out}, err
}

func (r *mutationResolver) AddAliases(ctx context.Context, id string, aliases []string, allowDuplicate *bool, reason *string) (*graph.EntityPayload, error) {
	add := func(name string, have []string) []string {
		for _, a := range aliases {
			if a != name && !contains(have, a) {
				have = append(have, a)
			}
		}
		return have
	}
	out, err := r.update(ctx, id, func(e strikegraph.Entity) (*strikegraph.Document, error) {
		if t, ok := entityType(e); ok && !*allowDuplicate {
			fields := make([]string, len(aliases))
			for i := range aliases {
				fields[i] = fmt.Sprintf("aliases[%d]", i)
			}
			if err := r.namesakes(ctx, t, id, aliases, fields); err != nil {
				return nil, err
			}
		}
		switch e := e.(type) {
		case *strikegraph.Incident:
			e.Aliases = add(e.Name, e.Aliases)
			return &strikegraph.Document{Incidents: []strikegraph.Incident{*e}}, nil
		case *strikegraph.Place:
			e.Aliases = add(e.Name, e.Aliases)
			return &strikegraph.Document{Places: []strikegraph.Place{*e}}, nil
		case *strikegraph.Actor:
			e.Aliases = add(e.Name, e.Aliases)
			return &strikegraph.Document{Actors: []strikegraph.Actor{*e}}, nil
		}
		return nil, strikegraph.Invalidf("id", "an article has no aliases")
	}, reason, "", "incidents[0]", "places[0]", "actors[0]")
	if err != nil {
		return nil, err
	}
	e, err := found[strikegraph.Entity](ctx, r, id)
	if err != nil {
		return nil, err
	}
	return &graph.EntityPayload{Entity: *e, Outcome: out}, nil
}

func (r *mutationResolver) CreateArticle(ctx context.Context, in graph.ArticleInput) (*graph.ArticlePayload, error) {
	a := strikegraph.Article{ID: val(in.ID), Title: in.Title, Text: in.Text, PublisherID: val(in.Publisher), Byline: val(in.Byline),
		Dateline: val(in.Dateline), URL: val(in.URL), Published: date(in.Published), Description: val(in.Description)}
	if a.ID == "" {
		a.ID = strikegraph.ArticleID(a.Text)
	}
	out, err := r.create(ctx, &strikegraph.Document{Articles: []strikegraph.Article{a}}, "articles[0]")
	if err != nil {
		return nil, err
	}
	e, err := found[strikegraph.Article](ctx, r, a.ID)
	return &graph.ArticlePayload{Article: e, Outcome: out}, err
}

func (r *mutationResolver) AddRelation(ctx context.Context, in graph.RelationInput, allowDuplicate *bool) (*graph.RelationPayload, error) {
	rel := strikegraph.Relation{Type: in.Type, From: in.From, To: in.To, Article: val(in.Article), Quote: val(in.Quote),
		Role: val(in.Role), DistanceKm: in.DistanceKm, Note: val(in.Note)}
	if !*allowDuplicate {
		if err := r.sameDayAndPlace(ctx, rel); err != nil {
			return nil, err
		}
	}
	out, err := r.create(ctx, &strikegraph.Document{Relations: []strikegraph.Relation{rel}}, "relations[0]")
	if err != nil {
		return nil, err
	}
	links, err := r.Store.FindLinksByIDs(ctx, []string{rel.From})
	if err != nil {
		return nil, err
	}
	for _, l := range links[rel.From] {
		if l.Type == rel.Type && l.Direction == strikegraph.DirectionOut && l.OtherID == rel.To {
			return &graph.RelationPayload{Link: &l, Outcome: out}, nil
		}
	}
	return nil, strikegraph.NotFoundf("the relation was written but is not found")
}

func (r *mutationResolver) RecordReport(ctx context.Context, in graph.ReportInput) (*graph.ClaimPayload, error) {
	c := claim(strikegraph.StanceReported, in.ID, in.Speaker, in.OnBehalfOf, in.Incident, in.Article, in.Quote, in.Direct, in.StatedOn, in.Via, in.Places, in.Note, in.Updates)
	if in.Figures != nil {
		c.Figures = figures(in.Figures)
	}
	return r.record(ctx, c)
}

func (r *mutationResolver) RecordDenial(ctx context.Context, in graph.DenialInput) (*graph.ClaimPayload, error) {
	c := claim(strikegraph.StanceDenied, in.ID, in.Speaker, in.OnBehalfOf, in.Incident, in.Article, in.Quote, in.Direct, in.StatedOn, in.Via, in.Places, in.Note, in.Updates)
	c.Denies = in.Denies
	return r.record(ctx, c)
}

func (r *mutationResolver) RecordResponse(ctx context.Context, in graph.ResponseInput) (*graph.ClaimPayload, error) {
	c := claim(strikegraph.StanceResponded, in.ID, in.Speaker, in.OnBehalfOf, in.Incident, in.Article, in.Quote, in.Direct, in.StatedOn, in.Via, in.Places, in.Note, in.Updates)
	c.Response = in.Response
	return r.record(ctx, c)
}

func (r *mutationResolver) RetractClaim(ctx context.Context, id string, reason string) (*graph.ClaimPayload, error) {
	a, err := author(ctx, auth.RoleAdmin)
	if err != nil {
		return nil, err
	}
	if err := requiredReason(reason); err != nil {
		return nil, err
	}
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
	a, err := author(ctx, auth.RoleAdmin)
	if err != nil {
		return nil, err
	}
	return r.Store.MergeEntities(ctx, kept, merged, reason, a)
}

func (r *mutationResolver) UpdateClaim(ctx context.Context, id string, in graph.ClaimUpdate, reason *string) (*graph.ClaimPayload, error) {
	a, err := author(ctx, auth.RoleEditor)
	if err != nil {
		return nil, err
	}
	if a.Reason, err = optionalReason(reason); err != nil {
		return nil, err
	}
	c, out, err := r.Store.UpdateClaim(ctx, id, func(c *strikegraph.Claim) error {
		// A field the claim's stance cannot hold is refused, not dropped.
		switch {
		case in.Figures != nil && c.Stance != strikegraph.StanceReported:
			return strikegraph.Invalidf("input.figures", "only a REPORTED claim has figures; this one is %s", c.Stance)
		case in.Denies != nil && c.Stance != strikegraph.StanceDenied:
			return strikegraph.Invalidf("input.denies", "only a DENIED claim says what it denies; this one is %s", c.Stance)
		case in.Response != nil && c.Stance != strikegraph.StanceResponded:
			return strikegraph.Invalidf("input.response", "only a RESPONDED claim has a response; this one is %s", c.Stance)
		}
		set(&c.Quote, in.Quote)
		set(&c.Direct, in.Direct)
		set(&c.OnBehalfOfID, in.OnBehalfOf)
		set(&c.Note, in.Note)
		set(&c.UpdatesID, in.Updates)
		set(&c.Denies, in.Denies)
		set(&c.Response, in.Response)
		if in.StatedOn != nil {
			c.StatedOn = date(in.StatedOn)
		}
		if in.Via != nil {
			c.ViaIDs = in.Via
		}
		if in.Places != nil {
			c.PlaceIDs = in.Places
		}
		if in.Figures != nil {
			c.Figures = figures(in.Figures)
		}
		return nil
	}, a)
	if err != nil {
		err = inputError(err, "claims[0]")
		// The article is the claim's own, not input: what fails to stand in
		// it is the quote.
		if e, ok := err.(*strikegraph.Error); ok && e.Field == "input.article" {
			moved := *e
			moved.Field = "input.quote"
			err = &moved
		}
		return nil, err
	}
	return &graph.ClaimPayload{Claim: c, Outcome: out}, nil
}

func (r *mutationResolver) UpdateArticle(ctx context.Context, id string, in graph.ArticleUpdate, reason *string) (*graph.ArticlePayload, error) {
	a, err := author(ctx, auth.RoleEditor)
	if err != nil {
		return nil, err
	}
	if a.Reason, err = optionalReason(reason); err != nil {
		return nil, err
	}
	out, err := r.Store.UpdateArticle(ctx, id, func(ar *strikegraph.Article) error {
		set(&ar.Title, in.Title)
		set(&ar.Text, in.Text)
		set(&ar.Byline, in.Byline)
		set(&ar.Dateline, in.Dateline)
		set(&ar.URL, in.URL)
		set(&ar.Description, in.Description)
		if in.Published != nil {
			ar.Published = date(in.Published)
		}
		return nil
	}, a)
	if err != nil {
		return nil, inputError(err, "articles[0]")
	}
	e, err := found[strikegraph.Article](ctx, r, id)
	return &graph.ArticlePayload{Article: e, Outcome: out}, err
}

func (r *mutationResolver) RetractRelation(ctx context.Context, t strikegraph.RelationType, from string, to string, reason string) (*strikegraph.Revision, error) {
	a, err := author(ctx, auth.RoleAdmin)
	if err != nil {
		return nil, err
	}
	if err := requiredReason(reason); err != nil {
		return nil, err
	}
	a.Reason = reason
	return r.Store.RetractRelation(ctx, t, from, to, a)
}

// requiredReason checks the reason a retraction must give.
func requiredReason(reason string) error {
	if strings.TrimSpace(reason) == "" || len(reason) > strikegraph.MaxReason {
		return strikegraph.Invalidf("reason", "say why, in at most %d bytes", strikegraph.MaxReason)
	}
	return nil
}

// optionalReason is the reason an update may give: none, or some words.
func optionalReason(reason *string) (string, error) {
	if reason == nil {
		return "", nil
	}
	if strings.TrimSpace(*reason) == "" || len(*reason) > strikegraph.MaxReason {
		return "", strikegraph.Invalidf("reason", "leave it out, or say why in at most %d bytes", strikegraph.MaxReason)
	}
	return *reason, nil
}

// create writes doc, which defines one item at field, refusing to overwrite
// anything that says otherwise.
func (r *mutationResolver) create(ctx context.Context, doc *strikegraph.Document, field string) (strikegraph.Outcome, error) {
	a, err := author(ctx, auth.RoleEditor)
	if err != nil {
		return "", err
	}
	changes, err := r.Store.WriteDocument(ctx, doc, strikegraph.CreateOnly, a)
	return changes.Outcome(), inputError(err, field)
}

// update writes what edit makes of the entity id.
func (r *mutationResolver) update(ctx context.Context, id string, edit func(strikegraph.Entity) (*strikegraph.Document, error), reason *string, fields ...string) (strikegraph.Outcome, error) {
	a, err := author(ctx, auth.RoleEditor)
	if err != nil {
		return "", err
	}
	if a.Reason, err = optionalReason(reason); err != nil {
		return "", err
	}
	changes, err := r.Store.UpdateEntity(ctx, id, edit, a)
	return changes.Outcome(), inputError(err, fields...)
}

func (r *mutationResolver) record(ctx context.Context, c strikegraph.Claim) (*graph.ClaimPayload, error) {
	if c.ID == "" {
		c.ID = strikegraph.ClaimID(&c)
	}
	out, err := r.create(ctx, &strikegraph.Document{Claims: []strikegraph.Claim{c}}, "claims[0]")
	if err != nil {
		return nil, err
	}
	saved, err := r.Store.FindClaimByID(ctx, c.ID)
	return &graph.ClaimPayload{Claim: saved, Outcome: out}, err
}

// author is who the caller is, if it has the role, and now.
func author(ctx context.Context, role auth.Role) (strikegraph.Author, error) {
	if err := auth.Require(ctx, role); err != nil {
		return strikegraph.Author{}, err
	}
	p, _ := auth.FromContext(ctx)
	return strikegraph.Author{By: p.Name, At: time.Now().UTC()}, nil
}

// inputError renames the document's field paths in err ("incidents[0].date")
// to the input's ("input.date").
func inputError(err error, prefixes ...string) error {
	e, ok := err.(*strikegraph.Error)
	if !ok || e.Field == "" {
		return err
	}
	for _, p := range prefixes {
		if p == "" {
			continue
		}
		if e.Field == p || strings.HasPrefix(e.Field, p+".") {
			out := *e
			out.Field = "input" + strings.TrimPrefix(e.Field, p)
			return &out
		}
	}
	return err
}

// found reads back what a mutation wrote.
func found[T any](ctx context.Context, r *mutationResolver, id string) (*T, error) {
	es, err := r.Store.FindEntitiesByIDs(ctx, []string{id})
	if err != nil {
		return nil, err
	}
	e, ok := es[id]
	if !ok {
		return nil, strikegraph.NotFoundf("no entity %q", id)
	}
	if t, ok := any(e).(*T); ok {
		return t, nil
	}
	if t, ok := any(&e).(*T); ok {
		return t, nil
	}
	return nil, strikegraph.NotFoundf("%q is of another kind", id)
}

func claim(stance strikegraph.Stance, id *string, speaker string, onBehalfOf *string, incident, article, quote string, direct *bool,
	statedOn *graph.DateInput, via, places []string, note, updates *string) strikegraph.Claim {
	c := strikegraph.Claim{ID: val(id), Stance: stance, SpeakerID: speaker, OnBehalfOfID: val(onBehalfOf), IncidentID: incident,
		ArticleID: article, Quote: quote, StatedOn: date(statedOn), ViaIDs: via, PlaceIDs: places, Note: val(note), UpdatesID: val(updates)}
	set(&c.Direct, direct)
	return c
}

func date(d *graph.DateInput) strikegraph.Date {
	return strikegraph.Date{Value: val(d.Value), Precision: d.Precision, Text: val(d.Text), Note: val(d.Note)}
}

func figures(f *graph.FiguresInput) strikegraph.Figures {
	return strikegraph.Figures{CiviliansKilled: figure(f.CiviliansKilled), ChildrenKilled: figure(f.ChildrenKilled),
		WomenKilled: figure(f.WomenKilled), Injured: figure(f.Injured), CombatantsKilled: figure(f.CombatantsKilled), Killed: figure(f.Killed)}
}

func figure(f *graph.FigureInput) *strikegraph.Figure {
	if f == nil {
		return nil
	}
	out := &strikegraph.Figure{Min: f.Min, Max: f.Max, Text: f.Text}
	set(&out.Approximate, f.Approximate)
	return out
}

// val is *p, or the zero value.
func val[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}

// set sets *dst to *src when src is given.
func set[T any](dst *T, src *T) {
	if src != nil {
		*dst = *src
	}
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
