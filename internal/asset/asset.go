// Package asset serves the files embedded in the binary (style sheets,
// scripts, the emblem) under addresses that carry a hash of their content,
// so browsers and proxies may keep them for a year: a changed file gets a
// new address, which the pages rendered by the new binary name.
//
// The table of addresses is computed at start from the embedded files, so
// `go build` alone makes a complete binary. Style sheets are minified then,
// and the hash is taken over the bytes served. Templates get each address
// from the table through a template function ({{asset "cong.css"}}).
//
// Two ways to name the files:
//   - New gives each file its own hash: "/static/cong.3f2a9c1b.css". A change
//     to the style sheet leaves the emblem cached.
//   - NewTree gives the whole folder one hash, as a first path segment:
//     "/quan-tri/static/v-3f2a9c1b/editor/cong-editor.js". Scripts that load
//     their neighbours by relative address (TinyMCE loads its skins, plugins
//     and language this way) keep working unchanged.
//
// Addresses without the hash, or with a hash of an older binary, still
// answer with the current file, cached for an hour only: cached pages and
// links from elsewhere do not break, and they never pin a stale copy for a
// year.
package asset

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"net/http"
	"path"
	"sort"
	"strings"
	"time"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
)

// Cache-Control of the two kinds of address.
const (
	Immutable = "public, max-age=31536000, immutable"
	Short     = "public, max-age=3600"
)

// hashLen is the number of hex digits of a hash in an address: 32 bits are
// plenty to tell one version of a file from the next.
const hashLen = 8

// Files is the table of a folder's files and their addresses.
type Files struct {
	prefix  string           // "/static/", ending in a slash
	version string           // "v-<hash>" for NewTree; empty for New
	files   map[string]*file // by name under the folder: "cong.css", "editor/cong-editor.js"
	hashed  map[string]*file // by hashed name, New only: "cong.3f2a9c1b.css"
}

// file is one embedded file as served.
type file struct {
	name   string // under the folder
	hashed string // the address after the prefix
	body   []byte
	etag   string
}

// New reads every file of fsys, minifies its style sheets, and names each
// file with the hash of its bytes, under prefix ("/static/").
func New(fsys fs.FS, prefix string) (*Files, error) {
	f, err := load(fsys, prefix)
	if err != nil {
		return nil, err
	}
	f.hashed = make(map[string]*file, len(f.files))
	for _, x := range f.files {
		x.hashed = hashedName(x.name, x.etag[1:1+hashLen])
		f.hashed[x.hashed] = x
	}
	return f, nil
}

// NewTree reads every file of fsys, minifies its style sheets, and names
// them all with one hash of the whole folder, under prefix.
func NewTree(fsys fs.FS, prefix string) (*Files, error) {
	f, err := load(fsys, prefix)
	if err != nil {
		return nil, err
	}
	names := make([]string, 0, len(f.files))
	for n := range f.files {
		names = append(names, n)
	}
	sort.Strings(names)
	h := sha256.New()
	for _, n := range names {
		fmt.Fprintf(h, "%s\x00%s\x00", n, f.files[n].etag)
	}
	f.version = "v-" + hex.EncodeToString(h.Sum(nil))[:hashLen]
	for _, x := range f.files {
		x.hashed = f.version + "/" + x.name
	}
	return f, nil
}

func load(fsys fs.FS, prefix string) (*Files, error) {
	f := &Files{prefix: prefix, files: make(map[string]*file)}
	m := minify.New()
	m.AddFunc("text/css", css.Minify)
	err := fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := fs.ReadFile(fsys, name)
		if err != nil {
			return err
		}
		if strings.HasSuffix(name, ".css") && !strings.HasSuffix(name, ".min.css") {
			if body, err = m.Bytes("text/css", body); err != nil {
				return fmt.Errorf("asset: minifying %s: %w", name, err)
			}
		}
		sum := sha256.Sum256(body)
		f.files[name] = &file{name: name, body: body, etag: `"` + hex.EncodeToString(sum[:])[:2*hashLen] + `"`}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("asset: %w", err)
	}
	return f, nil
}

// hashedName puts hash before the extension: "cong.css" becomes
// "cong.3f2a9c1b.css", "editor/a.min.js" "editor/a.min.3f2a9c1b.js".
func hashedName(name, hash string) string {
	ext := path.Ext(name)
	return strings.TrimSuffix(name, ext) + "." + hash + ext
}

// URL returns the address of the file name ("cong.css"). A name that is
// not in the folder is an error, which fails the template that asked.
func (f *Files) URL(name string) (string, error) {
	x, ok := f.files[name]
	if !ok {
		return "", fmt.Errorf("asset: no file %q", name)
	}
	return f.prefix + x.hashed, nil
}

// Handler serves the files: a current hashed address for a year, any other
// address of a file for an hour, and whatever else (a folder, a missing
// file) through notFound.
func (f *Files) Handler(notFound http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		x, immutable := f.lookup(strings.TrimPrefix(r.URL.Path, f.prefix))
		if x == nil || !strings.HasPrefix(r.URL.Path, f.prefix) {
			notFound.ServeHTTP(w, r)
			return
		}
		cache := Short
		if immutable {
			cache = Immutable
		}
		w.Header().Set("Cache-Control", cache)
		w.Header().Set("ETag", x.etag)
		http.ServeContent(w, r, x.name, time.Time{}, bytes.NewReader(x.body))
	})
}

// lookup finds the file at an address under the prefix, and whether the
// address is the current hashed one.
func (f *Files) lookup(rest string) (x *file, current bool) {
	if f.version != "" {
		if v, name, ok := strings.Cut(rest, "/"); ok && strings.HasPrefix(v, "v-") {
			return f.files[name], v == f.version
		}
		return f.files[rest], false
	}
	if x := f.hashed[rest]; x != nil {
		return x, true
	}
	if x := f.files[rest]; x != nil {
		return x, false
	}
	return f.files[unhashed(rest)], false
}

// unhashed drops a hash from a name that has the shape of a hashed one:
// "cong.0badc0de.css" becomes "cong.css", so the address an older binary
// gave still finds the file.
func unhashed(name string) string {
	ext := path.Ext(name)
	base := strings.TrimSuffix(name, ext)
	i := strings.LastIndexByte(base, '.')
	if i < 0 || len(base)-i-1 != hashLen {
		return name
	}
	if _, err := hex.DecodeString(base[i+1:]); err != nil {
		return name
	}
	return base[:i] + ext
}
