package store_test

import (
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/text/unicode/norm"

	"cong/internal/demo"
	"cong/internal/portal"
	"cong/internal/store"
	"cong/internal/storetest"
)

// searchIDs searches for text and returns the ids found, best first.
func searchIDs(t *testing.T, db *store.DB, q portal.SearchQuery) []int64 {
	t.Helper()
	res, err := db.Search(ctx, q)
	if err != nil {
		t.Fatalf("Search(%q): %v", q.Text, err)
	}
	ids := []int64{}
	for _, h := range res.Hits {
		ids = append(ids, h.Article.ID)
	}
	return ids
}

func find(t *testing.T, db *store.DB, text string) []int64 {
	t.Helper()
	return searchIDs(t, db, portal.SearchQuery{Text: text})
}

func publish(t *testing.T, db *store.DB, cat int64, title, body string, at time.Time) portal.Article {
	t.Helper()
	a := portal.Article{CategoryID: cat, Title: title, Body: body, Status: portal.StatusPublished, PublishedAt: at}
	if err := db.CreateArticle(ctx, storetest.Actor, &a); err != nil {
		t.Fatalf("CreateArticle(%q): %v", title, err)
	}
	return a
}

func TestSearchFolding(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		cat := newCategory(t, db, "Chính trị", "chinh-tri", 0)
		now := time.Now()
		a := publish(t, db, cat.ID, "Hội nghị Đảng bộ tỉnh Hậu Giang", "<p>Nội dung hội nghị.</p>", now.Add(-time.Hour))
		b := publish(t, db, cat.ID, "Tin khác", "<p>Tỉnh <b>Hậu Giang</b> và Đảng bộ.</p>", now.Add(-2*time.Hour))
		c := portal.Article{CategoryID: cat.ID, Title: "Bài có tác giả", Author: "Nguyễn Thị Đào", Summary: "Tóm tắt về Sóc Trăng",
			Status: portal.StatusPublished, PublishedAt: now.Add(-3 * time.Hour)}
		if err := db.CreateArticle(ctx, storetest.Actor, &c); err != nil {
			t.Fatal(err)
		}
		for _, tt := range []struct {
			q    string
			want []int64
		}{
			{"dang bo tinh hau giang", []int64{a.ID, b.ID}},
			{"Đảng bộ tỉnh Hậu Giang", []int64{a.ID, b.ID}},
			{"ĐẢNG BỘ TỈNH HẬU GIANG", []int64{a.ID, b.ID}},
			{norm.NFD.String("Đảng bộ tỉnh Hậu Giang"), []int64{a.ID, b.ID}},
			{`"hau giang"`, []int64{a.ID, b.ID}},
			{`"giang hau"`, []int64{}},
			{`"tinh hau giang" "dang bo"`, []int64{a.ID, b.ID}},
			{`"hoi nghi dang bo"`, []int64{a.ID}},
			{"noi dung", []int64{a.ID}},  // body
			{"dao", []int64{c.ID}},       // byline
			{"soc trang", []int64{c.ID}}, // summary
			{"hau giang soc trang", []int64{}},
		} {
			if got := find(t, db, tt.q); !cmp.Equal(got, tt.want) {
				t.Errorf("Search(%q) = %v; want %v", tt.q, got, tt.want)
			}
		}
	})
}

func TestSearchExactMarksFirst(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		cat := newCategory(t, db, "Giao thông", "giao-thong", 0)
		now := time.Now()
		// Newest first would put Dương ahead; the marks typed decide first.
		duong := publish(t, db, cat.ID, "Thị trấn Cây Dương", "<p>Dương</p>", now.Add(-time.Hour))
		road := publish(t, db, cat.ID, "Đường tỉnh 931", "<p>Đường mới</p>", now.Add(-2*time.Hour))
		if got, want := find(t, db, "đường"), []int64{road.ID, duong.ID}; !cmp.Equal(got, want) {
			t.Errorf(`Search("đường") = %v; want Đường (%d) before Dương (%d)`, got, road.ID, duong.ID)
		}
		if got, want := find(t, db, "dương"), []int64{duong.ID, road.ID}; !cmp.Equal(got, want) {
			t.Errorf(`Search("dương") = %v; want %v`, got, want)
		}
		// Without marks, both alike: the shorter title is the more relevant.
		if got, want := find(t, db, "duong"), []int64{road.ID, duong.ID}; !cmp.Equal(got, want) {
			t.Errorf(`Search("duong") = %v; want %v`, got, want)
		}
	})
}

