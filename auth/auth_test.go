package auth_test

import (
	"context"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/strikegraph/strikegraph"
	"github.com/strikegraph/strikegraph/auth"
)

// result is what one request through the middleware came to.
type result struct {
	status    int
	principal auth.Principal
	ok        bool // the handler saw a principal
	code      string
	message   string
	challenge string // WWW-Authenticate
}

// send passes a request with headers through a's middleware.
func send(t *testing.T, a *auth.Authenticator, headers map[string]string) result {
	t.Helper()
	var res result
	h := a.Middleware(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		res.principal, res.ok = auth.FromContext(r.Context())
	}))
	req := httptest.NewRequest(http.MethodPost, "/graphql", nil)
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	res.status = rec.Code
	res.challenge = rec.Header().Get("WWW-Authenticate")
	if rec.Code != http.StatusOK {
		var body struct {
			Errors []struct {
				Message    string
				Extensions struct{ Code string }
			}
		}
		if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil || len(body.Errors) != 1 {
			t.Fatalf("status %d with body %s, want one GraphQL error", rec.Code, rec.Body)
		}
		res.code, res.message = body.Errors[0].Extensions.Code, body.Errors[0].Message
	}
	return res
}

func mustNew(t *testing.T, cfg auth.Config) *auth.Authenticator {
	t.Helper()
	a, err := auth.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func newKey(t *testing.T, name string, role auth.Role) (key, line string) {
	t.Helper()
	key, line, err := auth.NewAPIKey(name, role)
	if err != nil {
		t.Fatal(err)
	}
	return key, line
}

func TestRoles(t *testing.T) {
	if !(auth.RoleReader < auth.RoleEditor && auth.RoleEditor < auth.RoleAdmin) {
		t.Error("roles are not ordered reader < editor < admin")
	}
	for _, r := range []auth.Role{auth.RoleReader, auth.RoleEditor, auth.RoleAdmin} {
		got, err := auth.ParseRole(r.String())
		if err != nil || got != r {
			t.Errorf("ParseRole(%q) = %v, %v", r.String(), got, err)
		}
	}
	if _, err := auth.ParseRole("owner"); err == nil {
		t.Error(`ParseRole("owner") gave no error`)
	}
}

func TestRequire(t *testing.T) {
	editor := auth.WithPrincipal(t.Context(), auth.Principal{Name: "key:ed", Role: auth.RoleEditor, Method: auth.MethodAPIKey})
	for _, tc := range []struct {
		name string
		ctx  context.Context
		need auth.Role
		code string // empty: allowed
	}{
		{"no principal", t.Context(), auth.RoleReader, strikegraph.ECodeUnauthenticated},
		{"role too low", editor, auth.RoleAdmin, strikegraph.ECodeForbidden},
		{"same role", editor, auth.RoleEditor, ""},
		{"higher role", editor, auth.RoleReader, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := auth.Require(tc.ctx, tc.need)
			if tc.code == "" {
				if err != nil {
					t.Fatalf("Require(%v) = %v, want nil", tc.need, err)
				}
				return
			}
			var e *strikegraph.Error
			if !errors.As(err, &e) || e.Code != tc.code || !strings.Contains(e.Message, tc.need.String()+" role") {
				t.Fatalf("Require(%v) = %#v, want code %s and a message naming the %v role", tc.need, err, tc.code, tc.need)
			}
		})
	}
}

