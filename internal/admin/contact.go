package admin

import (
	"net/http"
	"slices"
	"strconv"

	"cong/internal/portal"
)

// ContactPage lists readers' messages to the departments the user reads,
// newest first, a page at a time.
type ContactPage struct {
	Base
	Departments []portal.Department // those the user reads
	Department  int64               // the one shown; 0: all of them
	Messages    []portal.ContactMessage
	Older       int64 // the id the next page starts before; 0: no more
}

// ContactMessagePage is one message and where its mails stand.
type ContactMessagePage struct {
	Base
	Message *portal.ContactMessage
}

// DepartmentsPage manages the departments, their addresses and staff.
type DepartmentsPage struct {
	Base
	Departments []portal.Department
	Staff       []portal.User
	Form        portal.Department // the form sent, shown again when refused
	Errors      map[string]string
}

// contactPerPage is how many messages a page of the list shows.
const contactPerPage = 50

// readDepartments are the departments u reads.
func (h *Handler) readDepartments(r *http.Request, u *portal.User) ([]portal.Department, error) {
	all, err := h.store.Departments(r.Context())
	return slices.DeleteFunc(all, func(d portal.Department) bool { return !u.ReadsDepartment(&d) }), err
}

func (h *Handler) showContactMessages(w http.ResponseWriter, r *http.Request) error {
	u := userOf(r)
	b, err := h.base(r, "Thư liên hệ")
	if err != nil {
		return err
	}
	data := &ContactPage{Base: b}
	if data.Departments, err = h.readDepartments(r, u); err != nil {
		return err
	}
	f := portal.ContactFilter{All: u.May(portal.ManageContact), Limit: contactPerPage + 1}
	for _, d := range data.Departments {
		f.Departments = append(f.Departments, d.ID)
	}
	q := r.URL.Query()
	if v := q.Get("phong-ban"); v != "" {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil || !slices.ContainsFunc(data.Departments, func(d portal.Department) bool { return d.ID == id }) {
			return errNotFound
		}
		data.Department, f.DepartmentID = id, id
	}
	if v := q.Get("truoc"); v != "" {
		if f.BeforeID, err = strconv.ParseInt(v, 10, 64); err != nil || f.BeforeID <= 0 {
			return portal.Invalid("truoc", "Trang không hợp lệ.")
		}
	}
	if data.Messages, err = h.store.ContactMessages(r.Context(), f); err != nil {
		return err
	}
	if len(data.Messages) > contactPerPage {
		data.Messages = data.Messages[:contactPerPage]
		data.Older = data.Messages[contactPerPage-1].ID
	}
	return h.page(w, r, http.StatusOK, "contact", data)
}

// showContactMessage shows a message to the staff of its department and
// to administrators; to anyone else it does not exist.
func (h *Handler) showContactMessage(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	m, err := h.store.ContactMessage(r.Context(), id)
	if err != nil {
		return err
	}
	deps, err := h.readDepartments(r, userOf(r))
	if err != nil {
		return err
	}
	if !slices.ContainsFunc(deps, func(d portal.Department) bool { return d.ID == m.DepartmentID }) {
		return errNotFound
	}
	b, err := h.base(r, m.Subject)
	if err != nil {
		return err
	}
	return h.page(w, r, http.StatusOK, "contact-message", &ContactMessagePage{Base: b, Message: m})
}

func (h *Handler) showDepartments(w http.ResponseWriter, r *http.Request) error {
	return h.departmentsPage(w, r, http.StatusOK, portal.Department{}, nil)
}

func (h *Handler) departmentsPage(w http.ResponseWriter, r *http.Request, status int, form portal.Department, err error) error {
	b, berr := h.base(r, "Phòng ban nhận thư liên hệ")
	if berr != nil {
		return berr
	}
	data := &DepartmentsPage{Base: b, Form: form, Errors: fieldErrors(err)}
	var lerr error
	if data.Departments, lerr = h.store.Departments(r.Context()); lerr != nil {
		return lerr
	}
	users, lerr := h.store.Users(r.Context())
	if lerr != nil {
		return lerr
	}
	data.Staff = slices.DeleteFunc(users, func(u portal.User) bool { return !u.May(portal.ReadContactMessages) })
	return h.page(w, r, status, "departments", data)
}

// saveDepartment adds or changes a department: name, addresses (one a
// line), position and the staff who read its messages.
func (h *Handler) saveDepartment(w http.ResponseWriter, r *http.Request) error {
	f := r.PostForm
	d := portal.Department{Name: f.Get("name"), Emails: []string{f.Get("emails")}}
	d.ID, _ = strconv.ParseInt(f.Get("id"), 10, 64)
	var err error
	if v := f.Get("position"); v != "" {
		if d.Position, err = strconv.Atoi(v); err != nil {
			err = portal.Invalid("position", "Thứ tự là một số từ 0 đến 9999.")
		}
	}
	for _, v := range f["staff"] {
		if id, perr := strconv.ParseInt(v, 10, 64); perr == nil {
			d.StaffIDs = append(d.StaffIDs, id)
		}
	}
	if err == nil {
		err = h.store.SaveDepartment(r.Context(), h.actor(r), &d)
	}
	if portal.ErrorCode(err) == portal.EINVALID {
		return h.departmentsPage(w, r, http.StatusBadRequest, d, err)
	}
	if err != nil {
		return err
	}
	redirect(w, r, Prefix+"/lien-he/phong-ban", flashSaved)
	return nil
}
