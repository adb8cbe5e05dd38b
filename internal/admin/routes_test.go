package admin_test

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"cong/internal/admin"
	"cong/internal/auth"
	"cong/internal/portal"
	"cong/internal/store"
	"cong/internal/storetest"
)

// The route matrix tries every route of the table as every kind of person,
// and every article route on an article in every state. What it expects
// comes from the table (admin's routes and portal's RolePermissions) and
// the workflow's rules, never from a list kept here: a route added to the
// table is tried at once, and one whose address this test cannot build
// fails it until the test learns what its path parameters stand for.

// matrixPeople are who the matrix tries: each role, an editor of another
// category, a disabled administrator, and nobody signed in.
var matrixPeople = []string{"anonymous", "reporter", "editor", "editor-other", "approver", "admin", "disabled"}

// matrixStates are the article states the article routes are tried on.
var matrixStates = []string{"own-draft", "other-draft", "submitted", "edited", "returned", "published", "scheduled",
	"unpublished", "archived"}

// scheduleStates are the schedule entries' states tried, all owned by "reporter".
var scheduleStates = []string{"draft", "submitted", "published"}

type matrix struct {
	*newsroom
	articles       map[string]*portal.Article
	entries        map[string]*portal.ScheduleEntry
	ids            map[string]int64 // the first segment after the prefix → the id its {id} stands for
	document       int64
	consult        int64
	media          int64 // a file of the consultation, detached and attached again before each try
	reportCategory int64 // the category of the article the report of the matrix is on

	// department receives the contact message the matrix opens; only
	// "editor" of the staff without ManageContact is assigned to it.
	department *portal.Department
}

func newMatrix(t *testing.T, db *store.DB) *matrix {
	t.Helper()
	m := &matrix{newsroom: newNewsroom(t, db), articles: map[string]*portal.Article{}, entries: map[string]*portal.ScheduleEntry{},
		ids: map[string]int64{}}
	m.addPeople(t)
	m.addStates(t)
	m.findObjects(t)
	return m
}

func (m *matrix) addPeople(t *testing.T) {
	t.Helper()
	cats, _ := m.db.Categories(ctx)
	var other int64
	for _, c := range cats {
		if c.ID != m.cat {
			other = c.ID
			break
		}
	}
	for name, u := range map[string]*portal.User{
		"editor-other": {Roles: []portal.Role{portal.RoleEditor}, CategoryIDs: []int64{other}},
		"disabled":     {Roles: []portal.Role{portal.RoleReporter, portal.RoleAdmin}, Disabled: true},
	} {
		u.Username, u.Name, u.PasswordHash = name, "Cán bộ "+name, "-"
		if err := m.db.CreateUser(ctx, storetest.Actor, u); err != nil {
			t.Fatal(err)
		}
		m.users[name] = u
	}
}

// addStates completes the articles with those the newsroom lacks, and adds
// schedule entries in a few states.
func (m *matrix) addStates(t *testing.T) {
	t.Helper()
	for state, a := range m.article {
		m.articles[state] = a
	}
	now := time.Now()
	for state, status := range map[string]portal.Status{"scheduled": portal.StatusScheduled,
		"unpublished": portal.StatusUnpublished, "archived": portal.StatusArchived} {
		a := &portal.Article{CategoryID: m.cat, Title: "Bài " + state, Body: "<p>Nội dung</p>", Status: status,
			OwnerID: m.users["reporter"].ID, Author: "Phóng viên", PublishedAt: now.Add(-time.Hour)}
		if status == portal.StatusScheduled {
			a.PublishedAt = now.Add(24 * time.Hour)
		}
		if err := m.db.CreateArticle(ctx, storetest.Actor, a); err != nil {
			t.Fatal(err)
		}
		m.articles[state] = a
	}
	seeded, err := m.db.ScheduleEntries(ctx, now.AddDate(0, 0, -14), now.AddDate(0, 0, 14))
	if err != nil || len(seeded) == 0 {
		t.Fatalf("seeded schedule: %d entries, %v", len(seeded), err)
	}
	for state, status := range map[string]portal.Status{"draft": portal.StatusDraft, "submitted": portal.StatusSubmitted,
		"published": portal.StatusPublished} {
		e := seeded[0]
		e.ID, e.Status, e.OwnerID, e.Sequence, e.AdjustNote, e.AdjustedAt = 0, status, m.users["reporter"].ID, 0, "", time.Time{}
		if err := m.db.CreateScheduleEntry(ctx, storetest.Actor, &e); err != nil {
			t.Fatal(err)
		}
		m.entries[state] = &e
	}
}

