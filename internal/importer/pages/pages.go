// Package pages imports articles from a folder of saved pages, as `wget -m`
// writes them, of an old portal that offers no export (ASP.NET,
// DotNetNuke, Liferay): a rules file (see Rules) says which addresses are
// articles and where each field is on their pages. Articles come in with
// their pictures, which go to the media library, and their categories,
// found by name or made; the pages' old addresses, and their pictures',
// answer 301 to what they became.
//
// Everything goes through portal.ImportService, the store's one write path,
// so a second run changes nothing unless a page did, and --dry-run (a
// Processor of nil and importer.Dry) writes nothing at all.
package pages

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"

	"cong/internal/importer"
	"cong/internal/media"
	"cong/internal/portal"
	"cong/internal/viet"
)

// Library reads what the portal holds already.
type Library interface {
	Categories(ctx context.Context) ([]portal.Category, error)
	Media(ctx context.Context, id int64) (*portal.Media, error)
}

// Importer reads one saved site into the portal.
type Importer struct {
	Dir     string // the folder wget -m wrote
	Rules   *Rules
	Store   portal.ImportService
	Library Library
	// Media stores the pictures; nil for a dry run, which writes no file.
	Media *media.Processor
	Run   *importer.Run
	Who   portal.Actor

	site       *site
	system     string                   // "pages:haugiang.gov.vn"
	categories map[string]int64         // by slug, those known or made in this run
	existing   []portal.Category        // the portal's, at the start
	pictures   map[string]*portal.Media // by source id; nil for one that failed
	expected   int                      // items the run will count: the pages, and pictures and categories met so far
}

// Import reads every page of the site: articles come in, other pages are
// counted as skipped. A page that fails is recorded and the run goes on;
// the error returned is for the run as a whole (an unreadable folder, a
// cancelled context).
func (im *Importer) Import(ctx context.Context) error {
	s, err := openSite(im.Dir, im.Rules.Host)
	if err != nil {
		return err
	}
	defer s.Close()
	im.site, im.system = s, "pages:"+s.host
	im.categories, im.pictures = map[string]int64{}, map[string]*portal.Media{}
	if im.existing, err = im.Library.Categories(ctx); err != nil {
		return err
	}
	all, err := s.pages()
	if err != nil {
		return err
	}
	im.expected = len(all)
	im.Run.Expect(im.expected)
	for _, pg := range all {
		if err := ctx.Err(); err != nil {
			return err
		}
		if !im.Rules.Articles.MatchString(pg.address()) {
			im.Run.Item("page", pg.id(), portal.Skipped, nil)
			continue
		}
		o, err := im.importPage(ctx, pg)
		im.Run.Item("page", pg.id(), o, err)
	}
	return nil
}

// importPage reads one article page and saves its article.
func (im *Importer) importPage(ctx context.Context, pg savedPage) (portal.Outcome, error) {
	note := func(format string, args ...any) {
		im.Run.Note("page", pg.id(), pg.File+": "+fmt.Sprintf(format, args...))
	}
	doc, err := im.site.parse(pg.File)
	if err != nil {
		return portal.Failed, pageError(pg.File, err)
	}
	a, err := im.article(ctx, doc, pg, note)
	if err != nil {
		return portal.Failed, pageError(pg.File, err)
	}
	imp := portal.Import{Source: portal.Source{System: im.system, Kind: "page", ID: pg.id()}, Paths: []string{pg.uri()}}
	imp.Checksum = importer.Checksum(a.Title, a.Summary, a.Body, a.Author, a.Source, a.SourceURL, a.CategoryID,
		a.PublishedAt.Unix(), a.ViewCount, a.CoverID, imp.Paths)
	o, err := im.Store.ImportArticle(ctx, im.Who, imp, a, "")
	if err != nil {
		return portal.Failed, pageError(pg.File, err)
	}
	return o, nil
}

// article reads a page's article, published at the page's date: its
// fields, its category and its text.
func (im *Importer) article(ctx context.Context, doc *goquery.Document, pg savedPage, note func(string, ...any)) (*portal.Article, error) {
	r, addr := im.Rules, pg.address()
	a := &portal.Article{Status: portal.StatusPublished}
	var err error
	if a.Title, _, err = r.Title.read("title", doc, addr, false); err != nil {
		return nil, err
	}
	when, err := r.Date.date(doc, addr)
	if err != nil {
		return nil, err
	}
	a.PublishedAt, a.CreatedAt, a.UpdatedAt = when.UTC(), when.UTC(), when.UTC()
	if r.Views.Set() {
		if a.ViewCount, err = views(r, doc, addr); err != nil {
			note("%v; the view count starts at 0", err)
		}
	}
	if r.Source.Set() {
		if s, el, err := r.Source.read("source", doc, addr, false); err == nil {
			a.Source, a.SourceURL = s, sourceLink(el)
		}
	}
	category, _, err := r.Category.read("category", doc, addr, false)
	if err != nil {
		return nil, err
	}
	if a.CategoryID, err = im.category(ctx, category); err != nil {
		return nil, err
	}
	body := doc.FindMatcher(r.Body).First()
	if body.Length() == 0 {
		return nil, errRule("body", "selector finds nothing")
	}
	for _, m := range r.Remove {
		body.FindMatcher(m).Remove()
	}
	a.Author = byline(r, doc, addr, note)
	if a.Body, a.CoverID, err = im.body(ctx, pg, body, when, note); err != nil {
		return nil, err
	}
	a.Summary = summary(r, doc, addr, a.Body)
	return a, nil
}

