package server

import (
	"encoding/binary"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestCloseFrame: a close frame holds the code and as much of the reason as
// fits in a control frame's 125 bytes, cut between characters.
func TestCloseFrame(t *testing.T) {
	for _, reason := range []string{"the API key is not valid", strings.Repeat("é", 100)} {
		f := closeFrame(closeForbidden, reason)
		if f[0] != 0x88 || int(f[1]) != len(f)-2 || len(f) > 2+125 {
			t.Fatalf("%q: header % x, %d bytes", reason, f[:2], len(f))
		}
		code, text := binary.BigEndian.Uint16(f[2:4]), string(f[4:])
		if code != closeForbidden || !utf8.ValidString(text) || !strings.HasPrefix(reason, text) || len(text) < min(len(reason), 122) {
			t.Errorf("%q: code %d, reason %q", reason, code, text)
		}
	}
}
