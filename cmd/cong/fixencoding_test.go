package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"cong/internal/portal"
	"cong/internal/store"
	"cong/internal/storetest"
)

// TestFixEncoding runs fix-encoding over a portal holding text typed in
// TCVN3 and VNI beside Unicode: the dry run lists the changes and writes
// nothing; the run converts exactly the legacy fields, each object one
// audited change; a second run finds nothing to do.
func TestFixEncoding(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		who := storetest.Actor
		cat := portal.Category{Name: "Thêi sù", Slug: "thoi-su", Visible: true}
		if err := db.CreateCategory(ctx, who, &cat); err != nil {
			t.Fatal(err)
		}
		legacy := portal.Article{CategoryID: cat.ID, Title: "Héi nghÞ häc tËp, qu¸n triÖt NghÞ quyÕt",
			Body: "<p>C¸n bé chñ chèt <strong>cÊp tØnh</strong></p>", Author: "TrÇn V¨n HuyÕn",
			Summary: "Hoäi nghò hoïc taäp, quaùn trieät", Status: portal.StatusPublished, PublishedAt: time.Now().Add(-time.Hour)}
		genuine := portal.Article{CategoryID: cat.ID, Title: "Đắk Lắk và Quảng Ngãi", Body: "<p>Zoë, Ørsted, 12 €, Cà Mau</p>",
			Author: "Lê Hà", Status: portal.StatusPublished, PublishedAt: time.Now().Add(-time.Hour)}
		for _, a := range []*portal.Article{&legacy, &genuine} {
			if err := db.CreateArticle(ctx, who, a); err != nil {
				t.Fatal(err)
			}
		}
		comment := portal.Comment{ArticleID: genuine.ID, Name: "B¹n ®äc", Body: "Bµi viÕt rÊt hay, c¶m ¬n t¸c gi¶.", Approved: true}
		if err := db.CreateComment(ctx, who, &comment); err != nil {
			t.Fatal(err)
		}

		var out, progress bytes.Buffer
		if err := fixEncoding(ctx, db, true, &out, &progress); err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{
			`category ` + itoa64(cat.ID) + ` name (TCVN3): "Thêi sù" → "Thời sự"`,
			`article ` + itoa64(legacy.ID) + ` title (TCVN3): "Héi nghÞ häc tËp, qu¸n triÖt NghÞ quyÕt" → "Hội nghị học tập, quán triệt Nghị quyết"`,
			`article ` + itoa64(legacy.ID) + ` summary (VNI): "Hoäi nghò hoïc taäp, quaùn trieät" → "Hội nghị học tập, quán triệt"`,
			`article ` + itoa64(legacy.ID) + ` body (TCVN3)`,
			`comment ` + itoa64(comment.ID) + ` body (TCVN3): "Bµi viÕt rÊt hay, c¶m ¬n t¸c gi¶." → "Bài viết rất hay, cảm ơn tác giả."`,
			"fix-encoding (dry run, nothing written): ",
			"would convert 7 fields in 3 objects:",
			"  article                1 object, 4 fields (TCVN3 3, VNI 1)",
		} {
			if !strings.Contains(out.String(), want) {
				t.Errorf("dry run printed\n%s\nwant a line with %q", out.String(), want)
			}
		}
		if strings.Contains(out.String(), "article "+itoa64(genuine.ID)) {
			t.Errorf("dry run lists the Unicode article:\n%s", out.String())
		}
		if !strings.Contains(progress.String(), "article: 2 checked, 1 to convert\n") {
			t.Errorf("progress off a terminal = %q; want plain lines", progress.String())
		}
		if a, _ := db.Article(ctx, legacy.ID); a.Title != legacy.Title || a.Version != legacy.Version {
			t.Errorf("the dry run changed the article: %q, version %d", a.Title, a.Version)
		}
		if fixed := auditCount(t, db); fixed != 0 {
			t.Errorf("%d audit entries after a dry run", fixed)
		}

		out.Reset()
		if err := fixEncoding(ctx, db, false, &out, &progress); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(out.String(), "converted 7 fields in 3 objects:") {
			t.Errorf("run printed\n%s", out.String())
		}
		a, err := db.Article(ctx, legacy.ID)
		if err != nil {
			t.Fatal(err)
		}
		if a.Title != "Hội nghị học tập, quán triệt Nghị quyết" || a.Summary != "Hội nghị học tập, quán triệt" ||
			a.Author != "Trần Văn Huyến" || a.Body != "<p>Cán bộ chủ chốt <strong>cấp tỉnh</strong></p>" {
			t.Errorf("article after = %q, %q, %q, %q", a.Title, a.Summary, a.Author, a.Body)
		}
		if g, _ := db.Article(ctx, genuine.ID); g.Title != genuine.Title || g.Body != genuine.Body || g.Version != genuine.Version {
			t.Errorf("the Unicode article changed: %q, %q, version %d", g.Title, g.Body, g.Version)
		}
		if n := auditCount(t, db); n != 3 {
			t.Errorf("%d audit entries; want 3, one per object", n)
		}

		out.Reset()
		if err := fixEncoding(ctx, db, false, &out, &progress); err != nil {
			t.Fatal(err)
		}
		if !strings.HasSuffix(out.String(), "nothing to convert\n") || auditCount(t, db) != 3 {
			t.Errorf("second run printed %q, %d audit entries; want nothing to do", out.String(), auditCount(t, db))
		}
	})
}

func auditCount(t *testing.T, db *store.DB) int {
	t.Helper()
	entries, err := db.AuditLog(context.Background(), portal.AuditFilter{Action: "content.fix_encoding", Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	return len(entries)
}

func itoa64(n int64) string { return strconv.FormatInt(n, 10) }

// TestFixEncodingCommand runs `cong fix-encoding` on the demo portal, all in
// Unicode: nothing to convert, dry run or not; a dry run on a database that
// is not there makes none.
func TestFixEncodingCommand(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	var out bytes.Buffer
	if err := run(ctx, []string{"demo", "--data", dir}, noenv, &out, &out); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"fix-encoding", "--dry-run", "--data", dir}, {"fix-encoding", "--data", dir}} {
		var stdout, stderr bytes.Buffer
		if err := run(ctx, args, noenv, &stdout, &stderr); err != nil {
			t.Fatalf("cong %s: %v", strings.Join(args, " "), err)
		}
		if !strings.HasSuffix(stdout.String(), "nothing to convert\n") {
			t.Errorf("cong %s printed %q; want nothing to convert", strings.Join(args, " "), stdout.String())
		}
	}
	empty := filepath.Join(t.TempDir(), "none")
	if err := run(ctx, []string{"fix-encoding", "--dry-run", "--data", empty}, noenv, &out, &out); err == nil {
		t.Error("a dry run on a missing database: no error")
	}
	if _, err := os.Stat(filepath.Join(empty, "cong.db")); err == nil {
		t.Error("a dry run made a database file")
	}
}
