package admin

import (
	"net/http"
	"strconv"
	"strings"

	"cong/internal/httperr"
	"cong/internal/portal"
	"cong/internal/viet"
)

// LeadersPage is the list of leaders the schedule names, for administrators.
type LeadersPage struct {
	Base
	Leaders []portal.Leader
	Form    portal.Leader // the new leader being added
	Errors  map[string]string
}

func (h *Handler) showLeaders(w http.ResponseWriter, r *http.Request) error {
	return h.leadersPage(w, r, http.StatusOK, portal.Leader{Active: true}, nil)
}

func (h *Handler) leadersPage(w http.ResponseWriter, r *http.Request, status int, form portal.Leader, err error) error {
	b, berr := h.base(r, "Lãnh đạo")
	if berr != nil {
		return berr
	}
	data := &LeadersPage{Base: b, Form: form, Errors: fieldErrors(err)}
	if data.Leaders, berr = h.store.Leaders(r.Context(), true); berr != nil {
		return berr
	}
	return h.page(w, r, status, "leaders", data)
}

// saveLeader adds a leader (no id in the path) or changes one.
func (h *Handler) saveLeader(w http.ResponseWriter, r *http.Request) error {
	l := readLeader(r)
	if r.PathValue("id") != "" {
		id, err := pathID(r, "id")
		if err != nil {
			return err
		}
		l.ID = id
	}
	err := h.store.SaveLeader(r.Context(), h.actor(r), &l)
	if c := portal.ErrorCode(err); c == portal.EINVALID || c == portal.ECONFLICT {
		return h.leadersPage(w, r, httperr.Status(err), l, err)
	}
	if err != nil {
		return err
	}
	redirect(w, r, Prefix+"/lanh-dao", flashSaved)
	return nil
}

func readLeader(r *http.Request) portal.Leader {
	l := portal.Leader{Name: r.PostFormValue("name"), Title: r.PostFormValue("title"),
		Slug: strings.TrimSpace(r.PostFormValue("slug")), Active: r.PostFormValue("active") != ""}
	if l.Slug == "" {
		l.Slug = viet.Slug(l.Title + " " + l.Name)
	}
	if pos := strings.TrimSpace(r.PostFormValue("position")); pos != "" {
		n, err := strconv.Atoi(pos)
		if err != nil {
			n = -1 // not a number: Validate refuses it
		}
		l.Position = n
	}
	return l
}
