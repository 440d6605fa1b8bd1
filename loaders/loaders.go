// Package loaders batches the lookups of one GraphQL request: every nested
// field that needs the same kind of data waits a moment, then all of them are
// fetched in one Cypher round trip. A nested list with arguments (a where)
// has a loader of its own for each field and arguments, so a level of the
// query is one statement however many parents it has. Loaders are built per
// request, so nothing is cached across requests or users.
package loaders

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/vikstrous/dataloadgen"
	"go.opentelemetry.io/otel/trace"

	"github.com/strikegraph/strikegraph"
)

// Store is what the loaders fetch from.
type Store interface {
	strikegraph.EntityService
	strikegraph.IncidentService
	strikegraph.ActorService
	strikegraph.ArticleService
	strikegraph.ClaimService
	strikegraph.PlaceService
	strikegraph.RevisionService
}

// Loaders are one request's batch loaders, keyed by entity id.
type Loaders struct {
	Entity             *dataloadgen.Loader[string, strikegraph.Entity]
	Links              *dataloadgen.Loader[string, []strikegraph.Link]
	IncidentsNearPlace *dataloadgen.Loader[string, []strikegraph.IncidentNearPlace]
	History            *dataloadgen.Loader[string, []*strikegraph.Revision]
	UpdatedBy          *dataloadgen.Loader[string, []*strikegraph.Claim]
	Relays             *dataloadgen.Loader[string, []strikegraph.Relay] // by article id
	Subordinates       *dataloadgen.Loader[string, []string]            // by actor id

	store Store
	opt   []dataloadgen.Option
	mu    sync.Mutex
	keyed map[string]any                // the loaders of nested lists, by field and arguments
	read  map[string]strikegraph.Entity // entities read for some fields only, by fields and id
	memo  sync.Map                      // what Remember keeps
	ahead sync.Map                      // the fields marked by ReadAhead
}

// DefaultWait is how long a loader gathers keys before it fetches: long enough
// for the resolvers of one level to ask, short against a round trip.
const DefaultWait = 2 * time.Millisecond

// New builds a request's loaders, each waiting wait for keys to batch, and
// giving each batch a span of tracer's, when not nil.
func New(s Store, wait time.Duration, tracer trace.Tracer) *Loaders {
	opt := []dataloadgen.Option{dataloadgen.WithWait(wait)}
	if tracer != nil {
		opt = append(opt, dataloadgen.WithTracer(tracer))
	}
	return &Loaders{
		Entity:             dataloadgen.NewMappedLoader(s.FindEntitiesByIDs, opt...),
		Links:              dataloadgen.NewMappedLoader(s.FindLinksByIDs, opt...),
		IncidentsNearPlace: dataloadgen.NewMappedLoader(s.FindIncidentsNearPlaceIDs, opt...),
		History:            dataloadgen.NewMappedLoader(s.FindRevisions, opt...),
		UpdatedBy:          dataloadgen.NewMappedLoader(s.FindClaimsUpdating, opt...),
		Relays:             dataloadgen.NewMappedLoader(s.FindRelaysByArticleIDs, opt...),
		Subordinates:       dataloadgen.NewMappedLoader(s.FindSubordinates, opt...),
		store:              s,
		opt:                opt,
		keyed:              map[string]any{},
		read:               map[string]strikegraph.Entity{},
	}
}

type ctxKey struct{}

// Middleware gives each request its own loaders.
func Middleware(s Store, wait time.Duration, tracer trace.Tracer, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), ctxKey{}, New(s, wait, tracer))))
	})
}

// For returns the loaders of the request in ctx.
func For(ctx context.Context) *Loaders {
	return ctx.Value(ctxKey{}).(*Loaders)
}

// Remember returns what make returned for key earlier in the request, or
// calls it: for what every item of a long list would work out again.
func Remember[V any](ctx context.Context, key any, make func() V) V {
	l := For(ctx)
	if v, ok := l.memo.Load(key); ok {
		return v.(V)
	}
	v := make()
	l.memo.Store(key, v)
	return v
}

