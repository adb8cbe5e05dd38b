package wordpress

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"cong/internal/importer"
	"cong/internal/portal"
	"cong/internal/sanitize"
	"cong/internal/viet"
)

// importPost brings a post in as an article, then its comments.
func (j *job) importPost(ctx context.Context, p *prepared) {
	it, id := p.it, itoa(p.it.ID)
	if p.err != nil {
		j.Run.Item("post", id, portal.Failed, at(it, p.err))
		j.skipComments(it, "its post did not come in")
		return
	}
	a := p.article
	o, err := j.Store.ImportArticle(ctx, j.Who, p.imp, a, p.note)
	if err != nil {
		j.Run.Item("post", id, portal.Failed, at(it, err))
		j.skipComments(it, "its post did not come in")
		return
	}
	j.Run.Item("post", id, o, nil)
	if a.Status == portal.StatusPublished {
		if local := wpTime(it.Date, siteZone); !local.IsZero() {
			j.months[local.Format("2006/01")] = true
		}
	}
	j.importComments(ctx, it, p.comments, a.ID)
}

// postImport is the record of post it: its source, old addresses, and the
// checksum of what it became.
func (j *job) postImport(it *wxrItem, a *portal.Article, note string) portal.Import {
	paths := j.postPaths(it)
	return portal.Import{Source: j.source("post", itoa(it.ID)), Paths: paths,
		Checksum: importer.Checksum(a.Title, a.Slug, a.Summary, a.Body, a.Author, a.Status, a.Featured, a.CoverID,
			a.CategoryID, a.Tags, a.CommentsClosed, timeKey(a.PublishedAt), timeKey(a.CreatedAt), timeKey(a.UpdatedAt),
			note, paths)}
}

// at is err of item it, with its line and title: the report's message.
func at(it *wxrItem, err error) error {
	return fmt.Errorf("line %d, %q: %s", it.line, truncate(it.Title, 60), errText(err))
}

// Notes kept in an article's history, for the staff who find it a draft.
const (
	notePrivate  = "Bài này để riêng tư (private) trên WordPress: nhập thành bản nháp, chưa công khai."
	notePassword = "Bài này có mật khẩu trên WordPress: nhập thành bản nháp, chưa công khai."
)

// article makes the article of post it; note is what its history keeps.
func (j *job) article(ctx context.Context, it *wxrItem) (*portal.Article, string, error) {
	id := itoa(it.ID)
	a := &portal.Article{Title: truncate(sanitize.Plain(importer.FixText(it.Title)), portal.MaxTitle), Slug: slugOf(it.Name),
		Author: truncate(j.byline(it.Creator), portal.MaxByline), Featured: it.Sticky == 1,
		CommentsClosed: it.CommentStatus == "closed", CreatedAt: itemDate(it),
		UpdatedAt: wpTime(it.ModifiedGMT, time.UTC)}
	if a.Title == "" {
		a.Title = "(Không có tiêu đề)"
		j.Run.Note("post", id, "no title: imported as “(Không có tiêu đề)”")
	}
	var notes []string
	a.Status, a.PublishedAt, notes = articleStatus(it, a.CreatedAt)
	for _, n := range notes {
		j.Run.Note("post", id, englishNote(n))
	}
	var err error
	if a.CategoryID, a.Tags, err = j.postTerms(ctx, it); err != nil {
		return nil, "", err
	}
	var bodyNotes []string
	a.Body, bodyNotes = j.convertBody(ctx, it.ID, it.content())
	for _, n := range bodyNotes {
		j.Run.Note("post", id, n)
	}
	a.Summary = sanitize.Plain(importer.FixText(it.excerpt()))
	if a.Summary == "" {
		a.Summary = teaser(it.content())
	}
	a.Summary = truncate(a.Summary, portal.MaxSummary)
	if thumb := it.firstMeta("_thumbnail_id"); thumb != "" {
		n, _ := strconv.ParseInt(strings.TrimSpace(thumb), 10, 64)
		if i, ok := j.lib.byID[n]; ok && j.lib.items[i] != nil {
			a.CoverID = j.lib.items[i].ID
		} else {
			j.Run.Note("post", id, "featured image "+thumb+" is not in the library: the article has no cover")
		}
	}
	return a, strings.Join(notes, " "), nil
}

