package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"

	"github.com/strikegraph/strikegraph/auth"
)

// authSettings say where the credentials are. Secrets come from files or
// the environment, never from flags: anyone can read a flag's value in ps.
type authSettings struct {
	keysFile, secretFile, publicKeyFile string
	issuer, audience, readAccess        string
}

func authFlags(fs *flag.FlagSet) *authSettings {
	s := &authSettings{}
	fs.StringVar(&s.keysFile, "api-keys-file", os.Getenv("STRIKEGRAPH_API_KEYS_FILE"), "file of API keys, a line `name role sha256hex` each (see strikegraph apikey); STRIKEGRAPH_API_KEYS may hold more lines [STRIKEGRAPH_API_KEYS_FILE]")
	fs.StringVar(&s.secretFile, "jwt-secret-file", os.Getenv("STRIKEGRAPH_JWT_SECRET_FILE"), "file holding the HS256 secret of JWT bearer tokens; or set STRIKEGRAPH_JWT_SECRET [STRIKEGRAPH_JWT_SECRET_FILE]")
	fs.StringVar(&s.publicKeyFile, "jwt-public-key-file", os.Getenv("STRIKEGRAPH_JWT_PUBLIC_KEY_FILE"), "PEM public key of JWT bearer tokens: RSA (RS256), EC (ES256) or Ed25519 (EdDSA) [STRIKEGRAPH_JWT_PUBLIC_KEY_FILE]")
	fs.StringVar(&s.issuer, "jwt-issuer", os.Getenv("STRIKEGRAPH_JWT_ISSUER"), "when set, a token's iss must be this [STRIKEGRAPH_JWT_ISSUER]")
	fs.StringVar(&s.audience, "jwt-audience", os.Getenv("STRIKEGRAPH_JWT_AUDIENCE"), "when set, a token's aud must include this [STRIKEGRAPH_JWT_AUDIENCE]")
	fs.StringVar(&s.readAccess, "read-access", env("STRIKEGRAPH_READ_ACCESS", string(auth.ReadOpen)), "who may read: open (anyone) or reader (credentials with a role) [STRIKEGRAPH_READ_ACCESS]")
	return s
}

// authenticator reads the files and secret variables and builds the
// Authenticator. Its errors name the file or variable, never a secret.
func (s *authSettings) authenticator(log *slog.Logger) (*auth.Authenticator, error) {
	cfg := auth.Config{JWTIssuer: s.issuer, JWTAudience: s.audience, ReadAccess: auth.ReadAccess(s.readAccess), Logger: log}
	// Each source is checked alone first, so that a line number is a line
	// of that source.
	var keys []string
	if s.keysFile != "" {
		b, err := os.ReadFile(s.keysFile)
		if err != nil {
			return nil, fmt.Errorf("--api-keys-file: %w", err)
		}
		if _, err := auth.ParseAPIKeys(string(b)); err != nil {
			return nil, fmt.Errorf("--api-keys-file %s: %w", s.keysFile, err)
		}
		keys = append(keys, string(b))
	}
	if v := os.Getenv("STRIKEGRAPH_API_KEYS"); v != "" {
		if _, err := auth.ParseAPIKeys(v); err != nil {
			return nil, fmt.Errorf("STRIKEGRAPH_API_KEYS: %w", err)
		}
		keys = append(keys, v)
	}
	cfg.APIKeys = strings.Join(keys, "\n")

	cfg.JWTSecret = []byte(os.Getenv("STRIKEGRAPH_JWT_SECRET"))
	if s.secretFile != "" {
		if len(cfg.JWTSecret) > 0 {
			return nil, errors.New("set STRIKEGRAPH_JWT_SECRET or --jwt-secret-file, not both")
		}
		b, err := os.ReadFile(s.secretFile)
		if err != nil {
			return nil, fmt.Errorf("--jwt-secret-file: %w", err)
		}
		cfg.JWTSecret = bytes.TrimSpace(b) // editors end files with a newline
	}
	if s.publicKeyFile != "" {
		b, err := os.ReadFile(s.publicKeyFile)
		if err != nil {
			return nil, fmt.Errorf("--jwt-public-key-file: %w", err)
		}
		cfg.JWTPublicKeyPEM = b
	}
	a, err := auth.New(cfg)
	if err != nil && len(keys) == 2 && strings.HasPrefix(err.Error(), "API keys:") {
		// Alone each source parsed, so the same name or key is in both.
		return nil, fmt.Errorf("%w (counting the lines of --api-keys-file, then those of STRIKEGRAPH_API_KEYS)", err)
	}
	return a, err
}

// apikey prints a new random API key and the configuration line that grants
// it a role. The key is shown only now: the line holds its SHA-256 alone.
func apikey(args []string, out io.Writer) error {
	fs := flag.NewFlagSet("apikey", flag.ContinueOnError)
	name := fs.String("name", "", "whose key it is: letters, digits, . _ @ -; requests show as key:NAME")
	role := fs.String("role", "", "reader, editor or admin")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("apikey: unexpected argument %q", fs.Arg(0))
	}
	r, err := auth.ParseRole(*role)
	if err != nil {
		return fmt.Errorf("apikey: -role: %w", err)
	}
	key, line, err := auth.NewAPIKey(*name, r)
	if err != nil {
		return fmt.Errorf("apikey: -name: %w", err)
	}
	_, err = fmt.Fprintf(out, `API key for %s, shown only this once; give it to them safely:

  %s

Add this line to the API keys file (--api-keys-file, STRIKEGRAPH_API_KEYS_FILE)
or to STRIKEGRAPH_API_KEYS, then restart the service:

%s

Clients send the key as X-API-Key: <key>.
`, *name, key, line)
	return err
}
