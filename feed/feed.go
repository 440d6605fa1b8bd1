// Package feed follows the graph's change feed for subscriptions: one
// poller per service instance, however many subscribers, asking Neo4j what
// was recorded or changed since it last asked. The feed is the graph itself
// (every write stamps its time), so a subscriber of one instance sees what
// any instance on the same Neo4j wrote.
package feed

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"time"

	"github.com/strikegraph/strikegraph"
)

// Defaults of New: how often the graph is asked, and how far back each ask
// reaches again. A write is stamped when it starts and seen when it
// commits, up to a transaction's time later (10 s by default): the look
// back keeps such a write from being missed, and what was already sent is
// not sent twice.
const (
	DefaultEvery    = 500 * time.Millisecond
	DefaultLookback = 15 * time.Second
)

// perAsk bounds what one ask reads; more waits for the next.
const perAsk = 500

// Feed hands the claims recorded and the entities changed to its
// subscribers.
type Feed struct {
	store           strikegraph.FeedService
	log             *slog.Logger
	every, lookback time.Duration

	mu       sync.Mutex
	claims   map[chan *strikegraph.Claim]bool
	entities map[chan strikegraph.Entity]bool
	stop     context.CancelFunc // the poller's, while anyone subscribes
}

// New is a feed of store's changes, asked every so often and looking back
// lookback (the Default… constants when zero).
func New(store strikegraph.FeedService, log *slog.Logger, every, lookback time.Duration) *Feed {
	if every <= 0 {
		every = DefaultEvery
	}
	if lookback <= 0 {
		lookback = DefaultLookback
	}
	return &Feed{store: store, log: log, every: every, lookback: lookback,
		claims: map[chan *strikegraph.Claim]bool{}, entities: map[chan strikegraph.Entity]bool{}}
}

// Claims sends each claim recorded from now on, until ctx ends, or until
// the subscriber falls so far behind that its buffer fills: then the
// channel is closed, and the subscription ends.
func (f *Feed) Claims(ctx context.Context) <-chan *strikegraph.Claim {
	ch := make(chan *strikegraph.Claim, 256)
	subscribe(ctx, f, f.claims, ch)
	return ch
}

// Entities sends each entity created or changed from now on, as Claims does.
func (f *Feed) Entities(ctx context.Context) <-chan strikegraph.Entity {
	ch := make(chan strikegraph.Entity, 256)
	subscribe(ctx, f, f.entities, ch)
	return ch
}

func subscribe[T any](ctx context.Context, f *Feed, subs map[chan T]bool, ch chan T) {
	f.mu.Lock()
	defer f.mu.Unlock()
	subs[ch] = true
	if f.stop == nil {
		// The feed's own: not the first subscriber's request, whose
		// values (its statement slots, its id) are not the feed's.
		pctx, stop := context.WithCancel(context.Background())
		f.stop = stop
		ready := make(chan struct{})
		go f.poll(pctx, ready)
		f.mu.Unlock()
		<-ready // what was there before the first subscriber is not news
		f.mu.Lock()
	}
	go func() {
		<-ctx.Done()
		f.mu.Lock()
		defer f.mu.Unlock()
		if subs[ch] {
			delete(subs, ch)
			close(ch)
		}
		if len(f.claims)+len(f.entities) == 0 && f.stop != nil {
			f.stop()
			f.stop = nil
		}
	}()
}

// poll asks the graph every f.every until ctx ends, and hands what is new
// to the subscribers of the moment. It closes ready once it knows what was
// there before it started.
func (f *Feed) poll(ctx context.Context, ready chan struct{}) {
	claims := newCursor[*strikegraph.Claim](f.lookback, func(c *strikegraph.Claim) (string, time.Time) { return c.ID, c.Provenance.CreatedAt })
	entities := newCursor[strikegraph.Entity](f.lookback, func(e strikegraph.Entity) (string, time.Time) { return e.EntityID(), changedAt(e) })
	first := true
	tick := time.NewTicker(f.every)
	defer tick.Stop()
	for {
		newClaims, err := claims.next(ctx, f.store.FindClaimsRecordedSince)
		if err == nil {
			var newEntities []strikegraph.Entity
			if newEntities, err = entities.next(ctx, f.store.FindEntitiesChangedSince); err == nil && !first {
				send(f, f.claims, newClaims)
				send(f, f.entities, newEntities)
			}
		}
		if err != nil && ctx.Err() == nil {
			f.log.WarnContext(ctx, "the change feed could not be read; trying again", "err", err, "cause", errors.Unwrap(err))
		}
		if first {
			first = false
			close(ready)
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}

// send hands items to every subscriber; one whose buffer is full is
// dropped, its channel closed.
func send[T any](f *Feed, subs map[chan T]bool, items []T) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for ch := range subs {
		for _, it := range items {
			select {
			case ch <- it:
			default:
				delete(subs, ch)
				close(ch)
				f.log.Warn("a subscriber fell behind the change feed; its subscription is ended")
			}
			if !subs[ch] {
				break
			}
		}
	}
}

// cursor reads a kind of change in order, each once: each ask reaches back
// lookback before the newest stamp seen, and skips what it saw.
type cursor[T any] struct {
	lookback time.Duration
	key      func(T) (id string, at time.Time)
	newest   time.Time
	seen     map[string]time.Time
}

func newCursor[T any](lookback time.Duration, key func(T) (string, time.Time)) *cursor[T] {
	return &cursor[T]{lookback: lookback, key: key, newest: time.Now().UTC(), seen: map[string]time.Time{}}
}

func (c *cursor[T]) next(ctx context.Context, find func(context.Context, time.Time, int) ([]T, error)) ([]T, error) {
	since := c.newest.Add(-c.lookback).UTC()
	items, err := find(ctx, since, perAsk)
	if err != nil {
		return nil, err
	}
	var fresh []T
	for _, it := range items {
		id, at := c.key(it)
		if _, ok := c.seen[id]; ok && !at.After(c.seen[id]) {
			continue
		}
		c.seen[id] = at
		fresh = append(fresh, it)
		if at.After(c.newest) {
			c.newest = at
		}
	}
	for id, at := range c.seen {
		if at.Before(since) {
			delete(c.seen, id)
		}
	}
	return fresh, nil
}

// changedAt is when e was last created or changed.
func changedAt(e strikegraph.Entity) time.Time {
	switch e := e.(type) {
	case *strikegraph.Incident:
		return e.Provenance.UpdatedAt
	case *strikegraph.Place:
		return e.Provenance.UpdatedAt
	case *strikegraph.Actor:
		return e.Provenance.UpdatedAt
	case *strikegraph.Article:
		return e.Provenance.UpdatedAt
	}
	return time.Time{}
}
