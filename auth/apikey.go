package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"regexp"
	"strings"
)

// APIKey is one configured key. Only the SHA-256 of the key is kept, so a
// configuration holds no usable secret.
type APIKey struct {
	Name string
	Role Role
	Hash [sha256.Size]byte
}

// KeyPrefix starts every generated key, so that a leaked one is easy to
// recognise, and since a key has no dot it is never taken for a JWT.
const KeyPrefix = "sg_"

var validName = regexp.MustCompile(`^[A-Za-z0-9._@-]{1,64}$`)

// ParseAPIKeys parses lines of "name role sha256hex". Blank lines and lines
// starting with # are skipped. Errors name the line, never its hash.
func ParseAPIKeys(text string) ([]APIKey, error) {
	var keys []APIKey
	names := map[string]int{}
	hashes := map[[sha256.Size]byte]int{}
	for i, line := range strings.Split(text, "\n") {
		n := i + 1
		fields := strings.Fields(line)
		if len(fields) == 0 || strings.HasPrefix(fields[0], "#") {
			continue
		}
		if len(fields) != 3 {
			return nil, fmt.Errorf("line %d: want name role sha256hex, got %d fields", n, len(fields))
		}
		if !validName.MatchString(fields[0]) {
			return nil, fmt.Errorf("line %d: the name must be 1 to 64 letters, digits or . _ @ -", n)
		}
		role, err := ParseRole(fields[1])
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", n, err)
		}
		k := APIKey{Name: fields[0], Role: role}
		b, err := hex.DecodeString(fields[2])
		if err != nil || len(b) != sha256.Size {
			return nil, fmt.Errorf("line %d: the third field must be the key's SHA-256 in 64 hex digits (see strikegraph apikey)", n)
		}
		copy(k.Hash[:], b)
		if m, ok := names[k.Name]; ok {
			return nil, fmt.Errorf("line %d: the name %s is already on line %d", n, k.Name, m)
		}
		if m, ok := hashes[k.Hash]; ok {
			return nil, fmt.Errorf("line %d: the same key is already on line %d", n, m)
		}
		names[k.Name], hashes[k.Hash] = n, n
		keys = append(keys, k)
	}
	return keys, nil
}

// NewAPIKey makes a random key for name and the configuration line that
// grants it role. The key is shown once; only its hash is kept.
func NewAPIKey(name string, role Role) (key, line string, err error) {
	if !validName.MatchString(name) {
		return "", "", fmt.Errorf("the name must be 1 to 64 letters, digits or . _ @ -")
	}
	if _, ok := roleNames[role]; !ok {
		return "", "", fmt.Errorf("unknown role %v", role)
	}
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", "", err
	}
	key = KeyPrefix + base64.RawURLEncoding.EncodeToString(b)
	sum := sha256.Sum256([]byte(key))
	return key, fmt.Sprintf("%s %s %s", name, role, hex.EncodeToString(sum[:])), nil
}

// findKey returns the configured key whose hash is key's. It compares every
// hash in constant time, so timing says nothing about how close a guess was.
func findKey(keys []APIKey, key string) (APIKey, bool) {
	sum := sha256.Sum256([]byte(key))
	var found APIKey
	ok := false
	for _, k := range keys {
		if subtle.ConstantTimeCompare(sum[:], k.Hash[:]) == 1 {
			found, ok = k, true
		}
	}
	return found, ok
}