// findObjects picks, for each kind of object the back office keeps, one
// that every route on it can find, making those the demo lacks.
func (m *matrix) findObjects(t *testing.T) {
	t.Helper()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	docs, err := m.db.Documents(ctx, portal.DocumentFilter{All: true, Page: 1})
	must(err)
	m.document = docs.Documents[0].ID
	// Unpublished, so everyone who writes documents may change it.
	must(m.db.SetDocumentPublished(ctx, storetest.Actor, m.document, false))

	consultations, err := m.db.Consultations(ctx, portal.ConsultationFilter{Limit: 100})
	must(err)
	for _, c := range consultations {
		full, err := m.db.Consultation(ctx, c.ID)
		must(err)
		comments, err := m.db.ConsultationComments(ctx, c.ID, "", 1)
		must(err)
		if len(full.Files) > 0 && len(comments) > 0 {
			m.consult, m.media, m.ids["gop-y"] = c.ID, full.Files[0].ID, comments[0].ID
		}
	}
	if m.consult == 0 {
		t.Fatal("the demo has no consultation with files and comments")
	}

	c := &portal.Comment{ArticleID: m.article["published"].ID, Name: "Bạn đọc", Email: "ban@doc.vn", IP: "10.9.9.9",
		Body: "Ý kiến chờ duyệt"}
	must(m.db.CreateComment(ctx, storetest.Actor, c))
	report := &portal.ErrorReport{ArticleID: m.article["published"].ID, Name: "Bạn đọc", Email: "ban@doc.vn",
		IP: "10.9.9.7", Quote: "Hội nghi", Body: "Thiếu dấu: Hội nghị"}
	must(m.db.SubmitErrorReport(ctx, portal.Reader(report.IP), report, time.Second, 10))
	m.reportCategory = m.article["published"].CategoryID
	q := askQuestion(t, m.db, "10.9.9.8")
	file := filepath.Join(m.newsroom.media, filepath.FromSlash(q.Attachment.File))
	must(os.MkdirAll(filepath.Dir(file), 0o755))
	must(os.WriteFile(file, []byte("%PDF-1.4\n"), 0o644))
	m.department = &portal.Department{Name: "Văn phòng", Emails: []string{"vanphong@example.vn"},
		StaffIDs: []int64{m.users["editor"].ID}}
	must(m.db.SaveDepartment(ctx, storetest.Actor, m.department))
	msg := &portal.ContactMessage{DepartmentID: m.department.ID, Name: "Bạn đọc", Email: "ban@doc.vn", IP: "10.9.9.7",
		Subject: "Thư thử", Body: "Nội dung thư"}
	must(m.db.SubmitContact(ctx, portal.Reader(msg.IP), msg, time.Minute, 5))
	notice := &portal.Notice{Text: "Thông báo thử", Level: portal.NoticeInfo, StartsAt: time.Now()}
	must(m.db.SaveNotice(ctx, storetest.Actor, notice))
	links, err := m.db.AllImageLinks(ctx)
	must(err)
	ads, err := m.db.AllAds(ctx)
	must(err)
	pages, err := m.db.Pages(ctx, "vi", false)
	must(err)
	leaders, err := m.db.Leaders(ctx, true)
	must(err)
	units, err := m.db.AdminMap(ctx)
	must(err)
	if len(links) == 0 || len(ads) == 0 || len(pages) == 0 || len(leaders) == 0 || len(units.Units) == 0 {
		t.Fatalf("the demo lacks objects: %d links, %d ads, %d pages, %d leaders, %d units",
			len(links), len(ads), len(pages), len(leaders), len(units.Units))
	}
	group := &portal.MemberGroup{Name: "Chi bộ thử"}
	must(m.db.SaveMemberGroup(ctx, storetest.Actor, group))
	member := &portal.Member{Username: "dang-vien", Name: "Đảng viên", PasswordHash: "x", GroupIDs: []int64{group.ID}}
	must(m.db.CreateMember(ctx, storetest.Actor, member))
	m.ids["thanh-vien"], m.ids["thanh-vien/nhom"] = member.ID, group.ID
	site := &portal.Site{Name: "Cổng huyện thử", BaseURL: "https://huyen.example.vn"}
	must(m.db.CreateSite(ctx, storetest.Actor, site))
	m.ids["cac-trang"] = site.ID
	for section, id := range map[string]int64{
		"van-ban": m.document, "gop-y-du-thao": m.consult, "y-kien": c.ID, "bao-loi": report.ID, "hoi-dap": q.ID,
		"thong-bao-khan": notice.ID, "anh-lien-ket": links[0].ID, "quang-cao": ads[0].ID, "trang": pages[0].ID,
		"lanh-dao": leaders[0].ID, "ban-do": units.Units[0].ID, "nguoi-dung": m.users["reporter2"].ID,
		"lien-he":  msg.ID,
		"but-danh": m.articles["archived"].PenNameID, // carried by articles: never deleted by a try
	} {
		m.ids[section] = id
	}
}

