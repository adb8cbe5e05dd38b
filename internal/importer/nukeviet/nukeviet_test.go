package nukeviet_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"cong/internal/importer"
	"cong/internal/portal"
	"cong/internal/store"
	"cong/internal/storetest"
)

// imported returns the portal's id of NukeViet's item kind/id.
func (s *site) imported(t *testing.T, db *store.DB, kind string, id int64) int64 {
	t.Helper()
	r, err := db.Imported(ctx, portal.Source{System: "nukeviet:" + s.Name + ":vi", Kind: kind, ID: fmt.Sprint(id)})
	if err != nil {
		t.Fatalf("%s %d was not imported: %v", kind, id, err)
	}
	return r.ID
}

// counts are a run's outcomes by kind, for comparing.
func counts(r *importer.Run) map[string]map[portal.Outcome]int {
	out := map[string]map[portal.Outcome]int{}
	for _, k := range []string{"category", "article", "file", "tag", "comment"} {
		for _, o := range []portal.Outcome{portal.Created, portal.Updated, portal.Unchanged, portal.Skipped, portal.Failed} {
			if n := r.Count(k, o); n > 0 {
				if out[k] == nil {
					out[k] = map[portal.Outcome]int{}
				}
				out[k][o] = n
			}
		}
	}
	return out
}

// TestImport takes the whole site in, on both engines, and checks what
// each part became.
func TestImport(t *testing.T) {
	s := newSite(t)
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		mediaDir := t.TempDir()
		run := s.run(t, db, mediaDir)
		want := map[string]map[portal.Outcome]int{
			"category": {portal.Created: 5},
			"article":  {portal.Created: 8},
			"file":     {portal.Created: 2},
			"tag":      {portal.Created: 2},
			"comment":  {portal.Created: 3, portal.Skipped: 1},
		}
		if diff := cmp.Diff(want, counts(run)); diff != "" {
			t.Errorf("outcomes (-want +got):\n%s\nproblems: %+v", diff, run.Problems())
		}
		checkCategories(t, db, s)
		checkArticle(t, db, s, mediaDir)
		checkStatuses(t, db, s)
		checkComments(t, db, s)
		checkNotes(t, run)
		if got, err := db.Search(ctx, portal.SearchQuery{Text: "tinh uy mo rong", Page: 1}); err != nil || got.Total != 1 {
			t.Errorf("search for the imported article = %+v, %v; want it", got, err)
		}
		if check, err := db.VerifyAudit(ctx); err != nil || check.Broken != nil {
			t.Errorf("VerifyAudit = %+v, %v", check, err)
		}
	})
}

func checkCategories(t *testing.T, db *store.DB, s *site) {
	t.Helper()
	cats, err := db.Categories(ctx)
	if err != nil {
		t.Fatal(err)
	}
	bySlug := map[string]portal.Category{}
	for _, c := range cats {
		bySlug[c.Slug] = c
	}
	tree := map[string]string{"thoi-su": "", "trong-tinh": "thoi-su", "chau-thanh": "trong-tinh", "kinh-te": "", "luu-tru-cu": ""}
	for slug, parent := range tree {
		c, ok := bySlug[slug]
		if !ok {
			t.Errorf("no category %q; have %v", slug, cats)
			continue
		}
		if want := bySlug[parent].ID; c.ParentID != want {
			t.Errorf("category %q under %d; want %d (%q)", slug, c.ParentID, want, parent)
		}
		if c.Visible != (slug != "luu-tru-cu") {
			t.Errorf("category %q visible = %v", slug, c.Visible)
		}
	}
	if c := bySlug["trong-tinh"]; c.Name != "Trong tỉnh" {
		t.Errorf("category name = %q", c.Name)
	}
}

