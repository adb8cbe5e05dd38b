package viet

import (
	"fmt"
	"time"
	_ "time/tzdata" // so Location loads on hosts and containers without zoneinfo
)

// Location is Asia/Ho_Chi_Minh. Times are stored in UTC and shown here.
var Location = loadLocation()

// loadLocation falls back to a fixed UTC+7, which is exact: Vietnam has had
// no daylight saving or offset change since 1975.
func loadLocation() *time.Location {
	loc, err := time.LoadLocation("Asia/Ho_Chi_Minh")
	if err != nil {
		return time.FixedZone("ICT", 7*3600)
	}
	return loc
}

// Date formats t in Location as "dd/mm/yyyy", e.g. "30/12/2020".
func Date(t time.Time) string {
	return t.In(Location).Format("02/01/2006")
}

// DateTime formats t in Location as "dd/mm/yyyy HH:MM" on a 24-hour clock.
func DateTime(t time.Time) string {
	return t.In(Location).Format("02/01/2006 15:04")
}

// Time formats t in Location as "HH:MM" on a 24-hour clock.
func Time(t time.Time) string {
	return t.In(Location).Format("15:04")
}

var weekdays = [...]string{
	time.Sunday:    "Chủ Nhật",
	time.Monday:    "Thứ Hai",
	time.Tuesday:   "Thứ Ba",
	time.Wednesday: "Thứ Tư",
	time.Thursday:  "Thứ Năm",
	time.Friday:    "Thứ Sáu",
	time.Saturday:  "Thứ Bảy",
}

// Weekday returns the Vietnamese name of d, such as "Thứ Hai" or
// "Chủ Nhật", or "" if d is not a valid weekday.
func Weekday(d time.Weekday) string {
	if d < 0 || int(d) >= len(weekdays) {
		return ""
	}
	return weekdays[d]
}

// WeekdayDate formats t in Location as "Thứ Tư, 30/12/2020", the dateline
// shown in page headers.
func WeekdayDate(t time.Time) string {
	t = t.In(Location)
	return Weekday(t.Weekday()) + ", " + Date(t)
}

// WeekStart returns midnight in Location on the Monday of the week that
// contains t, since Vietnamese weeks start on Monday. The week ends seven
// days later.
func WeekStart(t time.Time) time.Time {
	t = t.In(Location)
	back := (int(t.Weekday()) + 6) % 7 // days since Monday
	y, m, d := t.Date()
	return time.Date(y, m, d-back, 0, 0, 0, 0, Location)
}

// Day returns the calendar day of t in Location as "2006-01-02", a key for
// daily counters that roll over at midnight in Vietnam, not in UTC.
func Day(t time.Time) string {
	return t.In(Location).Format("2006-01-02")
}

// ParseDate parses "dd/mm/yyyy", or the unpadded "d/m/yyyy", as midnight in
// Location. Anything else, including impossible dates such as 31/02/2021,
// is an error.
func ParseDate(s string) (time.Time, error) {
	// In a layout "2" and "1" accept one or two digits; "2006" needs four.
	t, err := time.ParseInLocation("2/1/2006", s, Location)
	if err != nil {
		return time.Time{}, fmt.Errorf("viet: date %q is not dd/mm/yyyy: %w", s, err)
	}
	return t, nil
}