// section is the first segment of a back-office path: the kind of object.
func section(pattern string) string {
	s, _, _ := strings.Cut(strings.TrimPrefix(pattern, admin.Prefix+"/"), "/")
	return s
}

var wildcard = regexp.MustCompile(`\{[a-z$]+\}`)

// address builds a path for r, on the article or schedule entry of state
// where r is on one; it prepares what a try may use up (a file to remove).
func (m *matrix) address(t *testing.T, r admin.RouteSpec, state string) string {
	t.Helper()
	switch r.Pattern {
	case admin.Prefix + "/static/":
		return r.Pattern + "admin.css"
	case admin.Prefix + "/":
		return r.Pattern + "khong-co-trang-nay"
	}
	kind := section(r.Pattern)
	if strings.HasPrefix(r.Pattern, admin.Prefix+"/thanh-vien/nhom/") {
		kind = "thanh-vien/nhom" // groups, beside members
	}
	var fail string
	path := wildcard.ReplaceAllStringFunc(r.Pattern, func(w string) string {
		if w == "{$}" {
			return ""
		}
		id, ok := m.param(t, kind, w, state)
		if !ok {
			fail = w
		}
		return strconv.FormatInt(id, 10)
	})
	if fail != "" {
		t.Fatalf("%s %s: the matrix does not know what %s stands for; teach address() before adding the route",
			r.Method, r.Pattern, fail)
	}
	if strings.HasSuffix(r.Pattern, "/so-sanh") {
		rev, _ := m.param(t, kind, "{rev}", state)
		path += "?tu=" + strconv.FormatInt(rev, 10) + "&den=" + strconv.FormatInt(rev, 10)
	}
	return path
}

func (m *matrix) param(t *testing.T, kind, w, state string) (int64, bool) {
	t.Helper()
	switch {
	case w == "{id}" && kind == "bai-viet":
		return m.articles[state].ID, true
	case w == "{id}" && kind == "lich-lam-viec":
		return m.entries[state].ID, true
	case w == "{id}" && kind == "binh-chon":
		return m.freshPoll(t), true
	case w == "{id}" && kind == "dong-su-kien":
		return m.freshThread(t), true
	case w == "{id}" && kind == "chuyen-de":
		return m.freshCollection(t), true
	case w == "{id}":
		id, ok := m.ids[kind]
		return id, ok
	case w == "{user}" && kind == "cac-trang":
		return m.users["reporter2"].ID, true
	case w == "{rev}" && kind == "bai-viet":
		revs, err := m.db.Revisions(ctx, m.articles[state].ID)
		if err != nil || len(revs) == 0 {
			t.Fatalf("revisions of %s: %d, %v", state, len(revs), err)
		}
		return revs[0].ID, true
	case w == "{file}" && kind == "van-ban":
		return m.freshDocumentFile(t), true
	case w == "{media}" && kind == "gop-y-du-thao":
		m.db.RemoveConsultationFile(ctx, storetest.Actor, m.consult, m.media)
		if err := m.db.AddConsultationFile(ctx, storetest.Actor, m.consult, m.media); err != nil {
			t.Fatal(err)
		}
		return m.media, true
	}
	return 0, false
}

