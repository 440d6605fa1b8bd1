package server

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/strikegraph/strikegraph/internal/graphtest"
)

// TestHeavyReadsAdmitted fills the room for heavy reads, as long-running
// neighbourhoods would: another heavy field is refused at once, OVERLOADED,
// and so is an export (503 with Retry-After), while a light query still
// passes; once there is room again, the heavy field is answered.
func TestHeavyReadsAdmitted(t *testing.T) {
	g := graphtest.Seeded(t)
	heavy := newAdmission(2)
	srv := httptest.NewServer(routes(g, graphtest.Logger(t), Options{}, heavy))
	defer srv.Close()
	post := func(q string) (codes []any) {
		res, err := http.Post(srv.URL+"/graphql", "application/json", bytes.NewReader([]byte(`{"query": `+q+`}`)))
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		var out struct {
			Errors []struct{ Extensions map[string]any }
		}
		if err := json.NewDecoder(res.Body).Decode(&out); err != nil {
			t.Fatal(err)
		}
		for _, e := range out.Errors {
			codes = append(codes, e.Extensions["code"])
		}
		return codes
	}
	const timeline = `"{ timeline(by: MONTH) { buckets { start } } }"`
	const light = `"{ incidents(limit: 1) { id } }"`
	if codes := post(timeline); len(codes) > 0 {
		t.Fatalf("a timeline with room: %v", codes)
	}

	leave, err := heavy.enter(t.Context(), 2) // every slot
	if err != nil {
		t.Fatal(err)
	}
	if codes := post(timeline); len(codes) != 1 || codes[0] != "OVERLOADED" {
		t.Errorf("a timeline with no room: %v, want OVERLOADED", codes)
	}
	res, err := http.Get(srv.URL + "/export/graphml")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusServiceUnavailable || res.Header.Get("Retry-After") == "" {
		t.Errorf("an export with no room: %d, Retry-After %q; want 503 with Retry-After", res.StatusCode, res.Header.Get("Retry-After"))
	}
	if codes := post(light); len(codes) > 0 {
		t.Errorf("a light query with no room for heavy ones: %v", codes)
	}

	leave()
	if codes := post(timeline); len(codes) > 0 {
		t.Errorf("a timeline once there is room again: %v", codes)
	}
}
