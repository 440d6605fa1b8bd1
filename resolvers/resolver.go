// Package resolvers is the thin glue between the GraphQL executor (graph) and
// the domain services: each resolver calls one service method or one loader.
package resolvers

import (
	"github.com/strikegraph/strikegraph"
	"github.com/strikegraph/strikegraph/feed"
	"github.com/strikegraph/strikegraph/graph"
	"github.com/strikegraph/strikegraph/loaders"
)

// Store is every service the resolvers and the HTTP routes call.
type Store interface {
	strikegraph.ServerService
	strikegraph.EntityService
	strikegraph.IncidentService
	strikegraph.PlaceService
	strikegraph.ActorService
	strikegraph.ArticleService
	strikegraph.ClaimService
	strikegraph.PathService
	strikegraph.NetworkService
	strikegraph.TimelineService
	strikegraph.TotalsService
	strikegraph.WriteService
	strikegraph.DocumentService
	strikegraph.ACLEDService
	strikegraph.DuplicateService
	strikegraph.FeedService
	strikegraph.RevisionService
}

var _ loaders.Store = Store(nil)

// Resolver is the root of the resolvers; it holds the services they call,
// and the change feed that subscriptions follow.
type Resolver struct {
	Store Store
	Feed  *feed.Feed
}

// New returns the resolvers over store, whose subscriptions follow f.
func New(store Store, f *feed.Feed) *Resolver { return &Resolver{Store: store, Feed: f} }

func (r *Resolver) Query() graph.QueryResolver       { return &queryResolver{r} }
func (r *Resolver) Incident() graph.IncidentResolver { return &incidentResolver{r} }
func (r *Resolver) Place() graph.PlaceResolver       { return &placeResolver{r} }
func (r *Resolver) Actor() graph.ActorResolver       { return &actorResolver{r} }
func (r *Resolver) Article() graph.ArticleResolver   { return &articleResolver{r} }
func (r *Resolver) Claim() graph.ClaimResolver       { return &claimResolver{r} }
func (r *Resolver) Link() graph.LinkResolver         { return &linkResolver{r} }
func (r *Resolver) Path() graph.PathResolver         { return &pathResolver{r} }
func (r *Resolver) PathEdge() graph.PathEdgeResolver { return &pathEdgeResolver{r} }
func (r *Resolver) ReporterTotal() graph.ReporterTotalResolver {
	return &reporterTotalResolver{r}
}
func (r *Resolver) BelligerentTotal() graph.BelligerentTotalResolver {
	return &belligerentTotalResolver{r}
}
func (r *Resolver) PlaceToll() graph.PlaceTollResolver     { return &placeTollResolver{r} }
func (r *Resolver) DerivedToll() graph.DerivedTollResolver { return &derivedTollResolver{r} }
func (r *Resolver) SourceChain() graph.SourceChainResolver { return &sourceChainResolver{r} }
func (r *Resolver) IncidentDistance() graph.IncidentDistanceResolver {
	return &incidentDistanceResolver{r}
}
func (r *Resolver) IncidentNearPlace() graph.IncidentNearPlaceResolver {
	return &incidentNearPlaceResolver{r}
}

type queryResolver struct{ *Resolver }
