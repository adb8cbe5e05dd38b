package web_test

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"cong/internal/counter"
	"cong/internal/demo"
	"cong/internal/health"
	"cong/internal/portal"
	"cong/internal/store"
	"cong/internal/storetest"
	"cong/internal/web"
)

const browserUA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36"

var ctx = context.Background()

// site is a portal with the demo content over a fresh database.
type site struct {
	db       *store.DB
	h        *web.Handler
	counters *counter.Counters
}

func newSite(t *testing.T, db *store.DB) *site { return newSiteB(t, db) }

func newSiteB(t testing.TB, db *store.DB) *site {
	t.Helper()
	media := t.TempDir()
	if _, err := demo.Seed(ctx, db, media, time.Now()); err != nil {
		t.Fatal(err)
	}
	return newSiteWith(t, db, web.Services{Categories: db, Articles: db, Side: db, Schedule: db, Popular: db, Search: db, Comments: db, Reports: db, Ready: db.Ping,
		Map: db, Threads: db}, media)
}

func newSiteWith(t testing.TB, db *store.DB, svc web.Services, media string) *site {
	t.Helper()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	c := counter.New(db, 30*time.Minute, 20*time.Minute, log)
	if err := c.Visits.Load(ctx, time.Now()); err != nil {
		t.Fatal(err)
	}
	h, err := web.New(web.Config{MediaDir: media, CacheTTL: time.Minute, CacheBytes: 8 << 20, VisitorTTL: 30 * time.Minute,
		BaseURL: origin},
		svc, c, log)
	if err != nil {
		t.Fatal(err)
	}
	return &site{db: db, h: h, counters: c}
}

// get requests path as a browser without cookies would.
func (s *site) get(t testing.TB, path string, header ...string) *httptest.ResponseRecorder {
	t.Helper()
	r := httptest.NewRequest("GET", path, nil)
	r.Header.Set("User-Agent", browserUA)
	for i := 0; i+1 < len(header); i += 2 {
		if header[i] == "Host" {
			r.Host = header[i+1]
		}
		r.Header.Set(header[i], header[i+1])
	}
	w := httptest.NewRecorder()
	s.h.ServeHTTP(w, r)
	return w
}

func parse(t *testing.T, w *httptest.ResponseRecorder) *goquery.Document {
	t.Helper()
	doc, err := goquery.NewDocumentFromReader(w.Body)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func text(doc *goquery.Document, sel string) string {
	return strings.Join(strings.Fields(doc.Find(sel).First().Text()), " ")
}

var seedURL = "/" + demo.SeedCategory + "/" + demo.SeedSlug

const seedTitle = "Hội nghị học tập, quán triệt, triển khai thực hiện Nghị quyết Đại hội đại biểu Đảng bộ tỉnh lần thứ XIV, nhiệm kỳ 2020 - 2025"

func TestSeedArticlePage(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		w := s.get(t, seedURL)
		if w.Code != 200 {
			t.Fatalf("GET %s = %d; want 200", seedURL, w.Code)
		}
		if ct := w.Header().Get("Content-Type"); ct != "text/html; charset=utf-8" {
			t.Errorf("Content-Type = %q", ct)
		}
		doc := parse(t, w)
		if lang, _ := doc.Find("html").Attr("lang"); lang != "vi" {
			t.Errorf(`html lang = %q; want "vi"`, lang)
		}
		checks := []struct{ sel, want string }{
			{"article .article-category a", "Chính trị"},
			{"article h1.article-title", seedTitle},
			{"article .article-meta", "[ Cập nhật vào ngày (30/12/2020) ] - [ Số lần xem: 236 ]"},
			{"article .article-body figure figcaption", "Hội nghị tại điểm cầu cấp Tỉnh"},
			{"article .article-author", "Thanh Tâm"},
			{".comments h2", "Các ý kiến của bạn đọc"},
			{".comments .empty", "Chưa có ý kiến nào về bài viết này."},
			{".block-counter .online-label", "Người dùng Online:"},
			{".block-counter .guests", "Khách: 1"},
			{".block-counter .members", "Thành viên: 0"},
			{".block-counter .total", "Tổng: 1"},
			{".block-counter .today", "Hôm nay: 1"},
			{".block-counter .all", "Tất cả: 1"},
			{".block-ads h2", "Quảng cáo"},
			{".ad-below .ad-text", "Hội chợ sản phẩm OCOP tỉnh Hậu Giang: khóm Cầu Đúc, cá thát lát, bưởi Năm Roi — xem danh sách gian hàng"},
		}
		for _, c := range checks {
			if got := text(doc, c.sel); got != c.want {
				t.Errorf("%s = %q; want %q", c.sel, got, c.want)
			}
		}
		if href, _ := doc.Find(".article-category a").Attr("href"); href != "/chinh-tri" {
			t.Errorf("category link = %q; want /chinh-tri", href)
		}
		if src, _ := doc.Find(".article-body figure img").Attr("src"); !strings.HasSuffix(src, "/30.12.20.b.png") {
			t.Errorf("figure img src = %q; want …/30.12.20.b.png", src)
		}
		if n := doc.Find(".article-body > p").Length(); n != 5 {
			t.Errorf("body has %d paragraphs; want the seed's 5", n)
		}
		// The seed's order: label, title, meta line, body, byline, then comments.
		order := []string{".article-category", ".article-title", ".article-meta", ".article-body", ".article-author", ".comments"}
		html, _ := doc.Find("main").Html()
		last := -1
		for _, sel := range order {
			outer, _ := goquery.OuterHtml(doc.Find(sel).First())
			i := strings.Index(html, outer)
			if i <= last {
				t.Errorf("%s is out of the seed's order", sel)
			}
			last = i
		}
		var blocks []string
		doc.Find("aside.side .block h2").Each(func(_ int, s *goquery.Selection) { blocks = append(blocks, s.Text()) })
		want := "Ảnh liên kết|Lịch làm việc|Bản đồ hành chính|Lượt truy cập|Quảng cáo"
		if got := strings.Join(blocks, "|"); got != want {
			t.Errorf("side blocks = %s; want %s", got, want)
		}
		if n := doc.Find(".block-links img").Length(); n == 0 {
			t.Error("no image links")
		}
		if n := doc.Find(".block-schedule li").Length(); n == 0 {
			t.Error("no schedule entries this week")
		}
		if href, _ := doc.Find(".block-map a").Attr("href"); href != "/ban-do-hanh-chinh" {
			t.Errorf("map link = %q", href)
		}
	})
}

