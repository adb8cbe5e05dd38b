package web_test

import (
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"cong/internal/browsertest"
	"cong/internal/storetest"
)

// TestBrowserPrintPDF prints the print view of the seed article to PDF in
// Chromium, as a reader's "In bài viết" would, and reads the PDF back.
func TestBrowserPrintPDF(t *testing.T) {
	tab := browsertest.Start(t, browserTimeout)
	pdftotext, err := exec.LookPath("pdftotext")
	if err != nil {
		if os.Getenv("CONG_REQUIRE_BROWSER") != "" {
			t.Fatal("CONG_REQUIRE_BROWSER is set but pdftotext (poppler-utils) is missing")
		}
		t.Skip("no pdftotext to read the PDF (install poppler-utils)")
	}
	s := newSite(t, storetest.Open(t, storetest.SQLiteDSN(t)))
	srv := httptest.NewServer(s.h)
	t.Cleanup(srv.Close)
	browsertest.Do(t, tab, "open the print view", chromedp.Navigate(srv.URL+"/in"+seedURL))
	browsertest.ImageWidth(t, tab, ".article-body figure img")
	pdf := browsertest.Run(t, tab, "print to PDF", chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperA4)))
	path := filepath.Join(browsertest.ArtifactsDir(t), "article-print.pdf")
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(pdftotext, "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	text := strings.Join(strings.Fields(string(out)), " ")
	for _, want := range []string{"Hội nghị học tập, quán triệt", "Hội nghị tại điểm cầu cấp Tỉnh", "Thanh Tâm",
		"30/12/2020", "Địa chỉ bài viết:", "CỔNG THÔNG TIN ĐIỆN TỬ"} {
		if !strings.Contains(strings.ToUpper(text), strings.ToUpper(want)) {
			t.Errorf("the PDF lacks %q", want)
		}
	}
	for _, unwanted := range []string{"Lượt truy cập", "Các ý kiến của bạn đọc", "Ảnh liên kết", "Chuyển đến nội dung chính"} {
		if strings.Contains(text, unwanted) {
			t.Errorf("the PDF has %q, which the print view leaves out", unwanted)
		}
	}
}
