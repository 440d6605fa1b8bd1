package server_test

import (
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/strikegraph/strikegraph/internal/graphtest"
	"github.com/strikegraph/strikegraph/server"
)

// TestBadKeyFlood sends 400 requests with a key that does not exist, as a
// guesser would: past the address's burst they get 429 RATE_LIMITED with
// Retry-After, before the keys are checked.
func TestBadKeyFlood(t *testing.T) {
	g := graphtest.Open(t)
	srv := httptest.NewServer(server.Handler(g, graphtest.Logger(t), server.Options{RateLimit: 10, RateLimitLoopback: true}))
	defer srv.Close()
	codes := map[int]int{}
	retryAfter := ""
	start := time.Now()
	for range 400 {
		status, header, _ := send(t, http.MethodPost, srv.URL+"/graphql", "guessed-key", "application/json", []byte(`{"query": "{ __typename }"}`))
		codes[status]++
		if status == http.StatusTooManyRequests {
			retryAfter = header.Get("Retry-After")
		}
	}
	took := time.Since(start)
	t.Logf("statuses in %v: %v", took, codes)
	// A burst of 20, and 10 more a second however slow the machine.
	allowed := 20 + int(10*took.Seconds()) + 1
	if codes[http.StatusUnauthorized] == 0 || codes[http.StatusUnauthorized] > allowed || codes[http.StatusTooManyRequests] == 0 || retryAfter == "" {
		t.Errorf("statuses %v, Retry-After %q: want at most %d checked (401), the rest 429 with Retry-After", codes, retryAfter, allowed)
	}
}
