// Package formlimit caps the body of each request by what its route's form
// really needs, before anything reads it, and reads forms so that a body over
// its cap is told apart from a broken one.
//
// Without a cap, Go reads a URL-encoded form whole (up to 10 MB) and keeps up
// to 32 MB of a multipart one in memory, whatever the form: one login post
// could cost a hundred megabytes. Each wing lists its routes' caps in one
// Table, keyed by the ServeMux pattern; Handler applies them in front of the
// mux, and Read (or Parse, for a handler that reads its own upload) turns an
// oversized body into ETOOLARGE, which the wings show as their 413 page.
package formlimit

import (
	"errors"
	"fmt"
	"mime"
	"mime/multipart"
	"net/http"

	"cong/internal/portal"
)

// Route is what the body of one route may hold.
type Route struct {
	Max int64 // bytes
	// Upload marks a route whose handler reads its multipart form itself,
	// after its own checks, with Parse; Read leaves it alone.
	Upload bool
}

// Table holds the cap of each route, by its ServeMux pattern ("POST
// /quan-tri/dang-nhap"); a route not listed gets Default.
type Table struct {
	Routes  map[string]Route
	Default int64
}

// Route returns the cap of the route with pattern.
func (t *Table) Route(pattern string) Route {
	if rt, ok := t.Routes[pattern]; ok {
		return rt
	}
	return Route{Max: t.Default}
}

// Handler caps the body of every request to mux by its route. A body that
// declares a length over the cap is answered by tooLarge at once, unread —
// except on an upload route, whose handler answers on its own page after its
// own checks; a body that does not declare it (chunked) fails when read past
// the cap. Either way the server closes the connection after the answer
// instead of reading on.
func (t *Table) Handler(mux *http.ServeMux, tooLarge func(w http.ResponseWriter, r *http.Request, err error)) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.ContentLength == 0 { // no body: the common GET pays no second lookup
			mux.ServeHTTP(w, r)
			return
		}
		_, pattern := mux.Handler(r)
		rt := t.Route(pattern)
		if r.ContentLength > rt.Max && !rt.Upload {
			tooLarge(w, r, TooLarge(rt.Max))
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, rt.Max)
		mux.ServeHTTP(w, r)
	})
}

// Read reads the form of a request the mux routed (r.Pattern set), unless
// its route is an upload its handler reads itself. Call it where the handler
// is about to run, after the checks of who asks, so that a stranger's body is
// never read.
func (t *Table) Read(r *http.Request) error {
	rt := t.Route(r.Pattern)
	if rt.Upload || !hasBody(r.Method) {
		return nil
	}
	return Parse(r, rt.Max)
}

// Parse reads r's form, URL-encoded or multipart; files past maxMemory go to
// temporary files, which r.MultipartForm.RemoveAll removes. A body over its
// cap is an ETOOLARGE error and a broken one EINVALID, both with a message
// for people; a body of another type is left unread, as Go does.
func Parse(r *http.Request, maxMemory int64) error {
	var err error
	if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt == "multipart/form-data" {
		err = r.ParseMultipartForm(maxMemory)
	} else {
		err = r.ParseForm()
	}
	var tooBig *http.MaxBytesError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &tooBig):
		return TooLarge(tooBig.Limit)
	case errors.Is(err, multipart.ErrMessageTooLarge):
		return TooLarge(maxMemory)
	}
	return portal.Invalid("form", "Dữ liệu gửi lên không trọn vẹn hoặc không đọc được. Xin gửi lại.")
}

// TooLarge is the error of a body over limit bytes.
func TooLarge(limit int64) *portal.Error {
	return portal.Errorf(portal.ETOOLARGE, "Dữ liệu gửi lên quá lớn: biểu mẫu này nhận tối đa %s. "+
		"Xin bớt nội dung hoặc tệp đính kèm rồi gửi lại.", Size(limit))
}

// Size writes a number of bytes for people: "8 KB", "10 MB".
func Size(n int64) string {
	if n < 1<<20 {
		return fmt.Sprintf("%d KB", max(n>>10, 1))
	}
	return fmt.Sprintf("%d MB", n>>20)
}

func hasBody(method string) bool {
	return method == http.MethodPost || method == http.MethodPut || method == http.MethodPatch
}
