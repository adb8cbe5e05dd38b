package wordpress

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strings"
	"time"

	"cong/internal/importer"
	"cong/internal/media"
	"cong/internal/portal"
	"cong/internal/sanitize"
)

// library finds the pictures of the old site by the addresses bodies use:
// the path under the uploads folder ("2020/12/hoi-nghi.jpg"), its sized
// copies and its original. It holds small records only, no file.
type library struct {
	byKey map[string]int  // path under uploads → index in items
	byID  map[int64]int   // attachment id → index in items
	items []*portal.Media // nil until imported, and when it failed
	// bases are the URL paths of the uploads folder ("/wp-content/uploads/",
	// "/wp-content/uploads/sites/2/"), longest first.
	bases []string
	hosts map[string]bool // the old site's hosts, "www." dropped
}

// mediaExts are the files the library takes; others (video, archives,
// office files) are left out and said so.
var mediaExts = map[string]bool{".jpg": true, ".jpeg": true, ".jpe": true, ".png": true, ".gif": true,
	".webp": true, ".pdf": true}

func newLibrary(ix *index) *library {
	lib := &library{byKey: map[string]int{}, byID: map[int64]int{}, hosts: map[string]bool{}}
	for _, s := range []string{ix.channel.SiteURL, ix.channel.BlogURL, ix.channel.Link} {
		if u, err := url.Parse(s); err == nil && u.Host != "" {
			lib.hosts[hostKey(u.Host)] = true
		}
	}
	bases := map[string]bool{"/wp-content/uploads/": true}
	for _, a := range ix.attachments {
		if p := urlPath(a.URL); a.File != "" && strings.HasSuffix(p, "/"+a.File) {
			bases[strings.TrimSuffix(p, a.File)] = true
		}
	}
	for b := range bases {
		lib.bases = append(lib.bases, b)
	}
	slices.SortFunc(lib.bases, func(a, b string) int { return len(b) - len(a) })
	for i, a := range ix.attachments {
		lib.items = append(lib.items, nil)
		lib.byID[a.ID] = i
		for _, k := range lib.keysOf(a) {
			if _, taken := lib.byKey[k]; !taken {
				lib.byKey[k] = i
			}
		}
	}
	return lib
}

// keysOf are the paths under uploads that name a: its URL's, its file's,
// its sized copies' and its original's.
func (lib *library) keysOf(a attachment) []string {
	var keys []string
	add := func(k string) {
		if k != "" && !slices.Contains(keys, k) {
			keys = append(keys, k)
		}
	}
	add(lib.key(a.URL))
	add(a.File)
	dir := path.Dir(a.File)
	for _, f := range a.Sizes {
		if !strings.Contains(f, "/") && dir != "." {
			f = dir + "/" + f
		}
		add(f)
	}
	return keys
}

// key is the path under the uploads folder an address of the old site
// names ("https://old.vn/wp-content/uploads/2020/12/a.jpg" → "2020/12/a.jpg"),
// or "" for an address elsewhere.
func (lib *library) key(address string) string {
	u, err := url.Parse(strings.TrimSpace(address))
	if err != nil || u.Scheme != "" && u.Scheme != "http" && u.Scheme != "https" {
		return ""
	}
	p, err := url.PathUnescape(u.EscapedPath())
	if err != nil {
		return ""
	}
	if u.Host != "" && !lib.hosts[hostKey(u.Host)] {
		// Jetpack's image CDN serves the site's files under its own host.
		if !photon.MatchString(u.Host) {
			return ""
		}
		_, p, _ = strings.Cut(strings.TrimPrefix(p, "/"), "/")
		p = "/" + p
	}
	for _, b := range lib.bases {
		if strings.HasPrefix(p, b) {
			return cleanKey(p[len(b):])
		}
	}
	if i := strings.LastIndex(p, "/uploads/"); i >= 0 {
		return cleanKey(p[i+len("/uploads/"):])
	}
	return ""
}

// photon is the host of Jetpack's image CDN.
var photon = regexp.MustCompile(`^i\d\.wp\.com$`)

func cleanKey(k string) string {
	k = path.Clean(k)
	if k == "." || strings.HasPrefix(k, "../") || k == ".." || strings.HasPrefix(k, "/") {
		return ""
	}
	return k
}

func hostKey(h string) string {
	if host, _, ok := strings.Cut(h, ":"); ok {
		h = host
	}
	return strings.TrimPrefix(strings.ToLower(h), "www.")
}