func TestHomeLinksToSeed(t *testing.T) {
	s := newSite(t, storetest.Open(t, storetest.SQLiteDSN(t)))
	w := s.get(t, "/")
	if w.Code != 200 {
		t.Fatalf("GET / = %d", w.Code)
	}
	doc := parse(t, w)
	if doc.Find(`a[href="`+seedURL+`"]`).Length() == 0 {
		t.Error("home page has no link to the seed article")
	}
	if doc.Find(`nav a[href="/chinh-tri"]`).Length() == 0 {
		t.Error("home page has no link to the category Chính trị")
	}
}

func TestStatuses(t *testing.T) {
	s := newSite(t, storetest.Open(t, storetest.SQLiteDSN(t)))
	long := strings.Repeat("a", 5000)
	for _, tc := range []struct {
		path string
		want int
	}{
		{"/", 200},
		{"/chinh-tri", 200},
		{"/chinh-tri?trang=1", 200},
		{"/chinh-tri?trang=0", 404},
		{"/chinh-tri?trang=-1", 404},
		{"/chinh-tri?trang=abc", 404},
		{"/chinh-tri?trang=01", 404},
		{"/chinh-tri?trang=2&trang=3", 404},
		{"/chinh-tri?trang=99", 404},
		{"/chinh-tri?trang=99999999999999999999", 404},
		{"/khong-co-chuyen-muc", 404},
		{"/chinh-tri/khong-co-bai-nay", 404},
		{"/Chinh-Tri", 404},
		{"/a/b/c", 404},
		{"/" + long, 414},
		{"/chinh-tri?q=" + long, 414},
		{"/ban-do-hanh-chinh", 200},
		{"/lich-lam-viec", 200},
		{"/static/cong.css", 200},
		{"/static/", 404},
		{"/media/2020/12/30.12.20.b.png", 200},
		{"/media/", 404},
		{"/healthz", 200},
		{"/readyz", 200},
	} {
		w := s.get(t, tc.path)
		if w.Code != tc.want {
			t.Errorf("GET %.60s = %d; want %d", tc.path, w.Code, tc.want)
		}
		if w.Code == 404 && !strings.HasPrefix(tc.path, "/media/") {
			doc := parse(t, w)
			if got := text(doc, "h1"); got != "Không tìm thấy trang" {
				t.Errorf("GET %s: h1 = %q; want the Vietnamese 404 page", tc.path, got)
			}
		}
	}
}

