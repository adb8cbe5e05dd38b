package admin_test

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"cong/internal/admin"
	"cong/internal/portal"
	"cong/internal/store"
	"cong/internal/storetest"
	"cong/internal/viet"
)

// entryForm is a valid schedule form for day at 14:00.
func entryForm(day time.Time, content string, leaders ...int64) url.Values {
	v := url.Values{"date": {viet.Date(day)}, "start": {"14:00"}, "end": {"16:30"}, "content": {content},
		"location": {"Hội trường Tỉnh ủy"}, "attendees": {"Ủy viên Ban Thường vụ"}, "preparer": {"Văn phòng Tỉnh ủy"}, "seq": {"0"}}
	for _, id := range leaders {
		v.Add("leaders", strconv.FormatInt(id, 10))
	}
	return v
}

func TestScheduleWorkflowInBackOffice(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		var clock atomic.Int64
		clock.Store(time.Date(2026, 3, 2, 8, 0, 0, 0, viet.Location).UnixNano()) // Monday 08:00
		now := func() time.Time { return time.Unix(0, clock.Load()) }
		db.Now = now
		n := newNewsroomAt(t, db, now)
		leaders, err := db.Leaders(ctx, false)
		if err != nil || len(leaders) == 0 {
			t.Fatalf("demo leaders: %v, %v", leaders, err)
		}
		const content = "Tiếp đoàn công tác của Bộ Nội vụ"
		w := n.do(t, "reporter", "POST", admin.Prefix+"/lich-lam-viec/moi", entryForm(now(), content, leaders[0].ID))
		if w.Code != http.StatusSeeOther {
			t.Fatalf("create: %d %s", w.Code, w.Body)
		}
		path := w.Header().Get("Location")
		path = path[:strings.IndexByte(path, '?')]
		id, _ := strconv.ParseInt(path[strings.LastIndexByte(path, '/')+1:], 10, 64)

		public := func() string { return n.do(t, "anonymous", "GET", "/lich-lam-viec", nil).Body.String() }
		if strings.Contains(public(), content) {
			t.Fatal("a draft is public")
		}
		// A reporter cannot publish, not even their own entry.
		if w := n.do(t, "reporter", "POST", path+"/chuyen", url.Values{"action": {"publish"}}); w.Code != http.StatusForbidden {
			t.Errorf("reporter publishes: %d; want 403", w.Code)
		}
		if w := n.do(t, "reporter", "POST", path+"/chuyen", url.Values{"action": {"submit"}}); w.Code != http.StatusSeeOther {
			t.Fatalf("submit: %d %s", w.Code, w.Body)
		}
		if w := n.do(t, "editor", "POST", path+"/chuyen", url.Values{"action": {"forward"}}); w.Code != http.StatusSeeOther {
			t.Fatalf("editor forwards: %d", w.Code)
		}
		if strings.Contains(public(), content) {
			t.Fatal("an entry waiting for approval is public")
		}
		publishAt := now().Add(30 * time.Minute).In(viet.Location).Format("2006-01-02T15:04")
		w = n.do(t, "approver", "POST", path+"/chuyen", url.Values{"action": {"publish"}, "publish_at": {publishAt}})
		if w.Code != http.StatusSeeOther {
			t.Fatalf("approver publishes: %d %s", w.Code, w.Body)
		}
		if strings.Contains(public(), content) {
			t.Fatal("shown before its publish time")
		}
		clock.Add(int64(30 * time.Minute))
		if !strings.Contains(public(), content) {
			t.Fatal("not shown at its publish time")
		}

		// Editing a published entry needs a note, which readers then see.
		form := entryForm(now(), content, leaders[0].ID)
		form.Set("location", "Phòng họp số 2")
		w = n.do(t, "approver", "POST", path, form)
		if w.Code != http.StatusBadRequest || !strings.Contains(w.Body.String(), "xin ghi nội dung điều chỉnh") {
			t.Fatalf("edit without note: %d; want 400 with the message", w.Code)
		}
		if w := n.do(t, "reporter", "POST", path, form); w.Code != http.StatusForbidden {
			t.Errorf("reporter edits a published entry: %d; want 403", w.Code)
		}
		form.Set("note", "Đổi phòng họp")
		if w := n.do(t, "approver", "POST", path, form); w.Code != http.StatusSeeOther {
			t.Fatalf("adjust: %d %s", w.Code, w.Body)
		}
		if page := public(); !strings.Contains(page, "Điều chỉnh lúc 08:30 02/03/2026: Đổi phòng họp") || !strings.Contains(page, "Phòng họp số 2") {
			t.Error("the adjustment is not shown to readers")
		}
		// The stale form (sequence 0) is refused.
		if w := n.do(t, "approver", "POST", path, form); w.Code != http.StatusConflict {
			t.Errorf("stale save: %d; want 409", w.Code)
		}
		w = n.do(t, "approver", "POST", path+"/hoan-huy", url.Values{"cancel": {"postponed"}, "note": {"Đoàn đổi lịch"}, "seq": {"1"}})
		if w.Code != http.StatusSeeOther {
			t.Fatalf("postpone: %d %s", w.Code, w.Body)
		}
		e, err := db.ScheduleEntry(ctx, id)
		if err != nil || e.Cancelled != portal.Postponed || e.Sequence != 2 {
			t.Fatalf("after postponing: %+v, %v", e, err)
		}
		hist, _ := db.ScheduleHistory(ctx, id)
		if len(hist) != 5 || hist[3].Action != portal.ActionAdjust || hist[4].Action != portal.ActionCancel {
			t.Errorf("history = %+v; want submit, forward, publish, adjust, cancel", hist)
		}
		if !strings.Contains(public(), "Hoãn") {
			t.Error("a postponed entry is not marked")
		}
		// Leaders are for administrators.
		if w := n.do(t, "approver", "GET", admin.Prefix+"/lanh-dao", nil); w.Code != http.StatusForbidden && w.Code != http.StatusNotFound {
			t.Errorf("approver opens leaders: %d", w.Code)
		}
		w = n.do(t, "admin", "POST", admin.Prefix+"/lanh-dao", url.Values{"title": {"Phó Chủ tịch HĐND tỉnh"}, "name": {"Trần Văn B"}, "position": {"9"}, "active": {"1"}})
		if w.Code != http.StatusSeeOther {
			t.Fatalf("add leader: %d %s", w.Code, w.Body)
		}
		w = n.do(t, "admin", "POST", admin.Prefix+"/lanh-dao", url.Values{"title": {"Phó Chủ tịch HĐND tỉnh"}, "name": {"Trần Văn B"}})
		if w.Code != http.StatusConflict {
			t.Errorf("duplicate leader: %d; want 409", w.Code)
		}
	})
}
