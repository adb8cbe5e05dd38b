// Package wordpress reads a WordPress export — a WXR file (1.0 to 1.2) as
// Tools → Export writes it — and the copy of wp-content/uploads beside it,
// and hands every item to the store's one write path (portal.ImportService):
// categories, attachments into the media library, pages, posts as
// articles, comments, and the old addresses that now answer 301.
//
// The file is streamed twice and never held whole. The first pass checks
// that it is well-formed (a truncated export is refused with the line it
// ends at, before anything is written) and keeps what the second needs to
// write each item once, after everything it points at: the channel's
// categories and tags, the attachments' few fields (not their
// descriptions), the pages' tree and a hash of every item's own address.
// The second pass writes categories, then every attachment, then reads the
// items again one at a time: pages (a child after its parent), posts, and
// each post's comments right after it. So a reader never sees an article
// whose pictures are not yet in the library, and a run stopped anywhere —
// kill -9 included — leaves whole items, which the next run finds
// unchanged by their checksum and passes over.
package wordpress

import (
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"net/url"
	"os"
	"time"

	"cong/internal/importer"
	"cong/internal/media"
	"cong/internal/portal"
)

// Library reads the media library's records, for files an earlier run
// brought in.
type Library interface {
	Media(ctx context.Context, id int64) (*portal.Media, error)
}

// Options is what an import works with.
type Options struct {
	File       string // the WXR file
	UploadsDir string // the copy of wp-content/uploads; "" for none
	// Files is where the library's files go; nil stores nothing (a dry
	// run): files are still read, checked and encoded.
	Files   media.Storage
	Store   portal.ImportService // the database, or importer.Dry
	Library Library
	Run     *importer.Run
	Who     portal.Actor
}

// job is one import under way.
type job struct {
	Options
	ix      *index
	lib     *library
	uploads *os.Root
	files   media.Storage
	system  string
	cats    map[string]*portal.Category // by nicename
	// catPaths are the categories' paths on the old site, "/tin-tuc/kinh-te".
	catPaths map[string]string
	pages    map[int64]int64 // WordPress page id → page id here
	months   map[string]bool // "2020/12" of published posts
	noCat    int64           // the category of posts with none
}

// Import reads the export o.File and imports everything in it. An error is
// returned for what stops the whole import (the file unreadable or
// malformed, the uploads folder missing); a bad item is counted in o.Run
// and the import goes on.
func Import(ctx context.Context, o Options) error {
	j := &job{Options: o, files: o.Files, cats: map[string]*portal.Category{}, catPaths: map[string]string{}, pages: map[int64]int64{},
		months: map[string]bool{}}
	if j.files == nil {
		j.files = discard{}
	}
	if o.UploadsDir != "" {
		st, err := os.Stat(o.UploadsDir)
		if err == nil && !st.IsDir() {
			err = errors.New("not a folder")
		}
		if err != nil {
			return fmt.Errorf("uploads folder %s (--uploads, a copy of wp-content/uploads): %w", o.UploadsDir, err)
		}
		if j.uploads, err = os.OpenRoot(o.UploadsDir); err != nil {
			return fmt.Errorf("uploads folder: %w", err)
		}
		defer j.uploads.Close()
	}
	ix, err := j.readIndex()
	if err != nil {
		return err
	}
	j.ix, j.lib, j.system = ix, newLibrary(ix), systemOf(ix.channel)
	if j.uploads == nil && len(ix.attachments) > 0 {
		return fmt.Errorf("%s lists %d attachments: give --uploads DIR, a copy of the site's wp-content/uploads",
			o.File, len(ix.attachments))
	}
	if ix.replaced > 0 {
		j.Run.Note("file", o.File, fmt.Sprintf("%d control characters XML does not allow were read as spaces", ix.replaced))
	}
	if ix.invalid > 0 {
		j.Run.Note("file", o.File, fmt.Sprintf("%d bytes that are not UTF-8 were read as “?”", ix.invalid))
	}
	j.Run.Expect(ix.total)
	j.importCategories(ctx)
	j.importTerms(ctx)
	j.importAttachments(ctx)
	if err := j.importItems(ctx); err != nil {
		return err
	}
	j.importArchives(ctx)
	return ctx.Err()
}

// readIndex is the first pass.
func (j *job) readIndex() (*index, error) {
	f, err := os.Open(j.File)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return scanIndex(j.File, f)
}

// systemOf names the export's site in the import records,
// "wordpress:old.example.vn", so two sites merged into one portal never take
// each other's items for their own.
func systemOf(ch wxrChannel) string {
	for _, s := range []string{ch.SiteURL, ch.BlogURL, ch.Link} {
		if u, err := url.Parse(s); err == nil && u.Host != "" {
			return "wordpress:" + hostKey(u.Host)
		}
	}
	return "wordpress"
}

