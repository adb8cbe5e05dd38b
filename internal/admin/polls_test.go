package admin_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"cong/internal/admin"
	"cong/internal/portal"
	"cong/internal/store"
	"cong/internal/storetest"
)

func TestPollBackOffice(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		n := newNewsroom(t, db)
		base := admin.Prefix + "/binh-chon"
		for _, who := range []string{"reporter", "editor"} {
			if w := n.do(t, who, "GET", base, nil); w.Code != 403 {
				t.Errorf("%s opens polls = %d; want 403", who, w.Code)
			}
		}
		ict := time.FixedZone("ICT", 7*3600)
		opens := time.Now().In(ict).Add(time.Hour).Format("2006-01-02T15:04")
		closes := time.Now().In(ict).AddDate(0, 0, 7).Format("2006-01-02T15:04")
		form := url.Values{"question": {"Bạn đánh giá thế nào về cổng dịch vụ công?"}, "options": {"Tốt\r\nBình thường\r\n\r\nChưa tốt"},
			"multiple": {"1"}, "max_choices": {"5"}, "results_after": {"close"}, "opens_at": {opens}, "closes_at": {closes}}
		if w := n.do(t, "approver", "POST", base+"/moi", form); w.Code != 400 || !strings.Contains(w.Body.String(), "từ 1 đến số phương án") {
			t.Errorf("five choices of three = %d; want 400 with a message", w.Code)
		}
		form.Set("max_choices", "2")
		w := n.do(t, "approver", "POST", base+"/moi", form)
		if w.Code != http.StatusSeeOther {
			t.Fatalf("create = %d: %s", w.Code, w.Body.String())
		}
		list, _ := db.Polls(ctx, portal.PollFilter{})
		if len(list) != 1 || list[0].Published || list[0].MaxChoices != 2 || list[0].ResultsAfter != "close" {
			t.Fatalf("after create: %+v; want one hidden poll of two choices", list)
		}
		p, _ := db.Poll(ctx, list[0].ID)
		if len(p.Options) != 3 || p.Options[2].Label != "Chưa tốt" {
			t.Errorf("options = %+v", p.Options)
		}
		id := "/" + itoa(p.ID)
		if w := n.do(t, "approver", "GET", base+id, nil); w.Code != 200 || !strings.Contains(w.Body.String(), "Mở bình chọn ngay") {
			t.Errorf("the poll's page = %d", w.Code)
		}
		for _, step := range []string{"/mo", "/dong", "/xoa"} {
			if w := n.do(t, "admin", "POST", base+id+step, url.Values{}); w.Code != http.StatusSeeOther {
				t.Fatalf("%s = %d: %s", step, w.Code, w.Body.String())
			}
			if step == "/mo" {
				if cur, err := db.CurrentPoll(ctx, time.Now()); err != nil || cur.ID != p.ID {
					t.Errorf("after opening: current poll %v, %v", cur, err)
				}
			}
		}
		if _, err := db.Poll(ctx, p.ID); portal.ErrorCode(err) != portal.ENOTFOUND {
			t.Errorf("after delete: %v", err)
		}
		entries, _ := db.AuditLog(ctx, portal.AuditFilter{Action: "poll", Limit: 20})
		var got []string
		for _, e := range entries {
			got = append(got, e.Action+" "+e.Actor)
		}
		if want := "poll.delete admin|poll.close admin|poll.open admin|poll.create approver"; strings.Join(got, "|") != want {
			t.Errorf("audit = %q; want %q", strings.Join(got, "|"), want)
		}
	})
}
