package admin_test

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/png"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"cong/internal/admin"
	"cong/internal/auth"
	"cong/internal/counter"
	"cong/internal/demo"
	"cong/internal/media"
	"cong/internal/portal"
	"cong/internal/store"
	"cong/internal/storetest"
	"cong/internal/web"
)

var ctx = context.Background()

// newsroom is a portal with staff of every role and articles in every state.
type newsroom struct {
	db      *store.DB
	h       http.Handler
	office  *admin.Handler
	site    *web.Handler
	tokens  map[string]string // role name → session token
	users   map[string]*portal.User
	article map[string]*portal.Article // state name → article
	cat     int64
	media   string // the media folder
}

const marker = "DAU-HIEU-BI-MAT-7f3a"

func newNewsroom(t *testing.T, db *store.DB) *newsroom {
	t.Helper()
	return newNewsroomAt(t, db, time.Now)
}

// newNewsroomAt builds a newsroom whose back office and public site both
// read the clock now. The site copies its clock when it is built, so the
// clock must be chosen here rather than swapped in afterwards.
func newNewsroomAt(t *testing.T, db *store.DB, now func() time.Time) *newsroom {
	t.Helper()
	dir := t.TempDir()
	n := newNewsroomOn(t, db, now, media.Dir(dir))
	n.media = dir
	return n
}

// newNewsroomOn is newNewsroomAt with uploads in files, a folder or a
// bucket.
func newNewsroomOn(t *testing.T, db *store.DB, now func() time.Time, files media.Storage) *newsroom {
	t.Helper()
	if _, err := demo.SeedIn(ctx, db, files, now()); err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	c := counter.New(db, 30*time.Minute, 20*time.Minute, log)
	c.Now = now
	// Version as in cmd/cong: the site notices what the schedule publishes.
	site, err := web.New(web.Config{Media: files, CacheTTL: time.Minute, CacheBytes: 8 << 20, VisitorTTL: time.Hour},
		web.Services{Categories: db, Articles: db, Side: db, Schedule: db, Popular: db, Search: db, Comments: db, Reports: db, Ready: db.Ping, Version: db.ContentVersion,
			Consultations: db, Questions: db, Contact: db, Documents: db, Map: db, Pages: db, Threads: db}, c, log)
	if err != nil {
		t.Fatal(err)
	}
	office, err := admin.New(admin.Config{Media: files, IdleTimeout: 15 * time.Minute, AbsoluteTimeout: 12 * time.Hour}, db, site, log)
	if err != nil {
		t.Fatal(err)
	}
	office.Now = now
	db.OnChange(site.ClearCache)
	mux := http.NewServeMux()
	mux.Handle(admin.Prefix+"/", office)
	mux.Handle("/", site)
	n := &newsroom{db: db, h: mux, office: office, site: site, tokens: map[string]string{}, users: map[string]*portal.User{},
		article: map[string]*portal.Article{}}
	cats, _ := db.Categories(ctx)
	n.cat = portal.NewCategoryTree(cats).BySlug("chinh-tri").ID
	for name, roles := range map[string][]portal.Role{
		"reporter": {portal.RoleReporter}, "reporter2": {portal.RoleReporter}, "editor": {portal.RoleEditor},
		"approver": {portal.RoleApprover}, "admin": {portal.RoleAdmin},
	} {
		n.addUser(t, name, roles)
	}
	for _, state := range []string{"own-draft", "other-draft", "submitted", "edited", "published", "returned"} {
		n.article[state] = n.addArticle(t, state)
	}
	return n
}

func (n *newsroom) addUser(t *testing.T, name string, roles []portal.Role) {
	t.Helper()
	u := &portal.User{Username: name, Name: "Cán bộ " + name, PasswordHash: "-", Roles: roles}
	if name == "editor" {
		u.CategoryIDs = []int64{n.cat}
	}
	if err := n.db.CreateUser(ctx, storetest.Actor, u); err != nil {
		t.Fatal(err)
	}
	token := auth.NewToken()
	now := time.Now()
	if err := n.db.StartSession(ctx, u.Actor(""), "", &portal.Session{ID: auth.HashToken(token), UserID: u.ID, CreatedAt: now, LastSeen: now}); err != nil {
		t.Fatal(err)
	}
	n.users[name], n.tokens[name] = u, token
}

// addArticle makes an article by "reporter" (or "reporter2") in a state.
func (n *newsroom) addArticle(t *testing.T, state string) *portal.Article {
	t.Helper()
	owner := n.users["reporter"]
	if state == "other-draft" {
		owner = n.users["reporter2"]
	}
	status := map[string]portal.Status{"own-draft": portal.StatusDraft, "other-draft": portal.StatusDraft,
		"submitted": portal.StatusSubmitted, "edited": portal.StatusEdited, "published": portal.StatusPublished,
		"returned": portal.StatusReturned}[state]
	a := &portal.Article{CategoryID: n.cat, Title: "Bài " + state + " " + marker, Body: "<p>" + marker + "</p>",
		Status: status, OwnerID: owner.ID, Author: owner.Name}
	if status == portal.StatusPublished {
		a.Title, a.Body = "Bài đã đăng", "<p>Công khai</p>"
		a.PublishedAt = time.Now().Add(-time.Hour)
	}
	if err := n.db.CreateArticle(ctx, storetest.Actor, a); err != nil {
		t.Fatal(err)
	}
	return a
}

// do sends a request as role ("anonymous" for nobody), same-origin.
func (n *newsroom) do(t *testing.T, role, method, path string, form url.Values) *httptest.ResponseRecorder {
	t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	r := httptest.NewRequest(method, path, body)
	if form != nil {
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		r.Header.Set("Sec-Fetch-Site", "same-origin")
	}
	if tok, ok := n.tokens[role]; ok {
		r.AddCookie(&http.Cookie{Name: "cong_s", Value: tok})
	}
	w := httptest.NewRecorder()
	n.h.ServeHTTP(w, r)
	return w
}

func (n *newsroom) articlePath(state string, suffix string) string {
	return admin.Prefix + "/bai-viet/" + strconv.FormatInt(n.article[state].ID, 10) + suffix
}

var roles = []string{"anonymous", "reporter", "editor", "approver", "admin"}
var states = []string{"own-draft", "other-draft", "submitted", "edited", "published", "returned"}

// allowed lists, per operation, the role/state cells that may succeed;
// every other cell must be denied.
var allowed = map[string]map[string]string{
	// Reading an article in the back office or previewing it.
	"view": {
		"reporter": "own-draft submitted edited published returned",
		"editor":   "submitted edited published returned",
		"approver": "submitted edited published returned",
		"admin":    "submitted edited published returned",
	},
	// Saving its content.
	"save": {
		"reporter": "own-draft returned",
		"editor":   "submitted",
		"approver": "submitted edited published",
		"admin":    "submitted edited published",
	},
	"submit":    {"reporter": "own-draft returned"},
	"forward":   {"editor": "submitted", "approver": "submitted", "admin": "submitted"},
	"return":    {"editor": "submitted", "approver": "submitted edited", "admin": "submitted edited"},
	"publish":   {"approver": "submitted edited", "admin": "submitted edited"},
	"unpublish": {"approver": "published", "admin": "published"},
	"archive":   {"approver": "published", "admin": "published"},
}

func expectAllowed(op, role, state string) bool {
	for _, s := range strings.Fields(allowed[op][role]) {
		if s == state {
			return true
		}
	}
	return false
}

// TestAccessTable tries every operation as every role on every state, on a
// fresh newsroom per role so that allowed changes do not disturb the rest.
func TestAccessTable(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		n := newNewsroom(t, db)
		cells, wrong := 0, 0
		for _, role := range roles {
			for _, state := range states {
				for _, op := range []string{"view", "preview"} {
					cells++
					w := n.do(t, role, "GET", n.articlePath(state, map[string]string{"view": "", "preview": "/xem-truoc"}[op]), nil)
					want := expectAllowed("view", role, state)
					if got := w.Code == 200; got != want {
						wrong++
						t.Errorf("%s %s %s: status %d; want allowed=%t", role, op, state, w.Code, want)
					}
					if !want && strings.Contains(w.Body.String(), marker) {
						t.Errorf("%s %s %s: denied page shows the draft", role, op, state)
					}
					if !want && w.Code != 404 {
						t.Errorf("%s %s %s: status %d; want 404, which tells nothing", role, op, state, w.Code)
					}
				}
			}
		}
		t.Logf("%d read cells, %d wrong", cells, wrong)
	})
}

