package server

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"

	"github.com/strikegraph/strikegraph"
)

// serveBatch answers a POST whose body is a JSON array of GraphQL requests
// (Apollo's BatchHttpLink, graphql-request's batchRequests) with the array
// of their responses, in order, each with its own errors, HTTP 200. Each
// request goes through one, as it would alone; they run one after another
// and are charged to the request's one spent, so that together they may do
// no more than one request. A batch of more than MaxBatchOperations is refused whole,
// before any of it runs.
func serveBatch(log *slog.Logger, w http.ResponseWriter, r *http.Request, body []byte, one func(http.ResponseWriter, *http.Request, []byte)) {
	var ops []json.RawMessage
	switch err := json.Unmarshal(body, &ops); {
	case err != nil:
		notARequest(log, w, r, body, `the request body is not a JSON array of requests; send [{"query": "…"}, …]`)
		return
	case len(ops) == 0:
		notARequest(log, w, r, body, "the batch is empty; send at least one request")
		return
	case len(ops) > MaxBatchOperations:
		log.InfoContext(r.Context(), "batch too large", "requests", len(ops))
		writeError(w, http.StatusBadRequest, strikegraph.ECodeBatchTooLarge,
			fmt.Sprintf("the batch holds %d requests; the limit is %d", len(ops), MaxBatchOperations))
		return
	}
	out := make([]json.RawMessage, len(ops))
	for i, op := range ops {
		res := &bufferedResponse{header: http.Header{}}
		one(res, r.Clone(r.Context()), op)
		out[i] = res.body.Bytes()
	}
	writeJSON(w, http.StatusOK, out)
}

// bufferedResponse keeps what a handler writes for one request of a batch;
// its status is dropped, as the batch's is 200 and each response carries
// its errors.
type bufferedResponse struct {
	header http.Header
	body   bytes.Buffer
}

func (b *bufferedResponse) Header() http.Header         { return b.header }
func (b *bufferedResponse) Write(p []byte) (int, error) { return b.body.Write(p) }
func (b *bufferedResponse) WriteHeader(int)             {}

// spent is what the operations of one HTTP request have been allowed so
// far: the statement and complexity limits charge each operation to it,
// so that the operations of a batch share one request's limits.
type spent struct{ statements, heavy, complexity int }

type spentKey struct{}

func withSpent(ctx context.Context) context.Context {
	return context.WithValue(ctx, spentKey{}, &spent{})
}

// spentOf is the request's spent: graphqlRequest gives every request one;
// a handler reached otherwise gets a fresh one, rather than a nil to panic on.
func spentOf(ctx context.Context) *spent {
	if s, ok := ctx.Value(spentKey{}).(*spent); ok {
		return s
	}
	return &spent{}
}
