package importer_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"cong/internal/importer"
	"cong/internal/portal"
)

func TestImages(t *testing.T) {
	lib := map[string]*portal.Media{
		"https://old.vn/wp-content/uploads/2020/12/hoi-nghi-300x200.jpg": {File: "2020/12/hoi-nghi.jpg", Width: 1200,
			Height: 800, Variants: []int{480, 800}, Alt: "Toàn cảnh hội nghị"},
		"/wp-content/uploads/2020/12/hoi-nghi.jpg": {File: "2020/12/hoi-nghi.jpg", Width: 1200, Height: 800},
	}
	find := func(src string) *portal.Media { return lib[src] }
	body := `<p>Mở đầu</p><img src="https://old.vn/wp-content/uploads/2020/12/hoi-nghi-300x200.jpg" srcset="x 300w" sizes="100vw">` +
		`<figure><a href="/wp-content/uploads/2020/12/hoi-nghi.jpg"><img src="/wp-content/uploads/2020/12/hoi-nghi.jpg" alt="Đại biểu"></a>` +
		`<figcaption>Đại biểu dự hội nghị</figcaption></figure><p>Ảnh <img src="/khong-co.png"> đã mất.</p>`
	out, missing := importer.Images(body, find)
	for _, want := range []string{
		`<img src="/media/2020/12/hoi-nghi.jpg" srcset="`, `width="1200" height="800"`, `alt="Toàn cảnh hội nghị"`,
		`<a href="/media/2020/12/hoi-nghi.jpg"><img src="/media/2020/12/hoi-nghi.jpg" alt="Đại biểu"`,
		`<figcaption>Đại biểu dự hội nghị</figcaption>`, `<p>Ảnh  đã mất.</p>`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("Images = %s\nwant it to hold %s", out, want)
		}
	}
	if strings.Contains(out, `sizes="100vw"`) || strings.Contains(out, "300w") {
		t.Errorf("the old srcset or sizes stayed: %s", out)
	}
	if len(missing) != 1 || missing[0] != "/khong-co.png" {
		t.Errorf("missing = %q", missing)
	}
}

func TestRunAccount(t *testing.T) {
	var progress bytes.Buffer
	r := importer.New("wordpress", &progress, false)
	clock := time.Date(2026, 12, 6, 8, 0, 0, 0, time.UTC)
	r.Now = func() time.Time { clock = clock.Add(time.Second); return clock }
	r.Expect(4)
	r.Item("post", "1", portal.Created, nil)
	r.Item("post", "2", portal.Unchanged, nil)
	r.Item("post", "3", "", errors.New("post 3 (line 120): no title"))
	r.Note("post", "1", "picture /a.jpg missing")
	r.Item("attachment", "9", portal.Skipped, nil)
	var sum bytes.Buffer
	r.Summary(&sum)
	if r.Failed() != 1 || r.Count("post", portal.Created) != 1 {
		t.Errorf("failed %d, created %d", r.Failed(), r.Count("post", portal.Created))
	}
	for _, want := range []string{"wordpress: imported 4 items", "post", "FAILED post 3: post 3 (line 120): no title",
		"note post 1: picture /a.jpg missing"} {
		if !strings.Contains(sum.String(), want) {
			t.Errorf("summary:\n%s\nwant %q", sum.String(), want)
		}
	}
	if !strings.Contains(progress.String(), "wordpress: 4/4 (100%)") {
		t.Errorf("progress %q; want a final line of 4/4", progress.String())
	}
	report := filepath.Join(t.TempDir(), "report.tsv")
	if err := r.WriteReport(report); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(report)
	if !strings.Contains(string(b), "failed\tpost\t3\tpost 3 (line 120): no title\n") {
		t.Errorf("report:\n%s", b)
	}
	if importer.Checksum("a", 1) == importer.Checksum("a", 2) || importer.Checksum("a", 1) != importer.Checksum("a", 1) {
		t.Error("Checksum does not tell contents apart, or is not stable")
	}
}
