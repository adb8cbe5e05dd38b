package admin

import (
	"net/http"
	"net/url"

	"cong/internal/sanitize"
	"cong/internal/viet"
)

// Text pasted from old documents and portals is often typed in a legacy
// Vietnamese font encoding (TCVN3, VNI) and shows as "Héi nghÞ". Every
// form staff send is read through fixEncoding, which converts such text to
// Unicode before any handler sees it, and the page that answers tells them
// so (Base.Notice): one place for every form of the back office, so no
// handler can forget it.

// richFields are, by route, the form fields that hold HTML from the editor:
// only the text between their tags is converted, never their markup. Other
// fields are plain text, even when named alike (a comment's correction).
var richFields = map[string]map[string]bool{
	"POST " + Prefix + "/bai-viet/moi":         {"body": true},
	"POST " + Prefix + "/bai-viet/{id}":        {"body": true},
	"POST " + Prefix + "/bai-viet/{id}/tu-luu": {"body": true},
	"POST " + Prefix + "/trang/moi":            {"body": true},
	"POST " + Prefix + "/trang/{id}":           {"body": true},
	"POST " + Prefix + "/hoi-dap/{id}/tra-loi": {"answer": true},
}

// secretFields are never text to convert, whatever form holds them.
var secretFields = map[string]bool{"password": true, "current": true, "new": true, "confirm": true,
	"code": true, "secret": true}

// fixEncoding converts the legacy-encoded values of r's form, read already,
// to Unicode and notes the encodings on r's signed-in request for
// encodingNotice. The login and security pages do not call it: their
// fields are passwords and codes.
func fixEncoding(r *http.Request) {
	s, ok := r.Context().Value(ctxKey{}).(*signedIn)
	if !ok {
		return
	}
	rich := richFields[r.Pattern]
	done := map[string]string{} // r.Form repeats r.PostForm's values
	fix := func(values url.Values) {
		for key, vs := range values {
			if secretFields[key] {
				continue
			}
			for i, v := range vs {
				memo := key + "\x00" + v
				if fixed, ok := done[memo]; ok {
					vs[i] = fixed
					continue
				}
				var e viet.Encoding
				if rich[key] {
					vs[i], e = sanitize.FixEncoding(v)
				} else {
					vs[i], e = viet.FixEncoding(v)
				}
				done[memo] = vs[i]
				s.noteEncoding(e)
			}
		}
	}
	fix(r.PostForm)
	fix(r.Form)
	if r.MultipartForm != nil {
		fix(r.MultipartForm.Value)
	}
}

// noteEncoding records that text in e was converted during the request.
func (s *signedIn) noteEncoding(e viet.Encoding) {
	switch e {
	case viet.TCVN3:
		s.tcvn3 = true
	case viet.VNI:
		s.vni = true
	}
}

// encodingCode names the encodings converted during r in the address the
// page redirects to after a post ("" when none was), the way flashes are
// named by a code: a link cannot make the page say anything else.
func encodingCode(r *http.Request) string {
	s, ok := r.Context().Value(ctxKey{}).(*signedIn)
	switch {
	case !ok:
		return ""
	case s.tcvn3 && s.vni:
		return "tcvn3-vni"
	case s.tcvn3:
		return "tcvn3"
	case s.vni:
		return "vni"
	}
	return ""
}

// encodingNotices are the messages of encodingCode's codes.
var encodingNotices = map[string]string{
	"tcvn3":     "Văn bản dán vào dùng bảng mã cũ (TCVN3) đã được chuyển sang Unicode.",
	"vni":       "Văn bản dán vào dùng bảng mã cũ (VNI) đã được chuyển sang Unicode.",
	"tcvn3-vni": "Văn bản dán vào dùng bảng mã cũ (TCVN3 và VNI) đã được chuyển sang Unicode.",
}

// encodingNotice is the message for a page that answers r: the encodings
// converted during r itself (a form shown again with an error), or those
// the post before the redirect to r converted.
func encodingNotice(r *http.Request) string {
	if code := encodingCode(r); code != "" {
		return encodingNotices[code]
	}
	return encodingNotices[r.URL.Query().Get(encodingParam)]
}

// encodingParam is the query parameter that carries encodingCode.
const encodingParam = "bang-ma"
