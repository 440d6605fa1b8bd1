package auth

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
)

// Upgrades is Middleware for the WebSocket upgrades of subscriptions. A
// browser cannot set headers on a WebSocket, so its credentials come later,
// in the connection_init message, which Connect checks: an upgrade without
// credentials passes here even where reads need them. Credentials in the
// headers are checked as Middleware checks them.
func (a *Authenticator) Upgrades(next http.Handler) http.Handler {
	return a.wrap(next, writeGraphQLError, true)
}

// Connect checks the credentials of a WebSocket's connection_init payload,
// as graphql-ws's connectionParams send them: {"X-API-Key": …} or
// {"Authorization": "Bearer …"}, the names in any case. ctx is the upgrade
// request's, through Upgrades; Connect returns it with the principal. It
// refuses, with an error whose message names no secret, credentials that
// are not valid, that name another principal than the headers' do, and
// none where reads need them.
func (a *Authenticator) Connect(ctx context.Context, payload map[string]any) (context.Context, error) {
	if a == nil {
		a = unconfigured
	}
	p, ok, err := a.connect(ctx, payload)
	if err != nil {
		// As Wrap: the reason, never the credential.
		a.log.InfoContext(ctx, "credentials refused", "path", "/graphql", "in", "connection_init", "reason", err)
		return ctx, err
	}
	if ok {
		ctx = WithPrincipal(ctx, p)
	}
	return ctx, nil
}

func (a *Authenticator) connect(ctx context.Context, payload map[string]any) (Principal, bool, error) {
	var key, authz string
	for name, v := range payload {
		var to *string
		switch strings.ToLower(name) {
		case "x-api-key":
			to = &key
		case "authorization":
			to = &authz
		default:
			continue
		}
		s, ok := v.(string)
		if !ok {
			return Principal{}, false, fmt.Errorf("%s in connection_init must be a string", name)
		}
		if *to != "" {
			return Principal{}, false, fmt.Errorf("%s is in connection_init twice", name)
		}
		*to = s
	}
	p, ok, err := a.check(key, authz)
	if err != nil {
		return Principal{}, false, err
	}
	fromHeaders, inHeaders := FromContext(ctx)
	switch {
	case ok && inHeaders && p != fromHeaders:
		return Principal{}, false, errors.New("the credentials in connection_init and in the headers differ: send them in one place")
	case ok:
		return p, true, nil
	case inHeaders:
		return fromHeaders, true, nil
	case a.readAccess == ReadReader:
		return Principal{}, false, errors.New("reading needs credentials: send X-API-Key or Authorization: Bearer in connection_init's payload or the headers")
	}
	return Principal{}, false, nil
}
