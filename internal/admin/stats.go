package admin

import (
	"html/template"
	"net/http"
	"time"

	"cong/internal/portal"
	"cong/internal/viet"
)

// StatsPage shows the portal's statistics ("Thống kê"): people's visits and
// page views per day and per month, crawlers' apart, devices, referrers and
// the most-read articles.
type StatsPage struct {
	Base
	Days, Months       []StatRow // oldest first
	DaysChart          template.HTML
	MonthsChart        template.HTML
	BotsChart          template.HTML
	Month              StatRow // the last 30 days together
	Devices            []DeviceRow
	DevicesChart       template.HTML
	Referrers          []ItemRow
	Articles           []ArticleRow
	From, To           time.Time // the 30 days
	MonthFrom, MonthTo time.Time // the 12 months
}

// StatRow is the figures of one day or month.
type StatRow struct {
	Label               string
	Visits, Views       Count
	BotVisits, BotViews Count
	day                 string // first day it covers, "2006-01-02"
}

// Count is a figure, printed the Vietnamese way: 1.234.567.
type Count int64

func (c Count) String() string { return viet.Number(int64(c)) }

// ItemRow is a referrer host and the people who came from it.
type ItemRow struct {
	Item string
	N    Count
}

// ArticleRow is an article and its views over the 30 days.
type ArticleRow struct {
	portal.ArticleViews
	Rank  int
	Count Count
}

// DeviceRow is the visits from one class of device over 30 days.
type DeviceRow struct {
	Name    string
	Visits  Count
	Percent string
}

// statsDays and statsMonths are how far back the page looks.
const (
	statsDays   = 30
	statsMonths = 12
	statsTop    = 20
)

func (h *Handler) showStats(w http.ResponseWriter, r *http.Request) error {
	b, err := h.base(r, "Thống kê truy cập")
	if err != nil {
		return err
	}
	now := h.Now().In(viet.Location)
	y, m, d := now.Date()
	data := &StatsPage{Base: b, To: now, From: time.Date(y, m, d-statsDays+1, 0, 0, 0, 0, viet.Location),
		MonthTo: now, MonthFrom: time.Date(y, m-statsMonths+1, 1, 0, 0, 0, 0, viet.Location)}
	counts, err := h.store.DailyStats(r.Context(), viet.Day(data.MonthFrom), viet.Day(now))
	if err != nil {
		return err
	}
	data.Days, data.Months = dayRows(data.From), monthRows(data.MonthFrom)
	for _, d := range portal.DeviceNames {
		data.Devices = append(data.Devices, DeviceRow{Name: d.Name})
	}
	for _, c := range counts {
		addCount(data.Days, c, len(c.Day))
		addCount(data.Months, c, len("2006-01"))
		addDevice(data, c)
	}
	for _, row := range data.Days {
		data.Month.add(row)
	}
	if err := h.statsTops(r, data); err != nil {
		return err
	}
	drawStats(data)
	return h.page(w, r, http.StatusOK, "stats", data)
}

func dayRows(from time.Time) []StatRow {
	rows := make([]StatRow, statsDays)
	for i := range rows {
		t := from.AddDate(0, 0, i)
		rows[i] = StatRow{Label: t.Format("02/01"), day: viet.Day(t)}
	}
	return rows
}

func monthRows(from time.Time) []StatRow {
	rows := make([]StatRow, statsMonths)
	for i := range rows {
		t := from.AddDate(0, i, 0)
		rows[i] = StatRow{Label: t.Format("01/2006"), day: viet.Day(t)}
	}
	return rows
}

// addCount adds c to the row whose day starts with the first n bytes of
// c's day: the day itself, or its month.
func addCount(rows []StatRow, c portal.StatCount, n int) {
	for i := range rows {
		if rows[i].day[:n] != c.Day[:n] {
			continue
		}
		switch c.Metric {
		case portal.MetricVisits:
			rows[i].Visits += Count(c.N)
		case portal.MetricViews:
			rows[i].Views += Count(c.N)
		case portal.MetricBotVisits:
			rows[i].BotVisits += Count(c.N)
		case portal.MetricBotViews:
			rows[i].BotViews += Count(c.N)
		}
		return
	}
}

func (r *StatRow) add(o StatRow) {
	r.Visits, r.Views, r.BotVisits, r.BotViews = r.Visits+o.Visits, r.Views+o.Views, r.BotVisits+o.BotVisits, r.BotViews+o.BotViews
}

// addDevice counts c into the devices when it is a device figure of the 30
// days.
func addDevice(data *StatsPage, c portal.StatCount) {
	if c.Metric != portal.MetricDevice || c.Day < viet.Day(data.From) {
		return
	}
	for i, d := range portal.DeviceNames {
		if d.Class == c.Item {
			data.Devices[i].Visits += Count(c.N)
		}
	}
}

// statsTops reads the referrers and articles of the 30 days.
func (h *Handler) statsTops(r *http.Request, data *StatsPage) error {
	from := viet.Day(data.From)
	refs, err := h.store.TopItems(r.Context(), portal.MetricReferrer, from, statsTop)
	if err != nil {
		return err
	}
	for _, it := range refs {
		data.Referrers = append(data.Referrers, ItemRow{Item: it.Item, N: Count(it.N)})
	}
	articles, err := h.store.TopArticles(r.Context(), from, statsTop)
	for i, a := range articles {
		data.Articles = append(data.Articles, ArticleRow{ArticleViews: a, Rank: i + 1, Count: Count(a.Views)})
	}
	return err
}