// articleStatus maps WordPress's status: publish → published, future →
// scheduled at its minute, draft → draft, pending → submitted; private and
// password-protected posts are not public here, so they come in as drafts,
// with a note saying why.
func articleStatus(it *wxrItem, date time.Time) (portal.Status, time.Time, []string) {
	var notes []string
	status := portal.StatusDraft
	var at time.Time
	switch it.Status {
	case "publish":
		status, at = portal.StatusPublished, date
	case "future":
		status, at = portal.StatusScheduled, date.Truncate(time.Minute)
	case "pending":
		status = portal.StatusSubmitted
	case "private":
		notes = append(notes, notePrivate)
	case "draft":
	default:
		notes = append(notes, "Trạng thái “"+it.Status+"” trên WordPress: nhập thành bản nháp.")
	}
	if strings.TrimSpace(it.Password) != "" {
		notes = append(notes, notePassword)
		status, at = portal.StatusDraft, time.Time{}
	}
	if (status == portal.StatusPublished || status == portal.StatusScheduled) && at.IsZero() {
		status = portal.StatusDraft
		notes = append(notes, "Bài không có ngày đăng trên WordPress: nhập thành bản nháp.")
	}
	return status, at, notes
}

// englishNote is the report's line for a history note.
func englishNote(vi string) string {
	switch vi {
	case notePrivate:
		return "private on WordPress: imported as a draft, not public"
	case notePassword:
		return "password-protected on WordPress: imported as a draft, not public"
	}
	return "imported as a draft: " + vi
}

// postTerms gives a post its category — Yoast's primary category when set,
// else the first the export lists — and its tags: the post's tags, then the
// names of its other categories, since an article here has one category.
func (j *job) postTerms(ctx context.Context, it *wxrItem) (int64, []string, error) {
	var cats []wxrTerm
	var tags []string
	for _, t := range it.Terms {
		switch t.Domain {
		case "category":
			cats = append(cats, t)
		case "post_tag":
			tags = append(tags, t.Name)
		}
	}
	if primary := strings.TrimSpace(it.firstMeta("_yoast_wpseo_primary_category")); primary != "" {
		for i, t := range cats {
			if c := j.ix.channelCategory(t.Nicename); c != nil && itoa(c.TermID) == primary {
				cats[0], cats[i] = cats[i], cats[0]
			}
		}
	}
	var catID int64
	for i, t := range cats {
		if c := j.category(ctx, t); c != nil && catID == 0 {
			catID = c.ID
			if i > 0 {
				j.Run.Note("post", itoa(it.ID), "category "+cats[0].Nicename+" did not come in: "+t.Nicename+" is its category")
			}
			continue
		}
		tags = append(tags, t.Name)
	}
	if catID == 0 {
		var err error
		if catID, err = j.fallbackCategory(ctx); err != nil {
			return 0, nil, err
		}
	}
	return catID, j.tagNames(it, tags), nil
}

// tagNames cleans tag names: plain text, each once, at most the portal's
// number of tags and length; what is cut is said.
func (j *job) tagNames(it *wxrItem, names []string) []string {
	var out []string
	for _, n := range names {
		n = sanitize.Plain(importer.FixText(n))
		if n == "" || slices.ContainsFunc(out, func(o string) bool { return strings.EqualFold(o, n) }) {
			continue
		}
		if len([]rune(n)) > portal.MaxTag {
			n = truncate(n, portal.MaxTag)
			j.Run.Note("post", itoa(it.ID), "tag cut to "+strconv.Itoa(portal.MaxTag)+" characters: "+n)
		}
		out = append(out, n)
	}
	if len(out) > portal.MaxTags {
		j.Run.Note("post", itoa(it.ID), fmt.Sprintf("%d tags: the first %d kept", len(out), portal.MaxTags))
		out = out[:portal.MaxTags]
	}
	return out
}

// channelCategory is the channel's category of nicename, or nil.
func (ix *index) channelCategory(nicename string) *wxrCategory {
	for i := range ix.channel.Categories {
		if ix.channel.Categories[i].Nicename == nicename {
			return &ix.channel.Categories[i]
		}
	}
	return nil
}

// byline is the name an author login is shown by: their display name, else
// first and last name, else the login. Authors become bylines, never
// accounts.
func (j *job) byline(login string) string {
	for _, a := range j.ix.channel.Authors {
		if a.Login != login {
			continue
		}
		// The byline is a name, never an account: authors get no login here.
		names := []string{a.DisplayName, strings.TrimSpace(a.FirstName + " " + a.LastName)}
		if a.DisplayName == a.Login {
			// WordPress's default display name is the login: a real name beats it.
			names[0], names[1] = names[1], names[0]
		}
		for _, name := range names {
			if name = sanitize.Plain(importer.FixText(name)); name != "" {
				return name
			}
		}
	}
	return sanitize.Plain(importer.FixText(login))
}

