package web

import (
	"errors"
	"io"
	"io/fs"
	"net/http"
	"strings"
	"sync"
	"time"

	"cong/internal/asset"
	"cong/internal/audio"
	"cong/internal/portal"
)

// staticFiles is the table of the embedded assets, computed once per
// process: it minifies the style sheet and hashes every file.
var staticFiles = sync.OnceValues(func() (*asset.Files, error) {
	sub, err := fs.Sub(staticFS, "static")
	if err != nil {
		return nil, err
	}
	return asset.New(sub, "/static/")
})

// static serves the embedded assets under their hashed names for a year
// (see package asset). A missing file or a folder gets the site's own "not
// found" page.
func (h *Handler) static() http.Handler {
	return h.assets.Handler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.showError(w, r, errNotFound)
	}))
}

// media serves uploaded files from the media storage, a folder or a
// bucket, never a folder listing. Pictures may be SVG, so they get a policy
// that forbids scripts even when opened directly. The register's files are
// served by serveDocumentFile, and only while their document is published;
// citizens' attachments only to staff, by the back office; articles' audio
// by serveAudio, only while readers may see the article.
func (h *Handler) media() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := strings.TrimPrefix(r.URL.Path, "/media/")
		if !fs.ValidPath(name) || strings.HasPrefix(name+"/", documentFolder) || strings.HasPrefix(name+"/", questionFolder+"/") ||
			strings.HasPrefix(name, audio.Folder) {
			h.showError(w, r, errNotFound)
			return
		}
		f, err := h.cfg.Media.Open(name)
		if errors.Is(err, fs.ErrNotExist) || errors.Is(err, fs.ErrInvalid) {
			h.showError(w, r, errNotFound)
			return
		}
		if err != nil { // the bucket does not answer
			h.showError(w, r, portal.Unavailable(err))
			return
		}
		defer f.Close()
		info, err := f.Stat()
		rs, ok := f.(io.ReadSeeker)
		if err != nil || !ok || !info.Mode().IsRegular() {
			h.showError(w, r, errNotFound)
			return
		}
		fileHeaders(w.Header(), 7*24*time.Hour)
		http.ServeContent(w, r, name, info.ModTime(), rs)
	})
}
