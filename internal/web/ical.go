package web

import (
	"bytes"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"cong/internal/portal"
	"cong/internal/viet"
)

// The calendar feeds cover four weeks back and eight ahead of this week.
const (
	icalWeeksBack  = 4
	icalWeeksAhead = 8
)

// showCalendar is the whole schedule as an iCalendar feed (RFC 5545) that
// calendar applications subscribe to.
func (h *Handler) showCalendar(w http.ResponseWriter, r *http.Request) error {
	if h.svc.Schedule == nil {
		return errNotFound
	}
	return h.cachedDoc(w, r, "/lich-lam-viec.ics", func(r *http.Request, s *site) (*document, error) {
		return h.calendar(r, s, nil)
	})
}

// showLeaderCalendar is one leader's schedule as an iCalendar feed.
func (h *Handler) showLeaderCalendar(w http.ResponseWriter, r *http.Request) error {
	slug, ok := strings.CutSuffix(r.PathValue("file"), ".ics")
	if !ok || !portal.IsSlug(slug) {
		return errNotFound
	}
	return h.cachedDoc(w, r, "/lich-lam-viec/"+slug+".ics", func(r *http.Request, s *site) (*document, error) {
		l, err := h.leaderBySlug(r, slug)
		if err != nil {
			return nil, err
		}
		return h.calendar(r, s, l)
	})
}

// calendar writes the feed of leader's entries, or of every entry.
func (h *Handler) calendar(r *http.Request, s *site, leader *portal.Leader) (*document, error) {
	now := h.now()
	week := viet.WeekStart(now)
	f := portal.ScheduleFilter{From: week.AddDate(0, 0, -7*icalWeeksBack), To: week.AddDate(0, 0, 7*(icalWeeksAhead+1)), Now: now}
	name := "Lịch làm việc - " + s.info.Name
	if leader != nil {
		f.LeaderID, name = leader.ID, "Lịch làm việc của "+leader.Label()
	}
	entries, err := h.svc.Schedule.PublicSchedule(r.Context(), f)
	if err != nil {
		return nil, err
	}
	host := "cong"
	if u, err := url.Parse(h.absURL("/")); err == nil && u.Hostname() != "" {
		host = u.Hostname()
	}
	var c icalWriter
	c.line("BEGIN", "VCALENDAR")
	c.line("VERSION", "2.0")
	c.line("PRODID", "-//Cong//Lich lam viec//VI")
	c.line("CALSCALE", "GREGORIAN")
	c.line("METHOD", "PUBLISH")
	c.text("X-WR-CALNAME", name)
	c.line("X-WR-TIMEZONE", "Asia/Ho_Chi_Minh")
	for i := range entries {
		h.icalEvent(&c, r, &entries[i], host)
	}
	c.line("END", "VCALENDAR")
	d := &document{body: c.buf.Bytes(), ctype: "text/calendar; charset=utf-8"}
	d.etag = etag(d.body)
	return d, nil
}

func (h *Handler) icalEvent(c *icalWriter, r *http.Request, e *portal.ScheduleEntry, host string) {
	c.line("BEGIN", "VEVENT")
	c.line("UID", "lich-"+strconv.FormatInt(e.ID, 10)+"@"+host)
	c.line("DTSTAMP", icalTime(e.UpdatedAt))
	c.line("LAST-MODIFIED", icalTime(e.UpdatedAt))
	c.line("DTSTART", icalTime(e.StartsAt))
	if !e.EndsAt.IsZero() {
		c.line("DTEND", icalTime(e.EndsAt))
	}
	summary := e.Content
	if e.Cancelled != "" {
		summary = portal.CancellationNames[e.Cancelled] + ": " + summary
	}
	c.text("SUMMARY", summary)
	if e.Location != "" {
		c.text("LOCATION", e.Location)
	}
	c.text("DESCRIPTION", entryDescription(e))
	c.line("SEQUENCE", strconv.Itoa(e.Sequence))
	if e.Cancelled != "" {
		c.line("STATUS", "CANCELLED")
	} else {
		c.line("STATUS", "CONFIRMED")
	}
	c.line("URL", h.absURL(weekURL(e.StartsAt, "")))
	c.line("END", "VEVENT")
}

// entryDescription is what the feed says of an entry besides its content.
func entryDescription(e *portal.ScheduleEntry) string {
	var lines []string
	for _, kv := range [][2]string{{"Lãnh đạo", e.Who()}, {"Thành phần", e.Attendees}, {"Chuẩn bị", e.Preparer}} {
		if kv[1] != "" {
			lines = append(lines, kv[0]+": "+kv[1])
		}
	}
	if !e.AdjustedAt.IsZero() {
		lines = append(lines, adjustLine(e))
	}
	return strings.Join(lines, "\n")
}

// adjustLine is "Điều chỉnh lúc HH:MM dd/mm/yyyy: note".
func adjustLine(e *portal.ScheduleEntry) string {
	return "Điều chỉnh lúc " + viet.Time(e.AdjustedAt) + " " + viet.Date(e.AdjustedAt) + ": " + e.AdjustNote
}

// icalTime is a UTC DATE-TIME: 20260302T010000Z.
func icalTime(t time.Time) string { return t.UTC().Format("20060102T150405Z") }

// icalWriter writes content lines: CRLF ends, folded at 75 octets without
// splitting a UTF-8 sequence (RFC 5545 §3.1).
type icalWriter struct{ buf bytes.Buffer }

// text writes a TEXT property, escaped (§3.3.11).
func (c *icalWriter) text(name, value string) {
	c.line(name, icalEscaper.Replace(value))
}

var icalEscaper = strings.NewReplacer(`\`, `\\`, ";", `\;`, ",", `\,`, "\r\n", `\n`, "\n", `\n`, "\r", `\n`)

func (c *icalWriter) line(name, value string) {
	s := name + ":" + value
	width := 75
	for len(s) > width {
		cut := width
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		c.buf.WriteString(s[:cut])
		c.buf.WriteString("\r\n ")
		s = s[cut:]
		width = 74 // the leading space counts
	}
	c.buf.WriteString(s)
	c.buf.WriteString("\r\n")
}