func TestDraftsNeverLeak(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		cats, _ := db.Categories(ctx)
		tree := portal.NewCategoryTree(cats)
		for _, a := range []portal.Article{
			{Title: "Bản nháp bí mật", Status: portal.StatusDraft},
			{Title: "Chờ duyệt bí mật", Status: portal.StatusSubmitted},
			{Title: "Hẹn giờ bí mật", Status: portal.StatusPublished, PublishedAt: time.Now().Add(time.Hour)},
		} {
			a.CategoryID, a.Body = tree.BySlug("chinh-tri").ID, "<p>bí mật</p>"
			if err := db.CreateArticle(ctx, storetest.Actor, &a); err != nil {
				t.Fatal(err)
			}
			if w := s.get(t, "/chinh-tri/"+a.Slug); w.Code != 404 {
				t.Errorf("%s: GET = %d; want 404", a.Title, w.Code)
			}
		}
		for _, path := range []string{"/", "/chinh-tri"} {
			if body := s.get(t, path).Body.String(); strings.Contains(body, "bí mật") {
				t.Errorf("%s shows an unpublished article", path)
			}
		}
	})
}

func TestRedirects(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		a, err := db.ArticleBySlug(ctx, demo.SeedSlug)
		if err != nil {
			t.Fatal(err)
		}
		if w := s.get(t, "/kinh-te/"+demo.SeedSlug); w.Code != 301 || w.Header().Get("Location") != seedURL {
			t.Errorf("wrong category: %d %q; want 301 to %s", w.Code, w.Header().Get("Location"), seedURL)
		}
		a.Title = "Hội nghị quán triệt Nghị quyết Đại hội Đảng bộ tỉnh"
		if err := db.UpdateArticle(ctx, storetest.Actor, a); err != nil {
			t.Fatal(err)
		}
		s.h.ClearCache()
		w := s.get(t, seedURL)
		if w.Code != 301 || w.Header().Get("Location") != "/chinh-tri/hoi-nghi-quan-triet-nghi-quyet-dai-hoi-dang-bo-tinh" {
			t.Errorf("old URL: %d %q; want 301 to the new slug", w.Code, w.Header().Get("Location"))
		}
		if w := s.get(t, w.Header().Get("Location")); w.Code != 200 {
			t.Errorf("new URL = %d", w.Code)
		}
	})
}

// TestViewsCountedOncePerVisitor sends N concurrent views from N visitors
// and finds exactly N more in the database after the flush.
func TestViewsCountedOncePerVisitor(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		const n = 50
		var wg sync.WaitGroup
		for range n {
			wg.Go(func() {
				if w := s.get(t, seedURL); w.Code != 200 {
					t.Errorf("GET = %d", w.Code)
				}
			})
		}
		wg.Wait()
		// The same visitor again, and a crawler: neither counts.
		first := s.get(t, seedURL)
		cookie := strings.SplitN(first.Header().Get("Set-Cookie"), ";", 2)[0]
		if !strings.HasPrefix(cookie, "cong_v=") || !strings.Contains(first.Header().Get("Set-Cookie"), "HttpOnly") {
			t.Fatalf("Set-Cookie = %q; want an HttpOnly cong_v cookie", first.Header().Get("Set-Cookie"))
		}
		s.get(t, seedURL, "Cookie", cookie)
		s.get(t, seedURL, "User-Agent", "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)")
		if err := s.counters.Flush(ctx); err != nil {
			t.Fatal(err)
		}
		a, err := db.ArticleBySlug(ctx, demo.SeedSlug)
		if err != nil {
			t.Fatal(err)
		}
		if want := int64(235 + n + 1); a.ViewCount != want {
			t.Errorf("view count after flush = %d; want %d", a.ViewCount, want)
		}
		// The page shows the same number, flushed or not.
		doc := parse(t, s.get(t, seedURL, "Cookie", cookie))
		if got, want := text(doc, ".views"), "286"; got != want {
			t.Errorf("shown views = %q; want %q", got, want)
		}
		// 51 visitors: the n, then the one with the cookie; the crawler is apart.
		if got := text(doc, ".block-counter .guests"); got != "Khách: 51" {
			t.Errorf("online guests = %q; want Khách: 51", got)
		}
		if got := text(doc, ".block-counter .all"); got != "Tất cả: 51" {
			t.Errorf("visits = %q; want Tất cả: 51", got)
		}
	})
}

type panickingCategories struct{ portal.CategoryService }

func (panickingCategories) Categories(context.Context) ([]portal.Category, error) {
	panic("boom: secret detail")
}

