package admin

import (
	"encoding/json"
	"errors"
	"net/http"
	"strings"

	"cong/internal/portal"
)

// LibraryPage lists the media library and takes uploads.
type LibraryPage struct {
	Base
	Query  string
	Items  []portal.Media
	Form   portal.Media
	Errors map[string]string
}

func (h *Handler) showLibrary(w http.ResponseWriter, r *http.Request) error {
	return h.libraryPage(w, r, http.StatusOK, portal.Media{}, nil)
}

func (h *Handler) libraryPage(w http.ResponseWriter, r *http.Request, status int, form portal.Media, err error) error {
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	if len(q) > 200 {
		q = q[:200]
	}
	b, berr := h.base(r, "Thư viện ảnh và tệp")
	if berr != nil {
		return berr
	}
	items, lerr := h.store.ListMedia(r.Context(), portal.MediaFilter{Query: q, Limit: 120})
	if lerr != nil {
		return lerr
	}
	return h.page(w, r, status, "library", &LibraryPage{Base: b, Query: q, Items: items, Form: form,
		Errors: fieldErrors(err)})
}

// upload stores a file sent from the library page: checked by content,
// re-encoded, resized, and described before anyone may use it.
func (h *Handler) upload(w http.ResponseWriter, r *http.Request) error {
	u := userOf(r)
	if err := parseUpload(r, 4<<20); err != nil {
		return h.libraryPage(w, r, uploadStatus(err), portal.Media{},
			portal.Invalid("file", "Tệp quá lớn (tối đa 10 MB) hoặc gửi lên không trọn vẹn."))
	}
	form := portal.Media{Caption: r.PostFormValue("caption"), Alt: r.PostFormValue("alt"), OwnerID: u.ID}
	_, err := h.storeUpload(r, form)
	if portal.ErrorCode(err) == portal.EINVALID {
		return h.libraryPage(w, r, http.StatusBadRequest, form, err)
	}
	if err != nil {
		return err
	}
	redirect(w, r, Prefix+"/thu-vien", flashUploaded)
	return nil
}

func (h *Handler) storeUpload(r *http.Request, m portal.Media) (*portal.Media, error) {
	file, header, err := r.FormFile("file")
	if errors.Is(err, http.ErrMissingFile) {
		return nil, portal.Invalid("file", "Xin chọn tệp để tải lên.")
	}
	if err != nil {
		return nil, portal.Invalid("file", "Không đọc được tệp gửi lên.")
	}
	defer file.Close()
	if strings.TrimSpace(m.Alt) == "" && !strings.HasSuffix(strings.ToLower(header.Filename), ".pdf") {
		return nil, portal.Invalid("alt", "Xin mô tả ảnh cho người không nhìn thấy ảnh (văn bản thay thế).")
	}
	saved, err := h.media.Process(r.Context(), header.Filename, file)
	if err != nil {
		return nil, err
	}
	saved.Fill(&m)
	if err := h.store.CreateMedia(r.Context(), h.actor(r), &m); err != nil {
		h.media.RemoveStored(r.Context(), saved.Files())
		return nil, err
	}
	return &m, nil
}

// imageList feeds the editor's picture dialog: the newest pictures, or those
// matching ?q=.
func (h *Handler) imageList(w http.ResponseWriter, r *http.Request) error {
	items, err := h.store.ListMedia(r.Context(), portal.MediaFilter{Query: r.URL.Query().Get("q"), Images: true, Limit: 200})
	if err != nil {
		return err
	}
	type entry struct {
		Title string `json:"title"`
		Value string `json:"value"`
	}
	list := make([]entry, 0, len(items))
	for _, m := range items {
		title := m.Caption
		if title == "" {
			title = m.Alt
		}
		list = append(list, entry{Title: title, Value: m.URL()})
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	return json.NewEncoder(w).Encode(list)
}
