package store_test

import (
	"testing"
	"time"

	"cong/internal/portal"
	"cong/internal/store"
	"cong/internal/storetest"
)

func newLeader(t *testing.T, db *store.DB, title, slug string, pos int) portal.Leader {
	t.Helper()
	l := portal.Leader{Name: "Nguyễn Văn " + slug, Title: title, Slug: slug, Position: pos, Active: true}
	if err := db.SaveLeader(ctx, storetest.Actor, &l); err != nil {
		t.Fatalf("SaveLeader(%q): %v", slug, err)
	}
	return l
}

func publicIDs(t *testing.T, db *store.DB, f portal.ScheduleFilter) []int64 {
	t.Helper()
	es, err := db.PublicSchedule(ctx, f)
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, e := range es {
		ids = append(ids, e.ID)
	}
	return ids
}

func TestScheduleWorkflow(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		now := time.Date(2026, 3, 2, 1, 0, 0, 0, time.UTC) // Monday 08:00 in Vietnam
		db.Now = func() time.Time { return now }
		bt := newLeader(t, db, "Bí thư Tỉnh ủy", "bi-thu", 1)
		ct := newLeader(t, db, "Chủ tịch UBND tỉnh", "chu-tich", 3)
		e := portal.ScheduleEntry{StartsAt: now.Add(6 * time.Hour), Leaders: []portal.Leader{ct, bt},
			Content: "Họp  Ban Thường vụ", Location: "Tỉnh ủy", Attendees: "Các đồng chí Ủy viên", Preparer: "Văn phòng"}
		if err := db.CreateScheduleEntry(ctx, storetest.Actor, &e); err != nil {
			t.Fatal(err)
		}
		week := portal.ScheduleFilter{From: now.Add(-time.Hour), To: now.Add(7 * 24 * time.Hour), Now: now}
		if ids := publicIDs(t, db, week); len(ids) != 0 {
			t.Fatalf("draft is public: %v", ids)
		}
		got, err := db.ScheduleEntry(ctx, e.ID)
		if err != nil || got.Status != portal.StatusDraft || got.Session != portal.SessionAfternoon || len(got.Leaders) != 2 ||
			got.Leaders[0].Slug != "bi-thu" {
			t.Fatalf("ScheduleEntry = %+v, %v; want a draft in the afternoon, Bí thư first", got, err)
		}

		// Published for 09:00, expiring at 10:00.
		tr := &portal.Transition{ArticleID: e.ID, Action: portal.ActionPublish, From: portal.StatusDraft,
			To: portal.StatusScheduled, At: now, PublishAt: now.Add(time.Hour), ExpiresAt: now.Add(2 * time.Hour)}
		if err := db.ApplySchedule(ctx, storetest.Actor, tr); err != nil {
			t.Fatal(err)
		}
		if err := db.ApplySchedule(ctx, storetest.Actor, tr); portal.ErrorCode(err) != portal.ECONFLICT {
			t.Errorf("second ApplySchedule = %v; want a conflict", err)
		}
		if next, err := db.NextScheduleChange(ctx, now); err != nil || !next.Equal(now.Add(time.Hour)) {
			t.Errorf("NextScheduleChange = %v, %v; want the publish time", next, err)
		}
		for _, c := range []struct {
			at   time.Duration
			want int
		}{{59 * time.Minute, 0}, {time.Hour, 1}, {119 * time.Minute, 1}, {2 * time.Hour, 0}} {
			f := week
			f.Now = now.Add(c.at)
			if ids := publicIDs(t, db, f); len(ids) != c.want {
				t.Errorf("at +%v: %d public entries; want %d", c.at, len(ids), c.want)
			}
		}
		if next, _ := db.NextScheduleChange(ctx, now.Add(time.Hour)); !next.Equal(now.Add(2 * time.Hour)) {
			t.Errorf("NextScheduleChange after publish = %v; want the expiry", next)
		}

		// An adjustment raises the sequence and is kept.
		later := now.Add(90 * time.Minute)
		got.Status, got.Location = portal.StatusPublished, "Hội trường UBND tỉnh"
		got.Leaders = []portal.Leader{ct}
		if err := db.UpdateScheduleEntry(ctx, storetest.Actor, got, &portal.Transition{Action: portal.ActionAdjust, Note: "Đổi địa điểm"}); err != nil {
			t.Fatal(err)
		}
		f := week
		f.Now, f.LeaderID = later, bt.ID
		if ids := publicIDs(t, db, f); len(ids) != 0 {
			t.Errorf("Bí thư's schedule still holds the entry: %v", ids)
		}
		f.LeaderID = ct.ID
		es, err := db.PublicSchedule(ctx, f)
		if err != nil || len(es) != 1 || es[0].Sequence != 1 || es[0].AdjustNote != "Đổi địa điểm" || es[0].AdjustedAt.IsZero() {
			t.Fatalf("after adjustment: %+v, %v", es, err)
		}
		stale := *got
		stale.Sequence = 0
		if err := db.UpdateScheduleEntry(ctx, storetest.Actor, &stale, nil); portal.ErrorCode(err) != portal.ECONFLICT {
			t.Errorf("stale save = %v; want a conflict", err)
		}
		hist, err := db.ScheduleHistory(ctx, e.ID)
		if err != nil || len(hist) != 2 || hist[0].Action != portal.ActionPublish || hist[1].Action != portal.ActionAdjust {
			t.Errorf("ScheduleHistory = %+v, %v", hist, err)
		}

		bad := portal.ScheduleEntry{StartsAt: now, Leaders: []portal.Leader{{ID: 999}}, Content: "X"}
		if err := db.CreateScheduleEntry(ctx, storetest.Actor, &bad); portal.ErrorCode(err) != portal.EINVALID {
			t.Errorf("unknown leader: %v; want invalid", err)
		}
		dup := portal.Leader{Title: "Phó Bí thư", Slug: "bi-thu", Active: true}
		if err := db.SaveLeader(ctx, storetest.Actor, &dup); portal.ErrorCode(err) != portal.ECONFLICT {
			t.Errorf("duplicate slug: %v; want a conflict", err)
		}
		if ls, err := db.Leaders(ctx, false); err != nil || len(ls) != 2 || ls[0].Slug != "bi-thu" {
			t.Errorf("Leaders = %+v, %v", ls, err)
		}
	})
}

