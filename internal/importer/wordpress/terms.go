package wordpress

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"cong/internal/importer"
	"cong/internal/portal"
	"cong/internal/sanitize"
	"cong/internal/viet"
)

// importCategories brings the channel's categories in as a tree: each
// after its parent, whatever order the file lists them in, at any depth.
// A category whose parent is missing, or which is its own ancestor, comes
// in at the top, said so.
func (j *job) importCategories(ctx context.Context) {
	cats := j.ix.channel.Categories
	byName := map[string]int{}
	for i, c := range cats {
		byName[c.Nicename] = i
	}
	done := make([]bool, len(cats))
	var visit func(i int, depth int)
	visit = func(i int, depth int) {
		if done[i] || ctx.Err() != nil {
			return
		}
		done[i] = true
		c := cats[i]
		var parent *portal.Category
		if p, ok := byName[c.Parent]; ok && c.Parent != "" && depth < 100 {
			visit(p, depth+1)
			parent = j.cats[c.Parent]
		}
		if c.Parent != "" && parent == nil {
			j.Run.Note("category", c.Nicename, "parent category "+c.Parent+" is not in the export (or loops): placed at the top")
		}
		j.importCategory(ctx, c, parent, i)
	}
	for i := range cats {
		visit(i, 0)
	}
}

func (j *job) importCategory(ctx context.Context, c wxrCategory, parent *portal.Category, position int) {
	cat := &portal.Category{Name: truncate(sanitize.Plain(importer.FixText(c.Name)), 200), Slug: slugOf(c.Nicename),
		Position: position, Visible: true}
	if cat.Name == "" {
		cat.Name = c.Nicename
	}
	wpPath := "/" + c.Nicename
	if parent != nil {
		cat.ParentID = parent.ID
		wpPath = j.catPaths[c.Parent] + wpPath
	}
	paths := []string{"/category" + wpPath, "/?cat=" + itoa(c.TermID)}
	if wpPath != "/"+c.Nicename {
		paths = append(paths, "/category/"+c.Nicename) // WordPress finds a child by its own slug too
	}
	imp := portal.Import{Source: j.source("category", c.Nicename), Paths: paths,
		Checksum: importer.Checksum(cat.Name, cat.Slug, cat.ParentID, cat.Position, paths)}
	o, err := j.Store.ImportCategory(ctx, j.Who, imp, cat)
	j.Run.Item("category", c.Nicename, o, err)
	if err == nil {
		j.cats[c.Nicename] = cat
		j.catPaths[c.Nicename] = wpPath
	}
}

// category returns the category of a post's term, importing it when the
// channel did not list it (WordPress exports only the terms it finds).
func (j *job) category(ctx context.Context, t wxrTerm) *portal.Category {
	if c, ok := j.cats[t.Nicename]; ok {
		return c
	}
	if t.Nicename == "" {
		return nil
	}
	j.importCategory(ctx, wxrCategory{Nicename: t.Nicename, Name: t.Name}, nil, len(j.cats))
	return j.cats[t.Nicename]
}

// fallbackCategory is where posts without a category go: WordPress's own
// default category (term 1, "Uncategorized") when the export has it, else
// one made for them. WordPress always gives a post a category, but an
// edited export may not.
func (j *job) fallbackCategory(ctx context.Context) (int64, error) {
	if j.noCat != 0 {
		return j.noCat, nil
	}
	for _, c := range j.ix.channel.Categories {
		if cat := j.cats[c.Nicename]; c.TermID == 1 && cat != nil {
			j.noCat = cat.ID
			return cat.ID, nil
		}
	}
	c := &portal.Category{Name: "Chưa phân loại", Slug: "chua-phan-loai", Visible: true, Position: len(j.cats)}
	imp := portal.Import{Source: j.source("category", "-"), Checksum: importer.Checksum(c.Name)}
	o, err := j.Store.ImportCategory(ctx, j.Who, imp, c)
	j.Run.Item("category", "-", o, err)
	if err != nil {
		return 0, err
	}
	j.noCat = c.ID
	return c.ID, nil
}

// importTerms records the old addresses that lead to no item: tag pages,
// category feeds, the site's feeds. A tag's page here is that of the tag of
// the same name, which the posts carrying it make.
func (j *job) importTerms(ctx context.Context) {
	var paths []portal.LegacyPath
	add := func(old, target string) {
		paths = append(paths, portal.LegacyPath{Key: old, Object: "url", Target: target})
	}
	for _, t := range j.ix.channel.Tags {
		if slug := viet.Slug(sanitize.Plain(importer.FixText(t.Name))); slug != "" && t.Slug != "" {
			add("/tag/"+t.Slug, "/tu-khoa/"+slug)
			add("/?tag="+t.Slug, "/tu-khoa/"+slug)
		}
	}
	for name, c := range j.cats {
		add("/category"+j.catPaths[name]+"/feed", "/rss/"+c.Slug)
	}
	for _, p := range []string{"/feed", "/feed/rss2", "/feed/rss", "/comments/feed", "/?feed=rss2", "/?feed=rss"} {
		add(p, "/rss")
	}
	add("/feed/atom", "/atom")
	add("/?feed=atom", "/atom")
	j.addPaths(ctx, "tag", paths)
}

// addPaths records the old addresses paths that are not recorded yet as
// they are, in batches; a second run writes nothing.
func (j *job) addPaths(ctx context.Context, kind string, paths []portal.LegacyPath) {
	var fresh []portal.LegacyPath
	for _, p := range paths {
		old, err := j.Store.LegacyPath(ctx, portal.LegacyKeyOf(p.Key))
		if err != nil || old.Object != p.Object || old.ObjectID != p.ObjectID || old.Target != p.Target {
			fresh = append(fresh, p)
		}
	}
	slices.SortFunc(fresh, func(a, b portal.LegacyPath) int { return strings.Compare(a.Key, b.Key) })
	for start := 0; start < len(fresh); start += 500 {
		if err := j.Store.AddLegacyPaths(ctx, j.Who, fresh[start:min(start+500, len(fresh))]); err != nil {
			j.Run.Note(kind, "-", fmt.Sprintf("old addresses: %v", err))
		}
	}
}

// importArchives records the month archives of the old site,
// /2020/12/, as the portal's /luu-tru/2020/12.
func (j *job) importArchives(ctx context.Context) {
	var paths []portal.LegacyPath
	for m := range j.months {
		y, mo, _ := strings.Cut(m, "/")
		n, _ := strconv.Atoi(mo)
		paths = append(paths, portal.LegacyPath{Key: "/" + m, Object: "url", Target: "/luu-tru/" + y + "/" + strconv.Itoa(n)})
	}
	j.addPaths(ctx, "archive", paths)
}
