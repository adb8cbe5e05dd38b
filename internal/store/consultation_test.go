package store_test

import (
	"strings"
	"sync"
	"testing"
	"time"

	"cong/internal/portal"
	"cong/internal/store"
	"cong/internal/storetest"
)

// clock is a settable clock for the store and the site.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time  { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Set(t time.Time) { c.mu.Lock(); c.t = t; c.mu.Unlock() }
func newConsultation(opens, closes time.Time) *portal.Consultation {
	return &portal.Consultation{Title: "Dự thảo Nghị quyết về phí", Issuer: "Sở Tài chính", Summary: "Tóm tắt.\n\nĐoạn hai.",
		OpensAt: opens, ClosesAt: closes, ReceiverAddress: "Số 1, đường Lê Lợi", ReceiverEmail: "stc@haugiang.gov.vn",
		Published: true}
}

func TestConsultationClosesAtItsMinute(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		closes := time.Date(2026, 3, 31, 17, 0, 0, 0, time.UTC)
		clk := &clock{t: closes.Add(-24 * time.Hour)}
		db.Now = clk.Now
		c := newConsultation(closes.Add(-30*24*time.Hour), closes)
		if err := db.CreateConsultation(ctx, storetest.Actor, c); err != nil {
			t.Fatal(err)
		}
		submit := func(at time.Time, ip, body string) error {
			clk.Set(at)
			m := &portal.ConsultationComment{ConsultationID: c.ID, Name: "Trần Bình", Email: ip + "@example.vn", IP: ip, Body: body}
			return db.SubmitConsultationComment(ctx, storetest.Actor, m, 15*time.Second, 3)
		}
		if err := submit(closes.Add(-time.Second), "10.0.0.1", "Góp ý sát giờ"); err != nil {
			t.Fatalf("comment at closes_at-1s: %v", err)
		}
		for _, at := range []time.Time{closes, closes.Add(time.Second)} {
			err := submit(at, "10.0.0.2", "Góp ý muộn")
			if portal.ErrorCode(err) != portal.EFORBIDDEN || !strings.Contains(portal.ErrorMessage(err), "hết thời gian") {
				t.Errorf("comment at %v = %v; want EFORBIDDEN", at.Sub(closes), err)
			}
		}
		if err := submit(c.OpensAt.Add(-time.Second), "10.0.0.3", "Góp ý sớm"); portal.ErrorCode(err) != portal.EFORBIDDEN {
			t.Errorf("comment before opening = %v; want EFORBIDDEN", err)
		}
		all, _ := db.ConsultationComments(ctx, c.ID, "", 0)
		if len(all) != 1 || all[0].Body != "Góp ý sát giờ" {
			t.Errorf("stored = %+v; want only the comment sent in time", all)
		}
		if err := db.SetConsultationPublished(ctx, storetest.Actor, c.ID, false); err != nil {
			t.Fatal(err)
		}
		if err := submit(closes.Add(-time.Hour), "10.0.0.4", "Ẩn"); portal.ErrorCode(err) != portal.ENOTFOUND {
			t.Errorf("comment on an unpublished draft = %v; want ENOTFOUND", err)
		}
	})
}

func TestConsultationLimitsAndModeration(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		now := time.Date(2026, 3, 1, 3, 0, 0, 0, time.UTC)
		clk := &clock{t: now}
		db.Now = clk.Now
		c := newConsultation(now.Add(-time.Hour), now.Add(time.Hour))
		if err := db.CreateConsultation(ctx, storetest.Actor, c); err != nil {
			t.Fatal(err)
		}
		send := func(ip, body string) error {
			m := &portal.ConsultationComment{ConsultationID: c.ID, Name: "An", Email: "an@example.vn", IP: ip, Body: body}
			return db.SubmitConsultationComment(ctx, storetest.Actor, m, 15*time.Second, 3)
		}
		if err := send("10.0.0.1", "Một"); err != nil {
			t.Fatal(err)
		}
		if err := send("10.0.0.9", "Hai"); portal.ErrorCode(err) != portal.ELIMIT {
			t.Errorf("same e-mail at once = %v; want ELIMIT", err)
		}
		clk.Set(now.Add(time.Minute))
		if err := send("10.0.0.1", "Một"); portal.ErrorCode(err) != portal.ECONFLICT {
			t.Errorf("same text again = %v; want ECONFLICT", err)
		}
		if err := send("10.0.0.1", strings.Repeat("a", portal.MaxCommentBody+1)); portal.ErrorCode(err) != portal.EINVALID {
			t.Errorf("too long = %v; want EINVALID", err)
		}
		list, _ := db.ConsultationComments(ctx, c.ID, portal.CommentPending, 0)
		if len(list) != 1 {
			t.Fatalf("pending = %d; want 1", len(list))
		}
		v0, _ := db.ContentVersion(ctx)
		m, err := db.ModerateConsultationComment(ctx, storetest.Actor, list[0].ID, portal.CommentApproved, now)
		if err != nil || m.Status != portal.CommentApproved || m.ConsultationTitle != c.Title {
			t.Fatalf("moderate = %+v, %v", m, err)
		}
		if v1, _ := db.ContentVersion(ctx); v1 <= v0 {
			t.Error("moderation did not raise the content version")
		}
		counts, _ := db.ConsultationCommentCounts(ctx, c.ID)
		if counts[portal.CommentApproved] != 1 || counts[portal.CommentPending] != 0 {
			t.Errorf("counts = %v", counts)
		}
		if _, err := db.ModerateConsultationComment(ctx, storetest.Actor, list[0].ID, "bogus", now); portal.ErrorCode(err) != portal.EINVALID {
			t.Errorf("bogus status = %v", err)
		}
	})
}

