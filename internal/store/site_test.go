package store_test

import (
	"context"
	"slices"
	"strconv"
	"testing"
	"time"

	"cong/internal/portal"
	"cong/internal/store"
	"cong/internal/storetest"
)

// Two sites in one database: each view lists, finds and searches its own
// categories' articles alone, keeps its own settings, blocks and staff
// roles, and cannot reach the other's objects by id.
func TestSitesKeepApart(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		b := portal.Site{Name: "Cổng Huyện Châu Thành", BaseURL: "https://ChauThanh.example.vn/"}
		if err := db.CreateSite(ctx, storetest.Actor, &b); err != nil {
			t.Fatal(err)
		}
		if b.Slug != "cong-huyen-chau-thanh" || b.Host != "chauthanh.example.vn" || b.BaseURL != "https://ChauThanh.example.vn" {
			t.Errorf("site = %+v", b)
		}
		dup := portal.Site{Name: "Khác", BaseURL: "http://chauthanh.example.vn"}
		if err := db.CreateSite(ctx, storetest.Actor, &dup); portal.ErrorCode(err) != portal.ECONFLICT {
			t.Errorf("a second site on the same host: %v; want ECONFLICT", err)
		}
		for _, bad := range []string{"", "ftp://x.vn", "https://x.vn/duong-dan", "https://user@x.vn", "https://x.vn?a=1", "https://bad_host.vn"} {
			s := portal.Site{Name: "Sai", BaseURL: bad}
			if err := db.CreateSite(ctx, storetest.Actor, &s); portal.ErrorCode(err) != portal.EINVALID {
				t.Errorf("base URL %q: %v; want EINVALID", bad, err)
			}
		}
		sites, err := db.Sites(ctx)
		if err != nil || len(sites) != 2 || !sites[0].Main() || sites[1].ID != b.ID {
			t.Fatalf("Sites = %+v, %v", sites, err)
		}

		a, other := db.ForSite(portal.MainSite), db.ForSite(b.ID)
		catA := newCategory(t, a, "Tin tỉnh", "tin-tinh", 0)
		catB := newCategory(t, other, "Tin huyện", "tin-huyen", 0)
		if err := other.CreateCategory(ctx, storetest.Actor, &portal.Category{Name: "Con", Slug: "con", ParentID: catA.ID, Visible: true}); portal.ErrorCode(err) != portal.EINVALID {
			t.Errorf("a child of another site's category: %v; want EINVALID", err)
		}
		// A category's address is the site's: the district may have the
		// province's, once.
		same := portal.Category{Name: "Tin", Slug: "tin-tinh", Visible: true}
		if err := other.CreateCategory(ctx, storetest.Actor, &same); err != nil {
			t.Errorf("the district's category at the province's address: %v", err)
		}
		if err := other.CreateCategory(ctx, storetest.Actor, &portal.Category{Name: "Tin khác", Slug: "tin-tinh", Visible: true}); portal.ErrorCode(err) != portal.EINVALID {
			t.Errorf("a second district category at one address: %v; want EINVALID", err)
		}
		catB2 := newCategory(t, other, "Tin huyện 2", "tin-huyen-2", 0)
		catB2.Slug = "tin-tinh"
		if err := other.UpdateCategory(ctx, storetest.Actor, &catB2); portal.ErrorCode(err) != portal.EINVALID {
			t.Errorf("a district category moved to another's address: %v; want EINVALID", err)
		}
		past := time.Now().Add(-time.Hour)
		pubA := newArticle(t, a, catA.ID, "Hội nghị tỉnh ủy về chuyển đổi số", portal.StatusPublished, past)
		draftA := newArticle(t, a, catA.ID, "Bản nháp tỉnh về chuyển đổi số", portal.StatusDraft, past)
		pubB := newArticle(t, other, catB.ID, "Hội nghị huyện ủy về chuyển đổi số", portal.StatusPublished, past)
		wrong := portal.Article{CategoryID: catA.ID, Title: "Sai trang", Body: "<p>x</p>", Status: portal.StatusDraft}
		if err := other.CreateArticle(ctx, storetest.Actor, &wrong); portal.ErrorCode(err) != portal.EINVALID {
			t.Errorf("an article into another site's category: %v; want EINVALID", err)
		}

		for _, c := range []struct {
			name string
			db   *store.DB
			want []int64
		}{{"main", a, []int64{pubA.ID}}, {"district", other, []int64{pubB.ID}}, {"whole", db, []int64{pubA.ID, pubB.ID}}} {
			list, err := c.db.Articles(ctx, portal.ReaderFilter(time.Now()))
			if err != nil {
				t.Fatal(err)
			}
			if got := articleIDs(list); !equalIDs(got, c.want) {
				t.Errorf("%s: reader list = %v; want %v", c.name, got, c.want)
			}
			if got := foundIDs(t, c.db, "chuyen doi so"); !equalIDs(got, c.want) {
				t.Errorf("%s: search = %v; want %v", c.name, got, c.want)
			}
			locs, err := c.db.ArticleLocations(ctx, portal.ReaderFilter(time.Now()), 0)
			if err != nil || len(locs) != len(c.want) {
				t.Errorf("%s: sitemap locations = %v, %v; want %d", c.name, locs, err, len(c.want))
			}
		}
		for _, id := range []int64{pubA.ID, draftA.ID} {
			if _, err := other.Article(ctx, id); portal.ErrorCode(err) != portal.ENOTFOUND {
				t.Errorf("district reads main's article %d: %v; want ENOTFOUND", id, err)
			}
		}
		if _, err := other.ArticleBySlug(ctx, pubA.Slug); portal.ErrorCode(err) != portal.ENOTFOUND {
			t.Errorf("district reads main's article by slug: %v; want ENOTFOUND", err)
		}
		if _, err := a.Article(ctx, pubB.ID); portal.ErrorCode(err) != portal.ENOTFOUND {
			t.Errorf("main reads the district's article: %v; want ENOTFOUND", err)
		}
		edit, err := a.Article(ctx, pubA.ID)
		if err != nil {
			t.Fatal(err)
		}
		if err := other.UpdateArticle(ctx, storetest.Actor, edit); portal.ErrorCode(err) != portal.ENOTFOUND {
			t.Errorf("district saves main's article: %v; want ENOTFOUND", err)
		}
		edit.CategoryID = catB.ID
		if err := a.UpdateArticle(ctx, storetest.Actor, edit); portal.ErrorCode(err) != portal.EINVALID {
			t.Errorf("main moves its article into the district's category: %v; want EINVALID", err)
		}

		cats, err := other.Categories(ctx)
		if err != nil || len(cats) != 3 || !slices.ContainsFunc(cats, func(c portal.Category) bool { return c.ID == catB.ID }) ||
			slices.ContainsFunc(cats, func(c portal.Category) bool { return c.ID == catA.ID }) {
			t.Errorf("district categories = %+v, %v; want its three", cats, err)
		}

		// Comments: each site moderates its own.
		cm := portal.Comment{ArticleID: pubA.ID, Name: "Bạn đọc", Email: "ban.doc@example.vn", Body: "Ý kiến về hội nghị tỉnh ủy"}
		if err := a.SubmitComment(ctx, portal.Reader("10.1.1.1"), &cm, 0, 10); err != nil {
			t.Fatal(err)
		}
		if list, err := other.Comments(ctx, portal.CommentPending, 50); err != nil || len(list) != 0 {
			t.Errorf("district's moderation list = %+v, %v; want none", list, err)
		}
		if n, err := other.CommentCounts(ctx); err != nil || n[portal.CommentPending] != 0 {
			t.Errorf("district's comment counts = %v, %v", n, err)
		}
		if _, err := other.Moderate(ctx, storetest.Actor, cm.ID, portal.CommentApproved, time.Now()); portal.ErrorCode(err) != portal.ENOTFOUND {
			t.Errorf("district approves main's comment: %v; want ENOTFOUND", err)
		}
		if list, err := a.Comments(ctx, portal.CommentPending, 50); err != nil || len(list) != 1 {
			t.Errorf("main's moderation list = %+v, %v; want the comment", list, err)
		}

		// Settings and blocks.
		if err := other.SaveSettings(ctx, storetest.Actor, map[string]string{portal.SettingFooterLicence: "Giấy phép huyện"}); err != nil {
			t.Fatal(err)
		}
		sa, _ := a.Settings(ctx)
		sb, _ := other.Settings(ctx)
		if sa[portal.SettingFooterLicence] == "Giấy phép huyện" || sb[portal.SettingFooterLicence] != "Giấy phép huyện" {
			t.Errorf("licence: main %q, district %q", sa[portal.SettingFooterLicence], sb[portal.SettingFooterLicence])
		}
		if sb[portal.SettingSiteName] != b.Name || sb["forms.secret"] == "" || sb["forms.secret"] == sa["forms.secret"] {
			t.Errorf("district's own settings = %v", sb)
		}
		if _, ok := sb["content.version"]; ok {
			t.Error("the content version is the install's, not a site's setting")
		}
		n := portal.Notice{Text: "Thông báo khẩn của huyện", Level: "warning", StartsAt: past}
		if err := other.SaveNotice(ctx, storetest.Actor, &n); err != nil {
			t.Fatal(err)
		}
		if list, _ := a.Notices(ctx, time.Now()); len(list) != 0 {
			t.Errorf("main shows the district's notice: %+v", list)
		}
		if list, _ := other.Notices(ctx, time.Now()); len(list) != 1 {
			t.Errorf("district's notices = %+v", list)
		}
		if _, err := a.Notice(ctx, n.ID); portal.ErrorCode(err) != portal.ENOTFOUND {
			t.Errorf("main reads the district's notice: %v", err)
		}

		// Visitors: each site counts its own.
		if err := other.AddVisits(ctx, "2026-12-07", 5); err != nil {
			t.Fatal(err)
		}
		if err := a.AddVisits(ctx, "2026-12-07", 2); err != nil {
			t.Fatal(err)
		}
		if today, total, _ := a.Visits(ctx, "2026-12-07"); today != 2 || total != 2 {
			t.Errorf("main's visits = %d, %d; want 2, 2", today, total)
		}
		if today, _, _ := other.Visits(ctx, "2026-12-07"); today != 5 {
			t.Errorf("the district's visits = %d; want 5", today)
		}
		if _, err := other.ShareOnline(ctx, "i1", [][]byte{{1}}, time.Now(), time.Now().Add(-time.Minute)); err != nil {
			t.Fatal(err)
		}
		if got, err := a.ShareOnline(ctx, "i2", [][]byte{{2}}, time.Now(), time.Now().Add(-time.Minute)); err != nil || len(got) != 0 {
			t.Errorf("main reads the district's online sketches: %v, %v", got, err)
		}

		// Staff: roles per site.
		u := portal.User{Username: "bientap", Name: "Biên tập", PasswordHash: "x", Roles: []portal.Role{portal.RoleReporter}}
		if err := db.CreateUser(ctx, storetest.Actor, &u); err != nil {
			t.Fatal(err)
		}
		grant := portal.User{ID: u.ID, Roles: []portal.Role{portal.RoleEditor}, CategoryIDs: []int64{catB.ID}}
		if err := db.SaveSiteGrants(ctx, storetest.Actor, b.ID, &grant); err != nil {
			t.Fatal(err)
		}
		onA, _ := a.User(ctx, u.ID)
		onB, _ := other.User(ctx, u.ID)
		if !onA.Has(portal.RoleReporter) || onA.Has(portal.RoleEditor) || len(onA.CategoryIDs) != 0 {
			t.Errorf("on main: %v %v", onA.Roles, onA.CategoryIDs)
		}
		if !onB.Has(portal.RoleEditor) || onB.Has(portal.RoleReporter) || !onB.Edits(catB.ID) {
			t.Errorf("on the district: %v %v", onB.Roles, onB.CategoryIDs)
		}
		bad := portal.User{ID: u.ID, Roles: []portal.Role{portal.RoleEditor}, CategoryIDs: []int64{catA.ID}}
		if err := db.SaveSiteGrants(ctx, storetest.Actor, b.ID, &bad); portal.ErrorCode(err) != portal.EINVALID {
			t.Errorf("another site's category granted: %v; want EINVALID", err)
		}
		if err := db.SaveSiteGrants(ctx, storetest.Actor, 999, &grant); portal.ErrorCode(err) != portal.ENOTFOUND {
			t.Errorf("grants on a missing site: %v; want ENOTFOUND", err)
		}
		// Saving the user on main keeps the district's roles.
		onA.Name = "Biên tập viên"
		if err := a.UpdateUser(ctx, storetest.Actor, onA); err != nil {
			t.Fatal(err)
		}
		if onB, _ = other.User(ctx, u.ID); !onB.Has(portal.RoleEditor) || !onB.Edits(catB.ID) {
			t.Errorf("the district's roles after a save on main: %v %v", onB.Roles, onB.CategoryIDs)
		}
	})
}

