package server

import (
	"fmt"
	"math"
	"net"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/strikegraph/strikegraph"
	"github.com/strikegraph/strikegraph/auth"
)

// rateLimiter keeps a token bucket per client address and per credential:
// each holds up to burst requests and refills at rate a second. Requests
// from loopback addresses pass unless limitLoopback: the machine's own
// clients (tests, the local explorer) are not strangers.
type rateLimiter struct {
	rate, burst   float64
	limitLoopback bool

	mu      sync.Mutex
	buckets map[string]*bucket
}

type bucket struct {
	tokens float64
	last   time.Time
}

// maxBuckets bounds the limiter's memory: past it, the buckets that have
// refilled (their clients idle) are forgotten.
const maxBuckets = 100_000

func newRateLimiter(rate float64, limitLoopback bool) *rateLimiter {
	return &rateLimiter{rate: rate, burst: 2 * rate, limitLoopback: limitLoopback, buckets: map[string]*bucket{}}
}

// take takes a token from key's bucket, or says how long until there is one.
func (l *rateLimiter) take(key string, now time.Time) (ok bool, wait time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	b := l.buckets[key]
	if b == nil {
		if len(l.buckets) >= maxBuckets {
			l.forgetIdle(now)
		}
		b = &bucket{tokens: l.burst, last: now}
		l.buckets[key] = b
	}
	b.tokens = math.Min(l.burst, b.tokens+now.Sub(b.last).Seconds()*l.rate)
	b.last = now
	if b.tokens >= 1 {
		b.tokens--
		return true, 0
	}
	return false, time.Duration((1 - b.tokens) / l.rate * float64(time.Second))
}

func (l *rateLimiter) forgetIdle(now time.Time) {
	for key, b := range l.buckets {
		if b.tokens+now.Sub(b.last).Seconds()*l.rate >= l.burst {
			delete(l.buckets, key)
		}
	}
}

// byAddress limits each client address, before credentials are checked, so
// that a flood of bad keys is refused too.
func (l *rateLimiter) byAddress(next http.Handler) http.Handler {
	return l.limit(next, "address", func(r *http.Request) string {
		host, _, err := net.SplitHostPort(r.RemoteAddr)
		if err != nil {
			host = r.RemoteAddr
		}
		if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() && !l.limitLoopback {
			return ""
		}
		return "address " + host
	})
}

// byCredential limits each credential, wherever its requests come from.
func (l *rateLimiter) byCredential(next http.Handler) http.Handler {
	return l.limit(next, "credential", func(r *http.Request) string {
		p, ok := auth.FromContext(r.Context())
		if !ok {
			return ""
		}
		if host, _, _ := net.SplitHostPort(r.RemoteAddr); !l.limitLoopback && net.ParseIP(host).IsLoopback() {
			return ""
		}
		return "credential " + p.Name
	})
}

// limit refuses a request whose bucket, keyOf's (none when ""), is empty:
// 429 with Retry-After. what names the bucket's kind in the message.
func (l *rateLimiter) limit(next http.Handler, what string, keyOf func(*http.Request) string) http.Handler {
	if l == nil {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if key := keyOf(r); key != "" {
			if ok, wait := l.take(key, time.Now()); !ok {
				secs := int(math.Ceil(wait.Seconds()))
				w.Header().Set("Retry-After", strconv.Itoa(secs))
				writeError(w, http.StatusTooManyRequests, strikegraph.ECodeRateLimited,
					fmt.Sprintf("too many requests from this %s; try again in %d s", what, secs))
				return
			}
		}
		next.ServeHTTP(w, r)
	})
}
