package nukeviet

import (
	"context"
	"fmt"
	"strings"

	"cong/internal/importer"
	"cong/internal/portal"
	"cong/internal/viet"
)

// importArticles imports the articles page by page, in the order of their
// ids, each with its pictures. Reading and converting (the sanitizer, the
// pictures) run one step ahead of the store's writes, in a goroutine of
// their own, so the two overlap; the writes stay in order, one at a time.
func (im *Importer) importArticles(parent context.Context) error {
	if im.pics.root == nil {
		im.Run.Note("file", "-", "no --uploads folder given: pictures were not imported and keep their old addresses")
	}
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	items := make(chan *converted, pageSize)
	var readErr error
	go func() {
		defer close(items)
		readErr = im.convertArticles(ctx, items)
	}()
	for c := range items {
		if parent.Err() == nil {
			im.saveArticle(parent, c)
		}
	}
	if err := parent.Err(); err != nil {
		return err
	}
	return readErr
}

// converted is an article ready for the store, or why it cannot be.
type converted struct {
	r     *article
	a     *portal.Article
	imp   portal.Import
	note  string   // for its history
	notes []string // for the report
	err   error
}

// convertArticles reads the articles page by page and sends each,
// converted, to out.
func (im *Importer) convertArticles(ctx context.Context, out chan<- *converted) error {
	var after int64
	for {
		page, err := im.src.articles(ctx, after, pageSize)
		if err != nil || len(page) == 0 {
			return err
		}
		for i := range page {
			select {
			case out <- im.convertRow(ctx, &page[i]):
			case <-ctx.Done():
				return ctx.Err()
			}
		}
		after = page[len(page)-1].ID
	}
}

// failedArticle marks, in im.ids, an article that did not come in.
const failedArticle = -1

// convertRow converts one row.
func (im *Importer) convertRow(ctx context.Context, r *article) *converted {
	catID, aliases := im.articleCategories(r)
	if catID == 0 {
		return &converted{r: r, err: fmt.Errorf("%s, id %d: its category %d did not come in", im.src.table("rows"), r.ID, r.CatID)}
	}
	a, note, notes := im.convert(ctx, r, catID)
	imp := portal.Import{Source: im.source("article", r.ID), Paths: im.src.articlePaths(r.ID, r.Alias, aliases),
		Checksum: importer.Checksum("v1", a.CategoryID, a.Title, a.Slug, a.Summary, a.Body, a.Author, a.Source,
			a.SourceURL, a.Status, a.CoverID, a.PublishedAt.Unix(), a.ExpiresAt.Unix(), a.CreatedAt.Unix(),
			a.UpdatedAt.Unix(), a.ViewCount, strings.Join(a.Tags, "\x1e"), a.CommentsClosed, note, pathKey(r))}
	return &converted{r: r, a: a, imp: imp, note: note, notes: notes}
}

// saveArticle hands a converted article to the store.
func (im *Importer) saveArticle(ctx context.Context, c *converted) {
	key := fmt.Sprint(c.r.ID)
	if c.err != nil {
		im.ids[c.r.ID] = failedArticle
		im.Run.Item("article", key, portal.Failed, c.err)
		return
	}
	o, err := im.Store.ImportArticle(ctx, im.Who, c.imp, c.a, c.note)
	if err != nil {
		im.ids[c.r.ID] = failedArticle
		im.Run.Item("article", key, o, failure(im.src.table("rows"), c.r.ID, err))
		return
	}
	im.ids[c.r.ID] = c.a.ID
	im.Run.Item("article", key, o, nil)
	for _, n := range c.notes {
		im.Run.Note("article", key, n)
	}
}

// pathKey is what of the row the article's old addresses depend on.
func pathKey(r *article) string { return r.Alias + "|" + r.ListCatID }

