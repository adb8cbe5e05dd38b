package main

import (
	"io"
	"log/slog"
	"maps"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"cong/internal/auth"
	"cong/internal/config"
	"cong/internal/counter"
	"cong/internal/importer/pages/pagestest"
	"cong/internal/media"
	"cong/internal/metrics"
	"cong/internal/portal"
	"cong/internal/store"
	"cong/internal/storetest"
	"cong/internal/viet"
)

// siteContent is what a test puts on one site: a published article with
// an approved comment, a draft, and the words a search finds them by.
type siteContent struct {
	host              string
	category          portal.Category
	published, draft  portal.Article
	comment           string
	secrets           []string // texts no other site may show
	publicPaths       []string // its pages, 200 on its own host
	privatePaths      []string // 404 everywhere: the draft's
	fileName, welcome string
}

func makeSiteContent(t *testing.T, db *store.DB, host, name, word string) *siteContent {
	t.Helper()
	ctx := t.Context()
	c := &siteContent{host: host}
	c.category = portal.Category{Name: "Tin " + name, Slug: "tin-" + word, Visible: true}
	if err := db.CreateCategory(ctx, storetest.Actor, &c.category); err != nil {
		t.Fatal(err)
	}
	past := time.Now().Add(-2 * time.Hour)
	c.published = portal.Article{CategoryID: c.category.ID, Title: "Hội nghị " + name + " bàn chuyển đổi số " + word,
		Summary: "Tóm tắt " + word, Body: "<p>Nội dung chuyển đổi số của " + name + ".</p>",
		Status: portal.StatusPublished, PublishedAt: past, Tags: []string{"Chuyển đổi số"}}
	c.draft = portal.Article{CategoryID: c.category.ID, Title: "Bản nháp mật " + word + " chuyển đổi số",
		Body: "<p>Chưa được đăng.</p>", Status: portal.StatusDraft}
	for _, a := range []*portal.Article{&c.published, &c.draft} {
		if err := db.CreateArticle(ctx, storetest.Actor, a); err != nil {
			t.Fatal(err)
		}
	}
	c.comment = "Ý kiến bạn đọc về " + word
	cm := portal.Comment{ArticleID: c.published.ID, Name: "Bạn đọc", Body: c.comment, Approved: true,
		Status: portal.CommentApproved}
	if err := db.CreateComment(ctx, storetest.Actor, &cm); err != nil {
		t.Fatal(err)
	}
	if err := db.SaveSettings(ctx, storetest.Actor, map[string]string{portal.SettingFooterLicence: "Giấy phép " + word}); err != nil {
		t.Fatal(err)
	}
	c.secrets = []string{c.published.Title, c.draft.Title, c.comment, "Giấy phép " + word, c.category.Name}
	art := "/" + c.category.Slug + "/" + c.published.Slug
	c.publicPaths = []string{art, "/in" + art, "/" + c.category.Slug, "/rss/" + c.category.Slug, "/atom/" + c.category.Slug,
		"/bao-loi/" + strconv.FormatInt(c.published.ID, 10)}
	c.privatePaths = []string{"/" + c.category.Slug + "/" + c.draft.Slug, "/bai/" + strconv.FormatInt(c.draft.ID, 10)}
	return c
}