// byline takes the byline out of the page, "" when the rules find none: an
// element that does not look like one stays in the text, and is noted.
func byline(r *Rules, doc *goquery.Document, addr string, note func(string, ...any)) string {
	if !r.Byline.Set() {
		return ""
	}
	s, el, err := r.Byline.read("byline", doc, addr, true)
	switch {
	case err == nil:
		if el != nil { // nil for the rule's default
			el.Remove()
		}
		return s
	case el != nil:
		note("%v: not taken as the byline, left in the text", err)
	}
	return ""
}

// item counts a picture or a category: items the run could not tell in
// advance, so the total the progress line shows grows with them.
func (im *Importer) item(kind, id string, o portal.Outcome, err error) {
	im.expected++
	im.Run.Expect(im.expected)
	im.Run.Item(kind, id, o, err)
}

// pageError names the file in err. A portal error keeps only its message,
// which is what the report shows of it.
func pageError(file string, err error) error {
	if portal.ErrorCode(err) != portal.EINTERNAL {
		return fmt.Errorf("%s: %s", file, portal.ErrorMessage(err))
	}
	return fmt.Errorf("%s: %w", file, err)
}

// category returns the id of the category named name: one an earlier run
// made, else the portal's own of that name, else a new one.
func (im *Importer) category(ctx context.Context, name string) (int64, error) {
	slug := viet.Slug(name)
	switch {
	case slug == "":
		return 0, errRule("category", "%q names no category", name)
	case utf8.RuneCountInString(name) > 200:
		return 0, errRule("category", "%q is longer than 200 characters", cut(name, 60))
	}
	if id, ok := im.categories[slug]; ok {
		return id, nil
	}
	src := portal.Source{System: im.system, Kind: "category", ID: slug}
	_, err := im.Store.Imported(ctx, src)
	switch {
	case err == nil:
	case portal.ErrorCode(err) != portal.ENOTFOUND:
		return 0, err
	default:
		for _, e := range im.existing {
			if strings.EqualFold(e.Name, name) {
				im.categories[slug] = e.ID
				im.Run.Note("category", slug, fmt.Sprintf("%q: the portal's own category /%s takes its articles", name, e.Slug))
				return e.ID, nil
			}
		}
	}
	c := portal.Category{Name: name, Visible: true}
	o, err := im.Store.ImportCategory(ctx, im.Who, portal.Import{Source: src, Checksum: importer.Checksum(name)}, &c)
	im.item("category", slug, o, err)
	if err != nil {
		return 0, errRule("category", "%q: %s", name, message(err))
	}
	im.categories[slug] = c.ID
	return c.ID, nil
}

// message is what a person reads of err.
func message(err error) string {
	if portal.ErrorCode(err) != portal.EINTERNAL {
		return portal.ErrorMessage(err)
	}
	return err.Error()
}

// views reads the view count.
func views(r *Rules, doc *goquery.Document, addr string) (int64, error) {
	s, _, err := r.Views.read("views", doc, addr, false)
	if err != nil {
		return 0, err
	}
	n, err := count(s)
	if err != nil {
		return 0, errRule("views", "%v", err)
	}
	return n, nil
}

// sourceLink is the http(s) address the source element is, or holds, a
// link to: the article's SourceURL.
func sourceLink(el *goquery.Selection) string {
	if el == nil {
		return ""
	}
	a := el.Filter("a[href]").AddSelection(el.Find("a[href]")).First()
	href, _ := a.Attr("href")
	if href = strings.TrimSpace(href); portal.ValidLink(href) && len(href) <= 500 {
		return href
	}
	return ""
}

// summary is what the rules find for it, or else the body's first
// paragraph with text.
func summary(r *Rules, doc *goquery.Document, addr, body string) string {
	if r.Summary.Set() {
		if s, _, err := r.Summary.read("summary", doc, addr, false); err == nil {
			return cutSummary(s)
		}
	}
	frag, err := goquery.NewDocumentFromReader(strings.NewReader(body))
	if err != nil {
		return ""
	}
	var s string
	frag.Find("p").EachWithBreak(func(_ int, p *goquery.Selection) bool {
		s = strings.Join(strings.Fields(p.Text()), " ")
		return s == ""
	})
	return cutSummary(s)
}

func cutSummary(s string) string {
	if r := []rune(s); len(r) > portal.MaxSummary {
		return string(r[:portal.MaxSummary-1]) + "…"
	}
	return s
}