func TestAPIKeys(t *testing.T) {
	readerKey, readerLine := newKey(t, "rita", auth.RoleReader)
	editorKey, editorLine := newKey(t, "alice", auth.RoleEditor)
	adminKey, adminLine := newKey(t, "root", auth.RoleAdmin)
	if !strings.HasPrefix(readerKey, auth.KeyPrefix) || strings.Contains(readerLine, readerKey) {
		t.Fatalf("key %q, line %q: want the prefix, and no key in the line", readerKey, readerLine)
	}
	a := mustNew(t, auth.Config{APIKeys: "# the team\n\n" + readerLine + "\n" + editorLine + "\r\n" + adminLine + "\n"})
	for _, tc := range []struct {
		name    string
		headers map[string]string
		want    auth.Principal // zero: refused
	}{
		{"reader", map[string]string{"X-API-Key": readerKey}, auth.Principal{Name: "key:rita", Role: auth.RoleReader, Method: "api-key"}},
		{"editor", map[string]string{"X-API-Key": editorKey}, auth.Principal{Name: "key:alice", Role: auth.RoleEditor, Method: "api-key"}},
		{"admin", map[string]string{"X-API-Key": adminKey}, auth.Principal{Name: "key:root", Role: auth.RoleAdmin, Method: "api-key"}},
		{"bearer", map[string]string{"Authorization": "Bearer " + editorKey}, auth.Principal{Name: "key:alice", Role: auth.RoleEditor, Method: "api-key"}},
		{"bad key", map[string]string{"X-API-Key": editorKey + "x"}, auth.Principal{}},
		{"bad bearer key", map[string]string{"Authorization": "Bearer sg_nope"}, auth.Principal{}},
		{"not bearer", map[string]string{"Authorization": "Basic " + editorKey}, auth.Principal{}},
		{"both headers", map[string]string{"X-API-Key": editorKey, "Authorization": "Bearer " + editorKey}, auth.Principal{}},
		{"a JWT where none is configured", map[string]string{"Authorization": "Bearer a.b.c"}, auth.Principal{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := send(t, a, tc.headers)
			if tc.want == (auth.Principal{}) {
				if res.status != http.StatusUnauthorized || res.code != strikegraph.ECodeUnauthenticated || !strings.HasPrefix(res.challenge, "Bearer") {
					t.Fatalf("got %+v, want 401 UNAUTHENTICATED with WWW-Authenticate: Bearer", res)
				}
				return
			}
			if res.status != http.StatusOK || !res.ok || res.principal != tc.want {
				t.Fatalf("got %+v, want principal %+v", res, tc.want)
			}
		})
	}
}

func TestParseAPIKeysErrors(t *testing.T) {
	_, line := newKey(t, "alice", auth.RoleEditor)
	hash := strings.Fields(line)[2]
	for _, tc := range []struct {
		name, text, want string
	}{
		{"fields", "# c\nalice editor", "line 2"},
		{"extra field", "alice editor " + hash + " more", "line 1"},
		{"role", "\n\nalice owner " + hash, "line 3"},
		{"hash", "alice editor " + hash[:63], "line 1"},
		{"hex", "alice editor " + strings.Repeat("zz", 32), "line 1"},
		{"name", "al/ice editor " + hash, "line 1"},
		{"same name", line + "\nalice reader " + strings.Repeat("ab", 32), "line 2"},
		{"same key", line + "\nbob reader " + hash, "line 2"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := auth.ParseAPIKeys(tc.text)
			if err == nil || !strings.Contains(err.Error(), tc.want) || strings.Contains(err.Error(), hash[:16]) {
				t.Fatalf("got %v, want an error naming %s and no hash", err, tc.want)
			}
		})
	}
}

