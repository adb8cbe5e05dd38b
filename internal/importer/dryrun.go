package importer

import (
	"context"
	"strings"
	"sync/atomic"

	"cong/internal/portal"
)

// Dry is an ImportService that writes nothing, for --dry-run: it reads what
// earlier runs recorded to tell what would be created, updated or left as
// it is, checks each item as the store would, and gives new items ids of
// its own so that what hangs on them (articles on categories, replies on
// comments) is checked too.
type Dry struct {
	Store portal.ImportService
	next  atomic.Int64
}

// dryIDs start far above any real id.
const dryIDs = 1 << 40

func (d *Dry) outcome(ctx context.Context, imp portal.Import, setID func(int64)) (portal.Outcome, error) {
	r, err := d.Store.Imported(ctx, imp.Source)
	switch {
	case portal.ErrorCode(err) == portal.ENOTFOUND:
		setID(dryIDs + d.next.Add(1))
		return portal.Created, nil
	case err != nil:
		return portal.Failed, err
	}
	setID(r.ID)
	if r.Checksum == imp.Checksum && imp.Checksum != "" {
		return portal.Unchanged, nil
	}
	return portal.Updated, nil
}

// Imported reads what earlier runs recorded.
func (d *Dry) Imported(ctx context.Context, src portal.Source) (*portal.Imported, error) {
	return d.Store.Imported(ctx, src)
}

// ImportCategory checks c and tells what would become of it.
func (d *Dry) ImportCategory(ctx context.Context, _ portal.Actor, imp portal.Import, c *portal.Category) (portal.Outcome, error) {
	// The slug is the store's to make free; the name must stand.
	if strings.TrimSpace(c.Name) == "" || portal.HasControl(c.Name) {
		return portal.Failed, portal.Invalid("name", "Chuyên mục không có tên, hoặc tên có ký tự không hợp lệ.")
	}
	return d.outcome(ctx, imp, func(id int64) { c.ID = id })
}

// ImportMedia checks m and tells what would become of it.
func (d *Dry) ImportMedia(ctx context.Context, _ portal.Actor, imp portal.Import, m *portal.Media) (portal.Outcome, error) {
	if err := m.Validate(); err != nil {
		return portal.Failed, err
	}
	return d.outcome(ctx, imp, func(id int64) { m.ID = id })
}

// ImportArticle checks a and tells what would become of it.
func (d *Dry) ImportArticle(ctx context.Context, _ portal.Actor, imp portal.Import, a *portal.Article, _ string) (portal.Outcome, error) {
	if err := a.Validate(); err != nil {
		return portal.Failed, err
	}
	return d.outcome(ctx, imp, func(id int64) { a.ID = id })
}

// ImportPage checks p and tells what would become of it.
func (d *Dry) ImportPage(ctx context.Context, _ portal.Actor, imp portal.Import, p *portal.Page) (portal.Outcome, error) {
	if p.Lang == "" {
		p.Lang = portal.LangVI
	}
	if err := p.Validate(); err != nil {
		return portal.Failed, err
	}
	return d.outcome(ctx, imp, func(id int64) { p.ID = id })
}

// ImportComment checks c and tells what would become of it.
func (d *Dry) ImportComment(ctx context.Context, _ portal.Actor, imp portal.Import, c *portal.Comment) (portal.Outcome, error) {
	if c.ArticleID == 0 || strings.TrimSpace(c.Body) == "" || portal.HasControl(c.Body) {
		return portal.Failed, portal.Invalid("body", "Ý kiến trống, có ký tự không hợp lệ, hoặc không gắn với bài viết nào.")
	}
	return d.outcome(ctx, imp, func(id int64) { c.ID = id })
}

// AddLegacyPaths writes nothing.
func (d *Dry) AddLegacyPaths(context.Context, portal.Actor, []portal.LegacyPath) error { return nil }

// LegacyPath reads what earlier runs recorded.
func (d *Dry) LegacyPath(ctx context.Context, key string) (*portal.LegacyPath, error) {
	return d.Store.LegacyPath(ctx, key)
}