// ReadAhead marks key, a field of the request, as one under which
// everything was read ahead: nothing below it waits for a batch.
func ReadAhead(ctx context.Context, key any) {
	For(ctx).ahead.Store(key, true)
}

// IsReadAhead reports whether ReadAhead marked key (false outside a request
// with loaders).
func IsReadAhead(ctx context.Context, key any) bool {
	l, ok := ctx.Value(ctxKey{}).(*Loaders)
	if !ok {
		return false
	}
	_, marked := l.ahead.Load(key)
	return marked
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

// EntityFor loads one entity for a reader of fields: one read with a list
// for just these fields when there is one, else the whole entity.
func EntityFor(ctx context.Context, id string, fields strikegraph.Fields) (strikegraph.Entity, error) {
	l := For(ctx)
	l.mu.Lock()
	e, ok := l.read[fields.Key()+"|"+id]
	l.mu.Unlock()
	if ok {
		return e, nil
	}
	return Entity(ctx, id)
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

// keyed returns the request's loader for key, made from fetch on first use.
func keyed[V any](l *Loaders, key string, fetch func(ctx context.Context, ids []string) (map[string]V, error)) *dataloadgen.Loader[string, V] {
	l.mu.Lock()
	defer l.mu.Unlock()
	if found, ok := l.keyed[key].(*dataloadgen.Loader[string, V]); ok {
		return found
	}
	made := dataloadgen.NewMappedLoader(fetch, l.opt...)
	l.keyed[key] = made
	return made
}

// argsKey tells one nested field's arguments from another's: its names
// (fixed words, never "|"), then its where as JSON. It is worked out for
// every item of a list, so a where not given costs no marshalling.
func argsKey[W any](where *W, names ...string) string {
	w := []byte("null")
	if where != nil {
		var err error
		if w, err = json.Marshal(where); err != nil {
			panic(fmt.Sprintf("loaders: arguments that do not marshal: %v", err)) // where inputs are plain structs
		}
	}
	return strings.Join(names, "|") + "|" + string(w)
}

// primeFields keeps the entities a batch read for some fields only, for
// EntityFor: they are complete in those fields alone.
func (l *Loaders) primeFields(byFields map[string][]strikegraph.Entity) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for key, es := range byFields {
		for _, e := range es {
			if key == strikegraph.AllFields.Key() {
				l.Entity.Prime(e.EntityID(), e)
			} else {
				l.read[key+"|"+e.EntityID()] = e
			}
		}
	}
}

// linked loads the entities at the other end of id's edges of type t in
// direction dir (both when nil) that where selects, read for fields, in one
// statement for every id of the request that asks the same.
func linked[T any, W any](ctx context.Context, noun string, find func(context.Context, strikegraph.Linked, *W) (map[string][]*T, error),
	id string, t strikegraph.RelationType, dir *strikegraph.Direction, where *W, fields strikegraph.Fields) ([]*T, error) {
	return List(ctx, linkedLoader(For(ctx), noun, find, t, dir, where, fields), id)
}

// linkedLoader is the request's loader of linked for these arguments.
func linkedLoader[T any, W any](l *Loaders, noun string, find func(context.Context, strikegraph.Linked, *W) (map[string][]*T, error),
	t strikegraph.RelationType, dir *strikegraph.Direction, where *W, fields strikegraph.Fields) *dataloadgen.Loader[string, []*T] {
	if !fields.Wanted() {
		fields = strikegraph.AllFields
	}
	d := ""
	if dir != nil {
		d = string(*dir)
	}
	return keyed(l, argsKey(where, "linked", noun, string(t), d, fields.Key()), func(ctx context.Context, ids []string) (map[string][]*T, error) {
		found, err := find(ctx, strikegraph.Linked{IDs: ids, Type: t, Dir: dir, Fields: fields}, where)
		read := map[string][]strikegraph.Entity{}
		for _, items := range found {
			for _, item := range items {
				if e, ok := any(item).(strikegraph.Entity); ok {
					read[fields.Key()] = append(read[fields.Key()], e)
				}
			}
		}
		l.primeFields(read)
		return found, err
	})
}

// PrimeAlong keeps what a list read along its items (by item id), so that
// the nested list of each, asked for with no where, finds it loaded.
func PrimeAlong(ctx context.Context, a strikegraph.Along, byID map[string][]strikegraph.Entity) {
	l := For(ctx)
	switch a.Of {
	case "actors":
		primeAlong(l, linkedLoader(l, "actors", l.store.FindLinkedActors, a.Type, a.Dir, nil, a.Fields), a.Fields, byID)
	case "incidents":
		primeAlong(l, linkedLoader(l, "incidents", l.store.FindLinkedIncidents, a.Type, a.Dir, nil, a.Fields), a.Fields, byID)
	}
}

func primeAlong[T any](l *Loaders, loader *dataloadgen.Loader[string, []*T], fields strikegraph.Fields, byID map[string][]strikegraph.Entity) {
	if !fields.Wanted() {
		fields = strikegraph.AllFields
	}
	read := map[string][]strikegraph.Entity{}
	for id, es := range byID {
		items := make([]*T, 0, len(es))
		for _, e := range es {
			if t, ok := any(e).(*T); ok {
				items = append(items, t)
			}
		}
		loader.Prime(id, items)
		read[fields.Key()] = append(read[fields.Key()], es...)
	}
	l.primeFields(read)
}

// LinkedIncidents loads the incidents linked to id that where selects, for
// a reader of fields.
func LinkedIncidents(ctx context.Context, id string, t strikegraph.RelationType, dir *strikegraph.Direction, where *strikegraph.IncidentWhere, fields strikegraph.Fields) ([]*strikegraph.Incident, error) {
	return linked(ctx, "incidents", For(ctx).store.FindLinkedIncidents, id, t, dir, where, fields)
}

// LinkedActors loads the actors linked to id that where selects.
func LinkedActors(ctx context.Context, id string, t strikegraph.RelationType, dir *strikegraph.Direction, where *strikegraph.ActorWhere, fields strikegraph.Fields) ([]*strikegraph.Actor, error) {
	return linked(ctx, "actors", For(ctx).store.FindLinkedActors, id, t, dir, where, fields)
}

// LinkedPlaces loads the places linked to id that where selects.
func LinkedPlaces(ctx context.Context, id string, t strikegraph.RelationType, dir *strikegraph.Direction, where *strikegraph.PlaceWhere, fields strikegraph.Fields) ([]*strikegraph.Place, error) {
	return linked(ctx, "places", For(ctx).store.FindLinkedPlaces, id, t, dir, where, fields)
}

// LinkedArticles loads the articles linked to id that where selects.
func LinkedArticles(ctx context.Context, id string, t strikegraph.RelationType, dir *strikegraph.Direction, where *strikegraph.ArticleWhere, fields strikegraph.Fields) ([]*strikegraph.Article, error) {
	return linked(ctx, "articles", For(ctx).store.FindLinkedArticles, id, t, dir, where, fields)
}

// claims is the loader of one nested list of claims, and the entities the
// fields under it want read with the claims.
type claims struct {
	loader *dataloadgen.Loader[string, []*strikegraph.Claim]
	mu     sync.Mutex
	ends   strikegraph.ClaimEnds
}

// Claims loads the claims of id that where selects (all when nil), in one
// statement for every id of the request that asks the same, with the
// entities that ends asks for: what every caller of a batch asked for.
func Claims(ctx context.Context, of strikegraph.ClaimsOf, id string, where *strikegraph.ClaimWhere, ends strikegraph.ClaimEnds) ([]*strikegraph.Claim, error) {
	return List(ctx, claimsLoader(For(ctx), of, where, ends).loader, id)
}

// ClaimsNow reads the claims of id at once, not waiting for a batch, and
// keeps them for Claims: for a root field, which has no siblings to wait
// for. It reports whether it read them; an error is left for Claims to
// meet again.
func ClaimsNow(ctx context.Context, of strikegraph.ClaimsOf, id string, where *strikegraph.ClaimWhere, ends strikegraph.ClaimEnds) bool {
	l := For(ctx)
	c := claimsLoader(l, of, where, ends)
	found, err := l.store.FindClaimsOf(ctx, of, []string{id}, where, ends)
	if err != nil {
		return false
	}
	l.primeFields(found.Entities)
	if claims, ok := found.ByID[id]; ok {
		c.loader.Prime(id, claims)
	}
	return true
}

// claimsLoader is the request's loader of claims for these arguments,
// asked to read ends too.
func claimsLoader(l *Loaders, of strikegraph.ClaimsOf, where *strikegraph.ClaimWhere, ends strikegraph.ClaimEnds) *claims {
	// Claims read for some of their fields are handed only to readers of
	// the same fields.
	key := argsKey(where, "claims", string(of), ends.Own.Key())
	l.mu.Lock()
	c, ok := l.keyed[key].(*claims)
	if !ok {
		c = &claims{ends: ends} // not the zero ends, whose Own reads all
		c.loader = dataloadgen.NewMappedLoader(func(ctx context.Context, ids []string) (map[string][]*strikegraph.Claim, error) {
			c.mu.Lock()
			ends := c.ends
			c.mu.Unlock()
			found, err := l.store.FindClaimsOf(ctx, of, ids, where, ends)
			l.primeFields(found.Entities)
			return found.ByID, err
		}, l.opt...)
		l.keyed[key] = c
	}
	l.mu.Unlock()
	c.mu.Lock()
	c.ends = c.ends.Or(ends)
	c.mu.Unlock()
	return c
}

// ActorsMatching keeps the actors of ids that where selects, in their order:
// one statement for every list of the request narrowed by the same where.
func ActorsMatching(ctx context.Context, ids []string, where *strikegraph.ActorWhere) ([]*strikegraph.Actor, error) {
	l := For(ctx)
	loader := keyed(l, argsKey(where, "actors matching"), func(ctx context.Context, ids []string) (map[string]*strikegraph.Actor, error) {
		q := strikegraph.ListQuery[strikegraph.ActorWhere]{
			Where:  &strikegraph.ActorWhere{IDIn: ids, AND: []*strikegraph.ActorWhere{where}},
			Window: strikegraph.Window{Limit: len(ids)}, // every one may qualify
		}
		s, err := l.store.FindActors(ctx, q)
		found := map[string]*strikegraph.Actor{}
		for _, a := range s.Items {
			found[a.ID] = a
		}
		return found, err
	})
	actors, err := loader.LoadAll(ctx, ids)
	var errs dataloadgen.ErrorSlice
	if err != nil && !errors.As(err, &errs) {
		return nil, err
	}
	out := []*strikegraph.Actor{}
	for i, a := range actors {
		switch {
		case i < len(errs) && errors.Is(errs[i], dataloadgen.ErrNotFound): // not selected
		case i < len(errs) && errs[i] != nil:
			return nil, errs[i]
		default:
			out = append(out, a)
		}
	}
	return out, nil
}

// Revisions loads the revisions of each of ids, newest first, in one batch
// with every other load of the history in the request; an id with none
// has none.
func Revisions(ctx context.Context, ids []string) (map[string][]*strikegraph.Revision, error) {
	l := For(ctx).History
	thunks := make([]func() ([]*strikegraph.Revision, error), len(ids))
	for i, id := range ids {
		thunks[i] = l.LoadThunk(ctx, id)
	}
	out := make(map[string][]*strikegraph.Revision, len(ids))
	for i, thunk := range thunks {
		revs, err := thunk()
		if errors.Is(err, dataloadgen.ErrNotFound) {
			continue
		}
		if err != nil {
			return nil, err
		}
		out[ids[i]] = revs
	}
	return out, nil
}

// ClaimsAsOf are claims as the graph held them at t, those recorded by
// then (RevisionService.ClaimAsOf), with the revisions of all of them in
// one batch.
func ClaimsAsOf(ctx context.Context, claims []*strikegraph.Claim, t time.Time) ([]*strikegraph.Claim, error) {
	ids := make([]string, len(claims))
	for i, c := range claims {
		ids[i] = c.ID
	}
	revs, err := Revisions(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make([]*strikegraph.Claim, 0, len(claims))
	for _, c := range claims {
		if was := For(ctx).store.ClaimAsOf(c, revs[c.ID], t); was != nil {
			out = append(out, was)
		}
	}
	return out, nil
}

// IncidentAsOf is the incident as the graph held it at t, nil when it was
// recorded later (RevisionService.IncidentAsOf).
func IncidentAsOf(ctx context.Context, in *strikegraph.Incident, t time.Time) (*strikegraph.Incident, error) {
	revs, err := Revisions(ctx, []string{in.ID})
	if err != nil {
		return nil, err
	}
	return For(ctx).store.IncidentAsOf(in, revs[in.ID], t), nil
}

// ListAll loads the lists of several keys, batched, one after the other.
func ListAll[V any](ctx context.Context, l *dataloadgen.Loader[string, []V], ids []string) ([]V, error) {
	thunks := make([]func() ([]V, error), len(ids))
	for i, id := range ids {
		thunks[i] = l.LoadThunk(ctx, id)
	}
	var out []V
	for _, thunk := range thunks {
		v, err := thunk()
		if err != nil && !errors.Is(err, dataloadgen.ErrNotFound) {
			return nil, err
		}
		out = append(out, v...)
	}
	return out, nil
}

// ClaimsOfAll are the claims of several entities, each once, by id.
func ClaimsOfAll(ctx context.Context, of strikegraph.ClaimsOf, ids []string, where *strikegraph.ClaimWhere, ends strikegraph.ClaimEnds) ([]*strikegraph.Claim, error) {
	claims, err := ListAll(ctx, claimsLoader(For(ctx), of, where, ends).loader, ids)
	if err != nil {
		return nil, err
	}
	slices.SortFunc(claims, func(a, b *strikegraph.Claim) int { return strings.Compare(a.ID, b.ID) })
	return slices.CompactFunc(claims, func(a, b *strikegraph.Claim) bool { return a.ID == b.ID }), nil
}

// ListsOf starts loading the lists of ids and returns a function that
// waits for them, by id: several loaders started before any is waited for
// fetch together, in one round trip each.
func ListsOf[V any](ctx context.Context, l *dataloadgen.Loader[string, []V], ids []string) func() (map[string][]V, error) {
	thunks := make([]func() ([]V, error), len(ids))
	for i, id := range ids {
		thunks[i] = l.LoadThunk(ctx, id)
	}
	return func() (map[string][]V, error) {
		out := make(map[string][]V, len(ids))
		for i, thunk := range thunks {
			v, err := thunk()
			if err != nil && !errors.Is(err, dataloadgen.ErrNotFound) {
				return nil, err
			}
			out[ids[i]] = v
		}
		return out, nil
	}
}

// ClaimsLoader is the request's loader of Claims for these arguments, for
// ListsOf.
func ClaimsLoader(ctx context.Context, of strikegraph.ClaimsOf, where *strikegraph.ClaimWhere, ends strikegraph.ClaimEnds) *dataloadgen.Loader[string, []*strikegraph.Claim] {
	return claimsLoader(For(ctx), of, where, ends).loader
}

// LinkedActorsLoader and LinkedPlacesLoader are the request's loaders of
// LinkedActors and LinkedPlaces for these arguments, for ListsOf.
func LinkedActorsLoader(ctx context.Context, t strikegraph.RelationType, dir *strikegraph.Direction, where *strikegraph.ActorWhere, fields strikegraph.Fields) *dataloadgen.Loader[string, []*strikegraph.Actor] {
	l := For(ctx)
	return linkedLoader(l, "actors", l.store.FindLinkedActors, t, dir, where, fields)
}

func LinkedPlacesLoader(ctx context.Context, t strikegraph.RelationType, dir *strikegraph.Direction, where *strikegraph.PlaceWhere, fields strikegraph.Fields) *dataloadgen.Loader[string, []*strikegraph.Place] {
	l := For(ctx)
	return linkedLoader(l, "places", l.store.FindLinkedPlaces, t, dir, where, fields)
}