func transition(t *testing.T, db *store.DB, a *portal.Article, action portal.Action, to portal.Status) {
	t.Helper()
	tr := &portal.Transition{ArticleID: a.ID, ActorName: "Hệ thống", Action: action, From: a.Status, To: to, At: time.Now()}
	if err := db.Apply(ctx, storetest.Actor, tr); err != nil {
		t.Fatalf("Apply(%s %s → %s): %v", action, a.Status, to, err)
	}
	fresh, err := db.Article(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	*a = *fresh
}

func TestSearchOnlyWhatReadersSee(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		cat := newCategory(t, db, "Kinh tế", "kinh-te", 0)
		now := time.Now()
		draft := portal.Article{CategoryID: cat.ID, Title: "Bản nháp", Body: "<p>xyzzynhap</p>", Status: portal.StatusDraft}
		if err := db.CreateArticle(ctx, storetest.Actor, &draft); err != nil {
			t.Fatal(err)
		}
		future := publish(t, db, cat.ID, "Hẹn giờ", "<p>xyzzyhengio</p>", now.Add(time.Hour))
		for _, word := range []string{"xyzzynhap", "xyzzyhengio"} {
			if got := find(t, db, word); len(got) != 0 {
				t.Errorf("Search(%q) = %v; want nothing", word, got)
			}
		}
		// The draft goes through the workflow: found once published.
		transition(t, db, &draft, portal.ActionSubmit, portal.StatusSubmitted)
		if got := find(t, db, "xyzzynhap"); len(got) != 0 {
			t.Errorf("submitted article found: %v", got)
		}
		transition(t, db, &draft, portal.ActionPublish, portal.StatusPublished)
		if got := find(t, db, "xyzzynhap"); !cmp.Equal(got, []int64{draft.ID}) {
			t.Errorf("published article: Search = %v; want [%d]", got, draft.ID)
		}
		// Unpublished: gone at once.
		transition(t, db, &draft, portal.ActionUnpublish, portal.StatusUnpublished)
		if got := find(t, db, "xyzzynhap"); len(got) != 0 {
			t.Errorf("unpublished article found: %v", got)
		}
		// Edited while published: the new words are found, the old ones not.
		live := publish(t, db, cat.ID, "Đang đăng", "<p>xyzzycu</p>", now.Add(-time.Hour))
		live.Body = "<p>xyzzymoi</p>"
		if err := db.UpdateArticle(ctx, storetest.Actor, &live); err != nil {
			t.Fatal(err)
		}
		if got := find(t, db, "xyzzycu"); len(got) != 0 {
			t.Errorf("old words still found: %v", got)
		}
		if got := find(t, db, "xyzzymoi"); !cmp.Equal(got, []int64{live.ID}) {
			t.Errorf("new words: Search = %v; want [%d]", got, live.ID)
		}
		// Expired: gone at its time, before the clock takes it down...
		live.ExpiresAt = now.Add(-time.Minute)
		if err := db.UpdateArticle(ctx, storetest.Actor, &live); err != nil {
			t.Fatal(err)
		}
		if got := find(t, db, "xyzzymoi"); len(got) != 0 {
			t.Errorf("expired article found: %v", got)
		}
		// ... and out of the index when it does.
		transition(t, db, &live, portal.ActionUnpublish, portal.StatusUnpublished)
		if got := find(t, db, "xyzzymoi"); len(got) != 0 {
			t.Errorf("taken-down article found: %v", got)
		}
		live.ExpiresAt = time.Time{}
		live.Status = portal.StatusPublished
		if err := db.UpdateArticle(ctx, storetest.Actor, &live); err != nil {
			t.Fatal(err)
		}
		if got := find(t, db, "xyzzymoi"); !cmp.Equal(got, []int64{live.ID}) {
			t.Errorf("republished by an edit: Search = %v; want [%d]", got, live.ID)
		}
		live.Status = portal.StatusDraft
		if err := db.UpdateArticle(ctx, storetest.Actor, &live); err != nil {
			t.Fatal(err)
		}
		if got := find(t, db, "xyzzymoi"); len(got) != 0 {
			t.Errorf("article made a draft by an edit found: %v", got)
		}
		// Deleted: gone, and nothing breaks.
		gone := publish(t, db, cat.ID, "Sẽ xóa", "<p>xyzzyxoa</p>", now.Add(-time.Hour))
		if err := store.Exec(ctx, db, "DELETE FROM articles WHERE id = "+itoa(int(gone.ID))); err != nil {
			t.Fatal(err)
		}
		if got := find(t, db, "xyzzyxoa"); len(got) != 0 {
			t.Errorf("deleted article found: %v", got)
		}
		if future.ID == 0 {
			t.Fatal("no id")
		}
	})
}

