package web_test

import (
	"database/sql"
	"errors"
	"io"
	"log/slog"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"cong/internal/counter"
	"cong/internal/demo"
	"cong/internal/store"
	"cong/internal/storetest"
	"cong/internal/web"
)

// TestDiskFull puts the SQLite file, the media folder and the uploads'
// temporary folder on a small tmpfs and fills it: a comment and a question
// with an attachment get a clear message with the reader's text kept, no
// temporary file stays behind, and both are taken once space is freed.
func TestDiskFull(t *testing.T) {
	disk := mountTmpfs(t, "24m")
	media, temp := filepath.Join(disk, "media"), filepath.Join(disk, "tmp")
	os.Mkdir(temp, 0o700)
	db := storetest.Open(t, filepath.Join(disk, "cong.db"))
	if _, err := demo.Seed(ctx, db, media, time.Now()); err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	c := counter.New(db, 30*time.Minute, 20*time.Minute, log)
	h, err := web.New(web.Config{MediaDir: media, TempDir: temp, CacheTTL: time.Minute, CacheBytes: 8 << 20,
		VisitorTTL: 30 * time.Minute, BaseURL: origin},
		web.Services{Categories: db, Articles: db, Side: db, Schedule: db, Comments: db, Questions: db, Fault: store.Fault}, c, log)
	if err != nil {
		t.Fatal(err)
	}
	s := &qaSite{site: &site{db: db, h: h, counters: c}, media: media}
	settings, _ := db.Settings(ctx)
	token := strconv.FormatInt(web.FormToken(settings["forms.secret"], time.Now().Add(-time.Minute)), 10)
	comment := url.Values{"name": {"Nguyễn Văn An"}, "email": {"an@example.vn"}, "body": {"Ý kiến gửi khi đĩa đầy."},
		"consent": {"1"}, "t": {token}}
	question := url.Values{"name": {"Lê Văn Cường"}, "email": {"cuong@example.vn"}, "topic": {"1"},
		"title": {"Tách thửa"}, "content": {"Xin hỏi diện tích tối thiểu?"}, "consent": {"1"}, "t": {token}}
	s.get(t, seedURL) // the site's snapshot, as a reader's visit leaves it

	// The database's log emptied, so the next write needs new space.
	checkpoint(t, filepath.Join(disk, "cong.db"))
	filler := fill(t, disk)
	w := s.postComment(t, comment, "10.0.1.1")
	checkFull(t, "comment", w.Code, parse(t, w), map[string]string{"name": "Nguyễn Văn An", "body": "Ý kiến gửi khi đĩa đầy."})
	w = s.postQuestion(t, question, "10.0.1.2", "don.pdf", []byte(testPDF))
	checkFull(t, "question", w.Code, parse(t, w), map[string]string{"name": "Lê Văn Cường", "content": "Xin hỏi diện tích tối thiểu?"})
	if left, _ := os.ReadDir(temp); len(left) != 0 {
		t.Errorf("temporary files left behind: %v", left)
	}
	if attached, _ := os.ReadDir(filepath.Join(media, "hoi-dap")); len(attached) != 0 {
		t.Errorf("attachments written with the disk full: %v", attached)
	}

	os.Remove(filler)
	if w := s.postComment(t, comment, "10.0.1.1"); w.Code != 303 {
		t.Errorf("space freed: comment = %d; want 303", w.Code)
	}
	if w := s.postQuestion(t, question, "10.0.1.2", "don.pdf", []byte(testPDF)); w.Code != 303 {
		t.Errorf("space freed: question = %d; want 303\n%s", w.Code, w.Body)
	}
	if attached, _ := os.ReadDir(filepath.Join(media, "hoi-dap")); len(attached) == 0 {
		t.Error("space freed: the attachment was not kept")
	}
}

// checkFull checks a form refused for want of space: 503, the message, the
// reader's text in the form again.
func checkFull(t *testing.T, what string, code int, doc *goquery.Document, want map[string]string) {
	t.Helper()
	if code != 503 || !strings.Contains(doc.Text(), "hết chỗ lưu trữ") {
		t.Errorf("disk full: %s = %d, %q; want 503 saying there is no room", what, code, text(doc, "main"))
	}
	checkKept(t, doc, what, want)
}

// mountTmpfs mounts a tmpfs of size, unmounted when the test ends; the
// test is skipped where mounting is not allowed.
func mountTmpfs(t *testing.T, size string) string {
	t.Helper()
	dir := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size="+size, "tmpfs", dir).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a tmpfs here (%v: %s)", err, strings.TrimSpace(string(out)))
	}
	t.Cleanup(func() { exec.Command("umount", "-l", dir).Run() })
	return dir
}

// fill writes a file into dir until the disk is full, and returns its path.
func fill(t *testing.T, dir string) string {
	t.Helper()
	path := filepath.Join(dir, "filler")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	chunk := make([]byte, 64<<10)
	for range 1 << 16 {
		if _, err := f.Write(chunk); err != nil {
			if !errors.Is(err, syscall.ENOSPC) {
				t.Fatal(err)
			}
			return path
		}
	}
	t.Fatal("the tmpfs never filled")
	return ""
}

// checkpoint moves SQLite's log into the file and empties it.
func checkpoint(t *testing.T, path string) {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec("PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
		t.Fatal(err)
	}
}
