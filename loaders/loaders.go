// Package loaders batches the lookups of one GraphQL request: every nested
// field that needs the same kind of data waits a moment, then all of them are
// fetched in one Cypher round trip. Loaders are built per request, so nothing
// is cached across requests or users.
package loaders

import (
	"context"
	"errors"
	"net/http"
	"time"

	"github.com/vikstrous/dataloadgen"

	"github.com/strikegraph/strikegraph"
)

// Store is what the loaders fetch from.
type Store interface {
	strikegraph.EntityService
	strikegraph.ClaimService
	strikegraph.PlaceService
}

// Loaders are one request's batch loaders, keyed by entity id.
type Loaders struct {
	Entity             *dataloadgen.Loader[string, strikegraph.Entity]
	Links              *dataloadgen.Loader[string, []strikegraph.Link]
	ClaimsByIncident   *dataloadgen.Loader[string, []*strikegraph.Claim]
	ClaimsByActor      *dataloadgen.Loader[string, []*strikegraph.Claim]
	ClaimsByArticle    *dataloadgen.Loader[string, []*strikegraph.Claim]
	IncidentsNearPlace *dataloadgen.Loader[string, []strikegraph.IncidentNearPlace]
}

// DefaultWait is how long a loader gathers keys before it fetches: long enough
// for the resolvers of one level to ask, short against a round trip.
const DefaultWait = 2 * time.Millisecond

// New builds a request's loaders, each waiting wait for keys to batch.
func New(s Store, wait time.Duration) *Loaders {
	opt := dataloadgen.WithWait(wait)
	return &Loaders{
		Entity:             dataloadgen.NewMappedLoader(s.FindEntitiesByIDs, opt),
		Links:              dataloadgen.NewMappedLoader(s.FindLinksByIDs, opt),
		ClaimsByIncident:   dataloadgen.NewMappedLoader(s.FindClaimsByIncidentIDs, opt),
		ClaimsByActor:      dataloadgen.NewMappedLoader(s.FindClaimsByActorIDs, opt),
		ClaimsByArticle:    dataloadgen.NewMappedLoader(s.FindClaimsByArticleIDs, opt),
		IncidentsNearPlace: dataloadgen.NewMappedLoader(s.FindIncidentsNearPlaceIDs, opt),
	}
}

type ctxKey struct{}

// Middleware gives each request its own loaders.
func Middleware(s Store, wait time.Duration, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), ctxKey{}, New(s, wait))))
	})
}

// For returns the loaders of the request in ctx.
func For(ctx context.Context) *Loaders {
	return ctx.Value(ctxKey{}).(*Loaders)
}

// List loads a list-valued key; a key with nothing stored is an empty list.
func List[V any](ctx context.Context, l *dataloadgen.Loader[string, []V], id string) ([]V, error) {
	v, err := l.Load(ctx, id)
	if errors.Is(err, dataloadgen.ErrNotFound) {
		return []V{}, nil
	}
	return v, err
}

// Entity loads one entity; a missing one is a NOT_FOUND error.
func Entity(ctx context.Context, id string) (strikegraph.Entity, error) {
	e, err := For(ctx).Entity.Load(ctx, id)
	if errors.Is(err, dataloadgen.ErrNotFound) {
		return nil, strikegraph.NotFoundf("no entity %q", id)
	}
	return e, err
}

// Entities loads several entities, in the order of ids.
func Entities(ctx context.Context, ids []string) ([]strikegraph.Entity, error) {
	es, err := For(ctx).Entity.LoadAll(ctx, ids)
	if err != nil {
		var errs dataloadgen.ErrorSlice
		if errors.As(err, &errs) {
			for _, e := range errs {
				if errors.Is(e, dataloadgen.ErrNotFound) {
					return nil, strikegraph.NotFoundf("a linked entity is missing")
				}
			}
		}
		return nil, err
	}
	return es, nil
}