func TestSearchSyntaxNeverBreaks(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		cat := newCategory(t, db, "Xã hội", "xa-hoi", 0)
		a := publish(t, db, cat.ID, "Hậu Giang: AND OR NEAR", "<p>a-b c*d (e) o'neil</p>", time.Now().Add(-time.Hour))
		for _, q := range []string{
			`"`, `""`, `"hau`, `hau"`, `*`, `hau*`, `^hau`, `-hau`, `hau:giang`, `title:hau`, `(hau`, `hau)`, `()`,
			`AND`, `OR`, `NOT`, `NEAR`, `NEAR(hau giang)`, `hau AND giang`, `hau OR`, `hau & giang`, `hau | giang`,
			`!hau`, `hau <-> giang`, `<->`, `'`, `o'neil`, `hau''giang`, `\`, `hau\`, `{hau}`, `[hau]`, `+hau`,
			`hau:*`, `hau:A`, `:*`, `%`, `_`, `hau;giang`, `'; DROP TABLE articles; --`, `"hau" "`, "hau\x00giang",
		} {
			res, err := db.Search(ctx, portal.SearchQuery{Text: q})
			if err != nil && portal.ErrorCode(err) != portal.EINVALID {
				t.Errorf("Search(%q): %v", q, err)
			}
			if err == nil && len(res.Hits) > 1 {
				t.Errorf("Search(%q) = %d hits", q, len(res.Hits))
			}
		}
		for _, q := range []string{`hau AND giang`, `NEAR`, `o'neil`, `c*d`, `"hau giang"`, `(e)`} {
			if got := find(t, db, q); !cmp.Equal(got, []int64{a.ID}) {
				t.Errorf("Search(%q) = %v; want [%d]", q, got, a.ID)
			}
		}
		for _, q := range []string{"", "   ", `"*" - : ( )`, strings.Repeat("a", portal.SearchMaxQuery+1)} {
			if _, err := db.Search(ctx, portal.SearchQuery{Text: q}); portal.ErrorCode(err) != portal.EINVALID {
				t.Errorf("Search(%.20q) err = %v; want EINVALID", q, err)
			}
		}
	})
}

