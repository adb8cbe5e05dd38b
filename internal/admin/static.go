package admin

import (
	"io/fs"
	"net/http"
	"sync"

	"cong/internal/asset"
)

// staticFiles is the table of the back office's own files (style sheet,
// editor, scripts), computed once per process. The whole folder shares one
// hash, a first path segment, because TinyMCE loads its skins, plugins and
// language by addresses relative to its own script.
var staticFiles = sync.OnceValues(func() (*asset.Files, error) {
	sub, err := fs.Sub(staticFS, "static")
	if err != nil {
		return nil, err
	}
	return asset.NewTree(sub, Prefix+"/static/")
})

// static serves the back office's files and nothing else: a folder is "not
// found", never a listing of its files.
func (h *Handler) static() http.Handler {
	return h.assets.Handler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.showError(w, r, errNotFound)
	}))
}
