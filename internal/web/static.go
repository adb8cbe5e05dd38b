package web

import (
	"io/fs"
	"net/http"
	"path"
	"strings"
	"time"
)

// static serves the embedded assets. They change only with the binary.
func (h *Handler) static() http.Handler {
	sub, _ := fs.Sub(staticFS, "static")
	files := http.StripPrefix("/static/", http.FileServerFS(sub))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/") {
			h.showError(w, r, errNotFound)
			return
		}
		w.Header().Set("Cache-Control", "public, max-age=86400")
		files.ServeHTTP(w, r)
	})
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
		if strings.HasSuffix(r.URL.Path, "/") || strings.HasPrefix(clean, "/media/"+documentFolder) ||
			strings.HasPrefix(clean, "/media/"+questionFolder+"/") {
			h.showError(w, r, errNotFound)
			return
		}
		fileHeaders(w.Header(), 7*24*time.Hour)
		files.ServeHTTP(w, r)
	})
}