// TestSitesByHost serves two sites from one database on both engines.
// Whatever the Host and the path, nothing of one site — an article, a
// draft, a comment, a search hit, a setting, a cached page — shows on the
// other; an unknown Host is the main site, and no Host reaches a page.
func TestSitesByHost(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		cfg, err := config.Parse("cong serve", []string{"--base-url", "https://tinh.example.vn", "--data", t.TempDir()}, noenv, io.Discard)
		if err != nil {
			t.Fatal(err)
		}
		district := portal.Site{Name: "Cổng huyện Châu Thành", BaseURL: "https://huyen.example.vn"}
		if err := db.CreateSite(ctx, storetest.Actor, &district); err != nil {
			t.Fatal(err)
		}
		a := makeSiteContent(t, db.ForSite(portal.MainSite), "tinh.example.vn", "tỉnh ủy", "alpha")
		b := makeSiteContent(t, db.ForSite(district.ID), "huyen.example.vn", "huyện ủy", "beta")

		log := slog.New(slog.NewTextHandler(io.Discard, nil))
		m := metrics.New("test")
		all, err := newSites(ctx, cfg, cfg.BaseURL, db, media.Dir(cfg.MediaDir()),
			counter.New(db, cfg.ViewWindow, cfg.OnlineWindow, log), log, m, nil)
		if err != nil {
			t.Fatal(err)
		}
		get := func(host, path string) (int, string) {
			r := httptest.NewRequest("GET", path, nil)
			r.Host = host
			w := httptest.NewRecorder()
			all.handler.ServeHTTP(w, r)
			return w.Code, w.Body.String()
		}
		// Each site's own pages answer on its host, with its address; the
		// main one's on any host no site names.
		for _, c := range []struct {
			site  *siteContent
			hosts []string
			base  string
		}{{a, []string{"tinh.example.vn", "evil.example", "127.0.0.1:8080", "TINH.example.vn."}, "https://tinh.example.vn"},
			{b, []string{"huyen.example.vn", "HUYEN.EXAMPLE.VN:443"}, "https://huyen.example.vn"}} {
			for _, host := range c.hosts {
				for _, path := range c.site.publicPaths {
					code, body := get(host, path)
					if code != http.StatusOK {
						t.Errorf("Host %s GET %s = %d; want 200", host, path, code)
						continue
					}
					if strings.Contains(body, "evil.example") || strings.Contains(body, "127.0.0.1") {
						t.Errorf("Host %s GET %s: the request's host is on the page", host, path)
					}
				}
				if _, body := get(host, c.site.publicPaths[0]); !strings.Contains(body, c.base+c.site.publicPaths[0]) ||
					!strings.Contains(body, c.site.comment) {
					t.Errorf("Host %s: the article page has not its site's address %s or its comment", host, c.base)
				}
			}
		}
		// The other site's pages and drafts are not found, however asked,
		// after each site's own pages were cached.
		for _, c := range []struct {
			own, other *siteContent
			hosts      []string
		}{{a, b, []string{"tinh.example.vn", "evil.example", ""}}, {b, a, []string{"huyen.example.vn"}}} {
			for _, host := range c.hosts {
				for _, path := range append(append(c.other.publicPaths, c.other.privatePaths...), c.own.privatePaths...) {
					if code, body := get(host, path); code != http.StatusNotFound {
						t.Errorf("Host %q GET %s = %d; want 404", host, path, code)
					} else {
						noneOf(t, host, path, body, c.other.secrets)
					}
				}
				for _, path := range []string{"/", "/tim-kiem?q=chuyen+doi+so", "/tim-kiem?q=" + url.QueryEscape(c.other.comment),
					"/tu-khoa/chuyen-doi-so", "/rss", "/atom", "/sitemap.xml", "/sitemap/trang-1.xml", "/sitemap/chuyen-muc.xml", "/so-do-trang",
					"/doc-nhieu", "/bai/" + strconv.FormatInt(c.other.published.ID, 10), "/" + c.own.category.Slug} {
					_, body := get(host, path)
					secrets := c.other.secrets
					if strings.HasPrefix(path, "/tim-kiem") { // the words searched are on the page
						secrets = []string{c.other.published.Slug, c.other.draft.Slug}
					}
					noneOf(t, host, path, body, secrets)
					noneOf(t, host, path, body, []string{c.own.draft.Title, c.own.draft.Slug})
				}
				for _, path := range []string{"/sitemap/trang-1.xml", "/rss", "/"} {
					if _, body := get(host, path); !strings.Contains(body, c.own.published.Slug) {
						t.Errorf("Host %q GET %s: the site's own article is missing", host, path)
					}
				}
				if _, body := get(host, "/tim-kiem?q=chuyen+doi+so"); !strings.Contains(body, c.own.published.Slug) {
					t.Errorf("Host %q: search does not find the site's own article", host)
				}
			}
		}
		// The main site's registers are not on the district's.
		for _, path := range []string{"/lich-lam-viec", "/lich-lam-viec.ics", "/van-ban", "/hoi-dap", "/lien-he",
			"/gop-y-du-thao", "/binh-chon", "/ban-do-hanh-chinh", "/ban-do-hanh-chinh/x", "/dong-su-kien", "/gioi-thieu", "/thanh-vien/dang-nhap"} {
			if code, _ := get("huyen.example.vn", path); code != http.StatusNotFound {
				t.Errorf("district GET %s = %d; want 404", path, code)
			}
		}

		for _, path := range []string{"/", "/so-do-trang"} {
			_, body := get("huyen.example.vn", path)
			for _, link := range []string{`href="/van-ban"`, `href="/hoi-dap"`, `href="/gop-y-du-thao"`, `href="/lich-lam-viec"`, `href="/binh-chon"`, `href="/ban-do-hanh-chinh"`} {
				if strings.Contains(body, link) {
					t.Errorf("the district's %s links to the main site's section %s", path, link)
				}
			}
		}

		// A change made on the district purges its pages at its host
		// alone; one made by the store as a whole (the clock), every
		// site's pages, each at its own host.
		changed := []string{"article:" + strconv.FormatInt(b.published.ID, 10)}
		for _, c := range []struct {
			site      int64
			hosts     []string
			published bool // the district's article's page is purged
		}{
			{district.ID, []string{"huyen.example.vn"}, true},
			{portal.MainSite, []string{"tinh.example.vn"}, false},
			{0, []string{"huyen.example.vn", "tinh.example.vn"}, true},
		} {
			hosts := map[string]bool{}
			published := false
			for _, p := range all.purgePages(ctx, c.site, changed) {
				hosts[p.Host] = true
				if p.Path == b.publicPaths[0] {
					published = published || p.Host == "huyen.example.vn"
					if p.Host != "huyen.example.vn" {
						t.Errorf("site %d: the district's article purged at %s", c.site, p.Host)
					}
				}
			}
			if got := slices.Sorted(maps.Keys(hosts)); !slices.Equal(got, c.hosts) || published != c.published {
				t.Errorf("a change on site %d purges at %v (the district's article: %v); want %v (%v)", c.site, got, published, c.hosts, c.published)
			}
		}

		// A new name changes no handler; a new address moves the site to
		// its new host, and the old one is the main site's again.
		handlers := map[int64]http.Handler{}
		for id, b := range all.built {
			handlers[id] = b.handler
		}
		for _, x := range []portal.Site{{ID: portal.MainSite, Slug: "chinh", Name: "Cổng tỉnh"}, {ID: district.ID, Slug: district.Slug,
			Name: "Cổng huyện Châu Thành mới", BaseURL: district.BaseURL}} {
			if err := db.UpdateSite(ctx, storetest.Actor, &x); err != nil {
				t.Fatal(err)
			}
		}
		if err := all.load(ctx); err != nil {
			t.Fatal(err)
		}
		for id, b := range all.built {
			if b.handler != handlers[id] {
				t.Errorf("site %d was built again for a new name", id)
			}
		}
		moved := district
		moved.BaseURL = "https://chauthanh.example.vn"
		if err := db.UpdateSite(ctx, storetest.Actor, &moved); err != nil {
			t.Fatal(err)
		}
		if err := all.load(ctx); err != nil {
			t.Fatal(err)
		}
		if code, body := get("chauthanh.example.vn", b.publicPaths[0]); code != http.StatusOK || !strings.Contains(body, "https://chauthanh.example.vn"+b.publicPaths[0]) {
			t.Errorf("the district at its new address = %d", code)
		}
		if code, _ := get("huyen.example.vn", b.publicPaths[0]); code != http.StatusNotFound {
			t.Errorf("the district at its old address = %d; want 404 (the main site's)", code)
		}
		if err := db.UpdateSite(ctx, storetest.Actor, &district); err != nil {
			t.Fatal(err)
		}
		if err := all.load(ctx); err != nil {
			t.Fatal(err)
		}
		// A category's address is the site's own: the district may have
		// the province's, and each host answers with its own.
		same := portal.Category{Name: "Chuyên mục trùng của huyện", Slug: a.category.Slug, Visible: true}
		if err := db.ForSite(district.ID).CreateCategory(ctx, storetest.Actor, &same); err != nil {
			t.Fatal(err)
		}
		for _, feed := range []string{"", "/rss", "/atom"} {
			path := feed + "/" + a.category.Slug
			if code, body := get("huyen.example.vn", path); code != http.StatusOK || !strings.Contains(body, same.Name) ||
				strings.Contains(body, a.category.Name) || strings.Contains(body, a.published.Title) {
				t.Errorf("the district's %s = %d; want its own category, nothing of the province's", path, code)
			}
			if code, body := get("tinh.example.vn", path); code != http.StatusOK || !strings.Contains(body, a.published.Title) ||
				strings.Contains(body, same.Name) {
				t.Errorf("the province's %s = %d; want its own category, nothing of the district's", path, code)
			}
		}

		// Each site's page cache is in the metrics under its code, the
		// district's once however often it was built again.
		get("huyen.example.vn", b.publicPaths[0])
		srv := httptest.NewServer(m.Handler())
		series := scrape(t, srv.URL)
		srv.Close()
		for _, site := range []string{"chinh", district.Slug} {
			if series[`cong_page_cache_entries{site="`+site+`"}`] < 1 {
				t.Errorf("the metrics have no page cache of site %s: %v", site, series)
			}
		}
		n := 0
		for k := range series {
			if strings.HasPrefix(k, "cong_page_cache_entries{") {
				n++
			}
		}
		if n != 2 {
			t.Errorf("%d page caches in the metrics; want 2", n)
		}

		// Visitors: each site counts its own, and after a flush the
		// database holds them apart.
		mainCounters, districtCounters := all.built[portal.MainSite].counters, all.built[district.ID].counters
		beforeMain, _ := mainCounters.Visits.Counts(time.Now())
		beforeDistrict, _ := districtCounters.Visits.Counts(time.Now())
		r := httptest.NewRequest("GET", "/", nil)
		r.Host = "huyen.example.vn"
		r.Header.Set("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0")
		all.handler.ServeHTTP(httptest.NewRecorder(), r)
		afterMain, _ := mainCounters.Visits.Counts(time.Now())
		afterDistrict, _ := districtCounters.Visits.Counts(time.Now())
		if afterMain != beforeMain || afterDistrict != beforeDistrict+1 {
			t.Errorf("a visit to the district: main %d → %d, district %d → %d", beforeMain, afterMain, beforeDistrict, afterDistrict)
		}
		if err := districtCounters.Flush(ctx); err != nil {
			t.Fatal(err)
		}
		day := time.Now().In(viet.Location).Format("2006-01-02")
		if n, _, _ := db.ForSite(district.ID).Visits(ctx, day); n != afterDistrict {
			t.Errorf("the district's visits stored = %d; want %d", n, afterDistrict)
		}
		if n, _, _ := db.Visits(ctx, day); n != 0 {
			t.Errorf("the main site's visits stored = %d; want none", n)
		}

		// Staff: an account with roles on the main site alone cannot enter
		// the district's back office; one with a role there sees its
		// articles and none of the main site's, and no main-site page.
		hash, _ := auth.NewHasher(1).Hash(ctx, "nắng vàng trên sông Hậu")
		for _, u := range []*portal.User{{Username: "tinh", Name: "Quản trị tỉnh", PasswordHash: hash, Roles: []portal.Role{portal.RoleAdmin}},
			{Username: "huyen", Name: "Quản trị huyện", PasswordHash: hash, Roles: []portal.Role{portal.RoleReporter}}} {
			if err := db.CreateUser(ctx, storetest.Actor, u); err != nil {
				t.Fatal(err)
			}
			if u.Username == "huyen" {
				grant := portal.User{ID: u.ID, Roles: []portal.Role{portal.RoleAdmin}}
				if err := db.SaveSiteGrants(ctx, storetest.Actor, district.ID, &grant); err != nil {
					t.Fatal(err)
				}
			}
		}
		login := func(host, user string) []*http.Cookie {
			form := url.Values{"username": {user}, "password": {"nắng vàng trên sông Hậu"}}
			r := httptest.NewRequest("POST", "/quan-tri/dang-nhap", strings.NewReader(form.Encode()))
			r.Host = host
			r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			w := httptest.NewRecorder()
			all.handler.ServeHTTP(w, r)
			if w.Code != http.StatusSeeOther {
				return nil
			}
			return w.Result().Cookies()
		}
		if c := login("huyen.example.vn", "tinh"); c != nil {
			t.Error("an account without a role on the district signed in there")
		}
		cookies := login("huyen.example.vn", "huyen")
		if cookies == nil {
			t.Fatal("the district's administrator cannot sign in there")
		}
		staffGet := func(path string) (int, string) {
			r := httptest.NewRequest("GET", path, nil)
			r.Host = "huyen.example.vn"
			for _, c := range cookies {
				r.AddCookie(c)
			}
			w := httptest.NewRecorder()
			all.handler.ServeHTTP(w, r)
			return w.Code, w.Body.String()
		}
		for _, path := range []string{"/quan-tri/bai-viet", "/quan-tri/bai-viet?hang=da-xuat-ban", "/quan-tri/y-kien?trang-thai=approved", "/quan-tri/chuyen-muc"} {
			code, body := staffGet(path)
			if code != http.StatusOK {
				t.Errorf("district staff GET %s = %d; want 200", path, code)
			}
			noneOf(t, "huyen.example.vn (staff)", path, body, a.secrets)
		}
		if _, body := staffGet("/quan-tri/bai-viet?hang=da-xuat-ban"); !strings.Contains(body, b.published.Title) {
			t.Error("the district's newsroom does not list its own article")
		}
		// The district's editor offers none of the main site's threads and
		// members' groups, which an article there could never join.
		th := portal.Thread{Title: "Dòng sự kiện của tỉnh"}
		g := portal.MemberGroup{Name: "Chi bộ của tỉnh"}
		if err := db.CreateThread(ctx, storetest.Actor, &th); err != nil {
			t.Fatal(err)
		}
		if err := db.SaveMemberGroup(ctx, storetest.Actor, &g); err != nil {
			t.Fatal(err)
		}
		for _, path := range []string{"/quan-tri/bai-viet/" + strconv.FormatInt(b.published.ID, 10), "/quan-tri/bai-viet/moi"} {
			code, body := staffGet(path)
			if code != http.StatusOK || !strings.Contains(body, `name="title"`) {
				t.Errorf("district staff GET %s = %d; want the editor", path, code)
			}
			for _, s := range []string{`name="thread"`, `name="groups"`, th.Title, g.Name} {
				if strings.Contains(body, s) {
					t.Errorf("the district's editor %s shows %q of the main site", path, s)
				}
			}
		}
		for _, path := range []string{"/quan-tri/bai-viet/" + strconv.FormatInt(a.published.ID, 10), "/quan-tri/nguoi-dung",
			"/quan-tri/cac-trang", "/quan-tri/nhat-ky", "/quan-tri/van-ban", "/quan-tri/lich-lam-viec"} {
			if code, _ := staffGet(path); code != http.StatusNotFound && code != http.StatusForbidden {
				t.Errorf("district staff GET %s = %d; want 404 or 403", path, code)
			}
		}
	})
}

