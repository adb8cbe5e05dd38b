package admin

import (
	"io/fs"
	"net/http"
	"strings"
)

// static serves the back office's own files (style sheet, editor, scripts)
// and nothing else: a folder is "not found", never a listing of its files.
func (h *Handler) static() http.Handler {
	files, _ := fs.Sub(staticFS, "static")
	server := http.StripPrefix(Prefix+"/static/", http.FileServerFS(files))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := strings.TrimPrefix(r.URL.Path, Prefix+"/static/")
		if info, err := fs.Stat(files, name); err != nil || info.IsDir() || strings.HasSuffix(name, "/") {
			h.showError(w, r, errNotFound)
			return
		}
		server.ServeHTTP(w, r)
	})
}
