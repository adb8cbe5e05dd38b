package admin

import (
	"net/http"

	"cong/internal/formlimit"
	"cong/internal/geo"
	"cong/internal/media"
	"cong/internal/portal"
)

// Body caps of the back office's forms, from the fields each holds. A
// URL-encoded field may take 3 bytes per byte and a character 4 bytes, so
// a field of n characters needs up to 12n; a form of short fields fits the
// default.
const (
	loginBody    = 8 << 10  // a name of 100 bytes and a password of 1 024, encoded
	codeBody     = 4 << 10  // a second-factor code or a button
	passwordBody = 16 << 10 // three passwords of 1 024 bytes, encoded
	defaultBody  = 64 << 10 // short fields: a note of 2 000 characters, a reply, 200 ticked ids
	articleBody  = 3*portal.MaxBody + 128<<10
	uploadBody   = media.MaxBytes + 256<<10 // one picture or PDF and its description
	// a poll: question, introduction and every option at 12 bytes a character, encoded
	pollBody = 12*(portal.MaxTitle+portal.MaxPollDescription+portal.MaxPollOptions*(portal.MaxPollOptionLabel+2)) + 16<<10
)

// bodyLimits caps the body of each route (see package formlimit); routes
// not listed get defaultBody. The back office reads a form only once the
// session is known (signedIn), so a stranger's body is never read at all.
var bodyLimits = &formlimit.Table{Default: defaultBody, Routes: map[string]formlimit.Route{
	"POST " + Prefix + "/dang-nhap":            {Max: loginBody},
	"POST " + Prefix + "/dang-xuat":            {Max: codeBody},
	"POST " + Prefix + "/xac-thuc":             {Max: codeBody},
	"POST " + Prefix + "/bao-mat/mat-khau":     {Max: passwordBody},
	"POST " + Prefix + "/bao-mat/hai-buoc":     {Max: codeBody},
	"POST " + Prefix + "/bao-mat/tat-hai-buoc": {Max: codeBody},
	"POST " + Prefix + "/bao-mat/bat-buoc":     {Max: codeBody},

	"POST " + Prefix + "/bai-viet/moi":         {Max: articleBody},
	"POST " + Prefix + "/bai-viet/{id}":        {Max: articleBody},
	"POST " + Prefix + "/bai-viet/{id}/tu-luu": {Max: articleBody},
	"POST " + Prefix + "/hoi-dap/{id}/tra-loi": {Max: 3*portal.MaxQuestionAnswer + 64<<10},
	"POST " + Prefix + "/trang/moi":            {Max: 12*portal.MaxPageBody + 64<<10},
	"POST " + Prefix + "/trang/{id}":           {Max: 12*portal.MaxPageBody + 64<<10},
	"POST " + Prefix + "/gop-y-du-thao/moi":    {Max: 12*portal.MaxConsultationSummary + 64<<10},
	"POST " + Prefix + "/gop-y-du-thao/{id}":   {Max: 12*portal.MaxConsultationSummary + 64<<10},
	"POST " + Prefix + "/binh-chon/moi":        {Max: pollBody},
	"POST " + Prefix + "/binh-chon/{id}":       {Max: pollBody},
	"POST " + Prefix + "/ban-do/{id}":          {Max: 12*(portal.MaxUnitIntro+portal.MaxUnitLeaders) + 64<<10},
	"POST " + Prefix + "/y-kien/danh-sach":     {Max: 2*3*20_000 + 16<<10}, // two lists of 20 000 bytes

	// The editor's image weight: a body and a cover, saved nowhere.
	"POST " + Prefix + "/bai-viet/trong-luong-anh": {Max: 3*portal.MaxBody + 16<<10},

	// Uploads: their handlers read the form after checking the role, and
	// answer an oversized file on their own page.
	"POST " + Prefix + "/thu-vien":               {Max: uploadBody, Upload: true},
	"POST " + Prefix + "/gop-y-du-thao/{id}/tep": {Max: uploadBody, Upload: true},
	"POST " + Prefix + "/anh-lien-ket":           {Max: uploadBody, Upload: true},
	"POST " + Prefix + "/anh-lien-ket/{id}":      {Max: uploadBody, Upload: true},
	"POST " + Prefix + "/quang-cao":              {Max: uploadBody, Upload: true},
	"POST " + Prefix + "/quang-cao/{id}":         {Max: uploadBody, Upload: true},
	"POST " + Prefix + "/van-ban/moi":            {Max: documentBody, Upload: true},
	"POST " + Prefix + "/van-ban/{id}":           {Max: documentBody, Upload: true},
	"POST " + Prefix + "/ban-do":                 {Max: geo.MaxBytes + 64<<10, Upload: true},
}}

// documentBody is one save of a document: a few files of at most 20 MB.
const documentBody = maxDocumentFiles*media.MaxDocumentBytes + 1<<20

// readForm reads the form of a request about to be handled, within its
// route's cap; on failure it shows the 413 or 400 page and reports false.
// A multipart form's temporary files are removed by the returned cleanup.
func (h *Handler) readForm(w http.ResponseWriter, r *http.Request) (cleanup func(), ok bool) {
	if err := bodyLimits.Read(r); err != nil {
		h.showError(w, r, err)
		return nil, false
	}
	return func() {
		if r.MultipartForm != nil {
			r.MultipartForm.RemoveAll()
		}
	}, true
}

// tooLarge answers a body declared larger than its route takes.
func (h *Handler) tooLarge(w http.ResponseWriter, r *http.Request, err error) { h.showError(w, r, err) }
