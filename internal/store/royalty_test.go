package store_test

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"cong/internal/portal"
	"cong/internal/store"
	"cong/internal/storetest"
	"cong/internal/viet"
)

// A month's royalties: only published articles are graded, the month is
// Vietnam's, and a shared pen name's points are listed under it and under
// each of its people.
func TestRoyaltyReport(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		cat := newCategory(t, db, "Thời sự", "thoi-su", 0)
		an := newUser(t, db, "an.le", []portal.Role{portal.RoleReporter})
		binh := newUser(t, db, "binh", []portal.Role{portal.RoleReporter})
		pv := portal.PenName{Name: "PV", UserIDs: []int64{an.ID, binh.ID}}
		tam := portal.PenName{Name: "Thanh Tâm", UserIDs: []int64{an.ID}}
		for _, p := range []*portal.PenName{&pv, &tam} {
			if err := db.SavePenName(ctx, storetest.Actor, p); err != nil {
				t.Fatal(err)
			}
		}
		at := func(d, h int) time.Time { return time.Date(2026, 11, d, h, 0, 0, 0, viet.Location) }
		grade := func(author string, published time.Time, kind portal.RoyaltyKind, points string) int64 {
			t.Helper()
			a := portal.Article{CategoryID: cat.ID, Title: author + " " + published.String(), Body: "<p>x</p>",
				Status: portal.StatusPublished, PublishedAt: published, Author: author}
			if err := db.CreateArticle(ctx, storetest.Actor, &a); err != nil {
				t.Fatal(err)
			}
			p, err := portal.ParsePoints(points)
			if err != nil {
				t.Fatal(err)
			}
			if err := db.GradeArticle(ctx, storetest.Actor, &portal.Royalty{ArticleID: a.ID, Kind: kind, Points: p}); err != nil {
				t.Fatal(err)
			}
			return a.ID
		}
		grade("PV", at(1, 0), portal.KindNews, "1,5")                        // 00:00 in Vietnam, 17:00 UTC the day before: in November
		grade("PV", at(15, 9), portal.KindPhoto, "0.25")                     // in
		grade("Thanh Tâm", at(30, 23), portal.KindArticle, "3")              // 16:00 UTC: in
		grade("Không ai", at(10, 9), portal.KindVideo, "2")                  // a pen name of no account
		grade("Thanh Tâm", at(31, 0).AddDate(0, 0, 1), portal.KindNews, "9") // 1 December: out
		regrade := grade("PV", at(2, 8), portal.KindNews, "5")
		if err := db.GradeArticle(ctx, storetest.Actor, &portal.Royalty{ArticleID: regrade, Kind: portal.KindNews, Points: 100}); err != nil {
			t.Fatal(err)
		}
		draft := newArticle(t, db, cat.ID, "Nháp", portal.StatusDraft, time.Time{})
		if err := db.GradeArticle(ctx, storetest.Actor, &portal.Royalty{ArticleID: draft.ID, Kind: portal.KindNews, Points: 100}); portal.ErrorCode(err) != portal.EINVALID {
			t.Errorf("grading a draft: %v; want EINVALID", err)
		}
		if err := db.GradeArticle(ctx, storetest.Actor, &portal.Royalty{ArticleID: regrade, Kind: "tho", Points: 100}); portal.ErrorCode(err) != portal.EINVALID {
			t.Errorf("unknown kind: %v; want EINVALID", err)
		}
		if r, err := db.ArticleRoyalty(ctx, regrade); err != nil || r.Points != 100 || r.GradedBy != storetest.Actor.Name {
			t.Errorf("ArticleRoyalty = %+v, %v; want 1 point, graded by the test", r, err)
		}
		if _, err := db.ArticleRoyalty(ctx, draft.ID); portal.ErrorCode(err) != portal.ENOTFOUND {
			t.Errorf("ungraded: %v; want ENOTFOUND", err)
		}

		rep, err := db.RoyaltyReport(ctx, at(1, 0), at(1, 0).AddDate(0, 1, 0))
		if err != nil {
			t.Fatal(err)
		}
		if len(rep.Items) != 5 || rep.Total != 775 {
			t.Errorf("report: %d articles, %s points; want 5, 7,75", len(rep.Items), rep.Total)
		}
		type line struct {
			Pen, User string
			Shared    bool
			N         int
			Points    string
		}
		lines := func(ls []portal.RoyaltyLine) []line {
			var out []line
			for _, l := range ls {
				out = append(out, line{l.PenName, l.UserName, l.Shared, l.Articles, l.Points.String()})
			}
			return out
		}
		wantPen := []line{{"Không ai", "", false, 1, "2"}, {"PV", "", true, 3, "2,75"}, {"Thanh Tâm", "", false, 1, "3"}}
		if d := cmp.Diff(wantPen, lines(rep.ByPenName)); d != "" {
			t.Errorf("by pen name (-want +got):\n%s", d)
		}
		wantPerson := []line{{"PV", an.Name, true, 3, "2,75"}, {"Thanh Tâm", an.Name, false, 1, "3"},
			{"PV", binh.Name, true, 3, "2,75"}}
		if d := cmp.Diff(wantPerson, lines(rep.ByPerson)); d != "" {
			t.Errorf("by person (-want +got):\n%s", d)
		}
		if it := rep.Items[0]; it.PenName != "PV" || len(it.People) != 2 || it.Kind != portal.KindNews {
			t.Errorf("first item = %+v; want PV's news of 1 November, two people", it)
		}
	})
}

func TestParsePoints(t *testing.T) {
	for _, c := range []struct {
		in   string
		want portal.Points
		ok   bool
	}{
		{"1,5", 150, true}, {"1.5", 150, true}, {" 2 ", 200, true}, {"0,25", 25, true}, {"1000", 100000, true},
		{"0", 0, false}, {"-1", 0, false}, {"+1", 0, false}, {"1,234", 0, false}, {"1001", 0, false}, {"", 0, false},
		{"abc", 0, false}, {"1,5,5", 0, false}, {",5", 0, false}, {"=1+1", 0, false},
	} {
		got, err := portal.ParsePoints(c.in)
		if got != c.want || (err == nil) != c.ok {
			t.Errorf("ParsePoints(%q) = %d, %v; want %d, ok %v", c.in, got, err, c.want, c.ok)
		}
	}
	for p, want := range map[portal.Points]string{150: "1,5", 200: "2", 25: "0,25", 5: "0,05", 1234: "12,34"} {
		if got := p.String(); got != want {
			t.Errorf("Points(%d).String() = %q; want %q", p, got, want)
		}
	}
}