// freshPoll makes a poll open now, for a try to change, close or delete.
func (m *matrix) freshPoll(t *testing.T) int64 {
	t.Helper()
	now := time.Now()
	p := &portal.Poll{Question: "Câu hỏi thử", MaxChoices: 1, ResultsAfter: portal.ResultsAfterVote, Published: true,
		OpensAt: now.Add(-time.Hour), ClosesAt: now.Add(time.Hour),
		Options: []portal.PollOption{{Label: "Có"}, {Label: "Không"}}}
	if err := m.db.CreatePoll(ctx, storetest.Actor, p); err != nil {
		t.Fatal(err)
	}
	return p.ID
}

// freshThread makes an event thread, for a try to change or delete.
func (m *matrix) freshThread(t *testing.T) int64 {
	t.Helper()
	th := &portal.Thread{Title: "Dòng sự kiện thử"}
	if err := m.db.CreateThread(ctx, storetest.Actor, th); err != nil {
		t.Fatal(err)
	}
	return th.ID
}

// freshCollection makes a group holding the published article, for a try
// to change, order or delete.
func (m *matrix) freshCollection(t *testing.T) int64 {
	t.Helper()
	c := &portal.Collection{Name: "Chuyên đề thử"}
	if err := m.db.CreateCollection(ctx, storetest.Actor, c); err != nil {
		t.Fatal(err)
	}
	if err := m.db.AddToCollection(ctx, storetest.Actor, c.ID, m.articles["published"].ID); err != nil {
		t.Fatal(err)
	}
	return c.ID
}

// freshDocumentFile adds a file to the document, for a try to remove.
func (m *matrix) freshDocumentFile(t *testing.T) int64 {
	t.Helper()
	d, err := m.db.Document(ctx, m.document)
	if err != nil {
		t.Fatal(err)
	}
	d.Files = append(d.Files, portal.DocumentFile{File: "van-ban/thu-" + strconv.Itoa(len(d.Files)) + ".pdf",
		Name: "Tệp thử.pdf", MIME: "application/pdf", Size: 10})
	if err := m.db.UpdateDocument(ctx, storetest.Actor, d); err != nil {
		t.Fatal(err)
	}
	if d, err = m.db.Document(ctx, m.document); err != nil {
		t.Fatal(err)
	}
	return slices.MaxFunc(d.Files, func(a, b portal.DocumentFile) int { return int(a.ID - b.ID) }).ID
}

// try sends one request as who, on a session of its own: a try that logs
// out must not sign out the next.
func (m *matrix) try(t *testing.T, who, method, path string) *httptest.ResponseRecorder {
	t.Helper()
	if method == "" {
		method = "GET"
	}
	r := httptest.NewRequest(method, path, strings.NewReader(""))
	if method == "POST" { // an empty form, from the back office's own pages
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		r.Header.Set("Sec-Fetch-Site", "same-origin")
	}
	if u, ok := m.users[who]; ok {
		token, now := auth.NewToken(), time.Now()
		if err := m.db.StartSession(ctx, u.Actor(""), "", &portal.Session{ID: auth.HashToken(token), UserID: u.ID, CreatedAt: now, LastSeen: now}); err != nil {
			t.Fatal(err)
		}
		r.AddCookie(&http.Cookie{Name: "cong_s", Value: token})
	}
	w := httptest.NewRecorder()
	m.h.ServeHTTP(w, r)
	return w
}

// outcome is what a try should come to.
type outcome string

const (
	toLogin   outcome = "sent to the login page"
	notFound  outcome = "not found (404)"
	forbidden outcome = "forbidden (403)"
	reached   outcome = "handled"
)