func TestWriteTable(t *testing.T) {
	ops := []string{"save", "submit", "forward", "return", "publish", "unpublish", "archive"}
	for engine, dsn := range storetest.Engines(t) {
		for _, role := range roles {
			t.Run(engine+"/"+role, func(t *testing.T) {
				t.Parallel()
				n := newNewsroom(t, storetest.Open(t, dsn(t)))
				for _, op := range ops {
					for _, state := range states {
						a := n.addArticle(t, state) // a fresh one: an allowed step changes it
						before, _ := n.db.Article(ctx, a.ID)
						form := url.Values{"action": {op}, "note": {"Ghi chú kiểm thử"}}
						path := admin.Prefix + "/bai-viet/" + strconv.FormatInt(a.ID, 10) + "/chuyen"
						if op == "save" {
							form = url.Values{"title": {"Tiêu đề đã sửa"}, "body": {"<p>Sửa</p>"},
								"category": {strconv.FormatInt(n.cat, 10)}, "version": {strconv.FormatInt(before.Version, 10)}}
							path = admin.Prefix + "/bai-viet/" + strconv.FormatInt(a.ID, 10)
						}
						w := n.do(t, role, "POST", path, form)
						after, _ := n.db.Article(ctx, a.ID)
						changed := after.Version != before.Version
						want := expectAllowed(op, role, state)
						if changed != want || want && w.Code != http.StatusSeeOther || !want && w.Code < 400 {
							t.Errorf("%s %s on %s: status %d, changed %t; want allowed=%t", role, op, state, w.Code, changed, want)
						}
					}
				}
			})
		}
	}
}

func TestAdminPagesOnlyForAdmins(t *testing.T) {
	n := newNewsroom(t, storetest.Open(t, storetest.SQLiteDSN(t)))
	for _, path := range []string{"/chuyen-muc", "/nguoi-dung", "/nhat-ky", "/nguoi-dung/1", "/ra-soat"} {
		for _, role := range roles {
			w := n.do(t, role, "GET", admin.Prefix+path, nil)
			want := role == "admin"
			if got := w.Code == 200; got != want {
				t.Errorf("%s GET %s = %d; want allowed=%t", role, path, w.Code, want)
			}
		}
	}
}

func TestPathVariantsGrantNothing(t *testing.T) {
	n := newNewsroom(t, storetest.Open(t, storetest.SQLiteDSN(t)))
	id := strconv.FormatInt(n.article["other-draft"].ID, 10)
	for _, path := range []string{
		"/quan-tri/bai-viet/" + id + "/", "/quan-tri//bai-viet/" + id, "/quan-tri/bai-viet/%2e%2e/bai-viet/" + id,
		"/QUAN-TRI/bai-viet/" + id, "/quan-tri/BAI-VIET/" + id, "/quan-tri/bai-viet/" + id + "/xem-truoc/",
		"/quan-tri/bai-viet/0" + id, "/quan-tri/bai-viet/+" + id, "/quan-tri/bai-viet/" + id + "%2fxem-truoc",
		"/quan-tri/nguoi-dung/", "/quan-tri//nhat-ky", "/quan-tri/%6ehat-ky",
	} {
		for _, role := range []string{"anonymous", "reporter", "editor"} {
			w := n.do(t, role, "GET", path, nil)
			if w.Code == 200 && strings.Contains(w.Body.String(), marker) || w.Code == 200 && strings.Contains(path, "nhat-ky") {
				t.Errorf("%s GET %s = %d and shows what it may not", role, path, w.Code)
			}
		}
	}
}

func TestMassAssignment(t *testing.T) {
	n := newNewsroom(t, storetest.Open(t, storetest.SQLiteDSN(t)))
	a := n.article["own-draft"]
	form := url.Values{"title": {"Sửa"}, "body": {"<p>x</p>"}, "category": {strconv.FormatInt(n.cat, 10)},
		"version": {"1"}, "status": {"published"}, "owner_id": {strconv.FormatInt(n.users["reporter2"].ID, 10)},
		"view_count": {"99999"}, "published_at": {"2020-01-01T00:00"}, "slug": {"khac"}, "id": {"1"}}
	if w := n.do(t, "reporter", "POST", n.articlePath("own-draft", ""), form); w.Code != http.StatusSeeOther {
		t.Fatalf("save = %d", w.Code)
	}
	got, _ := n.db.Article(ctx, a.ID)
	if got.Status != portal.StatusDraft || got.OwnerID != a.OwnerID || got.ViewCount != 0 || !got.PublishedAt.IsZero() {
		t.Errorf("after posting extra fields: %+v; want only title and body changed", got)
	}
	if got.Title != "Sửa" {
		t.Errorf("title = %q; want the posted one", got.Title)
	}
}

func TestDraftsNeverPublic(t *testing.T) {
	n := newNewsroom(t, storetest.Open(t, storetest.SQLiteDSN(t)))
	paths := []string{"/", "/chinh-tri", "/chinh-tri?trang=1", "/lich-lam-viec"}
	for _, a := range n.article {
		paths = append(paths, "/chinh-tri/"+a.Slug)
	}
	for _, p := range paths {
		if body := n.do(t, "anonymous", "GET", p, nil).Body.String(); strings.Contains(body, marker) {
			t.Errorf("GET %s shows a draft", p)
		}
	}
}

