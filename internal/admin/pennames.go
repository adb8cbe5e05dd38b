package admin

import (
	"net/http"
	"strconv"

	"cong/internal/httperr"
	"cong/internal/portal"
)

// PenNamesPage lists the pen names, with the form adding one.
type PenNamesPage struct {
	Base
	PenNames []portal.PenName
	Form     portal.PenName
	Errors   map[string]string
}

// PenNamePage edits one pen name: its name and the people who use it.
type PenNamePage struct {
	Base
	PenName *portal.PenName
	Users   []portal.User
	Errors  map[string]string
}

// Uses reports whether the pen name being edited is user id's.
func (p *PenNamePage) Uses(id int64) bool {
	for _, u := range p.PenName.UserIDs {
		if u == id {
			return true
		}
	}
	return false
}

func (h *Handler) showPenNames(w http.ResponseWriter, r *http.Request) error {
	return h.penNamesPage(w, r, http.StatusOK, portal.PenName{}, nil)
}

func (h *Handler) penNamesPage(w http.ResponseWriter, r *http.Request, status int, form portal.PenName, err error) error {
	b, berr := h.base(r, "Bút danh")
	if berr != nil {
		return berr
	}
	data := &PenNamesPage{Base: b, Form: form, Errors: fieldErrors(err)}
	if data.PenNames, berr = h.store.PenNames(r.Context()); berr != nil {
		return berr
	}
	return h.page(w, r, status, "pennames", data)
}

// createPenName adds a pen name with no people yet.
func (h *Handler) createPenName(w http.ResponseWriter, r *http.Request) error {
	p := portal.PenName{Name: r.PostFormValue("name")}
	err := h.store.SavePenName(r.Context(), h.actor(r), &p)
	if c := portal.ErrorCode(err); c == portal.EINVALID || c == portal.ECONFLICT {
		return h.penNamesPage(w, r, httperr.Status(err), p, err)
	}
	if err != nil {
		return err
	}
	redirect(w, r, penNameURL(p.ID), flashSaved)
	return nil
}

func (h *Handler) showPenName(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	p, err := h.store.PenName(r.Context(), id)
	if err != nil {
		return err
	}
	return h.penNamePage(w, r, http.StatusOK, p, nil)
}

func (h *Handler) penNamePage(w http.ResponseWriter, r *http.Request, status int, p *portal.PenName, err error) error {
	b, berr := h.base(r, "Bút danh: "+p.Name)
	if berr != nil {
		return berr
	}
	data := &PenNamePage{Base: b, PenName: p, Errors: fieldErrors(err)}
	if data.Users, berr = h.store.Users(r.Context()); berr != nil {
		return berr
	}
	return h.page(w, r, status, "penname", data)
}

// savePenName renames a pen name and sets the people who use it.
func (h *Handler) savePenName(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	old, err := h.store.PenName(r.Context(), id)
	if err != nil {
		return err
	}
	p := portal.PenName{ID: id, Name: r.PostFormValue("name"), Slug: old.Slug}
	for _, v := range r.PostForm["users"] {
		uid, err := strconv.ParseInt(v, 10, 64)
		if err != nil || uid <= 0 {
			return h.penNamePage(w, r, http.StatusBadRequest, &p, portal.Invalid("users", "Người dùng đã chọn không hợp lệ."))
		}
		p.UserIDs = append(p.UserIDs, uid)
	}
	err = h.store.SavePenName(r.Context(), h.actor(r), &p)
	if c := portal.ErrorCode(err); c == portal.EINVALID || c == portal.ECONFLICT {
		return h.penNamePage(w, r, httperr.Status(err), &p, err)
	}
	if err != nil {
		return err
	}
	redirect(w, r, penNameURL(id), flashSaved)
	return nil
}

// deletePenName removes a pen name no article carries.
func (h *Handler) deletePenName(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	err = h.store.DeletePenName(r.Context(), h.actor(r), id)
	if portal.ErrorCode(err) == portal.ECONFLICT {
		p, perr := h.store.PenName(r.Context(), id)
		if perr != nil {
			return perr
		}
		return h.penNamePage(w, r, http.StatusConflict, p, err)
	}
	if err != nil {
		return err
	}
	redirect(w, r, Prefix+"/but-danh", flashSaved)
	return nil
}

func penNameURL(id int64) string { return Prefix + "/but-danh/" + strconv.FormatInt(id, 10) }