// noneOf fails when body holds any of texts.
func noneOf(t *testing.T, host, path, body string, texts []string) {
	t.Helper()
	for _, s := range texts {
		if strings.Contains(body, s) {
			t.Errorf("Host %q GET %s shows %q of the other site", host, path, s)
		}
	}
}

// `cong site add` adds a site, finds it when run again, refuses another
// on the same host and bad addresses; `cong site list` lists them.
func TestSiteCommand(t *testing.T) {
	dir := t.TempDir()
	cong := func(args ...string) (string, error) {
		var out strings.Builder
		err := run(t.Context(), append(args, "--data", dir, "--log-level", "error"), noenv, &out, &out)
		return out.String(), err
	}
	if _, err := cong("migrate"); err != nil {
		t.Fatal(err)
	}
	add := []string{"site", "add", "--name", "Cổng huyện Châu Thành", "--url", "https://chauthanh.example.vn"}
	out, err := cong(add...)
	if err != nil || !strings.Contains(out, "added site 2: cong-huyen-chau-thanh") {
		t.Fatalf("site add = %q, %v", out, err)
	}
	if out, err := cong(add...); err != nil || !strings.Contains(out, "is there already, id 2") {
		t.Errorf("site add again = %q, %v", out, err)
	}
	for _, bad := range [][]string{
		{"site", "add", "--name", "Khác", "--url", "https://chauthanh.example.vn"},
		{"site", "add", "--name", "Sai", "--base-url", "chauthanh"},
		{"site", "add", "--name", "Thiếu"},
		{"site", "remove"},
	} {
		if out, err := cong(bad...); err == nil {
			t.Errorf("%v = %q; want an error", bad, out)
		}
	}
	out, err = cong("site", "list")
	if err != nil || !strings.Contains(out, "1\tchinh\t") || !strings.Contains(out, "2\tcong-huyen-chau-thanh\tCổng huyện Châu Thành\thttps://chauthanh.example.vn") {
		t.Errorf("site list = %q, %v", out, err)
	}
}

