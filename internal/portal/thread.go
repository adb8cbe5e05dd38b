package portal

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"
)

// Thread is an event thread ("dòng sự kiện"): the articles that follow one
// story. An article joins at most one, through its own save
// (Article.ThreadID); readers see the thread as a timeline of its
// published articles.
type Thread struct {
	ID          int64
	Title       string
	Slug        string
	Description string // plain text
	CreatedAt   time.Time
	UpdatedAt   time.Time
	Articles    int64 // how many articles joined it, any status; filled by Threads
}

// URL is the thread's page on the public site.
func (t *Thread) URL() string { return "/dong-su-kien/" + t.Slug }

// Collection is a curated group ("chuyên đề"): articles chosen and ordered
// by hand, shown on its page and, when OnHome, as a block of the home page
// at Position among the other groups. The built-in group BuiltInFeatured
// holds the hand order of Tin nổi bật.
type Collection struct {
	ID          int64
	Name        string
	Slug        string
	Description string // plain text
	OnHome      bool
	Position    int
	BuiltIn     string // "" for groups staff made
	Articles    int64  // how many articles it holds, any status; filled by Collections
}

// URL is the group's page on the public site.
func (c *Collection) URL() string { return "/chuyen-de/" + c.Slug }

// BuiltInFeatured is the group whose hand order Tin nổi bật follows.
const BuiltInFeatured = "featured"

// Limits on threads and groups, in characters.
const (
	MaxThreadTitle       = 300
	MaxThreadDescription = 2000
	// MaxCollectionArticles bounds a group: it is ordered by hand.
	MaxCollectionArticles = 200
)

// ArticleCursor is where a keyset page of articles, newest first, starts:
// the articles published before PublishedAt, or at it with a smaller id.
type ArticleCursor struct {
	PublishedAt time.Time
	ID          int64
}

// Validate checks a thread before it is saved; its slug is made by the
// store from the title when empty.
func (t *Thread) Validate() error {
	return validateNamed(&t.Title, &t.Description, &t.Slug, "title", "Tên dòng sự kiện")
}

// validateNamed tidies and checks the name (or title), description and
// slug that threads and groups share; field names the name in the form,
// what says whose name it is.
func validateNamed(name, description, slug *string, field, what string) error {
	*name = strings.Join(strings.Fields(*name), " ")
	*description = strings.TrimSpace(*description)
	*slug = strings.TrimSpace(*slug)
	switch {
	case *name == "":
		return Invalid(field, what+" không được để trống.")
	case utf8.RuneCountInString(*name) > MaxThreadTitle:
		return Invalid(field, what+" dài quá 300 ký tự.")
	case HasControl(*name) || HasControl(*description):
		return Invalid(field, "Nội dung có ký tự điều khiển không hợp lệ.")
	case utf8.RuneCountInString(*description) > MaxThreadDescription:
		return Invalid("description", "Mô tả dài quá 2000 ký tự.")
	case *slug != "" && !IsSlug(*slug):
		return Invalid("slug", "Đường dẫn chỉ gồm chữ thường không dấu, chữ số và dấu gạch ngang.")
	}
	return nil
}

// Validate checks a group before it is saved; its slug is made by the
// store from the name when empty.
func (c *Collection) Validate() error {
	if err := validateNamed(&c.Name, &c.Description, &c.Slug, "name", "Tên chuyên đề"); err != nil {
		return err
	}
	if c.Position < 0 || c.Position > 1000 {
		return Invalid("position", "Vị trí phải là một số từ 0 đến 1000.")
	}
	return nil
}

// ThreadService keeps event threads and curated groups. Every change goes
// through the store's write path: audited, and raising the content version.
type ThreadService interface {
	// Threads lists every thread, newest first, with how many articles each holds.
	Threads(ctx context.Context) ([]Thread, error)
	// ReaderThreads lists the threads holding an article f lets readers
	// see, the one with the latest such article first, at most limit.
	ReaderThreads(ctx context.Context, f ArticleFilter, limit int) ([]Thread, error)
	Thread(ctx context.Context, id int64) (*Thread, error)
	ThreadBySlug(ctx context.Context, slug string) (*Thread, error)
	CreateThread(ctx context.Context, who Actor, t *Thread) error
	UpdateThread(ctx context.Context, who Actor, t *Thread) error
	// DeleteThread removes a thread; its articles stay, in no thread.
	DeleteThread(ctx context.Context, who Actor, id int64) error

	// Collections lists the groups by position, then id, the built-in ones
	// included, with how many articles each holds.
	Collections(ctx context.Context) ([]Collection, error)
	Collection(ctx context.Context, id int64) (*Collection, error)
	CollectionBySlug(ctx context.Context, slug string) (*Collection, error)
	// BuiltInCollection returns the group the portal keeps for kind.
	BuiltInCollection(ctx context.Context, kind string) (*Collection, error)
	CreateCollection(ctx context.Context, who Actor, c *Collection) error
	UpdateCollection(ctx context.Context, who Actor, c *Collection) error
	// DeleteCollection removes a group made by staff; a built-in one is EINVALID.
	DeleteCollection(ctx context.Context, who Actor, id int64) error
	// CollectionArticles lists the articles of group id that f selects, in
	// hand order, at most f.Limit (0: all).
	CollectionArticles(ctx context.Context, id int64, f ArticleFilter) ([]Article, error)
	// AddToCollection puts an article last in a group; one already there is ECONFLICT.
	AddToCollection(ctx context.Context, who Actor, id, articleID int64) error
	// MoveInCollection swaps an article with its neighbour above (by < 0)
	// or below (by > 0); at either end it stays.
	MoveInCollection(ctx context.Context, who Actor, id, articleID int64, by int) error
	RemoveFromCollection(ctx context.Context, who Actor, id, articleID int64) error
}
