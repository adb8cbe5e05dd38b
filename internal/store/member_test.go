package store_test

import (
	"slices"
	"strconv"
	"testing"
	"time"

	"cong/internal/portal"
	"cong/internal/store"
	"cong/internal/storetest"
)

func articleIDs(as []portal.Article) []int64 {
	ids := make([]int64, len(as))
	for i, a := range as {
		ids[i] = a.ID
	}
	slices.Sort(ids)
	return ids
}

// foundIDs searches for text and returns the ids found, in order.
func foundIDs(t *testing.T, db *store.DB, text string) []int64 {
	t.Helper()
	ids := searchIDs(t, db, portal.SearchQuery{Text: text, Page: 1})
	slices.Sort(ids)
	return ids
}

// Members-only articles, by their own groups or their category's, are left
// out of every reader's list, the most-read list and search, and listed for
// the members of their groups alone; dropping a category's group makes its
// articles public again, searchable at once.
func TestMembersOnlyArticles(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		news := newCategory(t, db, "Thời sự", "thoi-su", 0)
		inner := newCategory(t, db, "Sinh hoạt chi bộ", "sinh-hoat-chi-bo", 0)
		g1 := portal.MemberGroup{Name: "Chi bộ  Văn phòng"}
		g2 := portal.MemberGroup{Name: "Ban Thường vụ"}
		for _, g := range []*portal.MemberGroup{&g1, &g2} {
			if err := db.SaveMemberGroup(ctx, storetest.Actor, g); err != nil {
				t.Fatal(err)
			}
		}
		if g1.Name != "Chi bộ Văn phòng" {
			t.Errorf("group name = %q; want spaces folded", g1.Name)
		}
		if err := db.SaveMemberGroup(ctx, storetest.Actor, &portal.MemberGroup{Name: "chi bộ văn phòng"}); portal.ErrorCode(err) != portal.EINVALID {
			t.Errorf("a second group of the same name: %v; want EINVALID", err)
		}
		past := time.Now().Add(-time.Hour)
		public := newArticle(t, db, news.ID, "Hội nghị công khai", portal.StatusPublished, past)
		own := portal.Article{CategoryID: news.ID, Title: "Hội nghị nội bộ Ban Thường vụ", Body: "<p>Nội dung</p>",
			Status: portal.StatusPublished, PublishedAt: past, GroupIDs: []int64{g2.ID}}
		if err := db.CreateArticle(ctx, storetest.Actor, &own); err != nil {
			t.Fatal(err)
		}
		inCat := newArticle(t, db, inner.ID, "Hội nghị chi bộ", portal.StatusPublished, past)

		// Before the category is restricted, its article is public.
		if got := foundIDs(t, db, "hoi nghi"); !slices.Equal(got, []int64{public.ID, inCat.ID}) {
			t.Fatalf("search before = %v; want %v", got, []int64{public.ID, inCat.ID})
		}
		g1.CategoryIDs = []int64{inner.ID}
		if err := db.SaveMemberGroup(ctx, storetest.Actor, &g1); err != nil {
			t.Fatal(err)
		}

		f := portal.ReaderFilter(time.Now())
		list, err := db.Articles(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		if got := articleIDs(list); !slices.Equal(got, []int64{public.ID}) {
			t.Errorf("reader's list = %v; want only the public %d", got, public.ID)
		}
		f.CategoryIDs, f.Limit = []int64{news.ID, inner.ID}, 10 // each category's newest, merged
		if list, err = db.Articles(ctx, f); err != nil || !slices.Equal(articleIDs(list), []int64{public.ID}) {
			t.Errorf("reader's list of two categories = %v, %v; want only %d", articleIDs(list), err, public.ID)
		}
		if n, err := db.CountArticles(ctx, portal.ReaderFilter(time.Now())); err != nil || n != 1 {
			t.Errorf("reader's count = %d, %v; want 1", n, err)
		}
		if got := foundIDs(t, db, "hoi nghi"); !slices.Equal(got, []int64{public.ID}) {
			t.Errorf("search = %v; want only %d", got, public.ID)
		}
		if err := db.AddViews(ctx, map[int64]int64{own.ID: 50, inCat.ID: 40, public.ID: 1}); err != nil {
			t.Fatal(err)
		}
		day := time.Now().AddDate(0, 0, -7).Format("2006-01-02")
		if most, err := db.MostReadSince(ctx, day, time.Now(), 10); err != nil || len(most) > 1 || len(most) == 1 && most[0].ID != public.ID {
			t.Errorf("most read = %v, %v; want the public article at most", articleIDs(most), err)
		}

		for _, tc := range []struct {
			groups []int64
			want   []int64
		}{
			{[]int64{g1.ID}, []int64{inCat.ID}},
			{[]int64{g2.ID}, []int64{own.ID}},
			{[]int64{g1.ID, g2.ID}, []int64{own.ID, inCat.ID}},
		} {
			f := portal.ReaderFilter(time.Now())
			f.Public, f.MemberGroups = false, tc.groups
			list, err := db.Articles(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			if got := articleIDs(list); !slices.Equal(got, tc.want) {
				t.Errorf("members of %v read %v; want %v", tc.groups, got, tc.want)
			}
		}
		for id, want := range map[int64][]int64{own.ID: {g2.ID}, inCat.ID: {g1.ID}, public.ID: nil} {
			if got, err := db.ArticleAccess(ctx, id); err != nil || !slices.Equal(got, want) {
				t.Errorf("ArticleAccess(%d) = %v, %v; want %v", id, got, err, want)
			}
		}
		a, err := db.Article(ctx, own.ID)
		if err != nil || !a.MembersOnly || !slices.Equal(a.GroupIDs, []int64{g2.ID}) || a.Visible(time.Now()) {
			t.Errorf("Article = members only %v, groups %v, visible %v, %v; want restricted to %d, not visible",
				a.MembersOnly, a.GroupIDs, a.Visible(time.Now()), err, g2.ID)
		}
		cats, _ := db.Categories(ctx)
		for _, c := range cats {
			if c.MembersOnly != (c.ID == inner.ID) {
				t.Errorf("category %q members only = %v", c.Slug, c.MembersOnly)
			}
		}

		// An article's own groups dropped: public again, found by search.
		a.GroupIDs = []int64{}
		if err := db.UpdateArticle(ctx, storetest.Actor, a); err != nil {
			t.Fatal(err)
		}
		// The category's group dropped: its article is public again.
		g1.CategoryIDs = nil
		if err := db.SaveMemberGroup(ctx, storetest.Actor, &g1); err != nil {
			t.Fatal(err)
		}
		if got := foundIDs(t, db, "hoi nghi"); !slices.Equal(got, []int64{public.ID, own.ID, inCat.ID}) {
			t.Errorf("search after = %v; want all three", got)
		}
		// A save that does not carry groups (an import, an autosave) keeps them.
		b := portal.Article{CategoryID: news.ID, Title: "Ba", Body: "<p>x</p>", Status: portal.StatusDraft,
			GroupIDs: []int64{g1.ID}}
		if err := db.CreateArticle(ctx, storetest.Actor, &b); err != nil {
			t.Fatal(err)
		}
		b.GroupIDs = nil
		b.Title = "Ba mới"
		if err := db.AutosaveArticle(ctx, storetest.Actor, &b); err != nil {
			t.Fatal(err)
		}
		if got, _ := db.ArticleAccess(ctx, b.ID); !slices.Equal(got, []int64{g1.ID}) {
			t.Errorf("groups after a save without them = %v; want kept", got)
		}
		b.GroupIDs = []int64{9999}
		if err := db.UpdateArticle(ctx, storetest.Actor, &b); portal.ErrorCode(err) != portal.EINVALID {
			t.Errorf("an unknown group: %v; want EINVALID", err)
		}
	})
}

