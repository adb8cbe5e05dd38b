package portal

import (
	"context"
	"time"
)

// Limits of the reader's search.
const (
	// SearchPerPage is how many results a page of search results shows.
	SearchPerPage = 20
	// SearchMaxResults bounds the articles one search ranks: when more match,
	// the newest of them are ranked and SearchResults.More is set.
	SearchMaxResults = 1000
	// SearchMaxQuery is the longest query accepted, in characters.
	SearchMaxQuery = 200
)

// SearchQuery is a reader's search over the articles readers may see.
type SearchQuery struct {
	// Text is what the reader typed: words, and "phrases" in quotes,
	// matched with or without tone marks.
	Text string
	// CategoryIDs keeps articles of these categories; empty: any.
	CategoryIDs []int64
	// From and To keep articles published in [From, To); zero: no bound.
	From, To time.Time
	// Page is the page of results, from 1.
	Page int
}

// SearchResults is one page of a search's results, best first.
type SearchResults struct {
	// Total is how many articles matched and were ranked.
	Total int
	// More reports that more than SearchMaxResults matched: only the newest
	// of them were ranked.
	More bool
	Hits []SearchHit
}

// Pages is the number of pages of results, at least 1.
func (r *SearchResults) Pages() int {
	return max((r.Total+SearchPerPage-1)/SearchPerPage, 1)
}

// SearchHit is one article found, without its body, with its title and a
// snippet of its text in which the words searched for are marked.
type SearchHit struct {
	Article Article
	Title   Marked
	Snippet Marked
}

// Marked is a plain text with byte ranges [start, end) to highlight, in
// order and apart. It holds no HTML: the page escapes Text and marks the
// ranges.
type Marked struct {
	Text  string
	Marks [][2]int
}

// SearchService finds articles for readers.
type SearchService interface {
	// Search returns the page q.Page of the published, visible articles
	// matching q. An unusable query (no words, too long) is EINVALID.
	Search(ctx context.Context, q SearchQuery) (*SearchResults, error)
}