func urlPath(address string) string {
	u, err := url.Parse(address)
	if err != nil {
		return ""
	}
	p, err := url.PathUnescape(u.EscapedPath())
	if err != nil {
		return ""
	}
	return p
}

// sized matches WordPress's names for resized copies and their originals:
// "a-300x200.jpg", "a-scaled.jpg", "a-rotated.jpg".
var sized = regexp.MustCompile(`-(?:\d+x\d+|scaled|rotated)(\.[A-Za-z0-9]+)$`)

// lookup returns the index of the attachment that key names, directly or
// as one of its sized copies.
func (lib *library) lookup(key string) (int, bool) {
	for range 3 {
		if i, ok := lib.byKey[key]; ok {
			return i, true
		}
		next := sized.ReplaceAllString(key, "$1")
		if next == key {
			break
		}
		key = next
	}
	return 0, false
}

// storedFile is a file of the uploads folder on its way to the library.
type storedFile struct {
	Source   portal.Source
	Key      string // path under uploads
	Date     time.Time
	Caption  string
	Alt      string
	Paths    []string
	Fallback string // another path to try (_wp_attached_file)
}

// leftOut is why a file the library does not take (a video, an archive)
// is skipped, not failed.
type leftOut string

func (e leftOut) Error() string { return string(e) }

// storeFile brings one file of the uploads folder into the library through
// the store, unless an earlier run brought the same bytes with the same
// words: then the library's record is read back. The checksum is the file's
// own hash followed by that of its words, so a new caption updates the
// record without storing the file again.
func (j *job) storeFile(ctx context.Context, f storedFile) (*portal.Media, portal.Outcome, error) {
	ext := strings.ToLower(path.Ext(f.Key))
	if !mediaExts[ext] {
		return nil, portal.Skipped, leftOut(f.Key + " is not a picture or a PDF: left out; links to it keep the old address")
	}
	data, used, err := j.readUpload(f.Key, f.Fallback)
	if err != nil {
		return nil, portal.Failed, err
	}
	sum := sha256.Sum256(data)
	fileSum := hex.EncodeToString(sum[:16])
	imp := portal.Import{Source: f.Source, Checksum: fileSum + importer.Checksum(f.Caption, f.Alt, f.Paths, used),
		Paths: f.Paths}
	m := &portal.Media{Caption: f.Caption, Alt: f.Alt, CreatedAt: f.Date}
	prev, err := j.Store.Imported(ctx, f.Source)
	switch {
	case err == nil && strings.HasPrefix(prev.Checksum, fileSum):
		old, err := j.Library.Media(ctx, prev.ID)
		if err != nil {
			break // the record is gone: store the file anew
		}
		if prev.Checksum == imp.Checksum {
			return old, portal.Unchanged, nil
		}
		old.Caption, old.Alt = f.Caption, f.Alt
		m = old
	case err != nil && portal.ErrorCode(err) != portal.ENOTFOUND:
		return nil, portal.Failed, err
	}
	var saved *media.Saved
	if m.File == "" {
		proc := &media.Processor{Store: j.files, Now: func() time.Time { return f.Date }}
		if saved, err = proc.Process(ctx, path.Base(used), bytes.NewReader(data)); err != nil {
			return nil, portal.Failed, fmt.Errorf("%s: %s", used, errText(err))
		}
		saved.Fill(m)
	}
	o, err := j.Store.ImportMedia(ctx, j.Who, imp, m)
	if err != nil && saved != nil {
		(&media.Processor{Store: j.files}).RemoveStored(ctx, saved.Files())
	}
	return m, o, err
}

// readUpload reads the file at key under the uploads folder, or at
// fallback; through an os.Root, so no name in the export leads outside it.
func (j *job) readUpload(key, fallback string) ([]byte, string, error) {
	if j.uploads == nil {
		return nil, key, fmt.Errorf("%s: no --uploads folder given", key)
	}
	tried := []string{}
	for _, name := range []string{key, fallback} {
		if name == "" || slices.Contains(tried, name) {
			continue
		}
		tried = append(tried, name)
		f, err := j.uploads.Open(name)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, name, fmt.Errorf("%s: %w", name, err)
		}
		defer f.Close()
		data, err := io.ReadAll(io.LimitReader(f, media.MaxBytes+1))
		if err != nil {
			return nil, name, fmt.Errorf("%s: %w", name, err)
		}
		if len(data) > media.MaxBytes {
			return nil, name, fmt.Errorf("%s: over %d MB, the most the library takes", name, media.MaxBytes>>20)
		}
		return data, name, nil
	}
	return nil, key, fmt.Errorf("%s: not found in the uploads folder %s", strings.Join(tried, " or "), j.UploadsDir)
}

