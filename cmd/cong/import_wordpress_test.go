package main

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"cong/internal/portal"
	"cong/internal/storetest"
)

// smallExport is a WordPress export of one category, one post with a
// picture and a comment, the picture's attachment, and one whose file is
// missing.
const smallExport = `<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
	xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"
	xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
	<title>Xã Tân Phú</title>
	<link>http://tanphu.example.vn</link>
	<wp:wxr_version>1.2</wp:wxr_version>
	<wp:base_site_url>http://tanphu.example.vn</wp:base_site_url>
	<wp:category><wp:term_id>2</wp:term_id><wp:category_nicename>tin-xa</wp:category_nicename><wp:category_parent></wp:category_parent><wp:cat_name><![CDATA[Tin xã]]></wp:cat_name></wp:category>
	<item>
		<title>Họp dân</title>
		<link>http://tanphu.example.vn/2024/03/01/hop-dan/</link>
		<dc:creator>admin</dc:creator>
		<content:encoded><![CDATA[Xã tổ chức họp dân.

<img src="http://tanphu.example.vn/wp-content/uploads/2024/03/hop-dan-300x200.png" alt="Họp dân">]]></content:encoded>
		<excerpt:encoded><![CDATA[]]></excerpt:encoded>
		<wp:post_id>5</wp:post_id>
		<wp:post_date>2024-03-01 08:00:00</wp:post_date>
		<wp:post_date_gmt>2024-03-01 01:00:00</wp:post_date_gmt>
		<wp:post_name>hop-dan</wp:post_name>
		<wp:status>publish</wp:status>
		<wp:post_parent>0</wp:post_parent>
		<wp:post_type>post</wp:post_type>
		<wp:post_password></wp:post_password>
		<wp:is_sticky>0</wp:is_sticky>
		<category domain="category" nicename="tin-xa"><![CDATA[Tin xã]]></category>
		<wp:comment><wp:comment_id>9</wp:comment_id><wp:comment_author>Bà Năm</wp:comment_author><wp:comment_date_gmt>2024-03-01 03:00:00</wp:comment_date_gmt><wp:comment_content>Rất tốt.</wp:comment_content><wp:comment_approved>1</wp:comment_approved><wp:comment_type>comment</wp:comment_type><wp:comment_parent>0</wp:comment_parent></wp:comment>
	</item>
	<item>
		<title>hop-dan</title>
		<link>http://tanphu.example.vn/?attachment_id=6</link>
		<wp:post_id>6</wp:post_id>
		<wp:post_date_gmt>2024-03-01 00:50:00</wp:post_date_gmt>
		<wp:status>inherit</wp:status>
		<wp:post_parent>5</wp:post_parent>
		<wp:post_type>attachment</wp:post_type>
		<wp:attachment_url>http://tanphu.example.vn/wp-content/uploads/2024/03/hop-dan.png</wp:attachment_url>
		<wp:postmeta><wp:meta_key>_wp_attached_file</wp:meta_key><wp:meta_value>2024/03/hop-dan.png</wp:meta_value></wp:postmeta>
	</item>
	<item>
		<title>mat</title>
		<wp:post_id>7</wp:post_id>
		<wp:status>inherit</wp:status>
		<wp:post_type>attachment</wp:post_type>
		<wp:attachment_url>http://tanphu.example.vn/wp-content/uploads/2024/03/mat.jpg</wp:attachment_url>
		<wp:postmeta><wp:meta_key>_wp_attached_file</wp:meta_key><wp:meta_value>2024/03/mat.jpg</wp:meta_value></wp:postmeta>
	</item>
</channel>
</rss>
`

// TestImportWordPressCommand runs `cong import wordpress` as an operator
// would: a dry run, the import with its report, and the exit status that
// says an item failed.
func TestImportWordPressCommand(t *testing.T) {
	dir, uploads := t.TempDir(), t.TempDir()
	file := filepath.Join(dir, "tanphu.xml")
	if err := os.WriteFile(file, []byte(smallExport), 0o644); err != nil {
		t.Fatal(err)
	}
	var pic bytes.Buffer
	if err := png.Encode(&pic, image.NewGray(image.Rect(0, 0, 60, 40))); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(uploads, "2024", "03"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(uploads, "2024", "03", "hop-dan.png"), pic.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	importArgs := func(extra ...string) []string {
		return append([]string{"import", "wordpress", file, "--uploads", uploads, "--data", dir}, extra...)
	}

	var out bytes.Buffer
	err := run(context.Background(), importArgs("--dry-run"), noenv, &out, &out)
	if err == nil || !strings.Contains(out.String(), "would import (dry run: nothing written)") {
		t.Errorf("dry run: %v\n%s", err, out.String())
	}
	if entries, _ := os.ReadDir(filepath.Join(dir, "media")); len(entries) != 0 {
		t.Errorf("the dry run stored %d files", len(entries))
	}

	out.Reset()
	report := filepath.Join(dir, "report.tsv")
	err = run(context.Background(), importArgs("--report", report), noenv, &out, &out)
	if err == nil || !strings.Contains(err.Error(), "1 items failed") {
		t.Errorf("import with a missing file: %v; want it to fail with the count", err)
	}
	for _, want := range []string{"wordpress: imported 5 items", "post", "FAILED attachment 7: "} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
	b, _ := os.ReadFile(report)
	if !strings.Contains(string(b), "failed\tattachment\t7\t") || !strings.Contains(string(b), "2024/03/mat.jpg: not found") {
		t.Errorf("report:\n%s", b)
	}
	db := storetest.Open(t, filepath.Join(dir, "cong.db"))
	src := portal.Source{System: "wordpress:tanphu.example.vn", Kind: "post", ID: "5"}
	rec, err := db.Imported(context.Background(), src)
	if err != nil {
		t.Fatal(err)
	}
	a, err := db.Article(context.Background(), rec.ID)
	if err != nil || !strings.Contains(a.Body, `<img src="/media/2024/03/`) || a.Status != portal.StatusPublished {
		t.Errorf("imported article = %+v, %v", a, err)
	}

	out.Reset()
	err = run(context.Background(), []string{"import", "wordpress", filepath.Join(dir, "khong-co.xml"), "--data", dir}, noenv, &out, &out)
	if err == nil || !strings.Contains(err.Error(), "khong-co.xml") {
		t.Errorf("a missing export: %v", err)
	}
}
