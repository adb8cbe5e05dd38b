package web_test

import (
	"context"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"cong/internal/browsertest"
	"cong/internal/demo"
	"cong/internal/portal"
	"cong/internal/storetest"
	"cong/internal/web"
)

// a11yPage is a reader page of the sweep: a path, or a link to follow from
// a path (the first element matching link), for pages whose address
// depends on the demo data; want, when set, is an element the page must
// have for the sweep to mean something (a search with results).
type a11yPage struct {
	name, path, link, want string
}

// a11yPages are the reader pages a person may meet, one of each kind.
var a11yPages = []a11yPage{
	{name: "home", path: "/"},
	{name: "category", path: "/" + demo.SeedCategory},
	{name: "article", path: seedURL},
	{name: "print view", path: "/in" + seedURL},
	{name: "search", path: "/tim-kiem?q=ngh%E1%BB%8B+quy%E1%BA%BFt", want: ".search-hit"},
	{name: "tag", path: seedURL, link: `.article-tags a.tag`, want: ".article-item"},
	{name: "archive month", path: "/luu-tru/2020/12", want: ".article-item"},
	{name: "most read", path: "/doc-nhieu", want: ".popular li"},
	{name: "site map", path: "/so-do-trang"},
	{name: "documents", path: "/van-ban"},
	{name: "document", path: "/van-ban", link: `table.documents a[href^="/van-ban/"]`},
	{name: "questions", path: "/hoi-dap"},
	{name: "question form", path: "/hoi-dap/gui-cau-hoi"},
	{name: "question lookup", path: "/hoi-dap/tra-cuu"},
	{name: "question lookup result"}, // path set by the test: the code of a question waiting for an answer
	{name: "question", path: "/hoi-dap", link: `.qa-item h2 a`},
	{name: "contact", path: "/lien-he"},
	{name: "consultations", path: "/gop-y-du-thao"},
	{name: "consultation", path: "/gop-y-du-thao", link: `.consultation-item h2 a`},
	{name: "schedule", path: "/lich-lam-viec"},
	{name: "schedule print", path: "/in/lich-lam-viec"},
	{name: "introduction", path: "/gioi-thieu"},
	{name: "introduction page", path: "/gioi-thieu", link: `.intro-menu li:last-child a`},
	{name: "English", path: "/en"},
	{name: "map", path: "/ban-do-hanh-chinh"},
	{name: "map unit", path: "/ban-do-hanh-chinh", link: `.unit-index a`},
	{name: "threads", path: "/dong-su-kien"},
	{name: "thread", path: "/dong-su-kien", link: `.thread-list h2 a`},
	{name: "collections", path: "/chuyen-de"},
	{name: "collection", path: "/chuyen-de", link: `.collection-block h2 a`},
	{name: "not found", path: "/khong-co-trang-nay"},
}

// TestBrowserAccessibility loads every kind of reader page in one Chromium,
// and the readers' forms sent back with errors: axe-core finds no
// WCAG 2 A/AA violation at 1280 and 375 pixels; at 1280 every focus ring
// has 3:1 contrast, headings skip no level and a skip link comes first; at
// 320 pixels no page scrolls sideways; a refused form's summary of errors
// has the focus. Failures are listed by page, width, rule and element.
func TestBrowserAccessibility(t *testing.T) {
	tab := browsertest.Start(t, 4*time.Minute) // 31 pages and 4 forms, each at three widths
	db := storetest.Open(t, storetest.SQLiteDSN(t))
	media := t.TempDir()
	if _, err := demo.Seed(ctx, db, media, time.Now()); err != nil {
		t.Fatal(err)
	}
	seed, err := db.ArticleBySlug(ctx, demo.SeedSlug)
	if err != nil {
		t.Fatal(err)
	}
	seed.Tags = []string{"Hậu Giang", "Nghị quyết"}
	seed.ThreadID = seedThread(t, db, seed.ID) // the article's thread box, a home block
	if err := db.UpdateArticle(ctx, storetest.Actor, seed); err != nil {
		t.Fatal(err)
	}
	for _, level := range []string{portal.NoticeUrgent, portal.NoticeWarning} { // the bands across the top
		n := &portal.Notice{Text: "Thông báo thử", URL: "/thong-bao", Level: level, StartsAt: time.Now().Add(-time.Hour)}
		if err := db.SaveNotice(ctx, storetest.Actor, n); err != nil {
			t.Fatal(err)
		}
	}
	d := &portal.Department{Name: "Văn phòng", Emails: []string{"vanphong@example.vn"}}
	if err := db.SaveDepartment(ctx, storetest.Actor, d); err != nil {
		t.Fatal(err)
	}
	s := newSiteWith(t, db, web.Services{Categories: db, Articles: db, Side: db, Schedule: db, Popular: db, Search: db, Comments: db,
		Reports: db, Ready: db.Ping, Questions: db, Contact: db, Consultations: db, Documents: db, Map: db, Pages: db, Threads: db}, media)
	srv := httptest.NewServer(s.h)
	t.Cleanup(srv.Close)

	waiting, err := db.Questions(ctx, portal.QuestionPending, 1)
	if err != nil || len(waiting) == 0 {
		t.Fatalf("demo questions waiting: %v, %v", waiting, err)
	}

	var found []browsertest.Finding
	for _, p := range a11yPages {
		if p.name == "question lookup result" {
			p.path = "/hoi-dap/tra-cuu?ma=" + waiting[0].Code
		}
		openA11yPage(t, tab, srv.URL, p)
		found = append(found, browsertest.Check(t, tab, p.name, browsertest.Desktop, browsertest.Phone)...)
		found = append(found, browsertest.Overflow(t, tab, p.name, browsertest.Reflow)...)
	}
	for _, p := range a11yForms {
		openA11yPage(t, tab, srv.URL, p.a11yPage)
		found = append(found, sendEmpty(t, tab, p)...)
		found = append(found, browsertest.Check(t, tab, p.name, browsertest.Desktop, browsertest.Phone)...)
		found = append(found, browsertest.Overflow(t, tab, p.name, browsertest.Reflow)...)
	}
	browsertest.Report(t, "reader pages", found)
}

