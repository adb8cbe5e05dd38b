package portal

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"
)

// Status is where an article stands in the editorial workflow.
type Status string

// The workflow's statuses. Only StatusPublished reaches readers, and only once
// its publish time has come.
const (
	StatusDraft       Status = "draft"
	StatusSubmitted   Status = "submitted"
	StatusEdited      Status = "edited"
	StatusScheduled   Status = "scheduled" // approved, waiting for its publish time
	StatusPublished   Status = "published"
	StatusReturned    Status = "returned"
	StatusUnpublished Status = "unpublished"
	StatusArchived    Status = "archived"
)

// Valid reports whether s is one of the workflow's statuses.
func (s Status) Valid() bool {
	switch s {
	case StatusDraft, StatusSubmitted, StatusEdited, StatusScheduled, StatusPublished, StatusReturned, StatusUnpublished,
		StatusArchived:
		return true
	}
	return false
}

// Article is a news item. Body is sanitized HTML; every text is NFC.
type Article struct {
	ID         int64
	CategoryID int64
	Title      string
	Slug       string
	Summary    string
	Body       string
	Author     string // the byline, e.g. "Thanh Tâm": its pen name's name (the store keeps them one)
	Source     string // "Nguồn"
	SourceURL  string // the source's address, an http(s) link; "" for none
	// SourceNote is the approver's note on re-posting another portal's
	// article (who agreed, when, on what terms): staff only, never shown
	// to readers.
	SourceNote  string
	Status      Status
	Featured    bool
	CoverID     int64 // 0 when the article has no cover picture
	CreatedAt   time.Time
	UpdatedAt   time.Time
	PublishedAt time.Time // zero until published; the time set, when scheduled
	ExpiresAt   time.Time // zero: never; else readers stop seeing it then
	ViewCount   int64
	OwnerID     int64 // the member of staff who wrote it; 0 for imported articles
	Tags        []string
	// CommentsClosed: readers may no longer comment on it.
	CommentsClosed bool
	// GroupIDs restrict the article to the members of these groups (see
	// Member); none: its category decides.
	GroupIDs []int64
	// MembersOnly is filled by reads: the article is restricted, by its
	// own groups or its category's, so readers outside them never see it.
	MembersOnly bool
	Version     int64 // raised by every save, for optimistic locking
	ThreadID    int64 // the event thread it joined ("dòng sự kiện"), 0 for none

	// Who is saving, kept with the revision the save makes; not read back.
	EditorID   int64
	EditorName string

	CategorySlug string  // filled by reads, for URLs
	PenNameID    int64   // filled by reads: the byline's pen name, 0 for none
	PenNameSlug  string  // filled by reads, for the author page's URL
	Cover        *Media  // filled by list queries when CoverID is set
	Media        []Media // filled by single-article reads, in position order
}

// URL is the article's address on the public site.
func (a *Article) URL() string { return "/" + a.CategorySlug + "/" + a.Slug }

// Limits on article fields, in characters.
const (
	MaxTitle   = 300
	MaxSummary = 2000
	MaxByline  = 200
	// MaxSourceNote bounds the approver's note on a re-posted article.
	MaxSourceNote = 1000
	MaxBody       = 2 << 20 // bytes of HTML
	MaxTags       = 20
	MaxTag        = 60
)

// Validate checks an article before it is saved. It trims fields but does not
// sanitize Body: that is the sanitizer's job before Validate.
func (a *Article) Validate() error {
	a.Title = strings.TrimSpace(a.Title)
	a.Summary = strings.TrimSpace(a.Summary)
	a.Author = strings.TrimSpace(a.Author)
	a.Source = strings.TrimSpace(a.Source)
	a.SourceURL = strings.TrimSpace(a.SourceURL)
	a.SourceNote = strings.TrimSpace(a.SourceNote)
	switch {
	case a.Title == "":
		return Invalid("title", "Tiêu đề không được để trống.")
	case HasControl(a.Title) || HasControl(a.Summary) || HasControl(a.Author) || HasControl(a.Source) ||
		HasControl(a.SourceNote) || strings.ContainsRune(a.Body, 0):
		return Invalid("title", "Nội dung có ký tự điều khiển không hợp lệ.")
	case utf8.RuneCountInString(a.Title) > MaxTitle:
		return Invalid("title", "Tiêu đề dài quá 300 ký tự.")
	case utf8.RuneCountInString(a.Summary) > MaxSummary:
		return Invalid("summary", "Tóm tắt dài quá 2000 ký tự.")
	case utf8.RuneCountInString(a.Author) > MaxByline:
		return Invalid("author", "Tên tác giả dài quá 200 ký tự.")
	case utf8.RuneCountInString(a.Source) > MaxByline:
		return Invalid("source", "Nguồn dài quá 200 ký tự.")
	case a.SourceURL != "" && (len(a.SourceURL) > 500 || !ValidLink(a.SourceURL)):
		return Invalid("source_url", "Địa chỉ nguồn phải là một liên kết http:// hoặc https:// (tối đa 500 ký tự).")
	case utf8.RuneCountInString(a.SourceNote) > MaxSourceNote:
		return Invalid("source_note", "Ghi chú về nguồn dài quá 1000 ký tự.")
	case len(a.Body) > MaxBody:
		return Invalid("body", "Nội dung bài viết quá dài.")
	case a.CategoryID <= 0:
		return Invalid("category", "Xin chọn chuyên mục.")
	case !a.Status.Valid():
		return Invalid("status", "Trạng thái bài viết không hợp lệ.")
	case len(a.GroupIDs) > MaxArticleGroups:
		return Invalid("groups", "Tối đa 50 nhóm thành viên.")
	case len(a.Tags) > MaxTags:
		return Invalid("tags", "Tối đa 20 từ khóa.")
	case a.Slug != "" && !IsSlug(a.Slug):
		return Invalid("slug", "Đường dẫn chỉ gồm chữ thường không dấu, chữ số và dấu gạch ngang.")
	}
	return nil
}