func checkArticle(t *testing.T, db *store.DB, s *site, mediaDir string) {
	t.Helper()
	a, err := db.Article(ctx, s.imported(t, db, "article", s.art["hoi-nghi"]))
	if err != nil {
		t.Fatal(err)
	}
	addtime := time.Unix(s.Now()-10*day, 0).UTC()
	got := portal.Article{Title: a.Title, Slug: a.Slug, Summary: a.Summary, Author: a.Author, Source: a.Source,
		SourceURL: a.SourceURL, Status: a.Status, ViewCount: a.ViewCount, PublishedAt: a.PublishedAt.UTC(),
		CreatedAt: a.CreatedAt.UTC(), Tags: a.Tags, CommentsClosed: a.CommentsClosed}
	want := portal.Article{Title: `Hội nghị Tỉnh ủy "mở rộng" lần thứ 12`, Slug: "hoi-nghi-tinh-uy-mo-rong",
		Summary: "Tỉnh ủy họp. Bàn kế hoạch năm 2021.", Author: "Thanh Tâm", Source: "baochinhphu.vn",
		SourceURL: "https://baochinhphu.vn/hoi-nghi-102201230.htm", Status: portal.StatusPublished, ViewCount: 1234,
		PublishedAt: addtime, CreatedAt: addtime, Tags: []string{"Hội nghị", "Tỉnh ủy"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("article (-want +got):\n%s", diff)
	}
	if a.CategoryID != s.imported(t, db, "category", s.cat["trong-tinh"]) {
		t.Errorf("article in category %d; want its main one, trong-tinh", a.CategoryID)
	}
	cover, err := db.Media(ctx, a.CoverID)
	if err != nil {
		t.Fatalf("cover %d: %v", a.CoverID, err)
	}
	if cover.Alt != "Toàn cảnh hội nghị" || cover.Width != 800 || !strings.HasPrefix(cover.File, "2020/12/") {
		t.Errorf("cover = %+v; want the home picture with its alt text, in 2020/12/", cover)
	}
	if _, err := os.Stat(filepath.Join(mediaDir, filepath.FromSlash(cover.File))); err != nil {
		t.Errorf("the cover's file is not in the library's folder: %v", err)
	}
	for _, want := range []string{`src="/media/` + cover.File + `"`, `srcset="/media/`, `alt="Hội trường"`,
		`<a href="/media/2020/12/`, `alt="Đại biểu"`, `href="/uploads/news/2020_12/ke-hoach.pdf"`} {
		if !strings.Contains(a.Body, want) {
			t.Errorf("body lacks %s:\n%s", want, a.Body)
		}
	}
	for _, bad := range []string{"<script", "onclick", "khong-co.jpg", "example.com", "old.haugiang.gov.vn"} {
		if strings.Contains(a.Body, bad) {
			t.Errorf("body still holds %s:\n%s", bad, a.Body)
		}
	}
	other, _ := db.Article(ctx, s.imported(t, db, "article", s.art["chau-thanh"]))
	if other.Source != "Báo Hậu Giang" || other.SourceURL != "" || !other.CommentsClosed {
		t.Errorf("article with a named source, comments off = source %q %q, closed %v", other.Source, other.SourceURL, other.CommentsClosed)
	}
}

func checkStatuses(t *testing.T, db *store.DB, s *site) {
	t.Helper()
	want := map[string]portal.Status{
		"hoi-nghi": portal.StatusPublished, "cho-duyet": portal.StatusEdited, "luu-tru": portal.StatusArchived,
		"het-han": portal.StatusUnpublished, "hen-gio": portal.StatusScheduled, "nhap": portal.StatusDraft,
		"chau-thanh": portal.StatusPublished, "bi-khoa": portal.StatusPublished,
	}
	for name, status := range want {
		a, err := db.Article(ctx, s.imported(t, db, "article", s.art[name]))
		if err != nil {
			t.Fatal(err)
		}
		if a.Status != status {
			t.Errorf("article %q: status %s; want %s", name, a.Status, status)
		}
		switch name {
		case "hen-gio":
			if want := time.Unix(s.Now()+3*day, 0); !a.PublishedAt.Equal(want) {
				t.Errorf("scheduled for %v; want %v", a.PublishedAt, want)
			}
		case "het-han", "luu-tru":
			if a.ExpiresAt.IsZero() || a.Visible(time.Now()) {
				t.Errorf("article %q expires %v, visible %v; want expired", name, a.ExpiresAt, a.Visible(time.Now()))
			}
		}
	}
	hist, err := db.History(ctx, s.imported(t, db, "article", s.art["luu-tru"]))
	if err != nil || len(hist) != 1 || !strings.Contains(hist[0].Note, "Hết hạn") {
		t.Errorf("history of the archived article = %+v, %v; want a note naming NukeViet's status", hist, err)
	}
}

func checkComments(t *testing.T, db *store.DB, s *site) {
	t.Helper()
	id := s.imported(t, db, "article", s.art["hoi-nghi"])
	shown, err := db.ApprovedComments(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if len(shown) != 1 || shown[0].Body != "Bài viết rất hay.\nCảm ơn ban biên tập!" || shown[0].Name != "Nguyễn Văn An" ||
		!shown[0].CreatedAt.Equal(time.Unix(s.Now()-5*day, 0)) {
		t.Fatalf("comments shown = %+v; want An's, with its two lines and time", shown)
	}
	if r := shown[0].Replies; len(r) != 1 || r[0].Body != "Đồng ý với <bạn> An" {
		t.Errorf("replies = %+v; want Bình's answer, unescaped", r)
	}
	waiting, err := db.Comments(ctx, portal.CommentPending, 10)
	if err != nil || len(waiting) != 1 || waiting[0].Body != "Đang chờ duyệt" {
		t.Errorf("comments waiting = %+v, %v; want the pending one", waiting, err)
	}
}

func checkNotes(t *testing.T, run *importer.Run) {
	t.Helper()
	var notes []string
	for _, p := range run.Problems() {
		notes = append(notes, p.Kind+"/"+p.Source+": "+p.Message)
	}
	all := strings.Join(notes, "\n")
	for _, want := range []string{"khong-co.jpg left out: not in the uploads folder", "https://example.com/anh.jpg left out",
		"<script>", "onclick handlers", "ke-hoach.pdf (not a picture)", "article 999 no longer exists",
		"category/5: suspended on NukeViet"} {
		if !strings.Contains(all, want) {
			t.Errorf("the report does not say %q:\n%s", want, all)
		}
	}
}