// importAttachments brings every attachment into the library before any
// post that shows it.
func (j *job) importAttachments(ctx context.Context) {
	for i, a := range j.ix.attachments {
		if ctx.Err() != nil {
			return
		}
		id := itoa(a.ID)
		key := j.lib.key(a.URL)
		if key == "" {
			key = a.File
		}
		caption := sanitize.Plain(importer.FixText(a.Caption))
		if caption == "" {
			caption = sanitize.Plain(importer.FixText(a.Title))
		}
		m, o, err := j.storeFile(ctx, storedFile{Source: j.source("attachment", id), Key: key, Fallback: a.File,
			Date: a.Date, Caption: truncate(caption, 1000), Alt: truncate(sanitize.Plain(importer.FixText(a.Alt)), 500),
			Paths: j.attachmentPaths(a)})
		var skip leftOut
		if errors.As(err, &skip) {
			j.Run.Item("attachment", id, portal.Skipped, nil)
			j.Run.Note("attachment", id, err.Error())
			continue
		}
		if err != nil {
			err = fmt.Errorf("line %d: %s", a.line, errText(err))
		} else {
			j.lib.items[i] = m
		}
		j.Run.Item("attachment", id, o, err)
	}
}

// attachmentPaths are the old addresses of a: its file and every sized
// copy under the uploads folder, and its attachment page.
func (j *job) attachmentPaths(a attachment) []string {
	base := "/wp-content/uploads/"
	if p := urlPath(a.URL); a.File != "" && strings.HasSuffix(p, "/"+a.File) {
		base = strings.TrimSuffix(p, a.File)
	}
	var paths []string
	for _, k := range j.lib.keysOf(a) {
		paths = append(paths, escapePath(base+k))
	}
	paths = append(paths, "/?attachment_id="+itoa(a.ID))
	if key := portal.LegacyKeyOf(a.Link); key != "" && !strings.HasPrefix(key, "/?") {
		paths = append(paths, escapePath(key))
	}
	return paths
}

// escapePath writes a path as an address, so that the store's LegacyKeyOf
// reads it back as it is (a name may hold "%" or "?").
func escapePath(p string) string {
	return (&url.URL{Path: p}).EscapedPath()
}

// findPicture is the library's copy of the picture at src, for
// importer.Images: an attachment's, or a file of the uploads folder no
// attachment names, brought in now; nil when there is none.
func (j *job) findPicture(ctx context.Context, src string) *portal.Media {
	key := j.lib.key(src)
	if key == "" {
		return nil
	}
	if i, ok := j.lib.lookup(key); ok {
		return j.lib.items[i]
	}
	if j.uploads == nil {
		return nil
	}
	// A file no attachment names (uploaded by FTP, or its record lost):
	// its original when there is one, else the file itself.
	for _, k := range []string{sized.ReplaceAllString(key, "$1"), key} {
		if _, err := j.uploads.Stat(k); err != nil {
			continue
		}
		m, o, err := j.storeFile(ctx, storedFile{Source: j.source("file", k), Key: k, Date: dateOfKey(k),
			Paths: []string{escapePath(j.lib.bases[len(j.lib.bases)-1] + k)}})
		var skip leftOut
		if errors.As(err, &skip) {
			return nil
		}
		if err != nil {
			err = fmt.Errorf("%s: %s", k, errText(err))
		}
		j.Run.Item("file", k, o, err)
		j.lib.items = append(j.lib.items, m)
		j.lib.byKey[k] = len(j.lib.items) - 1
		j.lib.byKey[key] = len(j.lib.items) - 1
		return m
	}
	return nil
}

// dateOfKey is the month of WordPress's "2020/12/…" folders, else now.
func dateOfKey(k string) time.Time {
	if t, err := time.Parse("2006/01", k[:min(7, len(k))]); err == nil {
		return t
	}
	return time.Now()
}

// discard is the library's storage in a dry run: files are checked and
// encoded, then dropped.
type discard struct{}

func (discard) Create(_ context.Context, _ string, r io.Reader) error {
	_, err := io.Copy(io.Discard, r)
	return err
}
func (discard) Open(string) (fs.File, error)                          { return nil, fs.ErrNotExist }
func (discard) Remove(context.Context, string) error                  { return nil }
func (discard) List(context.Context, func(string, int64) error) error { return nil }
