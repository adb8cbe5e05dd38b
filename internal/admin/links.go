package admin

import (
	"net/http"
	"strconv"
	"strings"

	"cong/internal/portal"
)

// LinksPage lists the image links ("Ảnh liên kết") and edits one.
type LinksPage struct {
	Base
	Links  []portal.ImageLink
	Form   portal.ImageLink
	Period Period
	Images []portal.Media // the library's pictures, to choose from
	Errors map[string]string
}

func (h *Handler) showLinks(w http.ResponseWriter, r *http.Request) error {
	return h.linksPage(w, r, http.StatusOK, portal.ImageLink{Active: true}, Period{}, nil)
}

func (h *Handler) showLink(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	l, err := h.store.ImageLink(r.Context(), id)
	if err != nil {
		return err
	}
	return h.linksPage(w, r, http.StatusOK, *l, periodOf(l.StartsAt, l.EndsAt), nil)
}

func (h *Handler) linksPage(w http.ResponseWriter, r *http.Request, status int, form portal.ImageLink, p Period, err error) error {
	b, berr := h.base(r, "Ảnh liên kết")
	if berr != nil {
		return berr
	}
	data := &LinksPage{Base: b, Form: form, Period: p, Errors: fieldErrors(err)}
	if data.Links, berr = h.store.AllImageLinks(r.Context()); berr != nil {
		return berr
	}
	if data.Images, berr = h.libraryImages(r); berr != nil {
		return berr
	}
	return h.page(w, r, status, "links", data)
}

// saveLink creates an image link, or saves the one of the path.
func (h *Handler) saveLink(w http.ResponseWriter, r *http.Request) error {
	var l portal.ImageLink
	if r.PathValue("id") != "" {
		id, err := pathID(r, "id")
		if err != nil {
			return err
		}
		l.ID = id
	}
	if err := parseBlockForm(r); err != nil {
		return h.linksPage(w, r, uploadStatus(err), l, Period{}, err)
	}
	if r.MultipartForm != nil {
		defer r.MultipartForm.RemoveAll()
	}
	f := r.PostForm
	l.Title, l.URL, l.Active = f.Get("title"), strings.TrimSpace(f.Get("url")), f.Get("active") == "1"
	l.Position, _ = strconv.Atoi(f.Get("position"))
	l.Image.ID, _ = strconv.ParseInt(f.Get("image"), 10, 64)
	p, start, end, err := readPeriod(r)
	l.StartsAt, l.EndsAt = start, end
	var m *portal.Media
	if err == nil {
		m, err = h.readPicture(r, l.Title)
	}
	if err == nil {
		l.Image = *m
		err = h.store.SaveImageLink(r.Context(), h.actor(r), &l)
	}
	if portal.ErrorCode(err) == portal.EINVALID {
		return h.linksPage(w, r, http.StatusBadRequest, l, p, err)
	}
	if err != nil {
		return err
	}
	redirect(w, r, Prefix+"/anh-lien-ket", flashSaved)
	return nil
}

// deleteLink removes an image link.
func (h *Handler) deleteLink(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	if err := h.store.DeleteImageLink(r.Context(), h.actor(r), id); err != nil {
		return err
	}
	redirect(w, r, Prefix+"/anh-lien-ket", flashSaved)
	return nil
}
