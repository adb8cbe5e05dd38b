package web

import (
	"errors"
	"fmt"
	"net/http"
	"runtime/debug"

	"cong/internal/headers"
	"cong/internal/httperr"
	"cong/internal/httplog"
	"cong/internal/portal"
	"cong/internal/render"
)

var errNotFound = portal.Errorf(portal.ENOTFOUND, "Trang bạn tìm không có hoặc đã được chuyển đi.")

// pageHandler is a handler that returns an error for page to show.
type pageHandler func(w http.ResponseWriter, r *http.Request) error

// page turns a pageHandler into an http.Handler that renders its error.
//
// An address this portal does not know may be one of the portal it
// replaced: before it is "not found", the old addresses importers recorded
// are asked (see followLegacy).
func (h *Handler) page(fn pageHandler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r = h.readerReads(r)
		var err error = errNotOld
		if frontController(r) {
			err = h.followLegacy(w, r)
		}
		if errors.Is(err, errNotOld) {
			err = fn(w, r)
		}
		if portal.ErrorCode(err) == portal.ENOTFOUND {
			if lerr := h.followLegacy(w, r); !errors.Is(lerr, errNotOld) {
				err = lerr
			}
		}
		if err != nil {
			h.showError(w, r, h.fault(err))
		}
	})
}

// readerReads lets a reader's GET read from a replica (see
// portal.PreferReplica). Forms posted and staff signed in lately read the
// primary, so they see at once what they wrote.
func (h *Handler) readerReads(r *http.Request) *http.Request {
	if !h.cfg.Replicas || r.Method != http.MethodGet && r.Method != http.MethodHead {
		return r
	}
	if h.cfg.Member != nil {
		if _, staff := h.cfg.Member(r); staff {
			return r
		}
	}
	return r.WithContext(portal.PreferReplica(r.Context()))
}

// ownWrite makes fn read the primary: it shows a reader what they have
// just sent, which a replica may not have replayed yet.
func ownWrite(fn pageHandler) pageHandler {
	return func(w http.ResponseWriter, r *http.Request) error {
		if portal.PrefersReplica(r.Context()) {
			r = r.WithContext(portal.ReadPrimary(r.Context()))
		}
		return fn(w, r)
	}
}

func (h *Handler) notFound(w http.ResponseWriter, r *http.Request) error { return errNotFound }

// showError renders the error page for err. Internal errors are logged with
// a request id that the page shows, never their details.
func (h *Handler) showError(w http.ResponseWriter, r *http.Request, err error) {
	status := httperr.Status(err)
	data := ErrorPage{Heading: "Không tìm thấy trang", Message: portal.ErrorMessage(err)}
	switch status {
	case http.StatusNotFound:
	case http.StatusTooManyRequests:
		data.Heading = "Xin thử lại sau ít phút"
	case http.StatusInternalServerError:
		data.Heading, data.RequestID = "Có lỗi xảy ra", requestID(r)
		h.log.Error("request failed", "request_id", data.RequestID, "method", r.Method, "path", r.URL.Path, "err", err)
	case http.StatusServiceUnavailable:
		data.Heading = "Tạm thời gián đoạn"
		w.Header().Set("Retry-After", "60")
		h.log.Warn("request failed: database unavailable", "method", r.Method, "path", r.URL.Path, "err", err)
	case http.StatusRequestEntityTooLarge:
		data.Heading = "Dữ liệu gửi lên quá lớn"
	default:
		data.Heading = "Yêu cầu không hợp lệ"
	}
	h.renderError(w, r, status, data)
}

// renderError writes an error page, falling back to plain text when even
// the site around it cannot be loaded.
func (h *Handler) renderError(w http.ResponseWriter, r *http.Request, status int, data ErrorPage) {
	w.Header().Set("Cache-Control", "no-store")
	p, err := h.errorPage(r, data)
	if err != nil {
		h.log.Error("render error page", "request_id", data.RequestID, "err", err)
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.WriteHeader(status)
		fmt.Fprintf(w, "%s\n%s\n", data.Heading, data.Message)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	values := h.counterValues(h.now())
	p.Write(w, status, &values)
}

// errorPage renders data; a panic on the way (the site around the page may
// be what broke) becomes an error.
func (h *Handler) errorPage(r *http.Request, data ErrorPage) (*render.Page, error) {
	data.Base = h.errorBase(r)
	data.Description, data.NoIndex = data.Message, true
	return h.render.Render("error", data)
}

// errorBase is the site around an error page, or a bare one when loading
// the site fails or panics: it may be what broke.
func (h *Handler) errorBase(r *http.Request) (b Base) {
	defer func() {
		if v := recover(); v != nil {
			b = Base{Site: SiteInfo{Name: defaultSiteName}, Origin: h.origin}
		}
	}()
	s, err := h.site(r.Context())
	if err != nil {
		return Base{Site: SiteInfo{Name: defaultSiteName}, Origin: h.origin}
	}
	b = s.base("")
	b.Beacon = "" // errors are not page views
	return b
}

// requestID is the request's id, the one its log line carries (see package
// httplog), shown on error pages so a reader's report leads to the log.
func requestID(r *http.Request) string { return httplog.ID(r) }

// recoverPanics turns a panic into the generic error page, logged with a
// request id and the stack; the reader never sees the stack.
func (h *Handler) recoverPanics(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			v := recover()
			if v == nil {
				return
			}
			if v == http.ErrAbortHandler {
				panic(v)
			}
			id := requestID(r)
			h.log.Error("panic", "request_id", id, "path", r.URL.Path, "panic", fmt.Sprint(v), "stack", string(debug.Stack()))
			h.renderError(w, r, http.StatusInternalServerError, ErrorPage{
				Heading: "Có lỗi xảy ra", RequestID: id,
				Message: portal.ErrorMessage(errors.New("panic")),
			})
		}()
		next.ServeHTTP(w, r)
	})
}

// Request limits. Real paths are far shorter; longer ones are probes.
const (
	maxPath  = 1024
	maxQuery = 4096 // a 200-letter Vietnamese search, percent-encoded, is about 1.5 KB
)

// limitRequests refuses over-long paths and queries and sets the headers
// every response carries.
func (h *Handler) limitRequests(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hdr := w.Header()
		headers.Set(hdr, h.cfg.Secure(r))
		for k, v := range securityHeaders {
			hdr[k] = v
		}
		if len(r.URL.EscapedPath()) > maxPath || len(r.URL.RawQuery) > maxQuery {
			h.renderError(w, r, http.StatusRequestURITooLong, ErrorPage{
				Heading: "Địa chỉ quá dài", Message: "Địa chỉ trang bạn yêu cầu quá dài, xin kiểm tra lại đường dẫn.",
			})
			return
		}
		next.ServeHTTP(w, r)
	})
}

var securityHeaders = http.Header{
	"Referrer-Policy":         {"strict-origin-when-cross-origin"},
	"X-Frame-Options":         {"SAMEORIGIN"},
	"Content-Security-Policy": {"default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'"},
}
