package web

import (
	"net/http"

	"cong/internal/formlimit"
	"cong/internal/media"
)

// Body caps of the public forms (see package formlimit). A comment of 2 000
// characters with its name and e-mail fits 32 KB URL-encoded; the question
// form is multipart, its text a few KB beside the attachment. No other
// route reads a body.
const (
	commentBody  = 32 << 10
	questionText = 64 << 10 // every text field of the question form together
	questionBody = media.MaxBytes + questionText
	// A contact message of 5 000 characters, each up to 9 bytes
	// URL-encoded, with its subject and the other fields.
	contactBody = 64 << 10
	otherBody   = 8 << 10
)

var bodyLimits = &formlimit.Table{Default: otherBody, Routes: map[string]formlimit.Route{
	"POST /{category}/{slug}":    {Max: commentBody},
	"POST /gop-y-du-thao/{slug}": {Max: commentBody},
	"POST /bao-loi/{id}":         {Max: commentBody},
	"POST /hoi-dap/gui-cau-hoi":  {Max: questionBody},
	"POST /lien-he":              {Max: contactBody},
}}

// tooLarge answers a body declared larger than its route takes.
func (h *Handler) tooLarge(w http.ResponseWriter, r *http.Request, err error) { h.showError(w, r, err) }
