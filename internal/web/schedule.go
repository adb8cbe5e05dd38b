package web

import (
	"context"
	"net/http"
	"net/url"
	"time"

	"cong/internal/portal"
	"cong/internal/viet"
)

// SchedulePage shows a week of the leaders' work schedule, Monday to Sunday.
type SchedulePage struct {
	Base
	From, To   time.Time
	Week       string    // "2026-W10"
	Prev, Next *WeekLink // the nearest weeks worth a visit, nil when none
	This       string    // this week's address, when another is shown
	Days       []WeekDay
	Leaders    []portal.Leader
	Leader     *portal.Leader // the filter, nil for everyone
	Calendar   string         // the iCalendar feed of what is shown
	PrintURL   string
	Empty      bool
}

// WeekLink links another week of the schedule.
type WeekLink struct {
	URL   string
	Label string // "Tuần trước", "Tuần sau", or the Monday of a week further off
}

// WeekDay is a day of the week page, its entries grouped by session.
type WeekDay struct {
	Date     time.Time
	Label    string // "Thứ Hai, 02/03/2026"
	Today    bool
	Sessions []SessionEntries
}

// SessionEntries are a day's entries of one session (Sáng, Chiều, Tối).
type SessionEntries struct {
	Name    string
	Entries []portal.ScheduleEntry
}

// The weeks readers may open: wider than any real schedule, narrow enough
// that following "next week" forever ends. Within them, a week page exists
// only up to a year before the first entry readers see and after the last
// (or this week, when it lies beyond them).
const firstScheduleYear, lastScheduleYear = 2000, 2100

func (h *Handler) showSchedule(w http.ResponseWriter, r *http.Request) error {
	return h.scheduleWeek(w, r, "/lich-lam-viec", false)
}

// showSchedulePrint is the week laid out for paper.
func (h *Handler) showSchedulePrint(w http.ResponseWriter, r *http.Request) error {
	return h.scheduleWeek(w, r, "/in/lich-lam-viec", true)
}

func (h *Handler) scheduleWeek(w http.ResponseWriter, r *http.Request, path string, print bool) error {
	if h.svc.Schedule == nil {
		return errNotFound
	}
	now := h.now()
	q := r.URL.Query()
	monday := viet.WeekStart(now)
	if s := q.Get("tuan"); s != "" {
		var err error
		if monday, err = viet.ParseWeek(s); err != nil {
			return portal.Invalid("tuan", "Tuần không hợp lệ: xin ghi theo dạng năm-Wtuần, ví dụ 2026-W10.")
		}
		if y := monday.Year(); y < firstScheduleYear || y > lastScheduleYear {
			return errNotFound
		}
	}
	slug := q.Get("lanh-dao")
	if slug != "" && !portal.IsSlug(slug) {
		return errNotFound
	}
	key := path + "?tuan=" + viet.WeekName(monday) + "&lanh-dao=" + slug
	return h.cached(w, r, key, func(r *http.Request, s *site) (*entry, error) {
		data, err := h.weekPage(r.Context(), s, monday, slug, now)
		if err != nil {
			return nil, err
		}
		data.Print = print
		p, err := h.render.Render("schedule", data)
		if err != nil {
			return nil, err
		}
		return &entry{page: p, until: h.scheduleExpiry(r.Context(), now)}, nil
	})
}

// scheduleExpiry bounds a schedule page's life in the cache: it must not
// outlive the day it highlights, nor the minute an entry appears or goes.
func (h *Handler) scheduleExpiry(ctx context.Context, now time.Time) time.Time {
	n := now.In(viet.Location)
	end := time.Date(n.Year(), n.Month(), n.Day()+1, 0, 0, 0, 0, viet.Location)
	if next, err := h.svc.Schedule.NextScheduleChange(ctx, now); err == nil && !next.IsZero() && next.Before(end) {
		end = next
	}
	return end
}

func (h *Handler) weekPage(ctx context.Context, s *site, monday time.Time, slug string, now time.Time) (*SchedulePage, error) {
	leaders, err := h.svc.Schedule.Leaders(ctx, false)
	if err != nil {
		return nil, err
	}
	data := &SchedulePage{Base: s.base(""), From: monday, To: monday.AddDate(0, 0, 6), Week: viet.WeekName(monday),
		Leaders: leaders, Calendar: "/lich-lam-viec.ics"}
	f := portal.ScheduleFilter{From: monday, To: monday.AddDate(0, 0, 7), Now: now}
	if slug != "" {
		for i := range leaders {
			if leaders[i].Slug == slug {
				data.Leader = &leaders[i]
			}
		}
		if data.Leader == nil {
			return nil, errNotFound
		}
		f.LeaderID, data.Calendar = data.Leader.ID, "/lich-lam-viec/"+slug+".ics"
	}
	bounds, err := h.svc.Schedule.ScheduleBounds(ctx, f)
	if err != nil {
		return nil, err
	}
	thisWeek := viet.WeekStart(now)
	if !weekAllowed(monday, thisWeek, bounds) {
		return nil, errNotFound
	}
	entries, err := h.svc.Schedule.PublicSchedule(ctx, f)
	if err != nil {
		return nil, err
	}
	data.Days, data.Empty = weekDays(monday, entries, now), len(entries) == 0
	data.Prev, data.Next = weekLinks(monday, thisWeek, bounds, slug)
	if !thisWeek.Equal(monday) {
		data.This = weekURL(thisWeek, slug)
	}
	data.PrintURL = "/in" + weekURL(monday, slug)
	data.Canonical = weekURL(monday, slug)
	data.NoIndex = data.Empty
	who := "lãnh đạo " + s.info.Name
	if data.Leader != nil {
		who = data.Leader.Label() + ", " + s.info.Name
	}
	data.Description = "Lịch làm việc của " + who + " tuần từ " + viet.Date(data.From) + " đến " + viet.Date(data.To) + "."
	return data, nil
}

