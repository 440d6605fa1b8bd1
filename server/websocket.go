package server

import (
	"bufio"
	"context"
	"net"
	"net/http"
	"sync"
	"unicode/utf8"

	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/gorilla/websocket"

	"github.com/strikegraph/strikegraph/auth"
)

// closeForbidden is graphql-transport-ws's close code for a connection_init
// refused: 4403 Forbidden, as graphql-ws's server closes it.
const closeForbidden = 4403

// connectionInit checks the credentials of each subscription's connection
// once, at its connection_init (auth.Connect), and refuses a connection
// with 4403 and the reason.
func connectionInit(a *auth.Authenticator) transport.WebsocketInitFunc {
	return func(ctx context.Context, payload transport.InitPayload) (context.Context, *transport.InitPayload, error) {
		ctx, err := a.Connect(ctx, payload)
		if err != nil {
			refuseConnection(ctx, closeForbidden, err.Error())
		}
		return ctx, nil, err
	}
}

// gqlgen v0.17.90 closes a connection whose init it refused with 1000
// "terminated": a normal closure, without the reason, which graphql-ws's
// client answers by connecting again at once, for ever. So the refusal is
// closed here first, on the connection the upgrade took over, with the code
// and the reason; gqlgen's own close then finds it closed. (Since v0.17.91,
// transport.WithWebsocketCloseCode and AppendCloseReason do this.)

type upgradedKey struct{}

// upgraded holds the connection a WebSocket's upgrade took over.
type upgraded struct {
	mu   sync.Mutex
	conn net.Conn
}

// keepsConnection gives refuseConnection the connection of each upgrade.
func keepsConnection(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		u := &upgraded{}
		next.ServeHTTP(hijacker{w, u}, r.WithContext(context.WithValue(r.Context(), upgradedKey{}, u)))
	})
}

type hijacker struct {
	http.ResponseWriter
	u *upgraded
}

func (h hijacker) Unwrap() http.ResponseWriter { return h.ResponseWriter }

func (h hijacker) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	conn, rw, err := http.NewResponseController(h.ResponseWriter).Hijack()
	if err == nil {
		h.u.mu.Lock()
		h.u.conn = conn
		h.u.mu.Unlock()
	}
	return conn, rw, err
}

// refuseConnection sends ctx's WebSocket a close frame of code and reason,
// then closes it. Nothing else writes to it while its init is checked.
func refuseConnection(ctx context.Context, code int, reason string) {
	u, _ := ctx.Value(upgradedKey{}).(*upgraded)
	if u == nil {
		return
	}
	u.mu.Lock()
	defer u.mu.Unlock()
	if u.conn == nil {
		return
	}
	_, _ = u.conn.Write(closeFrame(code, reason))
	_ = u.conn.Close()
}

// closeFrame is a server's close frame (RFC 6455 5.5.1): unmasked, its
// payload the code and as much of reason as fits in 125 bytes.
func closeFrame(code int, reason string) []byte {
	const maxReason = 125 - 2
	for len(reason) > maxReason {
		_, size := utf8.DecodeLastRuneInString(reason)
		reason = reason[:len(reason)-size]
	}
	payload := websocket.FormatCloseMessage(code, reason)
	return append([]byte{0x80 | websocket.CloseMessage, byte(len(payload))}, payload...)
}