// postPaths are the old addresses of a post: its own (<link>), /?p=ID, and
// the other permalink forms WordPress may have used for it
// (/YYYY/MM/DD/slug/, /YYYY/MM/slug/, /slug/, /archives/ID), with its old
// slugs and dates; a guessed form that is another item's own address is
// left to that item.
func (j *job) postPaths(it *wxrItem) []string {
	var guessed []string
	slugs := append([]string{it.Name}, it.meta("_wp_old_slug")...)
	dates := []time.Time{wpTime(it.Date, siteZone)}
	for _, d := range it.meta("_wp_old_date") {
		if t, err := time.Parse(time.DateOnly, strings.TrimSpace(d)); err == nil {
			dates = append(dates, t)
		}
	}
	for _, slug := range slugs {
		if slug = strings.TrimSpace(slug); slug == "" {
			continue
		}
		guessed = append(guessed, "/"+slug)
		for _, d := range dates {
			if !d.IsZero() {
				guessed = append(guessed, d.Format("/2006/01/02/")+slug, d.Format("/2006/01/")+slug)
			}
		}
	}
	guessed = append(guessed, "/archives/"+itoa(it.ID))
	return j.itemPaths(it, []string{"/?p=" + itoa(it.ID)}, guessed)
}

// itemPaths are it's own address and its guid on the site, then sure, then
// those guessed no other item owns, each once.
func (j *job) itemPaths(it *wxrItem, sure, guessed []string) []string {
	var paths []string
	seen := map[string]bool{}
	add := func(p string, check bool) {
		key := portal.LegacyKeyOf(p)
		if key == "" || seen[key] || check && j.ix.ownedByOther(key, it.ID) {
			return
		}
		seen[key] = true
		paths = append(paths, p)
	}
	add(pathOf(it.Link), false)
	if j.onSite(it.GUID) {
		add(pathOf(it.GUID), false)
	}
	for _, p := range sure {
		add(p, false)
	}
	for _, p := range guessed {
		add(p, true)
	}
	return paths
}

// pathOf is the path and query of an address: its own site's part.
func pathOf(address string) string {
	key := portal.LegacyKeyOf(address)
	if key == "" {
		return ""
	}
	if i := strings.Index(address, "//"); i >= 0 {
		rest := address[i+2:]
		if j := strings.IndexAny(rest, "/?"); j >= 0 {
			return rest[j:]
		}
		return "/"
	}
	return address
}

// onSite reports whether address is on the old site.
func (j *job) onSite(address string) bool {
	key := portal.LegacyKeyOf(address)
	if key == "" {
		return false
	}
	if i := strings.Index(address, "//"); i >= 0 {
		host, _, _ := strings.Cut(address[i+2:], "/")
		host, _, _ = strings.Cut(host, "?")
		return j.lib.hosts[hostKey(host)]
	}
	return false
}

// importPage brings a page in as an introduction page, under its parent.
// Pages that are not published on WordPress come in unpublished.
func (j *job) importPage(ctx context.Context, prep *prepared) {
	it := prep.it
	id := itoa(it.ID)
	p := &portal.Page{Title: truncate(sanitize.Plain(importer.FixText(it.Title)), portal.MaxPageTitle), Slug: slugOf(it.Name),
		Published: it.Status == "publish" && strings.TrimSpace(it.Password) == "",
		Position:  min(max(it.MenuOrder, 0), 10_000), ParentID: j.pages[it.Parent]}
	if p.Title == "" {
		p.Title = "(Không có tiêu đề)"
	}
	if p.Slug == "" {
		p.Slug = viet.Slug(p.Title)
	}
	p.InMenu = p.Published && p.ParentID == 0
	if it.Parent != 0 && p.ParentID == 0 {
		j.Run.Note("page", id, "parent page "+itoa(it.Parent)+" did not come in: this page is at the top")
	}
	if !p.Published {
		why := "“" + it.Status + "” on WordPress"
		if strings.TrimSpace(it.Password) != "" {
			why += ", password-protected"
		}
		j.Run.Note("page", id, why+": imported unpublished")
	}
	p.Body = prep.body
	for _, n := range prep.notes {
		j.Run.Note("page", id, n)
	}
	guessed := []string{}
	if pp := j.ix.pagePath(it.ID); pp != "" {
		guessed = append(guessed, pp)
	}
	paths := j.itemPaths(it, []string{"/?page_id=" + id, "/?p=" + id}, guessed)
	imp := portal.Import{Source: j.source("page", id), Paths: paths,
		Checksum: importer.Checksum(p.Title, p.Slug, p.Body, p.Published, p.Position, p.ParentID, p.InMenu, paths)}
	o, err := j.Store.ImportPage(ctx, j.Who, imp, p)
	if err != nil {
		delete(j.ix.pages, it.ID) // its children need not wait for it
		j.Run.Item("page", id, portal.Failed, at(it, err))
		return
	}
	j.pages[it.ID] = p.ID
	j.Run.Item("page", id, o, nil)
}
