package nukeviet

import (
	"context"
	"fmt"

	"cong/internal/importer"
	"cong/internal/portal"
	"cong/internal/viet"
)

// importCategories imports the category tree, every parent before its
// children. A category whose parent is missing comes in at the top, noted.
func (im *Importer) importCategories(ctx context.Context) error {
	cats, err := im.src.categories(ctx)
	if err != nil {
		return err
	}
	for _, c := range cats {
		im.cats[c.ID] = &importedCategory{category: c}
	}
	done := map[int64]bool{}
	for _, c := range cats {
		if err := im.importCategory(ctx, im.cats[c.ID], done, 0); err != nil {
			return err
		}
	}
	// The news module's home page leads to the portal's.
	var home []portal.LegacyPath
	for _, p := range []string{"/" + im.src.Module, "/index.php?language=" + im.src.Lang + "&nv=" + im.src.Module} {
		home = append(home, portal.LegacyPath{Key: p, Object: "url", Target: "/"})
	}
	if im.recorded(ctx, home) == portal.Unchanged {
		return nil
	}
	if err := im.Store.AddLegacyPaths(ctx, im.Who, home); err != nil {
		im.Run.Note("category", "0", "the news module's home address: "+message(err))
	}
	return nil
}

// importCategory imports c after its parent; depth bounds a broken tree
// whose parents go round in a circle.
func (im *Importer) importCategory(ctx context.Context, c *importedCategory, done map[int64]bool, depth int) error {
	if done[c.ID] {
		return nil
	}
	done[c.ID] = true
	if err := ctx.Err(); err != nil {
		return err
	}
	table, key := im.src.table("cat"), fmt.Sprint(c.ID)
	var parentID int64
	if parent := im.cats[c.ParentID]; c.ParentID != 0 && (parent == nil || depth > 20) {
		im.Run.Note("category", key, fmt.Sprintf("%s, catid %d: parent %d does not exist; imported at the top", table, c.ID, c.ParentID))
	} else if parent != nil {
		if err := im.importCategory(ctx, parent, done, depth+1); err != nil {
			return err
		}
		if parent.id == 0 {
			im.Run.Item("category", key, portal.Failed, fmt.Errorf("%s, catid %d: its parent %d did not come in", table, c.ID, c.ParentID))
			return nil
		}
		parentID = parent.id
	}
	cat := &portal.Category{ParentID: parentID, Name: plain(c.Title), Slug: viet.Slug(c.Alias), Position: c.Weight,
		Visible: c.Status == 1 || c.Status == 2, CreatedAt: unixTime(c.AddTime)}
	imp := portal.Import{Source: im.source("category", c.ID), Paths: im.src.categoryPaths(c.Alias),
		Checksum: importer.Checksum("v1", c.Title, c.Alias, c.ParentID, parentID, c.Weight, c.Status)}
	o, err := im.Store.ImportCategory(ctx, im.Who, imp, cat)
	if err != nil {
		im.Run.Item("category", key, o, failure(table, c.ID, err))
		return nil
	}
	c.id = cat.ID
	im.Run.Item("category", key, o, nil)
	if !cat.Visible {
		im.Run.Note("category", key, fmt.Sprintf("suspended on NukeViet (status %d): hidden from readers", c.Status))
	}
	return nil
}

// importTags records the old addresses of the tags' pages, each leading to
// the portal's page of the same tag. A tag no article carries has no page
// here and is skipped.
func (im *Importer) importTags(ctx context.Context) error {
	tags, err := im.src.tags(ctx)
	if err != nil {
		return err
	}
	var batch []portal.LegacyPath
	var keys []string
	var outcomes []portal.Outcome
	flush := func() {
		if len(batch) == 0 {
			return
		}
		err := im.Store.AddLegacyPaths(ctx, im.Who, batch)
		for i, k := range keys {
			im.Run.Item("tag", k, outcomes[i], errorOf(err, im.src.table("tags"), k))
		}
		batch, keys, outcomes = nil, nil, nil
	}
	for _, t := range tags {
		if err := ctx.Err(); err != nil {
			return err
		}
		key := fmt.Sprint(t.ID)
		slug := viet.Slug(plain(firstOf(t.Keyword, t.Title, t.Alias)))
		if t.Articles == 0 || slug == "" {
			im.Run.Item("tag", key, portal.Skipped, nil)
			continue
		}
		var paths []portal.LegacyPath
		for _, p := range im.src.tagPaths(t.Alias) {
			paths = append(paths, portal.LegacyPath{Key: p, Object: "url", Target: "/tu-khoa/" + slug})
		}
		o := im.recorded(ctx, paths)
		if o == portal.Unchanged {
			im.Run.Item("tag", key, o, nil)
			continue
		}
		batch, keys, outcomes = append(batch, paths...), append(keys, key), append(outcomes, o)
		if len(batch) >= 400 {
			flush()
		}
	}
	flush()
	return nil
}

// recorded tells what recording paths would do: create them, point some
// anew, or nothing, when an earlier run recorded them all as they are.
func (im *Importer) recorded(ctx context.Context, paths []portal.LegacyPath) portal.Outcome {
	known, same := 0, 0
	for _, p := range paths {
		if old, err := im.Store.LegacyPath(ctx, portal.LegacyKeyOf(p.Key)); err == nil {
			known++
			if old.Object == p.Object && old.Target == p.Target {
				same++
			}
		}
	}
	switch {
	case same == len(paths):
		return portal.Unchanged
	case known == 0:
		return portal.Created
	}
	return portal.Updated
}

func firstOf(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

// errorOf names the table and row of err, nil when err is.
func errorOf(err error, table, id string) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("%s, id %s: %s", table, id, message(err))
}
