package web

import (
	"strconv"

	"cong/internal/portal"
)

// Base is what every page's layout needs.
type Base struct {
	Site   SiteInfo
	Nav    []portal.Category
	Side   Side
	Active string // slug of the top category to highlight, "/" for home
	// Origin is the portal's public address; Canonical, the page's own
	// address as a path, is made absolute with it, as are the hreflang
	// alternates.
	Origin    string
	Canonical string
	// Description is the page's meta description: every reader page has one.
	Description string
	// NoIndex asks search engines to leave the page out: a thank-you page,
	// an error, an empty week of the schedule.
	NoIndex bool
	// Print lays the page out for paper: no menus, side blocks or comments.
	Print bool
	// Notices are the urgent notices across the top of the page.
	Notices []portal.Notice
	// AdBelow is the ad under an article's body, chosen by weight; nil: none.
	AdBelow *portal.Ad
	// Intro is the menu of the introduction pages ("Giới thiệu"); English
	// is the address of the English pages, "" when there are none.
	Intro   []portal.Page
	English string
	// Contact: the contact page has departments to write to, and the
	// footer links to it.
	Contact bool
	// Sections are the menu's sections this site has (the main site all).
	Sections Sections
	// Beacon, when set, is what the page's view beacon reports (see
	// shared.go): the page is counted by it, not when it is served.
	Beacon string
}

// Sections tell which of the main site's own sections a site has (see
// portal.Site): a site without them links to none.
type Sections struct {
	Questions, Consultations, Documents bool
}

// SiteInfo names the portal.
type SiteInfo struct {
	Name    string
	Tagline string
	Logo    *portal.Media // nil: the emblem
	// The footer: the portal's address, phone, e-mail and licence line.
	Address, Phone, Email, Licence string
}

// Side is the side column, in the order of the seed page.
type Side struct {
	Links    []portal.ImageLink
	Schedule []ScheduleDay
	Map      *portal.Media
	Ads      []portal.Ad      // the running ads of the side slot
	Ad       *portal.Ad       // the one this page shows, chosen by weight
	Blocks   []string         // the blocks shown, in order (portal.SideBlocks)
	Units    *portal.AdminMap // the administrative map drawn, when uploaded
	Poll     *portal.Poll     // the poll open now, without figures; nil: none
}

// ScheduleDay groups a day's schedule entries under "Thứ Hai, 23/11/2026".
type ScheduleDay struct {
	Day     string
	URL     string // the week page
	Entries []portal.ScheduleEntry
}

// ArticlePage is an article as readers see it.
type ArticlePage struct {
	Base
	Article  *portal.Article
	Category *portal.Category
	Comments []portal.Comment
	Related  []portal.Article
	Meta     *ArticleMeta
	Form     CommentForm // what a reader typed, when it is shown again
	// CommentsOpen: the comment form is shown.
	CommentsOpen bool

	// Documents are the published documents the article links to.
	Documents []portal.Document
	// ReportURL is the form reporting an error in the article; "" when
	// the portal takes no reports.
	ReportURL string
	// Audio is the article read aloud; nil when it has none yet.
	Audio  *AudioPlayer
	Thread *ThreadBox // the event thread it joined, nil for none
}

// HomePage is the front page.
type HomePage struct {
	Base
	Featured    []portal.Article // in the editors' hand order first
	Latest      []portal.Article
	Collections []CollectionBlock // chuyên đề marked for the home page, by position
	Blocks      []CategoryBlock
	Popular     []portal.Article // read most this week
}

// CategoryBlock is a top category's latest articles on the front page.
type CategoryBlock struct {
	Category portal.Category
	Articles []portal.Article
}

// CategoryPage lists a category's articles, a page at a time.
type CategoryPage struct {
	Base
	Category *portal.Category
	Path     []portal.Category
	Children []portal.Category
	Articles []portal.Article
	Pager    Pager
}

// Pager links the pages of a list.
type Pager struct {
	Path        string
	Page, Pages int
	Prev, Next  int // 0 when there is none
}

// URL is the address of page n.
func (p Pager) URL(n int) string {
	if n <= 1 {
		return p.Path
	}
	return p.Path + "?trang=" + strconv.Itoa(n)
}

// MapPage shows the administrative map.
type MapPage struct {
	Base
	Title string
	Map   *portal.Media
	Text  string
	// Drawing is the map drawn from its units; nil: the picture Map.
	Drawing *MapView
}

// ErrorPage explains what went wrong.
type ErrorPage struct {
	Base
	Heading   string
	Message   string
	RequestID string
}
