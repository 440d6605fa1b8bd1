package cypher

import (
	"context"
	"time"
)

// A request's share of the database: the server gives each request a number
// of slots, and DB takes one for each statement or transaction it runs,
// so that one request cannot hold the whole of the driver's connection pool.

type slotsKey struct{}

// WithStatementSlots returns ctx in which at most n statements run at once.
func WithStatementSlots(ctx context.Context, n int) context.Context {
	return context.WithValue(ctx, slotsKey{}, make(chan struct{}, n))
}

// StatementSlot waits for one of ctx's slots and returns the function that
// gives it back. When ctx has no slots (the command line, tests) it returns
// at once.
func StatementSlot(ctx context.Context) (release func(), err error) {
	slots, _ := ctx.Value(slotsKey{}).(chan struct{})
	if slots == nil {
		return func() {}, nil
	}
	select {
	case slots <- struct{}{}:
		return func() { <-slots }, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

type timeLimitKey struct{}

// WithTimeLimit lets each transaction of the work under ctx run for d, where
// storage would stop it sooner: a corpus loaded at start-up or an import,
// whose batches a slow machine may take longer over than a request's read.
func WithTimeLimit(ctx context.Context, d time.Duration) context.Context {
	return context.WithValue(ctx, timeLimitKey{}, d)
}

// TimeLimit is the limit WithTimeLimit set on ctx, or zero.
func TimeLimit(ctx context.Context) time.Duration {
	d, _ := ctx.Value(timeLimitKey{}).(time.Duration)
	return d
}
