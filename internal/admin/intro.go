package admin

import (
	"net/http"
	"strconv"
	"strings"

	"cong/internal/portal"
	"cong/internal/sanitize"
	"cong/internal/viet"
)

// IntrosPage lists the introduction pages, Vietnamese and English.
type IntrosPage struct {
	Base
	Pages []portal.Page
}

// IntroPage edits one introduction page.
type IntroPage struct {
	Base
	Form    portal.Page
	IsNew   bool
	Rows    []ContactRow  // the contacts and a few empty rows to add more
	Sources []portal.Page // the Vietnamese pages an English one may translate
	Errors  map[string]string
}

// ContactRow is a row of the contacts' inputs, numbered from 1.
type ContactRow struct {
	N int
	portal.Contact
}

// blankContactRows is how many empty contact rows the form offers.
const blankContactRows = 2

func (h *Handler) showIntros(w http.ResponseWriter, r *http.Request) error {
	b, err := h.base(r, "Trang giới thiệu")
	if err != nil {
		return err
	}
	pages, err := h.store.Pages(r.Context(), "", false)
	if err != nil {
		return err
	}
	return h.page(w, r, http.StatusOK, "intros", &IntrosPage{Base: b, Pages: pages})
}

func (h *Handler) showNewIntro(w http.ResponseWriter, r *http.Request) error {
	return h.introForm(w, r, http.StatusOK, portal.Page{Lang: portal.LangVI, InMenu: true}, nil)
}

func (h *Handler) showIntro(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	p, err := h.store.Page(r.Context(), id)
	if err != nil {
		return err
	}
	return h.introForm(w, r, http.StatusOK, *p, nil)
}

func (h *Handler) introForm(w http.ResponseWriter, r *http.Request, status int, p portal.Page, err error) error {
	title := "Trang giới thiệu mới"
	if p.ID != 0 {
		title = p.Title
	}
	b, berr := h.base(r, title)
	if berr != nil {
		return berr
	}
	sources, serr := h.store.Pages(r.Context(), portal.LangVI, false)
	if serr != nil {
		return serr
	}
	rows := make([]ContactRow, len(p.Contacts)+blankContactRows)
	for i := range rows {
		rows[i].N = i + 1
		if i < len(p.Contacts) {
			rows[i].Contact = p.Contacts[i]
		}
	}
	return h.page(w, r, status, "intro", &IntroPage{Base: b, Form: p, IsNew: p.ID == 0, Rows: rows, Sources: sources,
		Errors: fieldErrors(err)})
}

// saveIntro creates a page (at /trang/moi) or saves one (at /trang/{id}).
func (h *Handler) saveIntro(w http.ResponseWriter, r *http.Request) error {
	var p portal.Page
	if r.PathValue("id") != "" {
		id, err := pathID(r, "id")
		if err != nil {
			return err
		}
		p.ID = id
	}
	if err := r.ParseForm(); err != nil {
		return portal.Invalid("form", "Dữ liệu gửi lên không hợp lệ.")
	}
	readIntro(r, &p)
	var err error
	if p.ID == 0 {
		err = h.store.CreatePage(r.Context(), h.actor(r), &p)
	} else {
		err = h.store.UpdatePage(r.Context(), h.actor(r), &p)
	}
	if portal.ErrorCode(err) == portal.EINVALID {
		return h.introForm(w, r, http.StatusBadRequest, p, err)
	}
	if err != nil {
		return err
	}
	redirect(w, r, Prefix+"/trang/"+strconv.FormatInt(p.ID, 10), flashSaved)
	return nil
}

func (h *Handler) deleteIntro(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	if err := h.store.DeletePage(r.Context(), h.actor(r), id); err != nil {
		return err
	}
	redirect(w, r, Prefix+"/trang", flashSaved)
	return nil
}

// readIntro reads the page form; the body is sanitized like an article's.
func readIntro(r *http.Request, p *portal.Page) {
	f := r.PostForm
	p.Lang, p.Title, p.Slug = f.Get("lang"), f.Get("title"), strings.TrimSpace(f.Get("slug"))
	if p.Slug == "" {
		p.Slug = viet.Slug(p.Title)
	}
	p.Body = sanitize.Body(f.Get("body"))
	p.Position, _ = strconv.Atoi(f.Get("position"))
	p.InMenu, p.Published = f.Get("in_menu") == "1", f.Get("published") == "1"
	if p.Lang == portal.LangEN {
		p.TranslationOf, _ = strconv.ParseInt(f.Get("translation"), 10, 64)
	}
	names, titles, phones, emails := f["contact_name"], f["contact_title"], f["contact_phone"], f["contact_email"]
	for i := range min(len(names), portal.MaxPageContacts+blankContactRows+1) {
		c := portal.Contact{Name: names[i], Title: at(titles, i), Phone: at(phones, i), Email: at(emails, i)}
		if strings.TrimSpace(c.Name+c.Title+c.Phone+c.Email) != "" {
			p.Contacts = append(p.Contacts, c)
		}
	}
}

func at(values []string, i int) string {
	if i < len(values) {
		return values[i]
	}
	return ""
}

func introObject(id int64) string { return "page:" + strconv.FormatInt(id, 10) }
