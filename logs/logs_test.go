package logs_test

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"testing"

	"github.com/strikegraph/strikegraph/logs"
)

func TestRequestIDOnEveryLine(t *testing.T) {
	var buf bytes.Buffer
	log := slog.New(logs.Handler(logs.Handler(slog.NewTextHandler(&buf, nil)))).With("component", "test")
	ctx := logs.WithRequestID(context.Background(), "req-42")
	log.InfoContext(ctx, "one")
	log.WarnContext(ctx, "two", "n", 2)
	log.Info("no context")
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if len(lines) != 3 {
		t.Fatalf("%d lines: %q", len(lines), buf.String())
	}
	for _, l := range lines[:2] {
		if strings.Count(l, "request_id=req-42") != 1 || !strings.Contains(l, "component=test") {
			t.Errorf("line %q: want request_id=req-42 once, and the logger's attributes", l)
		}
	}
	if strings.Contains(lines[2], "request_id") {
		t.Errorf("a line without a request's context has a request id: %q", lines[2])
	}
}
