package server

import (
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/strikegraph/strikegraph/auth"
)

func TestTokenBucket(t *testing.T) {
	l := newRateLimiter(10, true) // bursts of 20
	now := time.Unix(0, 0)
	for i := range 20 {
		if ok, _ := l.take("a", now); !ok {
			t.Fatalf("request %d of a burst of 20 refused", i+1)
		}
	}
	ok, wait := l.take("a", now)
	if ok || wait <= 0 || wait > 100*time.Millisecond {
		t.Fatalf("the 21st: ok %v, wait %v; want refused, a token in 100 ms", ok, wait)
	}
	if ok, _ := l.take("b", now); !ok {
		t.Error("another client's bucket is empty too")
	}
	if ok, _ := l.take("a", now.Add(100*time.Millisecond)); !ok {
		t.Error("no token 100 ms later, at 10 a second")
	}
}

// TestRateLimitedCredential sends one credential's requests from addresses
// that are not loopback: past its burst, 429 with Retry-After.
func TestRateLimitedCredential(t *testing.T) {
	l := newRateLimiter(1, false)
	h := l.byCredential(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {}))
	send := func(addr string) *httptest.ResponseRecorder {
		r := httptest.NewRequest(http.MethodGet, "/graphql", nil)
		r.RemoteAddr = addr
		r = r.WithContext(auth.WithPrincipal(r.Context(), auth.Principal{Name: "key:alice"}))
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		return w
	}
	for i, addr := range []string{"192.0.2.1:1000", "192.0.2.2:1000"} { // a burst of 2
		if w := send(addr); w.Code != http.StatusOK {
			t.Fatalf("request %d: %d", i+1, w.Code)
		}
	}
	w := send("192.0.2.3:1000")
	if w.Code != http.StatusTooManyRequests || w.Header().Get("Retry-After") != "1" {
		t.Errorf("past the burst: %d, Retry-After %q; want 429, 1", w.Code, w.Header().Get("Retry-After"))
	}
	if w := send("127.0.0.1:1000"); w.Code != http.StatusOK {
		t.Errorf("from loopback: %d; loopback is not limited", w.Code)
	}
}
