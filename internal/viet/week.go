package viet

import (
	"fmt"
	"time"
)

// WeekName names the ISO 8601 week that contains t in Location, "2026-W07",
// as the schedule's addresses do.
func WeekName(t time.Time) string {
	y, w := t.In(Location).ISOWeek()
	return fmt.Sprintf("%04d-W%02d", y, w)
}

// ParseWeek parses an ISO 8601 week, "2026-W07", into midnight in Location
// on its Monday. A week that does not exist (2026-W53) is an error.
func ParseWeek(s string) (time.Time, error) {
	var y, w int
	if len(s) != 8 || s[4] != '-' || s[5] != 'W' {
		return time.Time{}, fmt.Errorf("viet: week %q is not yyyy-Www", s)
	}
	if _, err := fmt.Sscanf(s, "%4d-W%2d", &y, &w); err != nil || y < 1000 || w < 1 || w > 53 {
		return time.Time{}, fmt.Errorf("viet: week %q is not yyyy-Www", s)
	}
	// Week 1 is the week that holds 4 January.
	monday := WeekStart(time.Date(y, time.January, 4, 12, 0, 0, 0, Location)).AddDate(0, 0, 7*(w-1))
	if WeekName(monday) != s {
		return time.Time{}, fmt.Errorf("viet: year %d has no week %d", y, w)
	}
	return monday, nil
}