func (j *job) source(kind, id string) portal.Source {
	return portal.Source{System: j.system, Kind: kind, ID: id}
}

// importItems is the second pass over the file: pages, posts and their
// comments, in the file's order; then again for pages whose parent came
// after them, as long as that finishes some.
func (j *job) importItems(ctx context.Context) error {
	deferred := map[int64]bool{}
	for pass := 0; pass == 0 || len(deferred) > 0; pass++ {
		var wanted map[int64]bool
		if pass > 0 {
			wanted = maps.Clone(deferred)
		}
		err := j.stream(ctx, wanted, func(p *prepared) {
			if p.it.Type == "page" && j.waitsForParent(p.it, deferred) {
				deferred[p.it.ID] = true
				return
			}
			delete(deferred, p.it.ID)
			j.importItem(ctx, p)
		})
		if err != nil || ctx.Err() != nil {
			return err
		}
		if pass > 0 && len(deferred) == len(wanted) {
			// Parents that never come (a loop in the tree): the rest
			// come in at the top, said so.
			for id := range deferred {
				delete(j.ix.pages, id)
			}
		}
	}
	return nil
}

// waitsForParent reports whether page it has a parent page still to come.
func (j *job) waitsForParent(it *wxrItem, deferred map[int64]bool) bool {
	if it.Parent == 0 {
		return false
	}
	if _, done := j.pages[it.Parent]; done {
		return false
	}
	_, coming := j.ix.pages[it.Parent]
	return coming && it.Parent != it.ID
}

// prepared is an item of the second pass with what could be made of it
// before its turn to be written: a post's article, a page's body.
type prepared struct {
	it       *wxrItem
	article  *portal.Article
	note     string // for the article's history
	err      error  // why the article could not be made
	imp      portal.Import
	comments []comment
	body     string   // the page's
	notes    []string // the page's body's
}

// stream reads the file's items (those in wanted, when it is not nil) and
// prepares posts and pages — reading and converting bodies, the heavy part —
// in a goroutine of its own, a few items ahead of fn, which writes: the
// machine's two cores work at once. fn gets the items in the file's order.
// The preparer writes too, but only what an item needs before it (a
// category the channel did not list, a picture no attachment names), so
// nothing is ever shown half-made.
func (j *job) stream(ctx context.Context, wanted map[int64]bool, fn func(*prepared)) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	items := make(chan *prepared, 16)
	read := make(chan error, 1)
	go func() {
		defer close(items)
		read <- j.eachItem(func(it *wxrItem) bool {
			if it.Type == "attachment" || wanted != nil && !wanted[it.ID] {
				return true
			}
			p := j.prepare(ctx, it)
			select {
			case items <- p:
				return true
			case <-ctx.Done():
				return false
			}
		})
	}()
	for p := range items {
		fn(p)
	}
	return <-read
}

// prepare makes what can be made of it before its turn.
func (j *job) prepare(ctx context.Context, it *wxrItem) *prepared {
	p := &prepared{it: it}
	if _, skip := skippedStatus[it.Status]; skip {
		return p
	}
	switch it.Type {
	case "post":
		p.article, p.note, p.err = j.article(ctx, it)
		if p.err == nil {
			p.imp = j.postImport(it, p.article, p.note)
			p.comments = j.prepareComments(it)
		}
	case "page":
		p.body, p.notes = j.convertBody(ctx, it.ID, it.content())
	}
	return p
}

// eachItem streams the file's items to fn, until fn returns false.
func (j *job) eachItem(fn func(*wxrItem) bool) error {
	f, err := os.Open(j.File)
	if err != nil {
		return err
	}
	defer f.Close()
	s := newScanner(j.File, f)
	for {
		it, err := s.next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if !fn(it) {
			return nil
		}
	}
}

// importItem writes one item of the second pass, by its type.
func (j *job) importItem(ctx context.Context, p *prepared) {
	if ctx.Err() != nil {
		return
	}
	it := p.it
	id := itoa(it.ID)
	switch it.Type {
	case "post":
		if why, skip := skippedStatus[it.Status]; skip {
			j.Run.Item("post", id, portal.Skipped, nil)
			j.skipComments(it, "its post is "+why)
			return
		}
		j.importPost(ctx, p)
	case "page":
		if _, skip := skippedStatus[it.Status]; skip {
			j.Run.Item("page", id, portal.Skipped, nil)
			j.skipComments(it, "")
			return
		}
		j.importPage(ctx, p)
		j.skipComments(it, "")
	default:
		// Menus, revisions, reusable blocks, templates, custom types:
		// nothing of the portal's.
		j.Run.Item(it.Type, id, portal.Skipped, nil)
		j.skipComments(it, "")
	}
}

// truncate cuts s to n runes.
func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// timeKey is a time as checksums read it.
func timeKey(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }
