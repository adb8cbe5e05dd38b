package web_test

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"cong/internal/auth"
	"cong/internal/demo"
	"cong/internal/portal"
	"cong/internal/store"
	"cong/internal/storetest"
	"cong/internal/web"
)

// membersSite is the demo portal with members: "dangvien" in the group
// "Chi bộ Văn phòng", "khach" in no group, a members-only article of the
// seed's category (by its own group) and a category restricted to the group.
type membersSite struct {
	*site
	group            portal.MemberGroup
	member, outsider portal.Member
	own, inCategory  portal.Article
	restricted       portal.Category
	password         string
	hasher           *auth.Hasher
}

const membersWord = "Tamgiacvang" // in both members-only titles, nowhere else

func newMembersSite(t testing.TB, db *store.DB) *membersSite {
	t.Helper()
	media := t.TempDir()
	if _, err := demo.Seed(ctx, db, media, time.Now()); err != nil {
		t.Fatal(err)
	}
	s := &membersSite{site: newSiteWith(t, db, web.Services{Categories: db, Articles: db, Side: db, Schedule: db, Popular: db,
		Search: db, Comments: db, Reports: db, Ready: db.Ping, Map: db, Members: db}, media),
		password: "mật khẩu thử 2026", hasher: auth.NewHasher(1)}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	s.restricted = portal.Category{Name: "Sinh hoạt chi bộ", Slug: "sinh-hoat-chi-bo", Visible: true}
	must(db.CreateCategory(ctx, storetest.Actor, &s.restricted))
	s.group = portal.MemberGroup{Name: "Chi bộ Văn phòng", CategoryIDs: []int64{s.restricted.ID}}
	must(db.SaveMemberGroup(ctx, storetest.Actor, &s.group))
	hash, err := s.hasher.Hash(ctx, s.password)
	must(err)
	s.member = portal.Member{Username: "dangvien", Name: "Nguyễn Văn Đảng", PasswordHash: hash, GroupIDs: []int64{s.group.ID}}
	must(db.CreateMember(ctx, storetest.Actor, &s.member))
	s.outsider = portal.Member{Username: "khach", Name: "Trần Khách", PasswordHash: hash}
	must(db.CreateMember(ctx, storetest.Actor, &s.outsider))
	seed, err := db.ArticleBySlug(ctx, demo.SeedSlug)
	must(err)
	past := time.Now().Add(-time.Minute)
	s.own = portal.Article{CategoryID: seed.CategoryID, Title: "Nghị quyết nội bộ " + membersWord, Summary: "Tóm tắt nội bộ",
		Body: "<p>Nội dung mật của chi bộ.</p>", Status: portal.StatusPublished, PublishedAt: past,
		Tags: seed.Tags, GroupIDs: []int64{s.group.ID}}
	must(db.CreateArticle(ctx, storetest.Actor, &s.own))
	s.inCategory = portal.Article{CategoryID: s.restricted.ID, Title: "Sinh hoạt tháng " + membersWord,
		Body: "<p>Biên bản sinh hoạt.</p>", Status: portal.StatusPublished, PublishedAt: past}
	must(db.CreateArticle(ctx, storetest.Actor, &s.inCategory))
	for _, a := range []*portal.Article{&s.own, &s.inCategory} {
		full, err := db.Article(ctx, a.ID)
		must(err)
		*a = *full
	}
	s.h.ClearCache()
	return s
}

// send makes a request with the cookie header given ("" for none).
func (s *membersSite) send(t testing.TB, method, path, cookie string, form url.Values) *httptest.ResponseRecorder {
	t.Helper()
	var body *strings.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	} else {
		body = strings.NewReader("")
	}
	r := httptest.NewRequest(method, path, body)
	r.Header.Set("User-Agent", browserUA)
	if form != nil {
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	if cookie != "" {
		r.Header.Set("Cookie", cookie)
	}
	r.RemoteAddr = "10.7.7.7:4000"
	w := httptest.NewRecorder()
	s.h.ServeHTTP(w, r)
	return w
}

// login signs username in and returns the cookie to send.
func (s *membersSite) login(t testing.TB, username, password string) string {
	t.Helper()
	w := s.send(t, "POST", "/thanh-vien/dang-nhap", "", url.Values{"username": {username}, "password": {password},
		"tiep": {s.own.URL()}})
	if w.Code != http.StatusSeeOther || w.Header().Get("Location") != s.own.URL() {
		t.Fatalf("login %s = %d to %q; want 303 to %s: %s", username, w.Code, w.Header().Get("Location"), s.own.URL(), w.Body)
	}
	c := memberCookie(w)
	if c == nil || !c.HttpOnly || c.SameSite != http.SameSiteLaxMode {
		t.Fatalf("login cookie = %+v; want one HttpOnly, SameSite=Lax", c)
	}
	return c.Name + "=" + c.Value
}

// flipFirst changes the first character of mac to another.
func flipFirst(mac string) string {
	if mac[0] == 'A' {
		return "B" + mac[1:]
	}
	return "A" + mac[1:]
}

// memberCookie is the member's cookie a response sets, nil for none.
func memberCookie(w *httptest.ResponseRecorder) *http.Cookie {
	for _, c := range w.Result().Cookies() {
		if strings.HasSuffix(c.Name, "cong_tv") {
			return c
		}
	}
	return nil
}

func private(t *testing.T, w *httptest.ResponseRecorder, what string) {
	t.Helper()
	if cc := w.Header().Get("Cache-Control"); !strings.Contains(cc, "private") || !strings.Contains(cc, "no-store") {
		t.Errorf("%s: Cache-Control = %q; want private, no-store", what, cc)
	}
	if w.Header().Get("ETag") != "" {
		t.Errorf("%s: has an ETag", what)
	}
}

// Members-only articles show nowhere a reader outside their groups looks
// (lists, feeds, sitemaps, search, most read, related, permanent address,
// print view), and their page is the sign-in form, 403, for strangers,
// for members of other groups, and for forged or outdated cookies; the
// page a member reads is made for that request, never cached.
func TestMembersOnly(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newMembersSite(t, db)
		titles := []string{s.own.Title, s.inCategory.Title, "Nội dung mật", "Biên bản sinh hoạt", "Tóm tắt nội bộ"}
		leaks := func(what string, w *httptest.ResponseRecorder) {
			t.Helper()
			body := w.Body.String()
			for _, title := range titles {
				if strings.Contains(body, title) {
					t.Errorf("%s (%d) shows %q", what, w.Code, title)
				}
			}
		}
		if err := db.AddViews(ctx, map[int64]int64{s.own.ID: 100000, s.inCategory.ID: 100000}); err != nil {
			t.Fatal(err)
		}
		for _, path := range []string{"/", seedURL, "/" + demo.SeedCategory, "/" + s.restricted.Slug, "/rss", "/atom",
			"/rss/" + demo.SeedCategory, "/sitemap.xml", "/sitemap/trang-1.xml", "/doc-nhieu",
			"/tim-kiem?q=" + membersWord, "/tim-kiem?q=" + strings.ToLower(membersWord),
			"/bai/" + strconv.FormatInt(s.own.ID, 10), "/bao-loi/" + strconv.FormatInt(s.own.ID, 10),
			"/luu-tru/" + time.Now().Format("2006/01"), "/so-do-trang"} {
			w := s.get(t, path)
			if w.Code >= 500 {
				t.Errorf("GET %s = %d", path, w.Code)
			}
			leaks("GET "+path, w)
		}
		if w := s.get(t, "/bai/"+strconv.FormatInt(s.own.ID, 10)); w.Code != http.StatusNotFound {
			t.Errorf("permanent address of a members-only article = %d; want 404 (a redirect names it)", w.Code)
		}
		if doc := parse(t, s.get(t, "/"+s.restricted.Slug)); doc.Find(".members-note a[href='/thanh-vien']").Length() != 1 {
			t.Error("the restricted category's page does not send members to sign in")
		}

		// Strangers get the sign-in form, twice (the second from the cache).
		for i, path := range []string{s.own.URL(), s.own.URL(), "/in" + s.own.URL(), s.inCategory.URL()} {
			w := s.send(t, "GET", path, "", nil)
			if w.Code != http.StatusForbidden {
				t.Errorf("stranger %d: GET %s = %d; want 403", i, path, w.Code)
			}
			private(t, w, "stranger's "+path)
			leaks("stranger's "+path, w)
			doc := parse(t, w)
			if doc.Find("form[action='/thanh-vien/dang-nhap'] input[name=tiep]").AttrOr("value", "") != path {
				t.Errorf("stranger's %s: the sign-in form does not come back to it", path)
			}
		}

		// A wrong password, one of no account, and empty, oversized or
		// hostile fields are the same 401, the markup never echoed.
		for _, tc := range [][2]string{{"dangvien", "sai"}, {"khong-co", s.password}, {"", ""},
			{strings.Repeat("a", 300), s.password}, {"dangvien", strings.Repeat("x", 2000)},
			{`"><script>alert(1)</script>`, "x"}} {
			w := s.send(t, "POST", "/thanh-vien/dang-nhap", "", url.Values{"username": {tc[0]}, "password": {tc[1]}})
			if w.Code != http.StatusUnauthorized || !strings.Contains(w.Body.String(), "không đúng") || memberCookie(w) != nil {
				t.Errorf("login %.40s/%.40s = %d, cookies %v; want 401, a message, none", tc[0], tc[1], w.Code, w.Result().Cookies())
			}
			if strings.Contains(w.Body.String(), "<script>alert") {
				t.Errorf("login %q echoes its markup", tc[0])
			}
		}

		member := s.login(t, "dangvien", s.password)
		for _, a := range []portal.Article{s.own, s.inCategory} {
			for i := 0; i < 2; i++ {
				w := s.send(t, "GET", a.URL(), member, nil)
				if w.Code != 200 || !strings.Contains(w.Body.String(), a.Title) {
					t.Fatalf("member: GET %s = %d; want 200 with its title", a.URL(), w.Code)
				}
				private(t, w, "member's "+a.URL())
				doc := parse(t, w)
				if doc.Find(".members-badge").Length() != 1 || doc.Find("form.comment-form").Length() != 0 || doc.Find("a.report-link").Length() != 0 {
					t.Errorf("member's %s: want the badge, no comment form, no report link", a.URL())
				}
			}
		}
		if w := s.send(t, "GET", "/in"+s.own.URL(), member, nil); w.Code != 200 || !strings.Contains(w.Body.String(), "Nội dung mật") {
			t.Errorf("member's print view = %d", w.Code)
		}
		// What the member read was not kept for the next stranger.
		w := s.send(t, "GET", s.own.URL(), "", nil)
		leaks("stranger after the member", w)
		if w.Code != http.StatusForbidden {
			t.Errorf("stranger after the member = %d; want 403", w.Code)
		}
		list := s.send(t, "GET", "/thanh-vien", member, nil)
		private(t, list, "the members' list")
		for _, a := range []portal.Article{s.own, s.inCategory} {
			if !strings.Contains(list.Body.String(), a.URL()) {
				t.Errorf("the members' list lacks %s", a.URL())
			}
		}
		if w := s.send(t, "GET", "/thanh-vien", "", nil); w.Code != http.StatusSeeOther || !strings.HasPrefix(w.Header().Get("Location"), "/thanh-vien/dang-nhap") {
			t.Errorf("the members' list without signing in = %d %q; want 303 to the sign-in", w.Code, w.Header().Get("Location"))
		}

		// A member of no group is told so; forged cookies are strangers.
		outsider := s.login(t, "khach", s.password)
		w = s.send(t, "GET", s.own.URL(), outsider, nil)
		if w.Code != http.StatusForbidden || !strings.Contains(w.Body.String(), "không thuộc nhóm") {
			t.Errorf("member of no group = %d; want 403 saying so", w.Code)
		}
		leaks("member of no group", w)
		name, value, _ := strings.Cut(member, "=")
		parts := strings.Split(value, ".")
		outsiderID := strconv.FormatInt(s.outsider.ID, 10)
		memberID := strconv.FormatInt(s.member.ID, 10)
		forged := []string{
			name + "=" + outsiderID + "." + parts[1] + "." + parts[2], // another's id under the member's MAC
			name + "=" + memberID + "." + strconv.FormatInt(time.Now().Unix()+5, 10) + "." + parts[2],
			name + "=" + memberID + "." + parts[1] + "." + flipFirst(parts[2]),
			name + "=" + memberID + "." + parts[1],
			name + "=" + strings.Repeat("9", 300),
		}
		for _, c := range forged {
			w := s.send(t, "GET", s.own.URL(), c, nil)
			if w.Code != http.StatusForbidden {
				t.Errorf("forged cookie %q = %d; want 403", c, w.Code)
			}
			leaks("forged cookie", w)
		}
		// A new password ends the sessions made before it.
		m, err := db.Member(ctx, s.member.ID)
		if err != nil {
			t.Fatal(err)
		}
		if m.PasswordHash, err = s.hasher.Hash(ctx, "mật khẩu mới 2027"); err != nil {
			t.Fatal(err)
		}
		if err := db.UpdateMember(ctx, storetest.Actor, m); err != nil {
			t.Fatal(err)
		}
		if w := s.send(t, "GET", s.own.URL(), member, nil); w.Code != http.StatusForbidden {
			t.Errorf("a session from before the new password = %d; want 403", w.Code)
		}
		// Signing out clears the cookie.
		w = s.send(t, "POST", "/thanh-vien/dang-xuat", member, url.Values{})
		if c := memberCookie(w); w.Code != http.StatusSeeOther || c == nil || c.MaxAge >= 0 {
			t.Errorf("sign out = %d, cookies %+v; want 303 clearing the cookie", w.Code, c)
		}
	})
}

// The sign-in goes back only to a path of this site, and counts failures.
func TestMemberLoginLimits(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newMembersSite(t, db)
		for _, next := range []string{"https://evil.example/", "//evil.example/", "/\\evil.example", "javascript:alert(1)"} {
			w := s.send(t, "POST", "/thanh-vien/dang-nhap", "", url.Values{"username": {"dangvien"},
				"password": {s.password}, "tiep": {next}})
			if w.Code != http.StatusSeeOther || w.Header().Get("Location") != "/thanh-vien" {
				t.Errorf("tiep=%q: %d to %q; want 303 to /thanh-vien", next, w.Code, w.Header().Get("Location"))
			}
		}
		var last int
		for i := 0; i < 12; i++ {
			last = s.send(t, "POST", "/thanh-vien/dang-nhap", "", url.Values{"username": {"khach"}, "password": {"sai"}}).Code
		}
		if last != http.StatusTooManyRequests {
			t.Errorf("the 12th wrong password = %d; want 429", last)
		}
		if w := s.send(t, "POST", "/thanh-vien/dang-nhap", "", url.Values{"username": {"khach"}, "password": {s.password}}); w.Code != http.StatusTooManyRequests {
			t.Errorf("the right password during the lockout = %d; want 429", w.Code)
		}
	})
}

// A member changes its own password: the current one is asked, the policy
// applies, the member stays signed in and other sessions end.
func TestMemberChangesPassword(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newMembersSite(t, db)
		first := s.login(t, "dangvien", s.password)
		other := s.login(t, "dangvien", s.password)
		for _, tc := range []struct {
			form url.Values
			want string
		}{
			{url.Values{"current": {"sai"}, "password": {"một mật khẩu dài"}, "confirm": {"một mật khẩu dài"}}, "Mật khẩu hiện tại không đúng."},
			{url.Values{"current": {s.password}, "password": {"một mật khẩu dài"}, "confirm": {"khác"}}, "không khớp"},
			{url.Values{"current": {s.password}, "password": {"ngắn"}, "confirm": {"ngắn"}}, "8 ký tự"},
		} {
			w := s.send(t, "POST", "/thanh-vien/mat-khau", first, tc.form)
			if w.Code != http.StatusBadRequest || !strings.Contains(w.Body.String(), tc.want) {
				t.Errorf("%v = %d; want 400 saying %q", tc.form, w.Code, tc.want)
			}
		}
		w := s.send(t, "POST", "/thanh-vien/mat-khau", first, url.Values{"current": {s.password},
			"password": {"sông Hậu mùa nước nổi"}, "confirm": {"sông Hậu mùa nước nổi"}})
		c := memberCookie(w)
		if w.Code != http.StatusSeeOther || c == nil {
			t.Fatalf("change = %d, cookie %v; want 303 and a new cookie", w.Code, c)
		}
		if w := s.send(t, "GET", s.own.URL(), c.Name+"="+c.Value, nil); w.Code != 200 {
			t.Errorf("with the new cookie = %d; want 200", w.Code)
		}
		if w := s.send(t, "GET", s.own.URL(), other, nil); w.Code != http.StatusForbidden {
			t.Errorf("another session after the change = %d; want 403", w.Code)
		}
		if w := s.send(t, "POST", "/thanh-vien/mat-khau", "", url.Values{}); w.Code != http.StatusSeeOther {
			t.Errorf("a change without signing in = %d; want 303 to the sign-in", w.Code)
		}
		s.login(t, "dangvien", "sông Hậu mùa nước nổi")
	})
}
