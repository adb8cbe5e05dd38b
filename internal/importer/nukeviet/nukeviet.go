// Package nukeviet reads a NukeViet 4 site — its MariaDB/MySQL database and
// its uploads/ folder — into the portal: the news module's categories,
// articles, pictures and tags, and the comment module's news comments. Every
// item goes to the store through portal.ImportService, recorded by its id in
// NukeViet, so a second run updates what changed and an interrupted one is
// resumed by running it again; the old addresses of each item are recorded
// with it and answer 301.
//
// The tables read, and what each column becomes, are listed in
// docs/ARCHITECTURE.md ("The NukeViet reader").
package nukeviet

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"cong/internal/importer"
	"cong/internal/media"
	"cong/internal/portal"
)

// Importer takes one NukeViet site into the portal.
type Importer struct {
	Store   portal.ImportService // the store, or importer.Dry for a dry run
	Library MediaReader          // the library, to reuse pictures earlier runs stored
	Files   media.Storage        // where pictures go; nil for a dry run (nothing is written)
	Run     *importer.Run
	Who     portal.Actor
	// Uploads is the site's uploads/ folder; "" leaves pictures where they
	// are, pointing at the old site.
	Uploads string
	// Now is the clock statuses are judged by (an article whose expiry has
	// passed is no longer published); time.Now when nil.
	Now func() time.Time

	src    *Source
	system string
	pics   *pictures
	cats   map[int64]*importedCategory // by NukeViet catid
	ids    map[int64]int64             // article ids: NukeViet → portal, for comments
	cids   map[int64]int64             // comment ids: NukeViet → portal, for replies
}

// importedCategory is a category as read and what it became.
type importedCategory struct {
	category
	id int64 // in the portal; 0 when it failed
}

// pageSize is how many rows one read takes: a page is read whole before its
// items are written, so no query stays open while the portal's store works.
const pageSize = 500

// Import reads src and hands every item to im.Store, in the order that lets
// each find what it hangs on: categories, articles (with their pictures),
// tags' pages, comments. One bad item never stops it; a failed read does.
func (im *Importer) Import(ctx context.Context, src *Source) error {
	im.src, im.system = src, "nukeviet:"+src.Name+":"+src.Lang
	im.cats, im.ids, im.cids = map[int64]*importedCategory{}, map[int64]int64{}, map[int64]int64{}
	if err := im.openUploads(); err != nil {
		return err
	}
	defer im.pics.close()
	counts, err := src.Count(ctx)
	if err != nil {
		return err
	}
	im.Run.Expect(counts.Categories + counts.Articles + counts.Tags + counts.Comments)
	steps := []func(context.Context) error{im.importCategories, im.importArticles, im.importTags, im.importComments}
	for _, step := range steps {
		if err := step(ctx); err != nil {
			return err
		}
	}
	return nil
}

// CheckUploads checks that dir is a NukeViet uploads/ folder and returns
// it; the site's root folder, holding uploads/, is taken too.
func CheckUploads(dir string) (string, error) {
	if dir == "" {
		return "", nil
	}
	st, err := os.Stat(dir)
	if err != nil || !st.IsDir() {
		return "", fmt.Errorf("--uploads %s: no such folder (give the site's uploads/ folder, which holds news/)", dir)
	}
	if st, err := os.Stat(filepath.Join(dir, "uploads")); err == nil && st.IsDir() {
		return filepath.Join(dir, "uploads"), nil
	}
	return dir, nil
}

func (im *Importer) openUploads() error {
	im.pics = &pictures{im: im, seen: map[string]*picture{}}
	dir, err := CheckUploads(im.Uploads)
	if err != nil || dir == "" {
		return err
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return fmt.Errorf("--uploads %s: %w", dir, err)
	}
	im.pics.root = root
	return nil
}

func (p *pictures) close() {
	if p.root != nil {
		p.root.Close()
	}
}

func (im *Importer) now() time.Time {
	if im.Now != nil {
		return im.Now()
	}
	return time.Now()
}

// source names an item of kind in NukeViet by its id there.
func (im *Importer) source(kind string, id int64) portal.Source {
	return portal.Source{System: im.system, Kind: kind, ID: fmt.Sprint(id)}
}

// failure is the error of an item, naming its table and row.
func failure(table string, id int64, err error) error {
	return fmt.Errorf("%s, id %d: %s", table, id, message(err))
}