func TestCrossSitePostRefused(t *testing.T) {
	n := newNewsroom(t, storetest.Open(t, storetest.SQLiteDSN(t)))
	a := n.article["own-draft"]
	r := httptest.NewRequest("POST", n.articlePath("own-draft", "/chuyen"), strings.NewReader("action=submit"))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	r.Header.Set("Sec-Fetch-Site", "cross-site")
	r.AddCookie(&http.Cookie{Name: "cong_s", Value: n.tokens["reporter"]})
	w := httptest.NewRecorder()
	n.h.ServeHTTP(w, r)
	got, _ := n.db.Article(ctx, a.ID)
	if w.Code != 403 || got.Status != portal.StatusDraft {
		t.Errorf("cross-site post: %d, status %s; want 403 and no change", w.Code, got.Status)
	}
	if h := w.Header().Get("Content-Security-Policy"); !strings.Contains(h, "frame-ancestors 'none'") {
		t.Errorf("CSP = %q", h)
	}
	if w.Header().Get("Cache-Control") != "no-store" {
		t.Errorf("Cache-Control = %q; want no-store", w.Header().Get("Cache-Control"))
	}
	checkPolicies(t, "cross-site post", w)
}

func TestLibraryUpload(t *testing.T) {
	n := newNewsroom(t, storetest.Open(t, storetest.SQLiteDSN(t)))
	png := testPNG(t, 800, 400)
	for _, tc := range []struct {
		name, file, alt string
		data            []byte
		want            int
		message         string
	}{
		{"good", "khanh-thanh.png", "Lễ khánh thành cầu", png, http.StatusSeeOther, ""},
		{"no alt", "khanh-thanh.png", "", png, 400, "văn bản thay thế"},
		{"not an image", "anh.png", "Ảnh", []byte("<html>không phải ảnh</html>"), 400, "Chỉ nhận ảnh"},
		{"wrong name", "anh.jpg", "Ảnh", png, 400, "định dạng"},
	} {
		w := n.upload(t, "reporter", tc.file, tc.alt, tc.data)
		if w.Code != tc.want || tc.message != "" && !strings.Contains(w.Body.String(), tc.message) {
			t.Errorf("%s: %d; want %d with %q", tc.name, w.Code, tc.want, tc.message)
		}
	}
	list, _ := n.db.ListMedia(ctx, portal.MediaFilter{Query: "khanh thanh", Images: true})
	if len(list) != 1 || list[0].Width != 800 || !slices.Equal(list[0].Variants, []int{320, 360, 640}) || list[0].WebP != nil {
		t.Fatalf("library after uploads = %+v; want the one good picture with 320, 360 and 640 copies, none WebP (a PNG)", list)
	}
	w := n.do(t, "reporter", "GET", admin.Prefix+"/thu-vien/anh.json?q=kh%C3%A1nh", nil)
	if w.Code != 200 || !strings.Contains(w.Body.String(), list[0].URL()) {
		t.Errorf("image list = %d %s", w.Code, w.Body.String())
	}
	// The picture in a body gets its copies and size on save.
	form := url.Values{"title": {"Có ảnh"}, "body": {`<p><img src="` + list[0].URL() + `" alt="Lễ khánh thành"></p>`},
		"category": {strconv.FormatInt(n.cat, 10)}, "version": {"1"}}
	if w := n.do(t, "reporter", "POST", n.articlePath("own-draft", ""), form); w.Code != http.StatusSeeOther {
		t.Fatalf("save = %d", w.Code)
	}
	a, _ := n.db.Article(ctx, n.article["own-draft"].ID)
	if !strings.Contains(a.Body, `srcset="`) || !strings.Contains(a.Body, `width="800"`) {
		t.Errorf("body = %s; want srcset and width", a.Body)
	}
}

func (n *newsroom) upload(t *testing.T, role, name, alt string, data []byte) *httptest.ResponseRecorder {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	mw.WriteField("alt", alt)
	mw.WriteField("caption", "Chú thích")
	fw, _ := mw.CreateFormFile("file", name)
	fw.Write(data)
	mw.Close()
	r := httptest.NewRequest("POST", admin.Prefix+"/thu-vien", &buf)
	r.Header.Set("Content-Type", mw.FormDataContentType())
	r.AddCookie(&http.Cookie{Name: "cong_s", Value: n.tokens[role]})
	w := httptest.NewRecorder()
	n.h.ServeHTTP(w, r)
	return w
}

func testPNG(t *testing.T, w, h int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for x := range w {
		img.Set(x, x%h, color.RGBA{200, 20, 30, 255})
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