// articleCategories returns the portal's category of the article — its main
// NukeViet category's, else the first of its others' that came in — and the
// aliases of all its categories, for its old addresses.
func (im *Importer) articleCategories(r *article) (int64, []string) {
	var id int64
	var aliases []string
	for _, c := range categoryIDs(r.CatID, r.ListCatID) {
		cat := im.cats[c]
		if cat == nil {
			continue
		}
		aliases = append(aliases, cat.Alias)
		if id == 0 {
			id = cat.id
		}
	}
	return id, aliases
}

// convert makes the portal's article of r; note goes to its history, notes
// to the report.
func (im *Importer) convert(ctx context.Context, r *article, catID int64) (a *portal.Article, note string, notes []string) {
	publ, exp := unixTime(r.PublTime), unixTime(r.ExpTime)
	status, note, _ := articleStatus(r.Status, publ, exp, im.now())
	a = &portal.Article{CategoryID: catID, Title: plain(r.Title), Slug: viet.Slug(r.Alias), Status: status,
		Author: byline(r.Author, r.Authors), ViewCount: r.Hits, PublishedAt: publ, ExpiresAt: exp,
		CreatedAt: unixTime(r.AddTime), UpdatedAt: unixTime(r.EditTime), CommentsClosed: !commentsOpen(r.AllowedComm)}
	if a.CreatedAt.IsZero() {
		a.CreatedAt = publ
	}
	if a.PublishedAt.IsZero() && (status == portal.StatusPublished || status == portal.StatusScheduled) {
		a.PublishedAt = a.CreatedAt
	}
	a.Source, a.SourceURL = source(r.SourceTitle, r.SourceLink, r.SourceText)
	var cut bool
	if a.Summary, cut = summary(r.HomeText); cut {
		notes = append(notes, fmt.Sprintf("hometext is longer than %d characters: shortened", portal.MaxSummary))
	}
	var dropped int
	if a.Tags, dropped = tagNames(r.Tags); dropped > 0 {
		notes = append(notes, fmt.Sprintf("%d tags left out (over %d tags, or over %d characters)", dropped, portal.MaxTags, portal.MaxTag))
	}
	// The cover first: a picture takes its alt text from where it is first met.
	a.CoverID, notes = im.cover(ctx, r, notes)
	a.Body, notes = im.body(ctx, r, notes)
	return a, note, notes
}

// cover returns the library's id of the article's home picture.
func (im *Importer) cover(ctx context.Context, r *article, notes []string) (int64, []string) {
	if r.HomeImgFile == "" || im.pics.root == nil {
		return 0, notes
	}
	src := r.HomeImgFile
	if r.HomeImgThumb != 3 && !strings.Contains(src, "://") {
		src = "/uploads/" + im.src.Upload + "/" + strings.TrimPrefix(src, "/")
	}
	m, reason := im.pics.get(ctx, src, importer.FixText(r.HomeImgAlt))
	if m == nil {
		return 0, append(notes, "home picture "+src+" left out: "+reason)
	}
	return m.ID, notes
}

// body is the article's body: sanitized, its pictures pointing at the
// library's copies.
func (im *Importer) body(ctx context.Context, r *article, notes []string) (string, []string) {
	if !r.HasDetail {
		notes = append(notes, "no row in "+im.src.table("detail")+": imported without a body")
	}
	raw := importer.FixHTML(r.Body)
	scan := scanBody(raw)
	if len(scan.active) > 0 {
		notes = append(notes, "the body held "+strings.Join(scan.active, ", ")+": removed by the sanitizer")
	}
	for _, d := range scan.documents {
		notes = append(notes, "link to "+d+" (not a picture) still points at the old site")
	}
	if r.Files != "" {
		notes = append(notes, "attached files not imported: "+r.Files)
	}
	body := sanitizeBody(raw)
	if im.pics.root == nil {
		return body, notes
	}
	reasons := map[string]string{}
	body, missing := importer.Images(body, func(src string) *portal.Media {
		m, reason := im.pics.get(ctx, src, "")
		if m == nil {
			reasons[src] = reason
		}
		return m
	})
	for _, src := range missing {
		notes = append(notes, "picture "+src+" left out: "+reasons[src])
	}
	return body, notes
}