func TestSearchFiltersAndPages(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		top := newCategory(t, db, "Chính trị", "chinh-tri", 0)
		sub := newCategory(t, db, "Xây dựng Đảng", "xay-dung-dang", top.ID)
		other := newCategory(t, db, "Kinh tế", "kinh-te", 0)
		day := time.Date(2024, 3, 10, 3, 0, 0, 0, time.UTC)
		var all []int64
		for i := range 45 {
			cat := []int64{top.ID, sub.ID, other.ID}[i%3]
			a := publish(t, db, cat, "Hội nghị số "+itoa(i), "<p>hội nghị</p>", day.AddDate(0, 0, -i))
			all = append(all, a.ID)
		}
		res, err := db.Search(ctx, portal.SearchQuery{Text: "hội nghị", Page: 3})
		if err != nil {
			t.Fatal(err)
		}
		// All score alike: newest first, 20 a page.
		if res.Total != 45 || res.More || res.Pages() != 3 || len(res.Hits) != 5 || res.Hits[0].Article.ID != all[40] {
			t.Errorf("page 3: total %d, more %v, pages %d, %d hits; want 45, false, 3, 5 from id %d",
				res.Total, res.More, res.Pages(), len(res.Hits), all[40])
		}
		if res, _ := db.Search(ctx, portal.SearchQuery{Text: "hội nghị", Page: 4}); len(res.Hits) != 0 {
			t.Errorf("page 4 has %d hits", len(res.Hits))
		}
		got := searchIDs(t, db, portal.SearchQuery{Text: "hội nghị", CategoryIDs: []int64{top.ID, sub.ID}})
		if len(got) != 20 {
			t.Errorf("in Chính trị and below: %d hits on page 1; want 20", len(got))
		}
		res, _ = db.Search(ctx, portal.SearchQuery{Text: "hội nghị", CategoryIDs: []int64{sub.ID}})
		if res.Total != 15 {
			t.Errorf("in Xây dựng Đảng: total %d; want 15", res.Total)
		}
		got = searchIDs(t, db, portal.SearchQuery{Text: "hội nghị", From: day.AddDate(0, 0, -2), To: day})
		if want := []int64{all[1], all[2]}; !cmp.Equal(got, want) {
			t.Errorf("from day-2 to day: %v; want %v", got, want)
		}
		// Highlights in the title and a snippet of the body.
		h := res.Hits[0]
		if h.Title.Text[h.Title.Marks[0][0]:h.Title.Marks[0][1]] != "Hội nghị" || h.Snippet.Text != "hội nghị" ||
			!cmp.Equal(h.Snippet.Marks, [][2]int{{0, len("hội nghị")}}) {
			t.Errorf("hit = %+v", h)
		}
	})
}

// TestSearchSameOnBothEngines runs one set of generated articles through
// every engine: the same queries must give the same articles in the same
// order.
func TestSearchSameOnBothEngines(t *testing.T) {
	engines := storetest.Engines(t)
	if len(engines) < 2 {
		t.Skip("needs PostgreSQL too")
	}
	now := time.Date(2026, 11, 20, 8, 0, 0, 0, time.UTC)
	queries := []string{
		"hội nghị", "hoi nghi", "Đảng bộ", "dang bo tinh", `"hau giang"`, "Hậu Giang", "phụng hiệp", "long mỹ",
		"đường", "nông thôn mới", `"nghị quyết" đại hội`, "năm 2024", "thanh tam", "xã tân", "vị thanh", "ngã bảy",
	}
	results := map[string][][]string{}
	for name, dsn := range engines {
		db := storetest.Open(t, dsn(t))
		db.Now = func() time.Time { return now }
		if err := demo.Generate(ctx, db, t.TempDir(), 600, now, rand.New(rand.NewPCG(7, 7))); err != nil {
			t.Fatal(err)
		}
		for _, q := range queries {
			// Every page, so the whole ranking is compared.
			var got []string
			for page, pages := 1, 1; page <= pages; page++ {
				res, err := db.Search(ctx, portal.SearchQuery{Text: q, Page: page})
				if err != nil {
					t.Fatalf("%s: Search(%q): %v", name, q, err)
				}
				for _, h := range res.Hits {
					got = append(got, itoa(int(h.Article.ID))+" "+h.Article.Slug+" "+h.Snippet.Text)
				}
				pages = res.Pages()
			}
			results[name] = append(results[name], got)
		}
	}
	for i, q := range queries {
		sq, pg := results["sqlite"][i], results["postgres"][i]
		if len(sq) < 2 {
			t.Errorf("%q finds %d articles; want a query that finds some", q, len(sq))
		}
		if diff := cmp.Diff(sq, pg); diff != "" {
			t.Errorf("%q: SQLite and PostgreSQL differ (-sqlite +postgres):\n%s", q, diff)
		}
	}
}

