package web_test

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/jpeg"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"cong/internal/storetest"
)

// counting is a body part of n bytes made as it is read, counting what was
// read of it.
type counting struct {
	n    int64
	read atomic.Int64
}

func (c *counting) Read(p []byte) (int, error) {
	left := c.n - c.read.Load()
	if left <= 0 {
		return 0, io.EOF
	}
	p = p[:min(int64(len(p)), left)]
	for i := range p {
		p[i] = 'x'
	}
	c.read.Add(int64(len(p)))
	return len(p), nil
}

// postBody sends body to path from ip, as a browser's form; declared 0
// sends it chunked.
func (s *site) postBody(path, kind, ip string, body io.Reader, declared int64) *httptest.ResponseRecorder {
	r := httptest.NewRequest("POST", path, body)
	r.ContentLength = declared
	if declared == 0 {
		r.ContentLength = -1
	}
	r.Header.Set("Content-Type", kind)
	r.Header.Set("User-Agent", browserUA)
	r.RemoteAddr = ip + ":5000"
	w := httptest.NewRecorder()
	s.h.ServeHTTP(w, r)
	return w
}

// questionWithFile is the question form, multipart, its fields first and
// then a file part whose content is file.
func questionWithFile(form url.Values, name string, file io.Reader) (string, io.Reader) {
	var head bytes.Buffer
	mw := multipart.NewWriter(&head)
	for k, vs := range form {
		for _, v := range vs {
			mw.WriteField(k, v)
		}
	}
	mw.CreateFormFile("file", name)
	tail := "\r\n--" + mw.Boundary() + "--\r\n"
	return mw.FormDataContentType(), io.MultiReader(&head, file, strings.NewReader(tail))
}

// TestPublicFormLimits: an oversized comment or question gets 413 in
// Vietnamese, the question with what the citizen typed, and nothing is
// saved.
func TestPublicFormLimits(t *testing.T) {
	s := newQASite(t, storetest.Open(t, storetest.SQLiteDSN(t)))
	form := "application/x-www-form-urlencoded"
	big := &counting{n: 1 << 20}
	w := s.postBody(seedURL, form, "10.0.1.1", io.MultiReader(strings.NewReader("name=An&body="), big), 0)
	if h1 := text(parse(t, w), "h1"); w.Code != http.StatusRequestEntityTooLarge || h1 != "Dữ liệu gửi lên quá lớn" {
		t.Errorf("comment of 1 MB = %d %q; want 413 and the Vietnamese page", w.Code, h1)
	}
	if got := big.read.Load(); got > 64<<10 {
		t.Errorf("%d bytes of the comment read; want the cap and a buffer at most", got)
	}
	declared := &counting{n: 100 << 20}
	if w := s.postBody("/hoi-dap/gui-cau-hoi", form, "10.0.1.2", declared, 100<<20); w.Code != http.StatusRequestEntityTooLarge {
		t.Errorf("question declaring 100 MB = %d; want 413", w.Code)
	}
	if got := declared.read.Load(); got != 0 {
		t.Errorf("%d bytes read of a question declaring 100 MB; want none", got)
	}

	kind, body := questionWithFile(s.goodQuestion(), "anh.jpg", &counting{n: 11 << 20})
	w = s.postBody("/hoi-dap/gui-cau-hoi", kind, "10.0.1.3", body, 0)
	kept := strings.Contains(w.Body.String(), "Thủ tục tách thửa")
	if msg := text(parse(t, w), "#q-file-loi"); w.Code != http.StatusRequestEntityTooLarge || !strings.Contains(msg, "tối đa 10 MB") || !kept {
		t.Errorf("question with 11 MB attached = %d, file message %q, form kept %v; want 413 with the form kept", w.Code, msg, kept)
	}
	if n := countFiles(t, filepath.Join(s.media, "hoi-dap")); n != 0 {
		t.Errorf("%d files stored from refused questions", n)
	}
}

