package web

import (
	"sync"

	"cong/internal/asset"
	"io/fs"
	"net/http"
	"path"
	"strings"
	"time"
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

// media serves uploaded files, never a folder listing. Pictures may be SVG,
// so they get a policy that forbids scripts even when opened directly. The
// register's files are served by serveDocumentFile, and only while their
// document is published.
func (h *Handler) media() http.Handler {
	files := http.StripPrefix("/media/", http.FileServer(http.Dir(h.cfg.MediaDir)))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// Citizens' attachments are for staff only.
		clean := path.Clean(r.URL.Path) + "/"
		if strings.HasPrefix(clean, "/media/"+documentFolder) || strings.HasPrefix(clean, "/media/"+questionFolder+"/") ||
			!isFile(http.Dir(h.cfg.MediaDir), strings.TrimPrefix(r.URL.Path, "/media")) {
			h.showError(w, r, errNotFound)
			return
		}
		fileHeaders(w.Header(), 7*24*time.Hour)
		files.ServeHTTP(w, r)
	})
}

// isFile reports whether name (slash-separated, from the root of fsys) is a
// file: what is missing or a folder is answered with the site's 404 page
// rather than the file server's English text or a listing.
func isFile(fsys http.FileSystem, name string) bool {
	if strings.HasSuffix(name, "/") {
		return false
	}
	f, err := fsys.Open(name)
	if err != nil {
		return false
	}
	defer f.Close()
	info, err := f.Stat()
	return err == nil && !info.IsDir()
}
