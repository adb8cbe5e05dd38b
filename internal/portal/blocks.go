package portal

import (
	"context"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"
)

// The ad slots: where on the page an ad may run.
const (
	AdSlotSide         = "side"          // the "Quảng cáo" block of the side column
	AdSlotBelowArticle = "below-article" // under an article's body
)

// AdSlots lists the slots with their Vietnamese names, in menu order.
var AdSlots = []Named{{AdSlotSide, "Cột bên (khối Quảng cáo)"}, {AdSlotBelowArticle, "Dưới bài viết"}}

// Named is a fixed choice and its Vietnamese name.
type Named struct{ Key, Name string }

// NameOf returns the name of key among list, or "" when key is not one.
func NameOf(list []Named, key string) string {
	for _, n := range list {
		if n.Key == key {
			return n.Name
		}
	}
	return ""
}

// Limits on the blocks' text.
const (
	MaxBlockTitle = 200
	MaxAdText     = 300
	MaxNoticeText = 500
	MaxAdWeight   = 100
)

// Validate checks an image link before it is saved.
func (l *ImageLink) Validate() error {
	l.Title, l.URL = strings.TrimSpace(l.Title), strings.TrimSpace(l.URL)
	switch {
	case l.Title == "" || HasControl(l.Title) || utf8.RuneCountInString(l.Title) > MaxBlockTitle:
		return Invalid("title", "Xin nhập tên liên kết (tối đa 200 ký tự).")
	case !ValidLink(l.URL):
		return Invalid("url", "Địa chỉ liên kết phải bắt đầu bằng http:// hoặc https://.")
	case l.Image.ID == 0:
		return Invalid("image", "Xin chọn ảnh trong thư viện hoặc tải ảnh lên.")
	case l.Position < 0 || l.Position > 9999:
		return Invalid("position", "Thứ tự là số từ 0 đến 9999.")
	}
	return checkPeriod(l.StartsAt, l.EndsAt)
}

// Validate checks an ad before it is saved.
func (a *Ad) Validate() error {
	a.Title, a.URL, a.Text = strings.TrimSpace(a.Title), strings.TrimSpace(a.URL), strings.TrimSpace(a.Text)
	if a.Slot == "" {
		a.Slot = AdSlotSide
	}
	switch {
	case NameOf(AdSlots, a.Slot) == "":
		return Invalid("slot", "Vị trí quảng cáo không hợp lệ.")
	case a.Title == "" || HasControl(a.Title) || utf8.RuneCountInString(a.Title) > MaxBlockTitle:
		return Invalid("title", "Xin nhập tên quảng cáo (tối đa 200 ký tự).")
	case !ValidLink(a.URL):
		return Invalid("url", "Địa chỉ đích phải bắt đầu bằng http:// hoặc https://.")
	case a.Image.ID == 0 && a.Text == "":
		return Invalid("text", "Quảng cáo cần một ảnh hoặc một dòng chữ.")
	case HasControl(a.Text) || strings.ContainsAny(a.Text, "\r\n") || utf8.RuneCountInString(a.Text) > MaxAdText:
		return Invalid("text", "Dòng chữ tối đa 300 ký tự, trên một dòng.")
	case a.Weight < 1 || a.Weight > MaxAdWeight:
		return Invalid("weight", "Trọng số là số từ 1 đến 100.")
	case a.StartsAt.IsZero():
		return Invalid("starts_at", "Xin nhập thời điểm bắt đầu.")
	}
	return checkPeriod(a.StartsAt, a.EndsAt)
}

func checkPeriod(start, end time.Time) error {
	if !end.IsZero() && !start.IsZero() && !end.After(start) {
		return Invalid("ends_at", "Thời điểm kết thúc phải sau thời điểm bắt đầu.")
	}
	return nil
}

// ValidLink reports whether s is an absolute http or https address with a
// host: the only kind of address a block may send readers to.
func ValidLink(s string) bool {
	if len(s) > 2000 || HasControl(s) || strings.ContainsAny(s, " \t\r\n<>\"") {
		return false
	}
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" && u.User == nil
}

// PickAd chooses one of ads by weight: n is a random number, any value. It
// returns nil for no ads.
func PickAd(ads []Ad, n uint64) *Ad {
	var total uint64
	for _, a := range ads {
		total += uint64(max(a.Weight, 1))
	}
	if total == 0 {
		return nil
	}
	n %= total
	for i := range ads {
		w := uint64(max(ads[i].Weight, 1))
		if n < w {
			return &ads[i]
		}
		n -= w
	}
	return nil
}

