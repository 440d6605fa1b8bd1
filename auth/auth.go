// Package auth says who sends a request and what they may do: API keys and
// JWT bearer tokens give a Principal with a Role; the write path calls Require
// before it changes anything.
package auth

import (
	"context"
	"fmt"

	"github.com/strikegraph/strikegraph"
)

// Role is what a principal may do. Roles are ordered: each may do what the
// ones below it may.
type Role int

const (
	RoleReader Role = iota + 1 // reads; zero is no role, so a forgotten Role grants nothing
	RoleEditor                 // also creates and updates entities, records claims, imports
	RoleAdmin                  // also retracts claims and merges entities
)

var roleNames = map[Role]string{RoleReader: "reader", RoleEditor: "editor", RoleAdmin: "admin"}

func (r Role) String() string {
	if name, ok := roleNames[r]; ok {
		return name
	}
	return fmt.Sprintf("Role(%d)", int(r))
}

// ParseRole parses "reader", "editor" or "admin".
func ParseRole(s string) (Role, error) {
	for r, name := range roleNames {
		if s == name {
			return r, nil
		}
	}
	return 0, fmt.Errorf("unknown role %q: want reader, editor or admin", s)
}

// Principal is who sent a request.
type Principal struct {
	Name   string // "key:<name>" or "jwt:<sub>"
	Role   Role
	Method string // MethodAPIKey or MethodJWT
}

// The ways a principal may prove who it is.
const (
	MethodAPIKey = "api-key"
	MethodJWT    = "jwt"
)

type principalKey struct{}

// unconfiguredKey marks a request served with no credentials configured, so
// that Require can say how to configure them.
type unconfiguredKey struct{}

// WithPrincipal returns ctx with p as the request's principal.
func WithPrincipal(ctx context.Context, p Principal) context.Context {
	return context.WithValue(ctx, principalKey{}, p)
}

// FromContext returns the request's principal, if it sent credentials.
func FromContext(ctx context.Context) (Principal, bool) {
	p, ok := ctx.Value(principalKey{}).(Principal)
	return p, ok
}

// Require returns nil when ctx's principal has at least role. Else it returns
// a *strikegraph.Error coded ECodeUnauthenticated when there is no principal,
// or ECodeForbidden when its role is too low.
func Require(ctx context.Context, role Role) error {
	p, ok := FromContext(ctx)
	if !ok {
		msg := fmt.Sprintf("this needs credentials with the %s role: send an API key in X-API-Key or a token in Authorization: Bearer", role)
		if unconfigured, _ := ctx.Value(unconfiguredKey{}).(bool); unconfigured {
			msg = fmt.Sprintf("this needs credentials with the %s role, and the server has none configured: "+
				"create an API key with `strikegraph apikey -name NAME -role %s` and add its line to STRIKEGRAPH_API_KEYS_FILE, or configure JWT", role, role)
		}
		return &strikegraph.Error{Code: strikegraph.ECodeUnauthenticated, Message: msg}
	}
	if p.Role < role {
		return &strikegraph.Error{Code: strikegraph.ECodeForbidden,
			Message: fmt.Sprintf("this needs the %s role; %s has the %s role", role, p.Name, p.Role)}
	}
	return nil
}
