package main

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/jpeg"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"cong/internal/importer/nukeviet/nvtest"
)

// TestImportNukeviet runs `cong import nukeviet` as an operator would: a
// dry run that writes no file, the import, a second run that changes
// nothing, and the report of an article that cannot come in.
func TestImportNukeviet(t *testing.T) {
	site := nvtest.New(t, "nv4", "vi")
	uploads := filepath.Join(t.TempDir(), "uploads")
	if err := os.MkdirAll(filepath.Join(uploads, "news", "2021_03"), 0o755); err != nil {
		t.Fatal(err)
	}
	f, _ := os.Create(filepath.Join(uploads, "news", "2021_03", "le-hoi.jpg"))
	jpeg.Encode(f, image.NewGray(image.Rect(0, 0, 64, 48)), nil)
	f.Close()
	cat := site.AddCategory(nvtest.Category{Title: "Văn hóa"})
	site.AddArticle(nvtest.Article{CatIDs: []int64{cat}, Title: "Lễ hội đua ghe ngo", HomeImg: "/uploads/news/2021_03/le-hoi.jpg",
		Body: "<p>Lễ hội</p>", Tags: []string{"Lễ hội"}, Status: 1})
	gone := site.AddCategory(nvtest.Category{Title: "Tạm"})
	orphan := site.AddArticle(nvtest.Article{CatIDs: []int64{gone}, Title: "Bài mồ côi", Body: "<p>x</p>", Status: 1})
	site.Exec("DELETE FROM "+site.Table("news_cat")+" WHERE catid = ?", gone) // by hand, leaving its article behind

	data := t.TempDir()
	report := filepath.Join(data, "report.tsv")
	cong := func(extra ...string) (string, error) {
		var out bytes.Buffer
		args := append([]string{"import", "nukeviet", "--from", site.URL, "--uploads", uploads, "--data", data,
			"--report", report}, extra...)
		err := run(context.Background(), args, noenv, &out, &out)
		return out.String(), err
	}
	out, err := cong("--dry-run")
	if err == nil || !strings.Contains(out, "would import (dry run: nothing written)") {
		t.Errorf("dry run: %v\n%s\nwant the summary of what would come in, and the failed article", err, out)
	}
	if entries, _ := os.ReadDir(filepath.Join(data, "media")); len(entries) != 0 {
		t.Errorf("the dry run wrote %d entries in the library's folder", len(entries))
	}
	out, err = cong()
	if err == nil || !strings.Contains(err.Error(), "1 items failed") {
		t.Errorf("import: %v; want it to fail for the article without a category\n%s", err, out)
	}
	rep, _ := os.ReadFile(report)
	want := fmt.Sprintf("failed\tarticle\t%d\tnv4_vi_news_rows, id %d: its category %d did not come in", orphan, orphan, gone)
	if !strings.Contains(string(rep), want) {
		t.Errorf("report:\n%s\nwant the line %q", rep, want)
	}
	if entries, _ := os.ReadDir(filepath.Join(data, "media", "2021", "03")); len(entries) == 0 {
		t.Error("the picture is not in the library's folder, under its NukeViet month")
	}
	site.Exec("DELETE FROM "+site.Table("news_rows")+" WHERE id = ?", orphan)
	out, err = cong()
	if err != nil || !strings.Contains(out, "article") || strings.Contains(out, "FAILED") {
		t.Fatalf("second import: %v\n%s", err, out)
	}
	for _, line := range strings.Split(out, "\n") {
		if f := strings.Fields(line); len(f) == 6 && (f[0] == "article" || f[0] == "category" || f[0] == "file") && (f[1] != "0" || f[2] != "0") {
			t.Errorf("second import created or updated %s: %q", f[0], line)
		}
	}
}

// TestImportNukevietRefused: a wrong address or prefix stops the import
// before anything is read, with a message that never shows the password.
func TestImportNukevietRefused(t *testing.T) {
	data := t.TempDir()
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{}, "needs --from"},
		{[]string{"--from", "mysql://nv:sekret@127.0.0.1:1/nukeviet"}, "mysql://nv:***@127.0.0.1:1/nukeviet: cannot connect"},
		{[]string{"--from", "mysql://nv:sekret@127.0.0.1:1/"}, "name the database"},
		{[]string{"--from", "mysql://nv:sekret@127.0.0.1:1/x", "--uploads", filepath.Join(data, "khong-co")}, "no such folder"},
	} {
		var out bytes.Buffer
		err := run(context.Background(), append([]string{"import", "nukeviet", "--data", data}, c.args...), noenv, &out, &out)
		if err == nil || !strings.Contains(err.Error(), c.want) || strings.Contains(err.Error()+out.String(), "sekret") {
			t.Errorf("cong import nukeviet %q: %v\n%s\nwant an error saying %q, password hidden", c.args, err, out.String(), c.want)
		}
	}
	site := nvtest.New(t, "nv45", "vi")
	var out bytes.Buffer
	err := run(context.Background(), []string{"import", "nukeviet", "--from", site.URL, "--data", data}, noenv, &out, &out)
	if err == nil || !strings.Contains(err.Error(), "--prefix nv45 --lang vi") {
		t.Errorf("wrong prefix: %v; want the prefixes the database holds", err)
	}
}