// TestQuestionLimitsBeforeTheFile: a sender over the limits — by address
// or by e-mail — is answered before the attachment is read.
func TestQuestionLimitsBeforeTheFile(t *testing.T) {
	s := newQASite(t, storetest.Open(t, storetest.SQLiteDSN(t)))
	if w := s.postQuestion(t, s.goodQuestion(), "10.0.2.1", "", nil); w.Code != http.StatusSeeOther {
		t.Fatalf("first question = %d", w.Code)
	}
	other := s.goodQuestion()
	other.Set("title", "Một câu hỏi khác")
	other.Set("email", "khac@example.vn")
	sameMail := s.goodQuestion()
	sameMail.Set("title", "Câu hỏi từ máy khác")
	for _, c := range []struct {
		name, ip string
		form     url.Values
	}{
		{"same address", "10.0.2.1", other},
		{"same e-mail", "10.0.2.2", sameMail},
	} {
		file := &counting{n: 5 << 20}
		kind, body := questionWithFile(c.form, "anh.jpg", file)
		w := s.postBody("/hoi-dap/gui-cau-hoi", kind, c.ip, body, 0)
		if w.Code != http.StatusTooManyRequests || !strings.Contains(w.Body.String(), c.form.Get("title")) {
			t.Errorf("%s: %d; want 429 with the form kept", c.name, w.Code)
		}
		if got := file.read.Load(); got > 64<<10 {
			t.Errorf("%s: %d bytes of the attachment read before the limit answered", c.name, got)
		}
	}
}

// TestQuestionPictureBomb: a small picture declaring 20000×20000 pixels is
// refused from its header, at once, with the message next to the file.
func TestQuestionPictureBomb(t *testing.T) {
	s := newQASite(t, storetest.Open(t, storetest.SQLiteDSN(t)))
	var buf bytes.Buffer
	jpeg.Encode(&buf, image.NewGray(image.Rect(0, 0, 16, 16)), nil)
	bomb := buf.Bytes()
	i := bytes.Index(bomb, []byte{0xFF, 0xC0})
	binary.BigEndian.PutUint16(bomb[i+5:], 20_000)
	binary.BigEndian.PutUint16(bomb[i+7:], 20_000)
	start := time.Now()
	w := s.postQuestion(t, s.goodQuestion(), "10.0.3.1", "bom.jpg", bomb)
	if msg := text(parse(t, w), "#q-file-loi"); w.Code != http.StatusBadRequest || !strings.Contains(msg, "tối đa 24 megapixel") {
		t.Errorf("20000×20000 JPEG = %d %q; want 400 with the pixel limit", w.Code, msg)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("refusing the bomb took %s", d) // decoding it would take minutes and 600 MB
	}
}

// TestPublicBodyCaps: each public route gets its own cap, told by the
// length a body declares, before any handler runs.
func TestPublicBodyCaps(t *testing.T) {
	s := newQASite(t, storetest.Open(t, storetest.SQLiteDSN(t)))
	for _, c := range []struct {
		path     string
		declared int64
		tooLarge bool
	}{
		{seedURL, 30 << 10, false},
		{seedURL, 33 << 10, true},
		{"/gop-y-du-thao/khong-co", 30 << 10, false},
		{"/gop-y-du-thao/khong-co", 33 << 10, true},
		{"/hoi-dap/gui-cau-hoi", 10 << 20, false},
		{"/hoi-dap/gui-cau-hoi", 11 << 20, true},
		{"/a/b/c", 8 << 10, false},
		{"/a/b/c", 9 << 10, true},
	} {
		body := &counting{n: c.declared}
		w := s.postBody(c.path, "text/plain", "10.0.4.1", body, c.declared)
		if (w.Code == http.StatusRequestEntityTooLarge) != c.tooLarge {
			t.Errorf("POST %s declaring %d KB = %d; want 413: %v", c.path, c.declared>>10, w.Code, c.tooLarge)
		}
	}
}
