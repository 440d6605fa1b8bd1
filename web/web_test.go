package web_test

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/strikegraph/strikegraph/web"
)

func get(t *testing.T, h http.Handler, path string, header ...string) *http.Response {
	t.Helper()
	req := httptest.NewRequest("GET", path, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	return w.Result()
}

func TestHandler(t *testing.T) {
	h := web.Handler()
	for _, page := range []string{"/explorer/", "/graphiql/"} {
		plain := get(t, h, page)
		body, _ := io.ReadAll(plain.Body)
		if plain.StatusCode != http.StatusOK || plain.Header.Get("Content-Type") != "text/html; charset=utf-8" || !bytes.Contains(body, []byte("<script")) {
			t.Fatalf("%s: %s %q %.200s: run `make web` first", page, plain.Status, plain.Header.Get("Content-Type"), body)
		}

		zipped := get(t, h, page, "Accept-Encoding", "br, gzip")
		if zipped.Header.Get("Content-Encoding") != "gzip" || zipped.Header.Get("ETag") == plain.Header.Get("ETag") {
			t.Errorf("%s: Content-Encoding %q, ETag %q beside %q", page, zipped.Header.Get("Content-Encoding"), zipped.Header.Get("ETag"), plain.Header.Get("ETag"))
		}
		r, err := gzip.NewReader(zipped.Body)
		if err != nil {
			t.Fatal(err)
		}
		unzipped, _ := io.ReadAll(r)
		if !bytes.Equal(unzipped, body) {
			t.Errorf("%s: the gzip copy is not the page", page)
		}

		if got := get(t, h, page, "Accept-Encoding", "gzip;q=0").Header.Get("Content-Encoding"); got != "" {
			t.Errorf("%s: gzip refused, yet sent %q", page, got)
		}
		if got := get(t, h, page, "If-None-Match", plain.Header.Get("ETag")); got.StatusCode != http.StatusNotModified {
			t.Errorf("%s: revalidated with its ETag: %s, want 304", page, got.Status)
		}
	}
	if got := get(t, h, "/explorer/explorer.js"); got.StatusCode != http.StatusOK || !strings.HasPrefix(got.Header.Get("Content-Type"), "text/javascript") {
		t.Errorf("explorer.js: %s %q", got.Status, got.Header.Get("Content-Type"))
	}
	if got := get(t, h, "/explorer/missing.js"); got.StatusCode != http.StatusNotFound {
		t.Errorf("a missing file: %s, want 404", got.Status)
	}
}
