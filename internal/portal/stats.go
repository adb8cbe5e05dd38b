package portal

import "context"

// The metrics of the portal's statistics, kept per calendar day (Asia/
// Ho_Chi_Minh). People and bots are counted apart; nothing personal is kept:
// no addresses, no cookies, referrers by host only.
const (
	MetricViews     = "views"      // reader pages served to people
	MetricVisits    = "visits"     // visits of people (kept in visit_days, read with the rest)
	MetricBotViews  = "bot.views"  // pages served to crawlers
	MetricBotVisits = "bot.visits" // distinct crawlers per visit gap
	MetricDevice    = "device"     // visits of people by device class (Item: phone, tablet, desktop)
	MetricReferrer  = "referrer"   // people arriving from another site (Item: its host)
)

// The device classes visits are counted by.
const (
	DevicePhone   = "phone"
	DeviceTablet  = "tablet"
	DeviceDesktop = "desktop"
)

// DeviceNames are the device classes' Vietnamese names, in display order.
var DeviceNames = []struct{ Class, Name string }{
	{DevicePhone, "Điện thoại"}, {DeviceTablet, "Máy tính bảng"}, {DeviceDesktop, "Máy tính"},
}

// OtherReferrers is the item that holds the referrer hosts past the bound
// kept per day.
const OtherReferrers = "khác"

// StatCount is one figure of one day: Metric for Item (empty for a metric
// without items) on Day ("2006-01-02").
type StatCount struct {
	Day    string
	Metric string
	Item   string
	N      int64
}

// StatItem is a total over a period: a referrer host or a device class.
type StatItem struct {
	Item string
	N    int64
}

// ArticleViews is an article and its views over a period.
type ArticleViews struct {
	ID           int64
	Title        string
	CategorySlug string
	Slug         string
	Views        int64
}

// StatStore persists buffered statistics.
type StatStore interface {
	// AddStats adds every count to its row, in one transaction; rows that
	// other instances wrote are added to, not replaced.
	AddStats(ctx context.Context, counts []StatCount) error
}

// StatsService reads the statistics for the back office.
type StatsService interface {
	// DailyStats returns the figures of the days in [from, to], every metric
	// but referrers, with people's visits from the visit counter.
	DailyStats(ctx context.Context, from, to string) ([]StatCount, error)
	// TopItems returns metric's items with the largest totals since from.
	TopItems(ctx context.Context, metric, from string, limit int) ([]StatItem, error)
	// TopArticles returns the articles read most since from, by their
	// daily views, whatever their state now.
	TopArticles(ctx context.Context, from string, limit int) ([]ArticleViews, error)
}