func TestConsultationListsAndFiles(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		now := time.Date(2026, 3, 1, 3, 0, 0, 0, time.UTC)
		db.Now = func() time.Time { return now }
		day := 24 * time.Hour
		for _, c := range []*portal.Consultation{
			newConsultation(now.Add(-10*day), now.Add(-day)),          // closed
			newConsultation(now.Add(-day), now.Add(10*day)),           // open
			newConsultation(now.Add(2*day), now.Add(20*day)),          // upcoming
			newConsultation(now.Add(-2*day), now.Add(30*time.Minute)), // open, closes first
		} {
			if err := db.CreateConsultation(ctx, storetest.Actor, c); err != nil {
				t.Fatal(err)
			}
		}
		hidden := newConsultation(now.Add(-day), now.Add(time.Minute))
		hidden.Published = false
		db.CreateConsultation(ctx, storetest.Actor, hidden)
		for phase, want := range map[portal.Phase]int{portal.PhaseOpen: 2, portal.PhaseUpcoming: 1, portal.PhaseClosed: 1} {
			f := portal.ConsultationFilter{Phase: phase, Now: now, PublishedOnly: true}
			n, err := db.CountConsultations(ctx, f)
			list, _ := db.Consultations(ctx, f)
			if err != nil || n != want || len(list) != want {
				t.Errorf("%s: count %d, list %d, %v; want %d", phase, n, len(list), err, want)
			}
		}
		next, err := db.NextConsultationChange(ctx, now)
		if err != nil || !next.Equal(now.Add(30*time.Minute)) {
			t.Errorf("next change = %v, %v; want the first closing of a published draft", next, err)
		}
		list, _ := db.Consultations(ctx, portal.ConsultationFilter{})
		if len(list) != 5 || list[0].Slug == list[1].Slug {
			t.Errorf("slugs not unique: %q %q", list[0].Slug, list[1].Slug)
		}
		c := list[0]
		m := &portal.Media{File: "2026/03/du-thao.pdf", MIME: "application/pdf", Caption: "Toàn văn dự thảo"}
		if err := db.CreateMedia(ctx, storetest.Actor, m); err != nil {
			t.Fatal(err)
		}
		if err := db.AddConsultationFile(ctx, storetest.Actor, c.ID, m.ID); err != nil {
			t.Fatal(err)
		}
		db.AddConsultationFile(ctx, storetest.Actor, c.ID, m.ID) // twice is once
		got, _ := db.ConsultationBySlug(ctx, c.Slug)
		if len(got.Files) != 1 || got.Files[0].Caption != "Toàn văn dự thảo" {
			t.Errorf("files = %+v", got.Files)
		}
		db.RemoveConsultationFile(ctx, storetest.Actor, c.ID, m.ID)
		if got, _ = db.Consultation(ctx, c.ID); len(got.Files) != 0 {
			t.Error("the file is still attached")
		}
		if err := db.AddConsultationFile(ctx, storetest.Actor, 9999, m.ID); portal.ErrorCode(err) != portal.ENOTFOUND {
			t.Errorf("file on a missing draft = %v", err)
		}
		bad := newConsultation(now, now)
		if err := db.CreateConsultation(ctx, storetest.Actor, bad); portal.ErrorCode(err) != portal.EINVALID {
			t.Errorf("closing at opening = %v; want EINVALID", err)
		}
		c.Title = "Dự thảo đã sửa"
		if err := db.UpdateConsultation(ctx, storetest.Actor, &c); err != nil {
			t.Fatal(err)
		}
		if got, _ = db.Consultation(ctx, c.ID); got.Title != "Dự thảo đã sửa" || got.Slug != c.Slug {
			t.Errorf("after update: %q %q", got.Title, got.Slug)
		}
	})
}