// ParseTags splits a comma-separated list of tags, trimming each, dropping
// empty ones and repeats (ignoring case).
func ParseTags(s string) ([]string, error) {
	var tags []string
	seen := map[string]bool{}
	for _, t := range strings.Split(s, ",") {
		t = strings.Join(strings.Fields(t), " ")
		key := strings.ToLower(t)
		if t == "" || seen[key] {
			continue
		}
		if utf8.RuneCountInString(t) > MaxTag || HasControl(t) {
			return nil, Invalid("tags", "Mỗi từ khóa dài tối đa 60 ký tự.")
		}
		seen[key] = true
		tags = append(tags, t)
	}
	return tags, nil
}

// Visible reports whether every reader may see the article at time now:
// it is out and it is not members-only.
func (a *Article) Visible(now time.Time) bool { return a.Published(now) && !a.MembersOnly }

// Published reports whether the article is out at time now: published,
// its time come and not yet expired. A members-only article that is out
// is still read by its groups' members alone.
func (a *Article) Published(now time.Time) bool {
	return a.Status == StatusPublished && !a.PublishedAt.IsZero() && !a.PublishedAt.After(now) &&
		(a.ExpiresAt.IsZero() || a.ExpiresAt.After(now))
}

// ArticleFilter selects articles. Zero fields select everything.
type ArticleFilter struct {
	CategoryIDs []int64 // any of these categories
	Status      *Status
	Featured    *bool
	// PublishedBy, when set, keeps published articles whose publish time has
	// come by then: what readers may see.
	PublishedBy *time.Time
	// PublishedFrom and PublishedBefore bound the publish time: an archive month.
	PublishedFrom   *time.Time
	PublishedBefore *time.Time
	TagSlugs        []string // tagged with any of these
	ExceptID        int64    // leave this article out
	PenNameID       int64    // under this pen name
	PenNameSlug     string   // under the pen name of this author page
	MostRead        bool     // order by views instead of by date
	// Public leaves out members-only articles: every list a reader, a
	// feed or a crawler sees sets it (ReaderFilter does).
	Public bool
	// MemberGroups keeps the members-only articles the members of these
	// groups may read.
	MemberGroups []int64
	ThreadID     int64 // in this event thread
	// Before, when set, starts a keyset page after this cursor (newest first).
	Before *ArticleCursor
	Limit  int
	Offset int
}

// ReaderFilter returns the filter for what readers may see at now.
func ReaderFilter(now time.Time) ArticleFilter {
	s := StatusPublished
	return ArticleFilter{Status: &s, PublishedBy: &now, Public: true}
}

// ArticleService reads and writes articles.
type ArticleService interface {
	// Article returns the article with id and its media.
	Article(ctx context.Context, id int64) (*Article, error)
	// ArticleBySlug returns the article whose current or former slug is slug;
	// a caller seeing a.Slug != slug redirects to the current URL.
	ArticleBySlug(ctx context.Context, slug string) (*Article, error)
	// Articles lists articles newest first, without their bodies.
	Articles(ctx context.Context, f ArticleFilter) ([]Article, error)
	CountArticles(ctx context.Context, f ArticleFilter) (int, error)
	// ArticleLocations lists where the articles f selects live, by ascending
	// id from the first after the id after, at most f.Limit of them (f.Offset
	// is ignored): keyset pages for sitemaps, cheap however deep.
	ArticleLocations(ctx context.Context, f ArticleFilter, after int64) ([]ArticleLocation, error)
	// CreateArticle saves a new article, choosing a unique slug from its title
	// when a.Slug is empty.
	CreateArticle(ctx context.Context, who Actor, a *Article) error
	// UpdateArticle saves a; when its title changes so does its slug, and the
	// old slug keeps redirecting to it.
	UpdateArticle(ctx context.Context, who Actor, a *Article) error
	// AutosaveArticle is UpdateArticle for the editor's background saves.
	AutosaveArticle(ctx context.Context, who Actor, a *Article) error
	// ImportArticles saves many articles at once (demo and migration loads);
	// their slugs must already be set and unique.
	ImportArticles(ctx context.Context, who Actor, as []Article) error
}

// Revision is an article as one save left it.
type Revision struct {
	ID         int64
	ArticleID  int64
	Version    int64
	CategoryID int64
	Title      string
	Summary    string
	Author     string
	Source     string
	SourceURL  string
	SourceNote string
	Body       string
	EditorID   int64
	EditorName string
	CreatedAt  time.Time
}

// RevisionService reads the revisions every save keeps.
type RevisionService interface {
	// Revisions lists an article's revisions, newest first, without bodies.
	Revisions(ctx context.Context, articleID int64) ([]Revision, error)
	Revision(ctx context.Context, articleID, id int64) (*Revision, error)
}

// PopularService reads what readers read most.
type PopularService interface {
	// MostReadSince lists the visible articles read most since day
	// ("2006-01-02", Vietnam), from the daily view counts.
	MostReadSince(ctx context.Context, day string, now time.Time, limit int) ([]Article, error)
}

// ViewStore persists buffered view counts.
type ViewStore interface {
	// AddViews adds n[id] to the view count of each article, in one transaction.
	AddViews(ctx context.Context, n map[int64]int64) error
}