// TestSearchMigrationBackfills applies the migrations before search to a
// database with articles, then the rest: the articles are found.
func TestSearchMigrationBackfills(t *testing.T) {
	for name, dsn := range storetest.Engines(t) {
		t.Run(name, func(t *testing.T) {
			db, err := store.Open(ctx, dsn(t))
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			db.SetAuditKey(storetest.AuditKey)
			dir := "migrations/" + name
			early := fstest.MapFS{}
			for _, f := range []string{"0001_init.sql", "0002_newsroom.sql"} {
				b, err := os.ReadFile(dir + "/" + f)
				if err != nil {
					t.Fatal(err)
				}
				early["m/"+f] = &fstest.MapFile{Data: b}
			}
			if err := store.MigrateFS(ctx, db, early, "m"); err != nil {
				t.Fatal(err)
			}
			for _, q := range []string{
				`INSERT INTO categories (id, name, slug, created_at) VALUES (1, 'Chính trị', 'chinh-tri', '2024-01-01 00:00:00')`,
				`INSERT INTO articles (id, category_id, title, slug, status, created_at, updated_at, published_at, body)
					VALUES (1, 1, 'Đảng bộ tỉnh Hậu Giang', 'a', 'published', '2024-01-01', '2024-01-01', '2024-01-01', '<p>x</p>'),
					(2, 1, 'Đảng bộ huyện', 'b', 'draft', '2024-01-01', '2024-01-01', NULL, ''),
					(3, 1, 'Hậu Giang hẹn giờ', 'c', 'scheduled', '2024-01-01', '2024-01-01', '2099-01-01', '')`,
			} {
				if err := store.Exec(ctx, db, q); err != nil {
					t.Fatal(err)
				}
			}
			if err := db.Migrate(ctx); err != nil {
				t.Fatal(err)
			}
			if got := find(t, db, "dang bo"); !cmp.Equal(got, []int64{1}) {
				t.Errorf(`after the migration, Search("dang bo") = %v; want [1]`, got)
			}
			// The scheduled article was indexed too, for when its time comes.
			db.Now = func() time.Time { return time.Date(2099, 1, 2, 0, 0, 0, 0, time.UTC) }
			a, err := db.Article(ctx, 3)
			if err != nil {
				t.Fatal(err)
			}
			transition(t, db, a, portal.ActionPublish, portal.StatusPublished)
			if got := find(t, db, "hau giang"); !cmp.Equal(got, []int64{3, 1}) {
				t.Errorf(`Search("hau giang") = %v; want [3 1]`, got)
			}
			if err := db.Reindex(ctx, storetest.Actor); err != nil {
				t.Fatal(err)
			}
			if got := find(t, db, "hau giang"); !cmp.Equal(got, []int64{3, 1}) {
				t.Errorf(`after Reindex, Search("hau giang") = %v; want [3 1]`, got)
			}
		})
	}
}

// TestSearchWindowsOfIds: PostgreSQL looks through the newest buckets of ids
// first and widens the window; matches far apart in ids are all found,
// newest first, phrases too, and the category filter holds.
func TestSearchWindowsOfIds(t *testing.T) {
	dsn, ok := storetest.Engines(t)["postgres"]
	if !ok {
		t.Skip("no PostgreSQL")
	}
	db := storetest.Open(t, dsn(t))
	cat := newCategory(t, db, "Chính trị", "chinh-tri", 0)
	at := time.Now().Add(-time.Hour)
	var want []int64
	for _, start := range []int{1000, 40_000, 300_000, 2_000_000} {
		if err := store.Exec(ctx, db, "SELECT setval('articles_id_seq', "+strconv.Itoa(start)+")"); err != nil {
			t.Fatal(err)
		}
		a := publish(t, db, cat.ID, "Cầu Vàm Cống", "<p>Cầu Vàm Cống nối đôi bờ.</p>", at)
		publish(t, db, cat.ID, "Tin khác", "<p>Không liên quan.</p>", at)
		want = append([]int64{a.ID}, want...)
	}
	for _, q := range []string{"vam cong", `"cầu vàm"`} {
		if got := find(t, db, q); !cmp.Equal(got, want) {
			t.Errorf("Search(%q) = %v; want %v", q, got, want)
		}
	}
	f := portal.SearchQuery{Text: "vam cong", CategoryIDs: []int64{cat.ID + 1}}
	if got := searchIDs(t, db, f); len(got) != 0 {
		t.Errorf("in another category: %v; want none", got)
	}
}