// weekAllowed reports whether the week from monday has a page: from a year
// before the first entry (or this week) to a year after the last (or this
// week).
func weekAllowed(monday, thisWeek time.Time, b portal.ScheduleBounds) bool {
	first, last := thisWeek, thisWeek
	if !b.First.IsZero() && b.First.Before(first) {
		first = viet.WeekStart(b.First)
	}
	if b.Last.After(last) {
		last = viet.WeekStart(b.Last)
	}
	return !monday.Before(first.AddDate(-1, 0, 0)) && !monday.After(last.AddDate(1, 0, 0))
}

// weekLinks are the nearest weeks before and after monday that have
// entries or lie next to this week; the empty weeks between are not linked,
// so a crawler cannot walk a century of empty pages.
func weekLinks(monday, thisWeek time.Time, b portal.ScheduleBounds, slug string) (prev, next *WeekLink) {
	var before, after time.Time
	if !b.Before.IsZero() {
		before = viet.WeekStart(b.Before)
	}
	if !b.After.IsZero() {
		after = viet.WeekStart(b.After)
	}
	for _, w := range []time.Time{thisWeek.AddDate(0, 0, -7), thisWeek, thisWeek.AddDate(0, 0, 7)} {
		if w.Before(monday) && w.After(before) {
			before = w
		}
		if w.After(monday) && (after.IsZero() || w.Before(after)) {
			after = w
		}
	}
	link := func(w time.Time, adjacent string) *WeekLink {
		if w.IsZero() {
			return nil
		}
		l := &WeekLink{URL: weekURL(w, slug), Label: adjacent}
		if d := w.Sub(monday); d < -8*24*time.Hour || d > 8*24*time.Hour {
			l.Label = "Tuần " + viet.Date(w)
		}
		return l
	}
	return link(before, "Tuần trước"), link(after, "Tuần sau")
}

// weekDays lays entries out over the seven days from monday.
func weekDays(monday time.Time, entries []portal.ScheduleEntry, now time.Time) []WeekDay {
	days := make([]WeekDay, 7)
	today := viet.Day(now)
	for i := range days {
		d := monday.AddDate(0, 0, i)
		days[i] = WeekDay{Date: d, Label: viet.WeekdayDate(d), Today: viet.Day(d) == today}
	}
	for _, e := range entries {
		i := int(e.StartsAt.In(viet.Location).Sub(monday) / (24 * time.Hour))
		if i < 0 || i > 6 {
			continue
		}
		day := &days[i]
		name := portal.SessionNames[e.Session]
		if n := len(day.Sessions); n == 0 || day.Sessions[n-1].Name != name {
			day.Sessions = append(day.Sessions, SessionEntries{Name: name})
		}
		last := &day.Sessions[len(day.Sessions)-1]
		last.Entries = append(last.Entries, e)
	}
	return days
}

// weekURL is the address of the week holding t, of one leader if slug is set.
func weekURL(t time.Time, slug string) string {
	v := url.Values{"tuan": {viet.WeekName(t)}}
	if slug != "" {
		v.Set("lanh-dao", slug)
	}
	return "/lich-lam-viec?" + v.Encode()
}

// leaderBySlug finds an active leader or answers "not found".
func (h *Handler) leaderBySlug(r *http.Request, slug string) (*portal.Leader, error) {
	if h.svc.Schedule == nil {
		return nil, errNotFound
	}
	leaders, err := h.svc.Schedule.Leaders(r.Context(), false)
	if err != nil {
		return nil, err
	}
	for i := range leaders {
		if leaders[i].Slug == slug {
			return &leaders[i], nil
		}
	}
	return nil, errNotFound
}

// sideScheduleSize is how many entries the side block shows.
const sideScheduleSize = 5

// sideSchedule is the side block: today's entries not yet over, then the
// next ones, at most sideScheduleSize, grouped by day.
func (h *Handler) sideSchedule(ctx context.Context, now time.Time) ([]ScheduleDay, error) {
	if h.svc.Schedule == nil {
		return nil, nil
	}
	n := now.In(viet.Location)
	day := time.Date(n.Year(), n.Month(), n.Day(), 0, 0, 0, 0, viet.Location)
	entries, err := h.svc.Schedule.PublicSchedule(ctx, portal.ScheduleFilter{From: day, To: day.AddDate(0, 0, 15), Now: now})
	if err != nil {
		return nil, err
	}
	var next []portal.ScheduleEntry
	for _, e := range entries {
		if endOf(&e).After(now) && len(next) < sideScheduleSize {
			next = append(next, e)
		}
	}
	return groupByDay(next), nil
}

// endOf is when an entry is over: its end, or without one the end of its
// session (noon, 18:00, midnight), for a meeting at 8:00 still runs at 9:00.
func endOf(e *portal.ScheduleEntry) time.Time {
	if !e.EndsAt.IsZero() {
		return e.EndsAt
	}
	t := e.StartsAt.In(viet.Location)
	hour := map[portal.DayPart]int{portal.SessionMorning: 12, portal.SessionAfternoon: 18}[e.Session]
	if hour == 0 || t.Hour() >= hour {
		hour = 24
	}
	return time.Date(t.Year(), t.Month(), t.Day(), hour, 0, 0, 0, viet.Location)
}