func equalIDs(a, b []int64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// withoutSites is a snapshot as a backup made before sites existed reads.
type withoutSites struct{ *store.Snapshot }

func (w withoutSites) Tables() []store.Table {
	var out []store.Table
	for _, t := range w.Snapshot.Tables {
		if t.Name != "sites" {
			out = append(out, t)
		}
	}
	return out
}

func (w withoutSites) Rows(ctx context.Context, table string, fn func(row []any) error) error {
	for _, t := range w.Snapshot.Tables {
		if t.Name == table {
			return w.Snapshot.Rows(ctx, t, fn)
		}
	}
	return nil
}

// A backup made before sites existed restores as the main site's.
func TestRestoreWithoutSites(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		cat := newCategory(t, db, "Thời sự", "thoi-su", 0)
		newArticle(t, db, cat.ID, "Bài cũ", portal.StatusPublished, time.Now().Add(-time.Hour))
		snap, err := db.Snapshot(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer snap.Close()
		to := storetest.Open(t, storetest.SQLiteDSN(t))
		if err := to.Restore(ctx, storetest.Actor, withoutSites{snap}, store.RestoreOptions{Name: "cu.zip"}); err != nil {
			t.Fatal(err)
		}
		sites, err := to.Sites(ctx)
		if err != nil || len(sites) != 1 || !sites[0].Main() {
			t.Fatalf("sites after the restore = %+v, %v", sites, err)
		}
		if list, _ := to.ForSite(portal.MainSite).Articles(ctx, portal.ReaderFilter(time.Now())); len(list) != 1 {
			t.Errorf("the main site's articles after the restore = %d; want 1", len(list))
		}
	})
}