// a11yForm is a reader form, on the page a11yPage leads to.
type a11yForm struct {
	a11yPage
	form string // selector of the form
}

// a11yForms are the readers' forms, shown again with what is wrong.
var a11yForms = []a11yForm{
	{a11yPage{name: "comment form refused", path: seedURL}, "form#gui-y-kien"},
	{a11yPage{name: "question form refused", path: "/hoi-dap/gui-cau-hoi"}, "form#gui-cau-hoi"},
	{a11yPage{name: "consultation form refused", path: "/gop-y-du-thao", link: `.consultation-item h2 a`}, "form#gui-gop-y"},
	{a11yPage{name: "contact form refused", path: "/lien-he"}, "form#gui-lien-he"},
	{a11yPage{name: "error report form refused", path: seedURL, link: `a.report-link`}, "form#bao-loi"},
}

// sendEmpty sends p's form empty at once, as a hurried reader whose browser
// skips the required checks might, and returns a finding unless the page
// comes back with the summary of what is wrong holding the focus.
func sendEmpty(t *testing.T, tab context.Context, p a11yForm) []browsertest.Finding {
	t.Helper()
	browsertest.Run(t, tab, "send "+p.form+" empty", chromedp.WaitEvent(page.LoadEventFired, nil,
		chromedp.Evaluate[chromedp.Void](`document.querySelector(`+browsertest.JSString(p.form)+`).submit()`)))
	// autofocus acts when the browser next draws the page, after the load.
	step, cancel := context.WithTimeout(tab, 5*time.Second)
	defer cancel()
	if _, err := chromedp.Run(step, chromedp.Poll[chromedp.Void](`document.activeElement.matches(".error-summary")`)); err == nil {
		return nil
	}
	focused := browsertest.Run(t, tab, "what has the focus", chromedp.Evaluate[string](
		`(e => e.localName + (e.id ? "#" + e.id : "") + [...e.classList].map(c => "." + c).join(""))(document.activeElement)`))
	return []browsertest.Finding{{Page: p.name, Width: browsertest.Desktop, Rule: "error-summary-focus",
		Node: "the focus is on " + focused + "; want the error summary"}}
}

// openA11yPage loads p at the desktop width, following its link if it has one.
func openA11yPage(t *testing.T, tab context.Context, base string, p a11yPage) {
	t.Helper()
	browsertest.SetWidth(t, tab, browsertest.Desktop)
	browsertest.Do(t, tab, "open "+p.path, chromedp.Navigate(base+p.path))
	if p.link != "" {
		href := browsertest.Attr(t, tab, p.link, "href")
		browsertest.Do(t, tab, "open "+p.name+" at "+href, chromedp.Navigate(base+href))
	}
	if p.want != "" && browsertest.Run(t, tab, "look for "+p.want, chromedp.Evaluate[int](
		`document.querySelectorAll(`+browsertest.JSString(p.want)+`).length`)) == 0 {
		t.Errorf("%s: no %s on the page; the sweep checks an empty one", p.name, p.want)
	}
}
