package store_test

import (
	"strings"
	"testing"
	"time"

	"cong/internal/portal"
	"cong/internal/store"
	"cong/internal/storetest"
)

func newUser(t *testing.T, db *store.DB, username string, roles []portal.Role, cats ...int64) *portal.User {
	t.Helper()
	u := &portal.User{Username: username, Name: "Người " + username, PasswordHash: "x", Roles: roles, CategoryIDs: cats}
	if err := db.CreateUser(ctx, storetest.Actor, u); err != nil {
		t.Fatalf("CreateUser(%s): %v", username, err)
	}
	return u
}

func TestUsersAndSessions(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		cat := newCategory(t, db, "Chính trị", "chinh-tri", 0)
		u := newUser(t, db, "Thanh.Tam", []portal.Role{portal.RoleReporter, portal.RoleEditor}, cat.ID)
		if u.Username != "thanh.tam" {
			t.Errorf("username = %q; want lower case", u.Username)
		}
		dup := &portal.User{Username: "thanh.tam", Name: "Khác", PasswordHash: "x", Roles: []portal.Role{portal.RoleReporter}}
		if err := db.CreateUser(ctx, storetest.Actor, dup); portal.ErrorCode(err) != portal.EINVALID {
			t.Errorf("duplicate username: err = %v; want EINVALID", err)
		}
		got, err := db.UserByUsername(ctx, "THANH.TAM")
		if err != nil || !got.Has(portal.RoleEditor) || !got.Edits(cat.ID) {
			t.Fatalf("UserByUsername = %+v, %v", got, err)
		}
		now := time.Now()
		ss := &portal.Session{ID: "h1", UserID: u.ID, CreatedAt: now, LastSeen: now, IP: "127.0.0.1"}
		if err := db.StartSession(ctx, storetest.Actor, "", ss); err != nil {
			t.Fatal(err)
		}
		if _, su, err := db.Session(ctx, "h1"); err != nil || su.ID != u.ID {
			t.Fatalf("Session = %v, %v", su, err)
		}
		got.Disabled = true
		if err := db.UpdateUser(ctx, storetest.Actor, got); err != nil {
			t.Fatal(err)
		}
		if _, _, err := db.Session(ctx, "h1"); portal.ErrorCode(err) != portal.ENOTFOUND {
			t.Errorf("session of a disabled user: err = %v; want ENOTFOUND", err)
		}
		if err := db.RecordLoginFailure(ctx, storetest.Actor, "login.failed", []string{"u:x", "ip:1"}, now); err != nil {
			t.Fatal(err)
		}
		if n, err := db.LoginFailures(ctx, "u:x", now.Add(-time.Minute)); n != 1 || err != nil {
			t.Errorf("LoginFailures = %d, %v; want 1", n, err)
		}
	})
}

func TestWorkflowApply(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		cat := newCategory(t, db, "Chính trị", "chinh-tri", 0)
		rep := newUser(t, db, "phongvien", []portal.Role{portal.RoleReporter})
		ed := newUser(t, db, "bientap", []portal.Role{portal.RoleEditor}, cat.ID)
		ap := newUser(t, db, "duyet", []portal.Role{portal.RoleApprover})
		a := portal.Article{CategoryID: cat.ID, Title: "Bài mới", Status: portal.StatusDraft, OwnerID: rep.ID}
		if err := db.CreateArticle(ctx, storetest.Actor, &a); err != nil {
			t.Fatal(err)
		}
		now := time.Now()
		steps := []struct {
			u      *portal.User
			action portal.Action
			note   string
		}{
			{rep, portal.ActionSubmit, ""},
			{ed, portal.ActionReturn, "Thiếu nguồn"},
			{rep, portal.ActionSubmit, ""},
			{ed, portal.ActionForward, ""},
			{ap, portal.ActionPublish, ""},
		}
		for _, s := range steps {
			cur, _ := db.Article(ctx, a.ID)
			tr, err := portal.NewTransition(s.u, cur, s.action, s.note, now)
			if err != nil {
				t.Fatalf("%s by %s: %v", s.action, s.u.Username, err)
			}
			if err := db.Apply(ctx, storetest.Actor, tr); err != nil {
				t.Fatal(err)
			}
		}
		got, _ := db.Article(ctx, a.ID)
		if !got.Visible(time.Now()) {
			t.Errorf("article after publish: status %s, published %v; want visible", got.Status, got.PublishedAt)
		}
		hist, err := db.History(ctx, a.ID)
		if err != nil || len(hist) != 5 || hist[1].Note != "Thiếu nguồn" || hist[1].ActorName != ed.Name {
			t.Errorf("History = %+v, %v", hist, err)
		}
		// A transition from a status the article has left is refused.
		stale := &portal.Transition{ArticleID: a.ID, ActorID: ap.ID, ActorName: ap.Name, Action: portal.ActionForward,
			From: portal.StatusSubmitted, To: portal.StatusEdited, At: now}
		if err := db.Apply(ctx, storetest.Actor, stale); portal.ErrorCode(err) != portal.ECONFLICT {
			t.Errorf("stale transition: err = %v; want ECONFLICT", err)
		}
		counts, err := db.QueueCounts(ctx, ap, time.Now())
		if err != nil || counts[portal.QueuePublished] != 1 {
			t.Errorf("QueueCounts = %v, %v", counts, err)
		}
	})
}

func TestOptimisticLocking(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		cat := newCategory(t, db, "Chính trị", "chinh-tri", 0)
		a := newArticle(t, db, cat.ID, "Bản đầu", portal.StatusDraft, time.Time{})
		first, _ := db.Article(ctx, a.ID)
		second, _ := db.Article(ctx, a.ID)
		first.Body = "<p>Sửa của người thứ nhất</p>"
		if err := db.UpdateArticle(ctx, storetest.Actor, first); err != nil {
			t.Fatal(err)
		}
		second.Body = "<p>Sửa của người thứ hai</p>"
		if err := db.UpdateArticle(ctx, storetest.Actor, second); portal.ErrorCode(err) != portal.ECONFLICT {
			t.Errorf("second save of the same version: err = %v; want ECONFLICT", err)
		}
		got, _ := db.Article(ctx, a.ID)
		if got.Body != first.Body || got.Version != 2 {
			t.Errorf("stored = %q v%d; want the first save, v2", got.Body, got.Version)
		}
	})
}

func TestTags(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		cat := newCategory(t, db, "Chính trị", "chinh-tri", 0)
		tags, err := portal.ParseTags(" Đảng bộ , đảng bộ,Hậu  Giang,, Đang bo ")
		if err != nil {
			t.Fatal(err)
		}
		a := portal.Article{CategoryID: cat.ID, Title: "Có từ khóa", Status: portal.StatusDraft, Tags: tags}
		if err := db.CreateArticle(ctx, storetest.Actor, &a); err != nil {
			t.Fatal(err)
		}
		got, _ := db.Article(ctx, a.ID)
		if strings.Join(got.Tags, "|") != "Đảng bộ|Hậu Giang" {
			t.Errorf("tags = %q; want Đảng bộ and Hậu Giang once each", got.Tags)
		}
		if _, err := portal.ParseTags(strings.Repeat("a", 61)); portal.ErrorCode(err) != portal.EINVALID {
			t.Errorf("over-long tag: err = %v", err)
		}
	})
}