// Members are kept with their groups; a password is kept when a save does
// not bring a new one; user names are unique.
func TestMembers(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		g := portal.MemberGroup{Name: "Chi bộ 1"}
		if err := db.SaveMemberGroup(ctx, storetest.Actor, &g); err != nil {
			t.Fatal(err)
		}
		m := portal.Member{Username: " NguyenVanA ", Name: "Nguyễn Văn A", PasswordHash: "h1", GroupIDs: []int64{g.ID}}
		if err := db.CreateMember(ctx, storetest.Actor, &m); err != nil {
			t.Fatal(err)
		}
		if err := db.CreateMember(ctx, storetest.Actor, &portal.Member{Username: "nguyenvana", Name: "B", PasswordHash: "h"}); portal.ErrorCode(err) != portal.EINVALID {
			t.Errorf("same user name: %v; want EINVALID", err)
		}
		got, err := db.MemberByUsername(ctx, "NGUYENVANA")
		if err != nil || got.ID != m.ID || got.PasswordHash != "h1" || !slices.Equal(got.GroupIDs, []int64{g.ID}) || !got.In([]int64{g.ID}) {
			t.Fatalf("MemberByUsername = %+v, %v", got, err)
		}
		got.PasswordHash, got.GroupIDs, got.Name, got.Disabled = "", nil, "Nguyễn Văn Ân", true
		if err := db.UpdateMember(ctx, storetest.Actor, got); err != nil {
			t.Fatal(err)
		}
		again, err := db.Member(ctx, m.ID)
		if err != nil || again.PasswordHash != "h1" || len(again.GroupIDs) != 0 || !again.Disabled || again.Name != "Nguyễn Văn Ân" {
			t.Errorf("after update = %+v, %v; want the password kept, no groups, disabled", again, err)
		}
		if again.In([]int64{g.ID}) {
			t.Error("a disabled member outside the group is in it")
		}
		list, err := db.Members(ctx)
		if err != nil || len(list) != 1 {
			t.Errorf("Members = %+v, %v", list, err)
		}
		groups, err := db.MemberGroups(ctx)
		if err != nil || len(groups) != 1 || groups[0].Members != 0 {
			t.Errorf("MemberGroups = %+v, %v", groups, err)
		}
	})
}

// A group's categories name, in its change, every published article whose
// restriction changed, so caches drop their pages.
func TestMemberGroupChangeObjects(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		cat := newCategory(t, db, "Nội bộ", "noi-bo", 0)
		past := time.Now().Add(-time.Hour)
		a := newArticle(t, db, cat.ID, "Một", portal.StatusPublished, past)
		newArticle(t, db, cat.ID, "Nháp", portal.StatusDraft, time.Time{})
		var got [][]string
		db.OnChangeObjects(func(_ int64, objects []string) { got = append(got, objects) })
		g := portal.MemberGroup{Name: "Nhóm", CategoryIDs: []int64{cat.ID}}
		if err := db.SaveMemberGroup(ctx, storetest.Actor, &g); err != nil {
			t.Fatal(err)
		}
		want := []string{"member_group:" + strconv.FormatInt(g.ID, 10), "article:" + strconv.FormatInt(a.ID, 10)}
		if len(got) != 1 || !slices.Equal(got[0], want) {
			t.Errorf("objects = %v; want %v", got, want)
		}
	})
}
