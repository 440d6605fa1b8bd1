package server

import (
	"context"
	"log/slog"
	"net/http"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"golang.org/x/sync/semaphore"

	"github.com/strikegraph/strikegraph"
)

// admission lets a bounded number of heavy reads run at once, over every
// request: the heavy root fields (heavyFields) and the exports, which can
// each read much of the graph, and which together filled Neo4j's
// transaction memory (32 neighbourhoods at once: 1 answer, 48 INTERNAL).
// A read that finds no room within wait is refused, OVERLOADED: retryable,
// and fast, rather than piled up.
type admission struct {
	slots *semaphore.Weighted
	size  int64
	wait  time.Duration
	// observe, when set, is told how long each read waited, and whether
	// it was admitted.
	observe func(admitted bool, waited time.Duration)
}

// DefaultMaxHeavyReads is how many heavy reads run at once: two a core of
// the machine this was sized on, each well within Neo4j's 256 MiB of
// transaction memory when four share it.
const DefaultMaxHeavyReads = 4

// admissionWait is how long a heavy read waits for room.
const admissionWait = 500 * time.Millisecond

func newAdmission(size int) *admission {
	return &admission{slots: semaphore.NewWeighted(int64(size)), size: int64(size), wait: admissionWait}
}

// enter takes n slots (at most all of them) and returns the function that
// gives them back, or OVERLOADED.
func (a *admission) enter(ctx context.Context, n int) (leave func(), err error) {
	w := min(int64(n), a.size)
	ctx, cancel := context.WithTimeout(ctx, a.wait)
	defer cancel()
	start := time.Now()
	err = a.slots.Acquire(ctx, w)
	if a.observe != nil {
		a.observe(err == nil, time.Since(start))
	}
	if err != nil {
		return nil, &strikegraph.Error{Code: strikegraph.ECodeOverloaded,
			Message: "the service is running as many heavy reads (neighbourhoods, paths, timelines, totals, exports) as it can; try again shortly"}
	}
	return func() { a.slots.Release(w) }, nil
}

// operations admits the operations that ask for heavy fields.
func (a *admission) operations() graphql.OperationMiddleware {
	return func(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
		heavy := heavyRoots(graphql.GetOperationContext(ctx).Operation)
		if heavy == 0 {
			return next(ctx)
		}
		leave, err := a.enter(ctx, heavy)
		if err != nil {
			e := gqlerror.Errorf("%s", err.Error())
			errcode.Set(e, strikegraph.ECodeOverloaded)
			return graphql.OneShot(&graphql.Response{Errors: gqlerror.List{e}})
		}
		respond := next(ctx)
		left := false
		return func(ctx context.Context) *graphql.Response {
			res := respond(ctx)
			if !left { // the first response carries every heavy root field
				left = true
				leave()
			}
			return res
		}
	}
}

// route admits each request of a heavy route, such as an export: over
// capacity, 503 OVERLOADED with Retry-After.
func (a *admission) route(log *slog.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		leave, err := a.enter(r.Context(), 1)
		if err != nil {
			writeJSONError(w, log, r, err)
			return
		}
		defer leave()
		next.ServeHTTP(w, r)
	})
}
