package portal

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"
)

// Category is one node of the category tree ("Chính trị", "Kinh tế", ...).
// Its slug is unique on its site (Site) because it is the first segment of
// every reader URL (/chinh-tri/...).
type Category struct {
	ID       int64
	ParentID int64 // 0 for a top category
	Name     string
	Slug     string
	Position int
	Visible  bool
	// CommentsClosed: readers may not comment on its articles.
	CommentsClosed bool
	// MembersOnly is filled by reads: groups restrict the category (see
	// MemberGroup.CategoryIDs), so its articles are members-only.
	MembersOnly bool
	CreatedAt   time.Time
}

// ReservedSlugs are first path segments taken by fixed routes, so no category
// may use them.
var ReservedSlugs = map[string]bool{
	"static": true, "media": true, "healthz": true, "readyz": true,
	"quan-tri": true, "ban-do-hanh-chinh": true, "lich-lam-viec": true,
	"tim-kiem": true, "rss": true, "sitemap.xml": true, "robots.txt": true,
	"favicon.ico": true, "api": true, "in": true, "tu-khoa": true, "luu-tru": true, "doc-nhieu": true,
	"atom": true, "sitemap": true, "so-do-trang": true,
	"hoi-dap": true, "bai": true, "tac-gia": true, "bao-loi": true,
	"gioi-thieu": true, "en": true, "thanh-vien": true, "dong-su-kien": true, "chuyen-de": true,
}

// Validate checks a category before it is saved.
func (c *Category) Validate() error {
	c.Name = strings.TrimSpace(c.Name)
	switch {
	case c.Name == "":
		return Invalid("name", "Tên chuyên mục không được để trống.")
	case HasControl(c.Name):
		return Invalid("name", "Tên chuyên mục có ký tự điều khiển không hợp lệ.")
	case utf8.RuneCountInString(c.Name) > 200:
		return Invalid("name", "Tên chuyên mục dài quá 200 ký tự.")
	case !IsSlug(c.Slug):
		return Invalid("slug", "Đường dẫn chỉ gồm chữ thường không dấu, chữ số và dấu gạch ngang.")
	case ReservedSlugs[c.Slug]:
		return Invalid("slug", "Đường dẫn này đã được hệ thống dùng, xin chọn đường dẫn khác.")
	}
	return nil
}

// HasControl reports whether s holds a control character other than tab and
// line breaks, or invalid UTF-8: nothing a person typed.
func HasControl(s string) bool {
	if !utf8.ValidString(s) {
		return true
	}
	for _, r := range s {
		if r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0x7f {
			return true
		}
	}
	return false
}

// IsSlug reports whether s is a well-formed slug: 1 to 120 bytes of [a-z0-9]
// words joined by single hyphens.
func IsSlug(s string) bool {
	if s == "" || len(s) > 120 || s[0] == '-' || s[len(s)-1] == '-' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
		case c == '-' && s[i-1] != '-':
		default:
			return false
		}
	}
	return true
}

// CategoryTree is the whole tree, loaded at once: it is small and read on
// every page, so readers keep it in memory.
type CategoryTree struct {
	All    []Category // ordered by parent, position, name
	byID   map[int64]int
	bySlug map[string]int
}

// NewCategoryTree indexes cats, which must be ordered by position.
func NewCategoryTree(cats []Category) *CategoryTree {
	t := &CategoryTree{All: cats, byID: make(map[int64]int, len(cats)), bySlug: make(map[string]int, len(cats))}
	for i, c := range cats {
		t.byID[c.ID] = i
		t.bySlug[c.Slug] = i
	}
	return t
}

// ByID returns the category with id, or nil.
func (t *CategoryTree) ByID(id int64) *Category {
	if i, ok := t.byID[id]; ok {
		return &t.All[i]
	}
	return nil
}

// BySlug returns the category with slug, or nil.
func (t *CategoryTree) BySlug(slug string) *Category {
	if i, ok := t.bySlug[slug]; ok {
		return &t.All[i]
	}
	return nil
}

// Children returns the visible direct children of parent (0 for the top level).
func (t *CategoryTree) Children(parent int64) []Category {
	var out []Category
	for _, c := range t.All {
		if c.ParentID == parent && c.Visible {
			out = append(out, c)
		}
	}
	return out
}

// Subtree returns the ids of id and of every visible category below it.
func (t *CategoryTree) Subtree(id int64) []int64 {
	ids := []int64{id}
	for i := 0; i < len(ids); i++ {
		for _, c := range t.Children(ids[i]) {
			ids = append(ids, c.ID)
		}
	}
	return ids
}

// Descendants returns the ids of id and of every category below it, shown or
// not: what may not become id's parent.
func (t *CategoryTree) Descendants(id int64) []int64 {
	ids := []int64{id}
	for i := 0; i < len(ids); i++ {
		for _, c := range t.All {
			if c.ParentID == ids[i] {
				ids = append(ids, c.ID)
			}
		}
	}
	return ids
}

// Path returns the chain of categories from the top down to id.
func (t *CategoryTree) Path(id int64) []Category {
	var path []Category
	for c := t.ByID(id); c != nil && len(path) < 16; c = t.ByID(c.ParentID) {
		path = append([]Category{*c}, path...)
	}
	return path
}

// CategoryLine is a category in tree order, with how deep it sits.
type CategoryLine struct {
	Category
	Depth int // 0 for a top category, 1 for its children, ...
}

// Outline returns every category, shown or not, in tree order: each one
// followed by the categories below it, siblings in the order of All
// (position, then name), each with its depth. A category whose parent is
// not in the tree comes last, at the top level, so none is ever left out.
func (t *CategoryTree) Outline() []CategoryLine {
	children := make(map[int64][]int, len(t.All))
	for i, c := range t.All {
		children[c.ParentID] = append(children[c.ParentID], i)
	}
	out := make([]CategoryLine, 0, len(t.All))
	done := make([]bool, len(t.All))
	var walk func(i, depth int)
	walk = func(i, depth int) {
		if done[i] {
			return
		}
		done[i] = true
		out = append(out, CategoryLine{Category: t.All[i], Depth: depth})
		for _, child := range children[t.All[i].ID] {
			walk(child, depth+1)
		}
	}
	for _, i := range children[0] {
		walk(i, 0)
	}
	for i := range t.All {
		walk(i, 0) // orphans, and loops no valid tree has
	}
	return out
}

// CommentsOpen reports whether readers may comment in category id: neither
// it nor an ancestor closed comments.
func (t *CategoryTree) CommentsOpen(id int64) bool {
	for _, c := range t.Path(id) {
		if c.CommentsClosed {
			return false
		}
	}
	return true
}

// Shown reports whether readers may see category id: it and all its
// ancestors are visible.
func (t *CategoryTree) Shown(id int64) bool {
	path := t.Path(id)
	for _, c := range path {
		if !c.Visible {
			return false
		}
	}
	return len(path) > 0
}

// CategoryService reads and writes categories.
type CategoryService interface {
	// Categories returns every category, visible or not, ordered for display.
	Categories(ctx context.Context) ([]Category, error)
	CreateCategory(ctx context.Context, who Actor, c *Category) error
	// UpdateCategory saves a category; it may not become its own ancestor.
	UpdateCategory(ctx context.Context, who Actor, c *Category) error
}
