package auth

import (
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// Leeway is how far the clocks of a token's issuer and of this service may
// disagree when exp and nbf are checked.
const Leeway = 30 * time.Second

// jwtVerifier checks bearer tokens against one key, with the one algorithm
// that fits the key's type: a token cannot choose how it is verified.
type jwtVerifier struct {
	alg      string
	key      any
	issuer   string
	audience string
	parser   *jwt.Parser
}

// newJWTVerifier returns nil when cfg configures no JWT key.
func newJWTVerifier(cfg Config) (*jwtVerifier, error) {
	v := &jwtVerifier{issuer: cfg.JWTIssuer, audience: cfg.JWTAudience}
	switch {
	case len(cfg.JWTSecret) > 0 && len(cfg.JWTPublicKeyPEM) > 0:
		return nil, errors.New("give either a JWT secret or a JWT public key, not both")
	case len(cfg.JWTSecret) > 0:
		// RFC 7518 3.2: an HS256 key must be at least as long as the hash.
		if len(cfg.JWTSecret) < 32 {
			return nil, fmt.Errorf("the JWT secret has %d bytes; HS256 needs at least 32", len(cfg.JWTSecret))
		}
		v.alg, v.key = jwt.SigningMethodHS256.Alg(), cfg.JWTSecret
	case len(cfg.JWTPublicKeyPEM) > 0:
		var err error
		if v.alg, v.key, err = parsePublicKey(cfg.JWTPublicKeyPEM); err != nil {
			return nil, err
		}
	default:
		if cfg.JWTIssuer != "" || cfg.JWTAudience != "" {
			return nil, errors.New("a JWT issuer or audience is set, but no JWT secret or public key")
		}
		return nil, nil
	}
	opts := []jwt.ParserOption{jwt.WithValidMethods([]string{v.alg}), jwt.WithExpirationRequired(), jwt.WithLeeway(Leeway)}
	if v.issuer != "" {
		opts = append(opts, jwt.WithIssuer(v.issuer))
	}
	if v.audience != "" {
		opts = append(opts, jwt.WithAudience(v.audience))
	}
	v.parser = jwt.NewParser(opts...)
	return v, nil
}

// parsePublicKey reads a PEM public key (or certificate) and returns the
// algorithm its type allows.
func parsePublicKey(data []byte) (alg string, key any, err error) {
	block, _ := pem.Decode(data)
	if block == nil {
		return "", nil, errors.New("the JWT public key file holds no PEM block")
	}
	var pub any
	switch block.Type {
	case "PUBLIC KEY":
		pub, err = x509.ParsePKIXPublicKey(block.Bytes)
	case "RSA PUBLIC KEY":
		pub, err = x509.ParsePKCS1PublicKey(block.Bytes)
	case "CERTIFICATE":
		var cert *x509.Certificate
		if cert, err = x509.ParseCertificate(block.Bytes); err == nil {
			pub = cert.PublicKey
		}
	default:
		return "", nil, fmt.Errorf("the JWT public key file holds a %q PEM block; want PUBLIC KEY (never give the service a private key)", block.Type)
	}
	if err != nil {
		return "", nil, fmt.Errorf("the JWT public key: %w", err)
	}
	switch k := pub.(type) {
	case *rsa.PublicKey:
		if k.Size() < 256 {
			return "", nil, fmt.Errorf("the JWT RSA key has %d bits; want at least 2048", k.N.BitLen())
		}
		return jwt.SigningMethodRS256.Alg(), k, nil
	case *ecdsa.PublicKey:
		alg, ok := map[string]string{"P-256": "ES256", "P-384": "ES384", "P-521": "ES512"}[k.Curve.Params().Name]
		if !ok {
			return "", nil, fmt.Errorf("the JWT EC key is on curve %s; want P-256, P-384 or P-521", k.Curve.Params().Name)
		}
		return alg, k, nil
	case ed25519.PublicKey:
		return jwt.SigningMethodEdDSA.Alg(), k, nil
	}
	return "", nil, fmt.Errorf("the JWT public key is a %T; want RSA, ECDSA or Ed25519", pub)
}

// tokenClaims are the claims a token may carry: its role is in role, or in
// roles, where the highest one counts.
type tokenClaims struct {
	jwt.RegisteredClaims
	Role  string   `json:"role"`
	Roles []string `json:"roles"`
}

// verify checks token and returns its principal. Its errors say what is
// wrong with the token without repeating it.
func (v *jwtVerifier) verify(token string) (Principal, error) {
	var c tokenClaims
	tok, err := v.parser.ParseWithClaims(token, &c, func(*jwt.Token) (any, error) { return v.key, nil })
	if err != nil {
		return Principal{}, v.explain(tok, &c, err)
	}
	if !numericDates(tok.Raw) {
		return Principal{}, errors.New("the token's exp, nbf and iat must be numbers of seconds since 1970, not strings")
	}
	if c.Subject == "" {
		return Principal{}, errors.New("the token has no sub claim")
	}
	names := c.Roles
	if c.Role != "" {
		names = append([]string{c.Role}, c.Roles...)
	}
	if len(names) == 0 {
		return Principal{}, errors.New("the token has no role or roles claim; give reader, editor or admin")
	}
	var role Role
	for _, name := range names {
		r, err := ParseRole(name)
		if err != nil {
			return Principal{}, fmt.Errorf("the token's role claim: %w", err)
		}
		role = max(role, r)
	}
	return Principal{Name: "jwt:" + c.Subject, Role: role, Method: MethodJWT}, nil
}

// numericDates tells whether the dates of a token that verified (exp, nbf,
// iat) are JSON numbers, as RFC 7519 has them: the parser takes a string
// that holds a number as well.
func numericDates(token string) bool {
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		return false
	}
	payload, err := base64.RawURLEncoding.DecodeString(parts[1])
	var claims map[string]json.RawMessage
	if err != nil || json.Unmarshal(payload, &claims) != nil {
		return false
	}
	for _, name := range []string{"exp", "nbf", "iat"} {
		if v, ok := claims[name]; ok && (len(v) == 0 || v[0] < '0' || v[0] > '9') {
			return false
		}
	}
	return true
}

// explain says why a token was refused, most basic reason first.
func (v *jwtVerifier) explain(tok *jwt.Token, c *tokenClaims, err error) error {
	switch {
	case errors.Is(err, jwt.ErrTokenMalformed):
		return errors.New("the token is malformed")
	case errors.Is(err, jwt.ErrTokenUnverifiable), tok != nil && tok.Method != nil && tok.Method.Alg() != v.alg:
		return fmt.Errorf("the token's alg is not accepted; this service accepts only %s", v.alg)
	case errors.Is(err, jwt.ErrTokenSignatureInvalid):
		return errors.New("the token's signature does not verify")
	case c.ExpiresAt == nil:
		return errors.New("the token has no exp claim")
	case errors.Is(err, jwt.ErrTokenExpired):
		return errors.New("the token has expired")
	case errors.Is(err, jwt.ErrTokenNotValidYet):
		return errors.New("the token is not valid yet (nbf)")
	case v.issuer != "" && c.Issuer != v.issuer:
		return fmt.Errorf("the token's iss is not %q", v.issuer)
	case v.audience != "" && !slices.Contains(c.Audience, v.audience):
		return fmt.Errorf("the token's aud does not include %q", v.audience)
	}
	return errors.New("the token is not valid")
}
