package web_test

import (
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"cong/internal/portal"
	"cong/internal/store"
	"cong/internal/storetest"
)

// icalEvents parses a feed back as a calendar application would: lines
// unfolded, properties split at the first colon, TEXT values unescaped.
func icalEvents(t *testing.T, body string) (cal map[string]string, events []map[string]string) {
	t.Helper()
	if !strings.HasSuffix(body, "\r\n") || strings.Contains(strings.ReplaceAll(body, "\r\n", ""), "\n") {
		t.Fatal("lines do not all end in CRLF")
	}
	for _, line := range strings.Split(strings.TrimSuffix(body, "\r\n"), "\r\n") {
		if len(line) > 75 || !utf8.ValidString(line) {
			t.Errorf("line of %d octets or cut inside a character: %q", len(line), line)
		}
	}
	unfolded := strings.ReplaceAll(body, "\r\n ", "")
	unescape := strings.NewReplacer(`\\`, `\`, `\;`, ";", `\,`, ",", `\n`, "\n", `\N`, "\n")
	cal = map[string]string{}
	var cur map[string]string
	for _, line := range strings.Split(strings.TrimSuffix(unfolded, "\r\n"), "\r\n") {
		name, value, ok := strings.Cut(line, ":")
		if !ok {
			t.Fatalf("line without a colon: %q", line)
		}
		switch {
		case line == "BEGIN:VEVENT":
			cur = map[string]string{}
		case line == "END:VEVENT":
			events, cur = append(events, cur), nil
		case cur != nil:
			cur[name] = unescape.Replace(value)
		default:
			cal[name] = unescape.Replace(value)
		}
	}
	return cal, events
}

func TestScheduleCalendar(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s, _ := clockSite(t, db, monday0800)
		leaders, _ := db.Leaders(ctx, false)
		long := "Dự Hội nghị sơ kết 6 tháng đầu năm, triển khai nhiệm vụ; chương trình \\ kế hoạch của Ban Chỉ đạo phòng, chống tham nhũng, tiêu cực tỉnh Hậu Giang"
		e := addEntry(t, db, portal.ScheduleEntry{StartsAt: monday0800.Add(26 * time.Hour), EndsAt: monday0800.Add(28 * time.Hour),
			Leaders: leaders[1:2], Content: long, Location: "Hội trường A, Tỉnh ủy", Attendees: "Thành viên Ban Chỉ đạo; mời đại biểu",
			Preparer: "Ban Nội chính Tỉnh ủy", Status: portal.StatusPublished, PublishedAt: monday0800.Add(-time.Hour)})
		e.Cancelled = portal.Cancelled
		if err := db.UpdateScheduleEntry(ctx, storetest.Actor, &e, &portal.Transition{Action: portal.ActionCancel, Note: "Hủy: trùng lịch"}); err != nil {
			t.Fatal(err)
		}
		w := s.get(t, "/lich-lam-viec.ics")
		if ct := w.Header().Get("Content-Type"); ct != "text/calendar; charset=utf-8" {
			t.Errorf("Content-Type = %q", ct)
		}
		cal, events := icalEvents(t, w.Body.String())
		if cal["VERSION"] != "2.0" || cal["X-WR-CALNAME"] != "Lịch làm việc - Cổng Thông tin điện tử Đảng bộ tỉnh Hậu Giang" || cal["PRODID"] == "" {
			t.Errorf("calendar properties = %v", cal)
		}
		if len(events) != 11 {
			t.Errorf("%d events; want the demo's 10 and one more", len(events))
		}
		var got map[string]string
		for _, ev := range events {
			if ev["UID"] == "lich-"+strconv.FormatInt(e.ID, 10)+"@example.com" {
				got = ev
			}
			if ev["DTSTAMP"] == "" || !strings.HasSuffix(ev["DTSTART"], "Z") {
				t.Errorf("event without DTSTAMP or a UTC start: %v", ev)
			}
		}
		if got == nil {
			t.Fatalf("no event with the entry's UID among %v", events)
		}
		want := map[string]string{
			"DTSTART": "20260303T030000Z", "DTEND": "20260303T050000Z", "SUMMARY": "Hủy: " + long,
			"LOCATION": "Hội trường A, Tỉnh ủy", "SEQUENCE": "1", "STATUS": "CANCELLED",
			"DESCRIPTION": "Lãnh đạo: " + leaders[1].Label() + "\nThành phần: Thành viên Ban Chỉ đạo; mời đại biểu\nChuẩn bị: Ban Nội chính Tỉnh ủy\nĐiều chỉnh lúc " +
				"08:00 02/03/2026: Hủy: trùng lịch",
			"URL": "http://example.com/lich-lam-viec?tuan=2026-W10",
		}
		for k, v := range want {
			if got[k] != v {
				t.Errorf("%s = %q; want %q", k, got[k], v)
			}
		}
		if raw := w.Body.String(); !strings.Contains(raw, `\;`) || !strings.Contains(raw, `\,`) || !strings.Contains(raw, `\\`) {
			t.Error("TEXT values are not escaped")
		}
		// One leader's feed holds only their entries.
		_, mine := icalEvents(t, s.get(t, "/lich-lam-viec/"+leaders[2].Slug+".ics").Body.String())
		if len(mine) != 3 {
			t.Errorf("%s: %d events; want the demo's 3", leaders[2].Slug, len(mine))
		}
	})
}