// token signs claims with method and key.
func token(t *testing.T, method jwt.SigningMethod, key any, claims jwt.MapClaims) string {
	t.Helper()
	s, err := jwt.NewWithClaims(method, claims).SignedString(key)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// claims are valid claims for sub "alice" with role, changed by edit.
func claims(role string, edit func(jwt.MapClaims)) jwt.MapClaims {
	c := jwt.MapClaims{"sub": "alice", "role": role, "iss": "https://idp.example", "aud": "strikegraph",
		"exp": time.Now().Add(time.Hour).Unix(), "iat": time.Now().Unix()}
	if edit != nil {
		edit(c)
	}
	return c
}

func bearer(tok string) map[string]string { return map[string]string{"Authorization": "Bearer " + tok} }

func TestJWTHS256(t *testing.T) {
	secret := []byte("0123456789abcdef0123456789abcdef-test")
	a := mustNew(t, auth.Config{JWTSecret: secret, JWTIssuer: "https://idp.example", JWTAudience: "strikegraph"})
	hs := func(c jwt.MapClaims) string { return token(t, jwt.SigningMethodHS256, secret, c) }
	none := token(t, jwt.SigningMethodNone, jwt.UnsafeAllowNoneSignatureType, claims("admin", nil))
	for _, tc := range []struct {
		name string
		tok  string
		want auth.Principal // zero: refused
		msg  string         // in the refusal
	}{
		{"good", hs(claims("editor", nil)), auth.Principal{Name: "jwt:alice", Role: auth.RoleEditor, Method: "jwt"}, ""},
		{"roles: the highest wins", hs(claims("", func(c jwt.MapClaims) { delete(c, "role"); c["roles"] = []string{"reader", "admin"} })),
			auth.Principal{Name: "jwt:alice", Role: auth.RoleAdmin, Method: "jwt"}, ""},
		{"audience in a list", hs(claims("reader", func(c jwt.MapClaims) { c["aud"] = []string{"other", "strikegraph"} })),
			auth.Principal{Name: "jwt:alice", Role: auth.RoleReader, Method: "jwt"}, ""},
		{"expired", hs(claims("editor", func(c jwt.MapClaims) { c["exp"] = time.Now().Add(-time.Hour).Unix() })), auth.Principal{}, "expired"},
		{"no exp", hs(claims("editor", func(c jwt.MapClaims) { delete(c, "exp") })), auth.Principal{}, "exp"},
		{"exp as a string", hs(claims("editor", func(c jwt.MapClaims) { c["exp"] = fmt.Sprint(time.Now().Add(time.Hour).Unix()) })), auth.Principal{}, "numbers"},
		{"iat as a string", hs(claims("editor", func(c jwt.MapClaims) { c["iat"] = fmt.Sprint(time.Now().Unix()) })), auth.Principal{}, "numbers"},
		{"wrong signature", token(t, jwt.SigningMethodHS256, []byte("another secret of at least 32 bytes!"), claims("editor", nil)), auth.Principal{}, "signature"},
		{"wrong issuer", hs(claims("editor", func(c jwt.MapClaims) { c["iss"] = "https://evil.example" })), auth.Principal{}, "iss"},
		{"no issuer", hs(claims("editor", func(c jwt.MapClaims) { delete(c, "iss") })), auth.Principal{}, "iss"},
		{"wrong audience", hs(claims("editor", func(c jwt.MapClaims) { c["aud"] = "other" })), auth.Principal{}, "aud"},
		{"alg none", none, auth.Principal{}, "alg"},
		{"HS512", token(t, jwt.SigningMethodHS512, secret, claims("editor", nil)), auth.Principal{}, "alg"},
		{"no sub", hs(claims("editor", func(c jwt.MapClaims) { delete(c, "sub") })), auth.Principal{}, "sub"},
		{"unknown role", hs(claims("owner", nil)), auth.Principal{}, "owner"},
		{"an unknown role among known ones", hs(claims("admin", func(c jwt.MapClaims) { c["roles"] = []string{"superuser"} })), auth.Principal{}, "superuser"},
		{"no role", hs(claims("", func(c jwt.MapClaims) { delete(c, "role") })), auth.Principal{}, "role"},
		{"malformed", "abc.def.ghi", auth.Principal{}, "malformed"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := send(t, a, bearer(tc.tok))
			if tc.want == (auth.Principal{}) {
				if res.status != http.StatusUnauthorized || res.code != strikegraph.ECodeUnauthenticated || !strings.Contains(res.message, tc.msg) {
					t.Fatalf("got %+v, want 401 UNAUTHENTICATED saying %q", res, tc.msg)
				}
				if strings.Contains(res.message, tc.tok) {
					t.Fatalf("the refusal repeats the token: %s", res.message)
				}
				return
			}
			if res.status != http.StatusOK || res.principal != tc.want {
				t.Fatalf("got %+v, want principal %+v", res, tc.want)
			}
		})
	}
}

func publicPEM(t *testing.T, pub any) []byte {
	t.Helper()
	der, err := x509.MarshalPKIXPublicKey(pub)
	if err != nil {
		t.Fatal(err)
	}
	return pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der})
}

func TestJWTPublicKeys(t *testing.T) {
	rsaKey, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	ecKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	edPub, edKey, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	otherEC, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	rsaPEM := publicPEM(t, &rsaKey.PublicKey)
	for _, tc := range []struct {
		name   string
		pem    []byte
		tok    string
		accept bool
	}{
		{"RS256", rsaPEM, token(t, jwt.SigningMethodRS256, rsaKey, claims("editor", nil)), true},
		{"ES256", publicPEM(t, &ecKey.PublicKey), token(t, jwt.SigningMethodES256, ecKey, claims("editor", nil)), true},
		{"EdDSA", publicPEM(t, edPub), token(t, jwt.SigningMethodEdDSA, edKey, claims("editor", nil)), true},
		// Alg confusion: the public key is public, so an HS256 token signed
		// with its bytes must not verify.
		{"HS256 signed with the RSA public key", rsaPEM, token(t, jwt.SigningMethodHS256, rsaPEM, claims("admin", nil)), false},
		{"RS512 with the RSA key", rsaPEM, token(t, jwt.SigningMethodRS512, rsaKey, claims("editor", nil)), false},
		{"ES256 signed with another key", publicPEM(t, &ecKey.PublicKey), token(t, jwt.SigningMethodES256, otherEC, claims("editor", nil)), false},
		{"alg none", rsaPEM, token(t, jwt.SigningMethodNone, jwt.UnsafeAllowNoneSignatureType, claims("admin", nil)), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := mustNew(t, auth.Config{JWTPublicKeyPEM: tc.pem})
			res := send(t, a, bearer(tc.tok))
			if tc.accept && (res.status != http.StatusOK || res.principal != auth.Principal{Name: "jwt:alice", Role: auth.RoleEditor, Method: "jwt"}) {
				t.Fatalf("got %+v, want jwt:alice as editor", res)
			}
			if !tc.accept && (res.status != http.StatusUnauthorized || res.code != strikegraph.ECodeUnauthenticated) {
				t.Fatalf("got %+v, want 401 UNAUTHENTICATED", res)
			}
		})
	}
}