// `cong import --site` brings an old portal into one site: its categories
// and articles are the site's, none the main site's, and its old addresses
// lead to them on the site alone.
func TestImportIntoSite(t *testing.T) {
	saved, dir := pagestest.Write(t), t.TempDir()
	cong := func(args ...string) (string, error) {
		var out strings.Builder
		err := run(t.Context(), append(args, "--data", dir, "--log-level", "error"), noenv, &out, &out)
		return out.String(), err
	}
	if out, err := cong("site", "add", "--name", "Cổng huyện", "--url", "https://huyen.example.vn", "--slug", "huyen"); err != nil {
		t.Fatalf("site add: %v\n%s", err, out)
	}
	if out, err := cong("import", "pages", saved.Dir, "--rules", "haugiang", "--site", "khong-co"); err == nil || !strings.Contains(err.Error(), `no site "khong-co"`) {
		t.Errorf("an unknown site: %v\n%s", err, out)
	}
	// Two pages of the saved site fail on purpose (see TestImportPagesCommand).
	if out, err := cong("import", "pages", saved.Dir, "--rules", "haugiang", "--site", "huyen"); err == nil || !strings.Contains(err.Error(), "2 items failed") {
		t.Fatalf("import into the site: %v\n%s", err, out)
	}
	db := storetest.Open(t, filepath.Join(dir, "cong.db"))
	district := db.ForSite(2)
	n, err := district.CountArticles(t.Context(), portal.ArticleFilter{})
	if err != nil || n == 0 {
		t.Fatalf("the district's articles = %d, %v", n, err)
	}
	if m, _ := db.ForSite(portal.MainSite).CountArticles(t.Context(), portal.ArticleFilter{}); m != 0 {
		t.Errorf("the main site got %d imported articles", m)
	}
	if cats, _ := db.ForSite(portal.MainSite).Categories(t.Context()); len(cats) != 0 {
		t.Errorf("the main site got categories: %+v", cats)
	}
	legacy := pagestest.SeedAddress
	if _, err := district.LegacyPath(t.Context(), portal.LegacyKeyOf(legacy)); err != nil {
		t.Errorf("the district's old address %s: %v", legacy, err)
	}
	if _, err := db.LegacyPath(t.Context(), portal.LegacyKeyOf(legacy)); portal.ErrorCode(err) != portal.ENOTFOUND {
		t.Errorf("the main site knows the district's old address: %v", err)
	}
}
