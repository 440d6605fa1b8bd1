// Package web serves the explorer (/explorer/) and GraphiQL (/graphiql/):
// pages bundled from npm packages by `make web` into dist/ and embedded in the
// binary, so that they load nothing from anywhere but the service itself.
package web

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strconv"
	"strings"
	"time"
)

//go:embed dist
var dist embed.FS

// file is one page or asset, with its gzip copy when the build made one.
type file struct {
	body, gz    []byte
	contentType string
	etag        string
}

// Handler serves the files of dist at their paths (/explorer/ is
// explorer/index.html). A file goes gzip-compressed to clients that accept
// it, with an ETag, so that a browser revalidates it rather than downloading
// it again.
func Handler() http.Handler {
	files := map[string]*file{}
	_ = fs.WalkDir(dist, "dist", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasSuffix(name, ".gz") {
			return err
		}
		body, _ := dist.ReadFile(name)
		gz, _ := dist.ReadFile(name + ".gz")
		sum := sha256.Sum256(body)
		files[strings.TrimPrefix(name, "dist/")] = &file{
			body: body, gz: gz,
			contentType: mime.TypeByExtension(path.Ext(name)),
			etag:        `"` + hex.EncodeToString(sum[:8]) + `"`,
		}
		return nil
	})
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		name := strings.TrimPrefix(req.URL.Path, "/")
		if name == "" || strings.HasSuffix(name, "/") {
			name += "index.html"
		}
		f, ok := files[name]
		if !ok {
			if path.Base(name) == "index.html" && files["explorer/index.html"] == nil {
				http.Error(w, "The explorer and GraphiQL are not built into this binary: run `make build`.", http.StatusNotFound)
				return
			}
			http.NotFound(w, req)
			return
		}
		h := w.Header()
		h.Set("Content-Type", f.contentType)
		h.Set("Cache-Control", "no-cache")
		h.Set("Vary", "Accept-Encoding")
		body, etag := f.body, f.etag
		if f.gz != nil && acceptsGzip(req) {
			// Each encoding is its own representation, with its own ETag.
			h.Set("Content-Encoding", "gzip")
			body, etag = f.gz, strings.TrimSuffix(etag, `"`)+`-gzip"`
		}
		h.Set("ETag", etag)
		http.ServeContent(w, req, "", time.Time{}, bytes.NewReader(body))
	})
}

// acceptsGzip says whether the request's Accept-Encoding lists gzip, not
// refused with q=0.
func acceptsGzip(req *http.Request) bool {
	for _, enc := range strings.Split(req.Header.Get("Accept-Encoding"), ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(enc), ";")
		if strings.EqualFold(strings.TrimSpace(name), "gzip") {
			q, err := strconv.ParseFloat(strings.TrimPrefix(strings.TrimSpace(params), "q="), 64)
			return err != nil || q > 0
		}
	}
	return false
}
