package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/strikegraph/strikegraph/auth"
	"github.com/strikegraph/strikegraph/internal/graphtest"
)

// newAPIKey runs `strikegraph apikey` and returns the key and the line it
// printed.
func newAPIKey(t *testing.T, name, role string) (key, line string) {
	t.Helper()
	var out bytes.Buffer
	if err := apikey([]string{"-name", name, "-role", role}, &out); err != nil {
		t.Fatal(err)
	}
	key = regexp.MustCompile(`(?m)^  (sg_[A-Za-z0-9_-]{43})$`).FindStringSubmatch(out.String())[1]
	sum := sha256.Sum256([]byte(key))
	line = name + " " + role + " " + hex.EncodeToString(sum[:])
	if !strings.Contains(out.String(), "\n"+line+"\n") {
		t.Fatalf("apikey printed\n%s\nwant the line %q", &out, line)
	}
	return key, line
}

// authFrom parses args as serve's auth flags and builds the Authenticator.
func authFrom(t *testing.T, args []string, log *slog.Logger) (*auth.Authenticator, error) {
	t.Helper()
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	s := authFlags(fs)
	if err := parseFlags(fs, args); err != nil {
		t.Fatal(err)
	}
	return s.authenticator(log)
}

func writeFile(t *testing.T, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "keys")
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// principal sends a request with headers through a and returns who it was.
func principal(a *auth.Authenticator, headers map[string]string) (auth.Principal, int) {
	var p auth.Principal
	h := a.Middleware(http.HandlerFunc(func(_ http.ResponseWriter, r *http.Request) { p, _ = auth.FromContext(r.Context()) }))
	req := httptest.NewRequest(http.MethodPost, "/graphql", nil)
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return p, rec.Code
}

func TestAPIKeyCommand(t *testing.T) {
	key, line := newAPIKey(t, "alice", "editor")
	a, err := authFrom(t, []string{"--api-keys-file", writeFile(t, "# keys\n"+line+"\n")}, graphtest.Logger(t))
	if err != nil {
		t.Fatal(err)
	}
	if p, status := principal(a, map[string]string{"X-API-Key": key}); status != http.StatusOK || p.Name != "key:alice" || p.Role != auth.RoleEditor {
		t.Errorf("the new key gave %+v (status %d), want key:alice as editor", p, status)
	}
	for _, args := range [][]string{{"-name", "alice", "-role", "owner"}, {"-role", "editor"}, {"-name", "a b", "-role", "editor"}} {
		if err := apikey(args, &bytes.Buffer{}); err == nil {
			t.Errorf("apikey %q was accepted", args)
		}
	}
}

func TestAuthFlagErrors(t *testing.T) {
	_, line := newAPIKey(t, "alice", "editor")
	// Someone pasted the key itself where its hash belongs.
	secret, _ := newAPIKey(t, "bob", "admin")
	file := writeFile(t, line+"\n\nbob admin "+secret+"\n")
	_, err := authFrom(t, []string{"--api-keys-file", file}, graphtest.Logger(t))
	if err == nil || !strings.Contains(err.Error(), "line 3") || !strings.Contains(err.Error(), file) || strings.Contains(err.Error(), secret) {
		t.Errorf("a bad line 3 gave %v, want an error naming the file and line 3, without the key", err)
	}
	if _, err := authFrom(t, []string{"--api-keys-file", filepath.Join(t.TempDir(), "missing")}, graphtest.Logger(t)); err == nil || !strings.Contains(err.Error(), "--api-keys-file") {
		t.Errorf("a missing key file gave %v, want an error naming the flag", err)
	}
	if _, err := authFrom(t, []string{"--read-access", "closed"}, graphtest.Logger(t)); err == nil {
		t.Error("--read-access closed was accepted")
	}

	t.Setenv("STRIKEGRAPH_API_KEYS", "bob admin "+secret)
	if _, err := authFrom(t, nil, graphtest.Logger(t)); err == nil || !strings.Contains(err.Error(), "STRIKEGRAPH_API_KEYS: line 1") || strings.Contains(err.Error(), secret) {
		t.Errorf("a bad STRIKEGRAPH_API_KEYS gave %v, want an error naming it and line 1, without the key", err)
	}
	t.Setenv("STRIKEGRAPH_API_KEYS", line)
	if _, err := authFrom(t, []string{"--api-keys-file", writeFile(t, line)}, graphtest.Logger(t)); err == nil || !strings.Contains(err.Error(), "STRIKEGRAPH_API_KEYS") {
		t.Errorf("the same key in the file and the variable gave %v, want an error saying how lines are counted", err)
	}
}

// TestAuthLogsNoSecrets configures keys and a JWT secret, serves a good key,
// a bad key, a good token and an expired one, and checks that the log says
// what happened without a key, hash, secret or token.
func TestAuthLogsNoSecrets(t *testing.T) {
	editorKey, editorLine := newAPIKey(t, "alice", "editor")
	readerKey, readerLine := newAPIKey(t, "rita", "reader")
	badKey, _ := newAPIKey(t, "mallory", "admin")
	jwtSecret := "a JWT secret that is long enough for HS256"
	t.Setenv("STRIKEGRAPH_API_KEYS", readerLine)
	t.Setenv("STRIKEGRAPH_JWT_SECRET", jwtSecret)
	sign := func(exp time.Time) string {
		tok, err := jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.MapClaims{"sub": "jo", "role": "admin", "exp": exp.Unix()}).SignedString([]byte(jwtSecret))
		if err != nil {
			t.Fatal(err)
		}
		return tok
	}
	goodToken, expiredToken := sign(time.Now().Add(time.Hour)), sign(time.Now().Add(-time.Hour))

	var logs bytes.Buffer
	log := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	a, err := authFrom(t, []string{"--api-keys-file", writeFile(t, editorLine), "--read-access", "reader"}, log)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		headers map[string]string
		status  int
	}{
		{map[string]string{"X-API-Key": editorKey}, http.StatusOK},
		{map[string]string{"Authorization": "Bearer " + readerKey}, http.StatusOK},
		{map[string]string{"X-API-Key": badKey}, http.StatusUnauthorized},
		{map[string]string{"Authorization": "Bearer " + goodToken}, http.StatusOK},
		{map[string]string{"Authorization": "Bearer " + expiredToken}, http.StatusUnauthorized},
		{nil, http.StatusUnauthorized},
	} {
		if _, status := principal(a, tc.headers); status != tc.status {
			t.Errorf("%v: status %d, want %d", tc.headers, status, tc.status)
		}
	}

	out := logs.String()
	t.Log(out)
	for _, want := range []string{"api_keys=2", "jwt=HS256", "read_access=reader", "credentials refused", "expired"} {
		if !strings.Contains(out, want) {
			t.Errorf("the log lacks %q", want)
		}
	}
	secrets := map[string]string{"editor key": editorKey, "reader key": readerKey, "bad key": badKey, "JWT secret": jwtSecret,
		"good token": goodToken, "expired token": expiredToken, "editor key hash": strings.Fields(editorLine)[2],
		"reader key hash": strings.Fields(readerLine)[2], "Authorization header": "Bearer "}
	for name, s := range secrets {
		if strings.Contains(out, s) {
			t.Errorf("the log holds the %s", name)
		}
	}
}