// expect says what a try of r by who should come to, from the table and,
// on an article or a schedule entry, the workflow's rules.
func (m *matrix) expect(r admin.RouteSpec, who, state string) outcome {
	u := m.users[who]
	switch {
	case r.Open:
		return reached
	case !u.IsStaff() && r.Hidden:
		return notFound
	case !u.IsStaff() && (r.Method == "GET" || r.Method == ""):
		return toLogin
	case !u.May(r.Need):
		return forbidden
	case section(r.Pattern) == "bao-loi" && r.Method == "POST" && !u.CanHandleReports(m.reportCategory):
		return forbidden // a report on an article of a category one does not edit
	}
	var a *portal.Article
	switch section(r.Pattern) {
	case "lien-he": // a message is only for its department's staff and administrators
		if strings.Contains(r.Pattern, "{id}") && !u.ReadsDepartment(m.department) {
			return notFound
		}
	case "bai-viet":
		a = m.articles[state]
	case "lich-lam-viec":
		if e := m.entries[state]; e != nil {
			a, u = e.Article(), portal.ScheduleStaff(u)
		}
	}
	if a == nil {
		return reached
	}
	switch {
	case !u.CanView(a):
		return notFound
	case editsContent(r) && !u.CanEdit(a):
		return forbidden
	}
	return reached
}

// editsContent: the routes that change an article's or entry's content need
// CanEdit; taking a step is judged by the step (TestWriteTable), and an
// empty one is refused as invalid to whoever may see the article; so is a
// royalty, which only a published article takes.
func editsContent(r admin.RouteSpec) bool {
	return r.Method == "POST" && !strings.HasSuffix(r.Pattern, "/chuyen") && !strings.HasSuffix(r.Pattern, "/nhuan-but")
}

// came reads what a try of r came to. The routes open to anyone may send
// to the login page or answer 404 themselves; so may a post to a list
// route, whose empty form names nothing (a kind of list, say) that exists:
// the guard itself never answers 404 to a member of staff.
func came(r admin.RouteSpec, w *httptest.ResponseRecorder) outcome {
	switch {
	case r.Open && w.Code != http.StatusForbidden:
		return reached
	case w.Code == http.StatusSeeOther && w.Header().Get("Location") == admin.Prefix+"/dang-nhap":
		return toLogin
	case w.Code == http.StatusNotFound && r.Method == "POST" && !strings.Contains(r.Pattern, "{"):
		return reached
	case w.Code == http.StatusNotFound:
		return notFound
	case w.Code == http.StatusForbidden:
		return forbidden
	}
	return reached
}

// usesUp tells the routes that remove what they are tried on: they go last.
func usesUp(r admin.RouteSpec) bool {
	return strings.HasSuffix(r.Pattern, "/xoa") || strings.HasSuffix(r.Pattern, "/go")
}

func TestRouteMatrix(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		m := newMatrix(t, db)
		routes := admin.Routes()
		slices.SortStableFunc(routes, func(a, b admin.RouteSpec) int {
			switch {
			case usesUp(a) == usesUp(b):
				return 0
			case usesUp(a):
				return 1
			}
			return -1
		})
		cells := 0
		for _, r := range routes {
			states := []string{""}
			switch {
			case section(r.Pattern) == "bai-viet" && strings.Contains(r.Pattern, "{id}"):
				states = matrixStates
			case section(r.Pattern) == "lich-lam-viec" && strings.Contains(r.Pattern, "{id}"):
				states = scheduleStates
			}
			for _, state := range states {
				for _, who := range matrixPeople {
					cells++
					path := m.address(t, r, state)
					w := m.try(t, who, r.Method, path)
					want, got := m.expect(r, who, state), came(r, w)
					if got != want || w.Code >= 500 {
						t.Errorf("%s %s as %s%s: %d, %s; want %s", r.Method, r.Pattern, who, onState(state), w.Code, got, want)
					}
				}
			}
		}
		t.Logf("%d routes, %d cells", len(routes), cells)
	})
}

func onState(state string) string {
	if state == "" {
		return ""
	}
	return " on " + state
}

// TestRouteTable: every route but those open to anyone names a permission
// of the table, and no two routes share a pattern.
func TestRouteTable(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range admin.Routes() {
		key := r.Method + " " + r.Pattern
		if seen[key] {
			t.Errorf("%s listed twice", key)
		}
		seen[key] = true
		if r.Open != (r.Need == "") || !r.Open && !r.Need.Valid() {
			t.Errorf("%s: open %t, permission %q; want a permission of the table, or open and none", key, r.Open, r.Need)
		}
	}
}