func TestReadAccess(t *testing.T) {
	readerKey, line := newKey(t, "rita", auth.RoleReader)
	open := mustNew(t, auth.Config{APIKeys: line})
	reader := mustNew(t, auth.Config{APIKeys: line, ReadAccess: auth.ReadReader})
	if res := send(t, open, nil); res.status != http.StatusOK || res.ok {
		t.Errorf("open, no credentials: got %+v, want to pass without a principal", res)
	}
	if res := send(t, reader, nil); res.status != http.StatusUnauthorized || res.code != strikegraph.ECodeUnauthenticated || res.challenge == "" {
		t.Errorf("reader, no credentials: got %+v, want 401 UNAUTHENTICATED with WWW-Authenticate", res)
	}
	if res := send(t, reader, map[string]string{"X-API-Key": readerKey}); res.status != http.StatusOK || res.principal.Role != auth.RoleReader {
		t.Errorf("reader, a reader's key: got %+v, want to pass as a reader", res)
	}
}

// TestUnconfigured: with no credentials configured, reads pass, a presented
// key is refused, and Require says how to configure keys.
func TestUnconfigured(t *testing.T) {
	for _, a := range []*auth.Authenticator{nil, mustNew(t, auth.Config{})} {
		if res := send(t, a, map[string]string{"X-API-Key": "sg_whatever"}); res.status != http.StatusUnauthorized {
			t.Errorf("a key with none configured: got %+v, want 401", res)
		}
		var err error
		h := a.Middleware(http.HandlerFunc(func(_ http.ResponseWriter, r *http.Request) { err = auth.Require(r.Context(), auth.RoleEditor) }))
		h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodPost, "/graphql", nil))
		if strikegraph.ErrorCode(err) != strikegraph.ECodeUnauthenticated || !strings.Contains(err.Error(), "strikegraph apikey") {
			t.Errorf("a write with none configured: got %v, want UNAUTHENTICATED saying how to create a key", err)
		}
	}
}

func TestNewRefusesBadConfig(t *testing.T) {
	ecKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	der, err := x509.MarshalPKCS8PrivateKey(ecKey)
	if err != nil {
		t.Fatal(err)
	}
	private := pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der})
	long := []byte(strings.Repeat("s", 32))
	for _, tc := range []struct {
		name string
		cfg  auth.Config
	}{
		{"short secret", auth.Config{JWTSecret: []byte("short")}},
		{"secret and public key", auth.Config{JWTSecret: long, JWTPublicKeyPEM: publicPEM(t, &ecKey.PublicKey)}},
		{"private key", auth.Config{JWTPublicKeyPEM: private}},
		{"not PEM", auth.Config{JWTPublicKeyPEM: []byte("hello")}},
		{"issuer without a key", auth.Config{JWTIssuer: "https://idp.example"}},
		{"reader access with nothing to read with", auth.Config{ReadAccess: auth.ReadReader}},
		{"unknown read access", auth.Config{JWTSecret: long, ReadAccess: "closed"}},
		{"bad key line", auth.Config{APIKeys: "alice editor"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := auth.New(tc.cfg); err == nil {
				t.Fatal("accepted")
			}
		})
	}
}