func TestPanicShowsGenericPage(t *testing.T) {
	db := storetest.Open(t, storetest.SQLiteDSN(t))
	s := newSiteWith(t, db, web.Services{Categories: panickingCategories{db}, Articles: db, Side: db, Schedule: db, Ready: db.Ping}, t.TempDir())
	w := s.get(t, "/")
	if w.Code != 500 {
		t.Fatalf("GET / = %d; want 500", w.Code)
	}
	body := w.Body.String()
	if strings.Contains(body, "boom") || strings.Contains(body, "goroutine") {
		t.Errorf("500 page leaks the panic: %s", body)
	}
	if !strings.Contains(body, "Có lỗi xảy ra") || !strings.Contains(body, "Mã yêu cầu") {
		t.Errorf("500 page = %q; want the Vietnamese error with a request id", body)
	}
}

func TestReadyzWhenDatabaseDown(t *testing.T) {
	db := storetest.Open(t, storetest.SQLiteDSN(t))
	s := newSite(t, db)
	db.Close()
	if w := s.get(t, "/readyz"); w.Code != 503 {
		t.Errorf("/readyz with the database closed = %d; want 503", w.Code)
	}
	if w := s.get(t, "/healthz"); w.Code != 200 {
		t.Errorf("/healthz = %d; want 200", w.Code)
	}
}

// TestReadyzWhenDataFolderUnwritable: the database answers, but the data
// folder is a file now (root, who runs the tests, writes past permissions).
func TestReadyzWhenDataFolderUnwritable(t *testing.T) {
	db := storetest.Open(t, storetest.SQLiteDSN(t))
	blocker := filepath.Join(t.TempDir(), "data")
	if err := os.WriteFile(blocker, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	folder := &health.Folder{Dir: blocker}
	s := newSiteWith(t, db, web.Services{Categories: db, Articles: db, Side: db, Schedule: db, Ready: db.Ping, Writable: folder.Check}, t.TempDir())
	w := s.get(t, "/readyz")
	if w.Code != 503 || w.Body.String() != "data folder not writable\n" {
		t.Errorf("/readyz with the data folder a file = %d %q; want 503 data folder not writable", w.Code, w.Body)
	}
	writable := &health.Folder{Dir: t.TempDir()}
	s = newSiteWith(t, db, web.Services{Categories: db, Articles: db, Side: db, Schedule: db, Ready: db.Ping, Writable: writable.Check}, t.TempDir())
	if w := s.get(t, "/readyz"); w.Code != 200 {
		t.Errorf("/readyz with a writable data folder = %d; want 200", w.Code)
	}
}

func TestHiddenCategoryNeverListed(t *testing.T) {
	db := storetest.Open(t, storetest.SQLiteDSN(t))
	s := newSite(t, db)
	c := portal.Category{Name: "Nội bộ", Slug: "noi-bo", Visible: false}
	if err := db.CreateCategory(ctx, storetest.Actor, &c); err != nil {
		t.Fatal(err)
	}
	a := portal.Article{CategoryID: c.ID, Title: "Tin nội bộ không công khai", Status: portal.StatusPublished,
		PublishedAt: time.Now().Add(-time.Minute), Featured: true, Tags: []string{"Hậu Giang"}}
	if err := db.CreateArticle(ctx, storetest.Actor, &a); err != nil {
		t.Fatal(err)
	}
	s.h.ClearCache()
	for _, p := range []string{"/", "/noi-bo", "/noi-bo/" + a.Slug, "/tu-khoa/hau-giang", "/doc-nhieu", "/rss", "/luu-tru/" + time.Now().Format("2006/1")} {
		if body := s.get(t, p).Body.String(); strings.Contains(body, "không công khai") {
			t.Errorf("GET %s shows an article of a hidden category", p)
		}
	}
}

// TestCacheStats: the counts the metrics read of the page cache.
func TestCacheStats(t *testing.T) {
	db := storetest.Open(t, storetest.SQLiteDSN(t))
	s := newSite(t, db)
	s.get(t, "/")
	s.get(t, "/")
	st := s.h.CacheStats()
	if st.Hits != 1 || st.Misses != 1 || st.Entries != 1 || st.Bytes < 1000 {
		t.Errorf("CacheStats() after two views of / = %+v; want 1 hit, 1 miss, 1 entry of some bytes", st)
	}
	s.h.ClearCache()
	if st := s.h.CacheStats(); st.Entries != 0 || st.Bytes != 0 || st.Hits != 1 {
		t.Errorf("CacheStats() after ClearCache = %+v; want empty, counts kept", st)
	}
}
