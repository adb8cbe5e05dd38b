package portal

import (
	"context"
	"time"
)

// ImageLink is a banner in the "Ảnh liên kết" block: a picture linking to
// another site of the political system.
type ImageLink struct {
	ID       int64
	Title    string
	URL      string
	Image    Media
	Position int
	Active   bool
}

// ScheduleEntry is one line of the leaders' work schedule ("Lịch làm việc").
type ScheduleEntry struct {
	ID       int64
	StartsAt time.Time
	Leader   string // who chairs or attends, e.g. "Bí thư Tỉnh ủy"
	Content  string
	Location string
}

// Ad is a banner in the "Quảng cáo" block, shown between StartsAt and EndsAt.
type Ad struct {
	ID       int64
	Title    string
	URL      string
	Image    Media
	Position int
	StartsAt time.Time
	EndsAt   time.Time // zero: no end
	Active   bool
}

// Comment is a reader's opinion under an article ("Các ý kiến của bạn đọc").
// Only approved comments are shown.
type Comment struct {
	ID        int64
	ArticleID int64
	Name      string
	Body      string
	Approved  bool
	CreatedAt time.Time
}

// Site settings keys.
const (
	SettingSiteName    = "site.name"
	SettingSiteTagline = "site.tagline"
	SettingMapMedia    = "map.media_id" // the administrative map picture
	SettingMapTitle    = "map.title"
	// SettingMapDescription is the text shown under the map on its page.
	SettingMapDescription = "map.description"
)

// SideService reads what the side column and its pages show.
type SideService interface {
	ImageLinks(ctx context.Context) ([]ImageLink, error)
	// Schedule returns the entries starting in [from, to), in time order.
	Schedule(ctx context.Context, from, to time.Time) ([]ScheduleEntry, error)
	// Ads returns the ads active at now, in position order.
	Ads(ctx context.Context, now time.Time) ([]Ad, error)
	// ApprovedComments returns the approved comments of an article, oldest first.
	ApprovedComments(ctx context.Context, articleID int64) ([]Comment, error)
	// Settings returns every site setting.
	Settings(ctx context.Context) (map[string]string, error)
	// Media returns one media record.
	Media(ctx context.Context, id int64) (*Media, error)
}

// SideWriter creates side-column content (demo content now, the back office later).
type SideWriter interface {
	CreateImageLink(ctx context.Context, l *ImageLink) error
	CreateScheduleEntry(ctx context.Context, e *ScheduleEntry) error
	CreateAd(ctx context.Context, a *Ad) error
	CreateComment(ctx context.Context, c *Comment) error
	SetSetting(ctx context.Context, key, value string) error
}

// VisitStore persists visit counts per calendar day (Asia/Ho_Chi_Minh).
type VisitStore interface {
	// AddVisits adds n visits to day ("2006-01-02").
	AddVisits(ctx context.Context, day string, n int64) error
	// Visits returns the visits of day and of all days.
	Visits(ctx context.Context, day string) (today, total int64, err error)
}