// TestConnect checks credentials as a WebSocket's connection_init brings
// them, after its upgrade went through Upgrades: the same keys and tokens
// as the headers, the same refusals; an upgrade without credentials passes
// Upgrades where reads need them, for Connect to decide.
func TestConnect(t *testing.T) {
	secret := []byte("0123456789abcdef0123456789abcdef-test")
	readerKey, line := newKey(t, "rita", auth.RoleReader)
	a := mustNew(t, auth.Config{APIKeys: line, JWTSecret: secret, ReadAccess: auth.ReadReader})
	editor := token(t, jwt.SigningMethodHS256, secret, claims("editor", func(c jwt.MapClaims) { delete(c, "iss"); delete(c, "aud") }))
	expired := token(t, jwt.SigningMethodHS256, secret, claims("editor", func(c jwt.MapClaims) { c["exp"] = time.Now().Add(-time.Hour).Unix() }))
	rita := auth.Principal{Name: "key:rita", Role: auth.RoleReader, Method: auth.MethodAPIKey}
	alice := auth.Principal{Name: "jwt:alice", Role: auth.RoleEditor, Method: auth.MethodJWT}

	// upgrade passes a request with headers through Upgrades, then its
	// connection_init payload through Connect.
	upgrade := func(headers map[string]string, payload map[string]any) (auth.Principal, bool, int, error) {
		t.Helper()
		var ctx context.Context
		h := a.Upgrades(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { ctx = r.Context() }))
		req := httptest.NewRequest(http.MethodGet, "/graphql", nil)
		for k, v := range headers {
			req.Header.Set(k, v)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if ctx == nil {
			return auth.Principal{}, false, rec.Code, nil
		}
		ctx, err := a.Connect(ctx, payload)
		p, ok := auth.FromContext(ctx)
		return p, ok, rec.Code, err
	}
	for _, tc := range []struct {
		name    string
		headers map[string]string
		payload map[string]any
		want    auth.Principal // zero: refused
		msg     string         // in the refusal
	}{
		{"a key", nil, map[string]any{"X-API-Key": readerKey}, rita, ""},
		{"a key as a bearer, lower case", nil, map[string]any{"authorization": "bearer " + readerKey}, rita, ""},
		{"a JWT", nil, map[string]any{"Authorization": "Bearer " + editor}, alice, ""},
		{"an expired JWT", nil, map[string]any{"Authorization": "Bearer " + expired}, auth.Principal{}, "expired"},
		{"a JWT in the headers", map[string]string{"Authorization": "Bearer " + editor}, nil, alice, ""},
		{"the same in both", map[string]string{"Authorization": "Bearer " + editor}, map[string]any{"AUTHORIZATION": "Bearer " + editor}, alice, ""},
		{"others in both", map[string]string{"X-API-Key": readerKey}, map[string]any{"Authorization": "Bearer " + editor}, auth.Principal{}, "differ"},
		{"none", nil, map[string]any{"other": "x"}, auth.Principal{}, "reading needs credentials"},
		{"a wrong key", nil, map[string]any{"X-API-Key": "sg_wrong"}, auth.Principal{}, "not valid"},
		{"twice", nil, map[string]any{"X-API-Key": readerKey, "x-api-key": readerKey}, auth.Principal{}, "twice"},
		{"not a string", nil, map[string]any{"X-API-Key": []any{readerKey}}, auth.Principal{}, "must be a string"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, ok, status, err := upgrade(tc.headers, tc.payload)
			if status != http.StatusOK {
				t.Fatalf("the upgrade: %d, want to pass", status)
			}
			if tc.want == (auth.Principal{}) {
				if err == nil || !strings.Contains(err.Error(), tc.msg) {
					t.Fatalf("got %+v, %v; want refused saying %q", p, err, tc.msg)
				}
				if strings.Contains(err.Error(), readerKey) || strings.Contains(err.Error(), "sg_wrong") || strings.Contains(err.Error(), expired) {
					t.Fatalf("the refusal repeats the credential: %v", err)
				}
				return
			}
			if err != nil || !ok || p != tc.want {
				t.Fatalf("got %+v, %v, %v; want %+v", p, ok, err, tc.want)
			}
		})
	}
	if _, _, status, _ := upgrade(map[string]string{"X-API-Key": "sg_wrong"}, nil); status != http.StatusUnauthorized {
		t.Errorf("a wrong key in the upgrade's headers: %d, want 401", status)
	}
	open := mustNew(t, auth.Config{APIKeys: line})
	if ctx, err := open.Connect(context.Background(), nil); err != nil {
		t.Errorf("open, no credentials: %v", err)
	} else if _, ok := auth.FromContext(ctx); ok {
		t.Error("open, no credentials: a principal")
	}
	var none *auth.Authenticator
	if _, err := none.Connect(context.Background(), map[string]any{"X-API-Key": readerKey}); err == nil {
		t.Error("no credentials configured: a key was taken")
	}
}
