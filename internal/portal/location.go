package portal

import "time"

// ArticleLocation is where an article lives and when it last changed: all a
// sitemap needs of it, read without its texts.
type ArticleLocation struct {
	ID           int64
	CategorySlug string
	Slug         string
	UpdatedAt    time.Time
	PublishedAt  time.Time
}

// URL is the article's address on the public site.
func (l *ArticleLocation) URL() string { return "/" + l.CategorySlug + "/" + l.Slug }

// Modified is when readers last saw the article change: its last save, or
// its publication when that came later (a scheduled article).
func (l *ArticleLocation) Modified() time.Time {
	if l.PublishedAt.After(l.UpdatedAt) {
		return l.PublishedAt
	}
	return l.UpdatedAt
}