// TestThreadsAndGroupsOnOtherSites: threads and members' groups are the
// main site's. Another site lists and finds none, refuses an article that
// names one, and the main site cannot restrict another site's category to a
// group.
func TestThreadsAndGroupsOnOtherSites(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		b := portal.Site{Name: "Cổng Huyện Long Mỹ", BaseURL: "https://longmy.example.vn"}
		if err := db.CreateSite(ctx, storetest.Actor, &b); err != nil {
			t.Fatal(err)
		}
		main, other := db.ForSite(portal.MainSite), db.ForSite(b.ID)
		catB := newCategory(t, other, "Tin huyện", "tin-huyen", 0)
		th := portal.Thread{Title: "Đại hội Đảng bộ tỉnh"}
		if err := main.CreateThread(ctx, storetest.Actor, &th); err != nil {
			t.Fatal(err)
		}
		g := portal.MemberGroup{Name: "Chi bộ Văn phòng"}
		if err := main.SaveMemberGroup(ctx, storetest.Actor, &g); err != nil {
			t.Fatal(err)
		}
		if ts, err := other.Threads(ctx); err != nil || len(ts) != 0 {
			t.Errorf("the district's threads = %v, %v; want none", ts, err)
		}
		if _, err := other.Thread(ctx, th.ID); portal.ErrorCode(err) != portal.ENOTFOUND {
			t.Errorf("the main site's thread on the district: %v; want ENOTFOUND", err)
		}
		if gs, err := other.MemberGroups(ctx); err != nil || len(gs) != 0 {
			t.Errorf("the district's groups = %v, %v; want none", gs, err)
		}
		if ts, err := main.Threads(ctx); err != nil || len(ts) != 1 {
			t.Errorf("the main site's threads = %v, %v; want one", ts, err)
		}

		var told []int64 // the sites whose views made the changes readers see
		db.OnChangeObjects(func(site int64, _ []string) { told = append(told, site) })
		newArticle(t, main, newCategory(t, main, "Tin tỉnh", "tin-tinh", 0).ID, "Tin tỉnh", portal.StatusPublished, time.Now())
		newArticle(t, other, catB.ID, "Tin huyện", portal.StatusPublished, time.Now())
		if want := []int64{portal.MainSite, portal.MainSite, b.ID}; !slices.Equal(told, want) {
			t.Errorf("changes told as made on sites %v; want %v (a category and an article on the main site, an article on the district)", told, want)
		}
		// The yearly review counts each site's own news.
		for _, c := range []struct {
			name string
			db   *store.DB
			want int
		}{{"main", main, 1}, {"district", other, 1}, {"whole", db, 2}} {
			if f, err := c.db.ReviewFacts(ctx, time.Now().Add(time.Minute)); err != nil || f.RecentArticles != c.want || f.LastArticle.IsZero() {
				t.Errorf("%s: the review's recent news = %d (last %v), %v; want %d", c.name, f.RecentArticles, f.LastArticle, err, c.want)
			}
		}
		a := newArticle(t, other, catB.ID, "Tin huyện Long Mỹ", portal.StatusDraft, time.Time{})
		for _, c := range []struct {
			field string
			set   func(*portal.Article)
		}{
			{"thread", func(a *portal.Article) { a.ThreadID = th.ID }},
			{"groups", func(a *portal.Article) { a.GroupIDs = []int64{g.ID} }},
		} {
			n := portal.Article{CategoryID: catB.ID, Title: "Bài mới", Body: "<p>x</p>", Status: portal.StatusDraft}
			c.set(&n)
			err := other.CreateArticle(ctx, storetest.Actor, &n)
			if e, ok := err.(*portal.Error); !ok || e.Code != portal.EINVALID || e.Field != c.field {
				t.Errorf("a new district article with a %s: %v; want EINVALID on %s", c.field, err, c.field)
			}
			edit, err := other.Article(ctx, a.ID)
			if err != nil {
				t.Fatal(err)
			}
			c.set(edit)
			err = other.UpdateArticle(ctx, storetest.Actor, edit)
			if e, ok := err.(*portal.Error); !ok || e.Code != portal.EINVALID || e.Field != c.field {
				t.Errorf("a district article given a %s: %v; want EINVALID on %s", c.field, err, c.field)
			}
		}
		if got, err := db.Article(ctx, a.ID); err != nil || got.ThreadID != 0 || len(got.GroupIDs) != 0 || got.Version != 1 {
			t.Errorf("the refused edits changed the article: %+v, %v", got, err)
		}

		g.CategoryIDs = []int64{catB.ID}
		if err := main.SaveMemberGroup(ctx, storetest.Actor, &g); portal.ErrorCode(err) != portal.EINVALID {
			t.Errorf("a group restricting the district's category: %v; want EINVALID", err)
		}
	})
}

