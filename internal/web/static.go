package web

import (
	"io/fs"
	"net/http"
	"path"
	"strings"
	"time"
)

// static serves the embedded assets. They change only with the binary.
// A missing file or a folder gets the site's own "not found" page.
func (h *Handler) static() http.Handler {
	sub, _ := fs.Sub(staticFS, "static")
	files := http.StripPrefix("/static/", http.FileServerFS(sub))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !isFile(http.FS(sub), strings.TrimPrefix(r.URL.Path, "/static")) {
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
