package auth

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"

	"github.com/strikegraph/strikegraph"
)

// ReadAccess says who may read.
type ReadAccess string

const (
	ReadOpen   ReadAccess = "open"   // anyone, with or without credentials; "" means this too
	ReadReader ReadAccess = "reader" // only a principal with a role
)

// ParseReadAccess parses "open" or "reader".
func ParseReadAccess(s string) (ReadAccess, error) {
	switch ReadAccess(s) {
	case ReadOpen, ReadReader:
		return ReadAccess(s), nil
	}
	return "", fmt.Errorf("unknown read access %q: want open or reader", s)
}

// Config says which credentials are valid. Secrets come from files or the
// environment, never from flags, which anyone can read in ps.
type Config struct {
	APIKeys         string // lines of "name role sha256hex"; see ParseAPIKeys
	JWTSecret       []byte // HS256 tokens; at least 32 bytes
	JWTPublicKeyPEM []byte // or RS256, ES256 (ES384, ES512) or EdDSA tokens, by the key's type
	JWTIssuer       string // when set, a token's iss must be this
	JWTAudience     string // when set, a token's aud must include this
	ReadAccess      ReadAccess
	Logger          *slog.Logger // nil discards
}

// Authenticator checks the credentials of HTTP requests. A nil
// *Authenticator has none configured: reads are open, writes are refused.
type Authenticator struct {
	keys       []APIKey
	jwt        *jwtVerifier
	readAccess ReadAccess
	log        *slog.Logger
}

// New checks cfg and logs how authentication is configured, never a secret.
func New(cfg Config) (*Authenticator, error) {
	keys, err := ParseAPIKeys(cfg.APIKeys)
	if err != nil {
		return nil, fmt.Errorf("API keys: %w", err)
	}
	v, err := newJWTVerifier(cfg)
	if err != nil {
		return nil, err
	}
	a := &Authenticator{keys: keys, jwt: v, readAccess: cmp.Or(cfg.ReadAccess, ReadOpen), log: cfg.Logger}
	if _, err := ParseReadAccess(string(a.readAccess)); err != nil {
		return nil, err
	}
	if a.log == nil {
		a.log = slog.New(slog.DiscardHandler)
	}
	if a.readAccess == ReadReader && !a.configured() {
		return nil, errors.New("read access reader needs API keys or a JWT key, else nobody can read")
	}
	jwtAlg := "off"
	if v != nil {
		jwtAlg = v.alg
	}
	a.log.Info("auth", "api_keys", len(keys), "jwt", jwtAlg, "jwt_issuer", cfg.JWTIssuer, "jwt_audience", cfg.JWTAudience, "read_access", a.readAccess)
	if !a.configured() {
		a.log.Warn("no API keys and no JWT key are configured: every write is refused; create a key with `strikegraph apikey`")
	}
	return a, nil
}

// unconfigured stands for a nil *Authenticator.
var unconfigured = &Authenticator{readAccess: ReadOpen, log: slog.New(slog.DiscardHandler)}

func (a *Authenticator) configured() bool { return len(a.keys) > 0 || a.jwt != nil }

// Middleware checks each request's credentials and puts its principal in
// the request's context for Require. Credentials that are sent but not valid
// get 401 even where reads are open, so a client with a broken key learns it
// at once. Without credentials, a request passes when reads are open.
// Refusals are GraphQL responses: {"errors":[{"message":…,"extensions":{"code":"UNAUTHENTICATED"}}]}.
func (a *Authenticator) Middleware(next http.Handler) http.Handler {
	return a.Wrap(next, writeGraphQLError)
}

// Wrap is Middleware for a route that answers errors in its own shape: refuse
// writes the 401 response for err, whose Code is ECodeUnauthenticated. The
// WWW-Authenticate header is already set.
func (a *Authenticator) Wrap(next http.Handler, refuse func(w http.ResponseWriter, r *http.Request, err *strikegraph.Error)) http.Handler {
	return a.wrap(next, refuse, false)
}

// wrap is Wrap; when later, a request without credentials passes even where
// reads need them, for they may come later (Upgrades).
func (a *Authenticator) wrap(next http.Handler, refuse func(w http.ResponseWriter, r *http.Request, err *strikegraph.Error), later bool) http.Handler {
	if a == nil {
		a = unconfigured
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		p, ok, err := a.authenticate(r)
		switch {
		case err != nil:
			// The reason names no secret; the credential itself is never logged.
			a.log.InfoContext(ctx, "credentials refused", "path", r.URL.Path, "remote", r.RemoteAddr, "reason", err)
			w.Header().Set("WWW-Authenticate", `Bearer realm="strikegraph", error="invalid_token"`)
			refuse(w, r, &strikegraph.Error{Code: strikegraph.ECodeUnauthenticated, Message: err.Error()})
			return
		case ok:
			ctx = WithPrincipal(ctx, p)
		case a.readAccess == ReadReader && !later:
			w.Header().Set("WWW-Authenticate", `Bearer realm="strikegraph"`)
			refuse(w, r, &strikegraph.Error{Code: strikegraph.ECodeUnauthenticated,
				Message: "reading needs credentials: send an API key in X-API-Key or a token in Authorization: Bearer"})
			return
		}
		if !a.configured() {
			ctx = context.WithValue(ctx, unconfiguredKey{}, true)
		}
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// authenticate returns the principal of r's credentials; ok is false when r
// sends none.
func (a *Authenticator) authenticate(r *http.Request) (p Principal, ok bool, err error) {
	return a.check(r.Header.Get("X-API-Key"), r.Header.Get("Authorization"))
}

// check returns the principal of an X-API-Key and an Authorization value,
// from headers or a WebSocket's connection_init; ok is false when both are
// empty. A bearer token with two dots is a JWT; any other is an API key.
func (a *Authenticator) check(key, authz string) (p Principal, ok bool, err error) {
	switch {
	case key != "" && authz != "":
		return Principal{}, false, errors.New("send X-API-Key or Authorization, not both")
	case key != "":
		p, err = a.apiKey(key)
	case authz != "":
		scheme, token, _ := strings.Cut(authz, " ")
		token = strings.TrimSpace(token)
		switch {
		case !strings.EqualFold(scheme, "Bearer") || token == "":
			err = errors.New("the Authorization header must be Bearer followed by an API key or a JWT")
		case strings.Count(token, ".") == 2:
			p, err = a.token(token)
		default:
			p, err = a.apiKey(token)
		}
	default:
		return Principal{}, false, nil
	}
	return p, err == nil, err
}

func (a *Authenticator) apiKey(key string) (Principal, error) {
	if len(a.keys) == 0 {
		return Principal{}, errors.New("this server has no API keys configured")
	}
	k, ok := findKey(a.keys, key)
	if !ok {
		return Principal{}, errors.New("the API key is not valid")
	}
	return Principal{Name: "key:" + k.Name, Role: k.Role, Method: MethodAPIKey}, nil
}

func (a *Authenticator) token(token string) (Principal, error) {
	if a.jwt == nil {
		return Principal{}, errors.New("this server accepts no JWT bearer tokens")
	}
	return a.jwt.verify(token)
}

// writeGraphQLError answers 401 with a GraphQL response holding err.
func writeGraphQLError(w http.ResponseWriter, _ *http.Request, err *strikegraph.Error) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusUnauthorized)
	_ = json.NewEncoder(w).Encode(map[string]any{
		"errors": []any{map[string]any{"message": err.Message, "extensions": map[string]any{"code": err.Code}}},
	})
}