// Notice is an urgent notice ("thông báo khẩn"): a banner across the top of
// every public page between StartsAt and EndsAt — a storm, a flood, an
// election day.
type Notice struct {
	ID        int64
	Text      string // plain text, at most MaxNoticeText characters
	URL       string // optional: http(s) or a path of the portal ("/…")
	Level     string // one of NoticeLevels
	StartsAt  time.Time
	EndsAt    time.Time // zero: until taken down
	CreatedAt time.Time
}

// The notice levels, least urgent first.
const (
	NoticeInfo    = "info"
	NoticeWarning = "warning"
	NoticeUrgent  = "urgent"
)

// NoticeLevels names the levels.
var NoticeLevels = []Named{{NoticeInfo, "Thông báo"}, {NoticeWarning, "Cảnh báo"}, {NoticeUrgent, "Khẩn cấp"}}

// Validate checks a notice before it is saved.
func (n *Notice) Validate() error {
	n.Text, n.URL = strings.TrimSpace(n.Text), strings.TrimSpace(n.URL)
	switch {
	case n.Text == "":
		return Invalid("text", "Xin nhập nội dung thông báo.")
	case utf8.RuneCountInString(n.Text) > MaxNoticeText:
		return Invalid("text", "Nội dung thông báo dài quá 500 ký tự.")
	case HasControl(n.Text) || strings.ContainsAny(n.Text, "\r\n"):
		return Invalid("text", "Nội dung thông báo viết trên một dòng, không có ký tự lạ.")
	case n.URL != "" && !ValidLink(n.URL) && !isLocalPath(n.URL):
		return Invalid("url", "Liên kết phải bắt đầu bằng http://, https:// hoặc / (một trang của cổng).")
	case NameOf(NoticeLevels, n.Level) == "":
		return Invalid("level", "Mức độ không hợp lệ.")
	case n.StartsAt.IsZero():
		return Invalid("starts_at", "Xin nhập thời điểm bắt đầu.")
	}
	return checkPeriod(n.StartsAt, n.EndsAt)
}

// isLocalPath reports whether s is a path of this site, never another host
// ("//host" is).
func isLocalPath(s string) bool {
	return len(s) <= 500 && strings.HasPrefix(s, "/") && !strings.HasPrefix(s, "//") && !strings.ContainsAny(s, "\\ \t<>\"")
}

// AdStat is what an ad did on one day (Asia/Ho_Chi_Minh).
type AdStat struct {
	AdID        int64
	Day         string // "2006-01-02"
	Impressions int64
	Clicks      int64
}

// CTR is the click-through rate in percent, 0 without impressions.
func (s AdStat) CTR() float64 {
	if s.Impressions == 0 {
		return 0
	}
	return float64(s.Clicks) * 100 / float64(s.Impressions)
}

// AdStatStore persists ad counts, added to what is stored.
type AdStatStore interface {
	AddAdStats(ctx context.Context, stats []AdStat) error
}

// BlockService keeps the blocks staff manage: image links, ads and their
// counts, urgent notices, and the portal's settings. Every save raises the
// content version, so every instance rebuilds its pages.
type BlockService interface {
	AllImageLinks(ctx context.Context) ([]ImageLink, error)
	ImageLink(ctx context.Context, id int64) (*ImageLink, error)
	// SaveImageLink creates l when l.ID is 0, else updates it.
	SaveImageLink(ctx context.Context, who Actor, l *ImageLink) error
	DeleteImageLink(ctx context.Context, who Actor, id int64) error
	AllAds(ctx context.Context) ([]Ad, error)
	Ad(ctx context.Context, id int64) (*Ad, error)
	// SaveAd creates a when a.ID is 0, else updates it. Ads are never
	// deleted, only stopped, so their reports stay.
	SaveAd(ctx context.Context, who Actor, a *Ad) error
	// AdStats returns an ad's days from the day from on (days without
	// counts left out), oldest first, and its totals of all time.
	AdStats(ctx context.Context, id int64, from string) (days []AdStat, total AdStat, err error)
	AllNotices(ctx context.Context) ([]Notice, error)
	Notice(ctx context.Context, id int64) (*Notice, error)
	SaveNotice(ctx context.Context, who Actor, n *Notice) error
	DeleteNotice(ctx context.Context, who Actor, id int64) error
	// SaveSettings stores several settings in one transaction.
	SaveSettings(ctx context.Context, who Actor, kv map[string]string) error
}
