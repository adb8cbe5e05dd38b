package formlimit

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"cong/internal/portal"
)

// chunked hides a reader's length, as a body sent without Content-Length.
type chunked struct{ io.Reader }

func TestTable(t *testing.T) {
	table := &Table{Default: 64, Routes: map[string]Route{
		"POST /login":  {Max: 32},
		"POST /upload": {Max: 128, Upload: true},
	}}
	type result struct {
		status int
		form   string // the field "a" as the handler read it
		err    string // the code of Read's error
	}
	mux := http.NewServeMux()
	var got result
	read := func(w http.ResponseWriter, r *http.Request) {
		err := table.Read(r)
		got = result{status: 200, form: r.PostFormValue("a"), err: portal.ErrorCode(err)}
	}
	mux.HandleFunc("POST /login", read)
	mux.HandleFunc("POST /upload", read)
	mux.HandleFunc("POST /other", read)
	h := table.Handler(mux, func(w http.ResponseWriter, r *http.Request, err error) {
		got = result{status: http.StatusRequestEntityTooLarge, err: portal.ErrorCode(err)}
	})
	multipartBody := func(value string) (string, string) {
		return "multipart/form-data; boundary=x", "--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n" + value + "\r\n--x--\r\n"
	}
	for _, c := range []struct {
		name, path, kind, body string
		hideLength             bool
		want                   result
	}{
		{"small form", "/login", "application/x-www-form-urlencoded", "a=b", false, result{200, "b", ""}},
		{"declared over the cap", "/login", "application/x-www-form-urlencoded", "a=" + strings.Repeat("b", 40), false,
			result{413, "", portal.ETOOLARGE}},
		{"chunked over the cap", "/login", "application/x-www-form-urlencoded", "a=" + strings.Repeat("b", 40), true,
			result{200, "", portal.ETOOLARGE}},
		{"multipart over the cap", "/login", "", "", true, result{200, "", portal.ETOOLARGE}},
		{"broken multipart", "/login", "multipart/form-data; boundary=x", "--y\r\n", false, result{200, "", portal.EINVALID}},
		{"unlisted route gets the default", "/other", "application/x-www-form-urlencoded", "a=" + strings.Repeat("b", 50), false,
			result{200, strings.Repeat("b", 50), ""}},
		{"unlisted route over the default", "/other", "application/x-www-form-urlencoded", "a=" + strings.Repeat("b", 70), false,
			result{413, "", portal.ETOOLARGE}},
		{"upload is left to its handler", "/upload", "application/x-www-form-urlencoded", "a=" + strings.Repeat("b", 200), false,
			result{200, "", ""}},
	} {
		kind, body := c.kind, c.body
		if c.name == "multipart over the cap" {
			kind, body = multipartBody(strings.Repeat("b", 40))
		}
		var r io.Reader = strings.NewReader(body)
		if c.hideLength {
			r = chunked{r}
		}
		req := httptest.NewRequest("POST", c.path, r)
		req.Header.Set("Content-Type", kind)
		got = result{}
		h.ServeHTTP(httptest.NewRecorder(), req)
		if got != c.want {
			t.Errorf("%s: %+v; want %+v", c.name, got, c.want)
		}
	}
}

// TestParseUpload reads an upload's multipart form within the cap, and tells
// an oversized one apart.
func TestParseUpload(t *testing.T) {
	body := func(n int) *bytes.Buffer {
		var b bytes.Buffer
		b.WriteString("--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.jpg\"\r\n\r\n")
		b.Write(bytes.Repeat([]byte{1}, n))
		b.WriteString("\r\n--x--\r\n")
		return &b
	}
	for _, c := range []struct {
		size int
		want string
	}{{100, ""}, {5000, portal.ETOOLARGE}} {
		req := httptest.NewRequest("POST", "/", body(c.size))
		req.Header.Set("Content-Type", "multipart/form-data; boundary=x")
		req.Body = http.MaxBytesReader(httptest.NewRecorder(), req.Body, 1000)
		err := Parse(req, 10)
		if portal.ErrorCode(err) != c.want {
			t.Errorf("%d bytes: %v; want code %q", c.size, err, c.want)
		}
		if err == nil {
			if fh := req.MultipartForm.File["file"]; len(fh) != 1 || fh[0].Size != int64(c.size) {
				t.Errorf("%d bytes: file not read", c.size)
			}
			req.MultipartForm.RemoveAll()
		}
	}
	if got := TooLarge(8 << 10).Message; !strings.Contains(got, "tối đa 8 KB") {
		t.Errorf("TooLarge(8 KB) says %q", got)
	}
	if got := Size(10<<20 + 256<<10); got != "10 MB" {
		t.Errorf("Size = %q; want 10 MB", got)
	}
}