// TestAuditNamesSite: each audit entry names the site whose view made the
// change; the log filters by it, and the chain's hash covers it, so moving
// an entry to another site shows.
func TestAuditNamesSite(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		b := portal.Site{Name: "Cổng Huyện Vị Thủy", BaseURL: "https://vithuy.example.vn"}
		if err := db.CreateSite(ctx, storetest.Actor, &b); err != nil {
			t.Fatal(err)
		}
		newCategory(t, db.ForSite(portal.MainSite), "Tin tỉnh", "tin-tinh", 0)
		catB := newCategory(t, db.ForSite(b.ID), "Tin huyện", "tin-huyen", 0)
		newCategory(t, db, "Tin chung", "tin-chung", 0) // the store as a whole: the main site's
		all, err := db.AuditLog(ctx, portal.AuditFilter{Action: "category.create"})
		if err != nil || len(all) != 3 {
			t.Fatalf("category entries = %+v, %v; want 3", all, err)
		}
		if sites := []int64{all[2].SiteID, all[1].SiteID, all[0].SiteID}; !slices.Equal(sites, []int64{portal.MainSite, b.ID, portal.MainSite}) {
			t.Errorf("the entries' sites = %v; want [1 %d 1]", sites, b.ID)
		}
		onB, err := db.AuditLog(ctx, portal.AuditFilter{Action: "category.create", Site: b.ID})
		if err != nil || len(onB) != 1 || onB[0].Object != "category:"+strconv.FormatInt(catB.ID, 10) {
			t.Errorf("the district's entries = %+v, %v; want its category's alone", onB, err)
		}
		if check, err := db.VerifyAudit(ctx); err != nil || check.Broken != nil {
			t.Fatalf("VerifyAudit = %+v, %v; want intact", check, err)
		}
		dropGuard(t, db)
		if err := store.Exec(ctx, db, "UPDATE audit_log SET site_id = 1 WHERE id = "+strconv.FormatInt(onB[0].ID, 10)); err != nil {
			t.Fatal(err)
		}
		if check, _ := db.VerifyAudit(ctx); check.Broken == nil || check.Broken.ID != onB[0].ID {
			t.Errorf("VerifyAudit after moving an entry to the main site = %+v; want broken at %d", check, onB[0].ID)
		}
	})
}