func TestScheduleBounds(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		now := time.Date(2026, 3, 2, 1, 0, 0, 0, time.UTC)
		bt := newLeader(t, db, "Bí thư Tỉnh ủy", "bi-thu", 1)
		ct := newLeader(t, db, "Chủ tịch UBND tỉnh", "chu-tich", 3)
		add := func(days int, l portal.Leader, status portal.Status) time.Time {
			t.Helper()
			e := portal.ScheduleEntry{StartsAt: now.AddDate(0, 0, days), Leaders: []portal.Leader{l}, Content: "Làm việc",
				Status: status, PublishedAt: now.Add(-time.Hour)}
			if err := db.CreateScheduleEntry(ctx, storetest.Actor, &e); err != nil {
				t.Fatal(err)
			}
			return e.StartsAt
		}
		week := portal.ScheduleFilter{From: now, To: now.AddDate(0, 0, 7), Now: now}
		if b, err := db.ScheduleBounds(ctx, week); err != nil || b != (portal.ScheduleBounds{}) {
			t.Fatalf("no entries: %+v, %v; want all zero", b, err)
		}
		first := add(-30, bt, portal.StatusPublished)
		before := add(-3, ct, portal.StatusPublished)
		add(2, bt, portal.StatusPublished)
		after := add(20, bt, portal.StatusPublished)
		last := add(60, ct, portal.StatusPublished)
		add(-90, bt, portal.StatusDraft) // readers do not see it
		add(90, bt, portal.StatusDraft)
		b, err := db.ScheduleBounds(ctx, week)
		if err != nil || !b.First.Equal(first) || !b.Last.Equal(last) || !b.Before.Equal(before) || !b.After.Equal(after) {
			t.Errorf("ScheduleBounds = %+v, %v; want first %v, last %v, before %v, after %v", b, err, first, last, before, after)
		}
		week.LeaderID = bt.ID
		b, err = db.ScheduleBounds(ctx, week)
		if err != nil || !b.First.Equal(first) || !b.Last.Equal(after) || !b.Before.Equal(first) || !b.After.Equal(after) {
			t.Errorf("ScheduleBounds of one leader = %+v, %v", b, err)
		}
	})
}
