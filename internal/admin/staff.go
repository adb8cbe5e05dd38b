package admin

import (
	"net/http"
	"strconv"
	"strings"

	"cong/internal/auth"
	"cong/internal/portal"
	"cong/internal/viet"
)

// CategoriesPage manages the category tree, which builds the site's menu.
type CategoriesPage struct {
	Base
	Lines  []portal.CategoryLine // the tree, in its order
	Form   portal.Category
	Errors map[string]string
}

func (h *Handler) showCategories(w http.ResponseWriter, r *http.Request) error {
	return h.categoriesPage(w, r, http.StatusOK, portal.Category{Visible: true}, nil)
}

func (h *Handler) categoriesPage(w http.ResponseWriter, r *http.Request, status int, form portal.Category, err error) error {
	b, berr := h.base(r, "Chuyên mục")
	if berr != nil {
		return berr
	}
	cats, cerr := h.store.Categories(r.Context())
	if cerr != nil {
		return cerr
	}
	return h.page(w, r, status, "categories", &CategoriesPage{Base: b, Lines: portal.NewCategoryTree(cats).Outline(),
		Form: form, Errors: fieldErrors(err)})
}

// createCategory adds a category, or saves one when the form names its id.
func (h *Handler) createCategory(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return portal.Invalid("form", "Dữ liệu gửi lên không hợp lệ.")
	}
	f := r.PostForm
	c := portal.Category{Name: f.Get("name"), Slug: strings.TrimSpace(f.Get("slug")), Visible: f.Get("visible") == "1",
		CommentsClosed: f.Get("comments_closed") == "1"}
	c.ID, _ = strconv.ParseInt(f.Get("id"), 10, 64)
	c.ParentID, _ = strconv.ParseInt(f.Get("parent"), 10, 64)
	c.Position, _ = strconv.Atoi(f.Get("position"))
	if c.Slug == "" {
		c.Slug = viet.Slug(c.Name)
	}
	var err error
	if c.ID != 0 {
		err = h.store.UpdateCategory(r.Context(), h.actor(r), &c)
	} else {
		err = h.store.CreateCategory(r.Context(), h.actor(r), &c)
	}
	if portal.ErrorCode(err) == portal.EINVALID {
		return h.categoriesPage(w, r, http.StatusBadRequest, c, err)
	}
	if err != nil {
		return err
	}
	redirect(w, r, Prefix+"/chuyen-muc", flashSaved)
	return nil
}

// UsersPage lists staff and adds new members.
type UsersPage struct {
	Base
	Users      []portal.User
	Form       portal.User
	Password   string // the one-time password of a user just created
	Categories []CategoryChoice
	Errors     map[string]string
	Roles      []portal.Role
	// Permissions are the rows of the table of what each role may do.
	Permissions []portal.Permission
}

// CategoryChoice is a category's checkbox in a user's form, with the
// checkboxes of the categories below it.
type CategoryChoice struct {
	portal.Category
	Checked  bool
	Children []CategoryChoice
}

// categoryChoices returns the category tree as checkboxes, ticked where u
// edits.
func categoryChoices(cats []portal.Category, u *portal.User) []CategoryChoice {
	lines := portal.NewCategoryTree(cats).Outline()
	i := 0
	var level func(depth int) []CategoryChoice
	level = func(depth int) []CategoryChoice {
		var out []CategoryChoice
		for i < len(lines) && lines[i].Depth == depth {
			c := CategoryChoice{Category: lines[i].Category, Checked: u.Edits(lines[i].ID)}
			i++
			c.Children = level(depth + 1)
			out = append(out, c)
		}
		return out
	}
	return level(0)
}

func (h *Handler) showUsers(w http.ResponseWriter, r *http.Request) error {
	return h.usersPage(w, r, http.StatusOK, portal.User{}, "", nil)
}

func (h *Handler) usersPage(w http.ResponseWriter, r *http.Request, status int, form portal.User, password string, err error) error {
	b, berr := h.base(r, "Người dùng")
	if berr != nil {
		return berr
	}
	users, uerr := h.store.Users(r.Context())
	if uerr != nil {
		return uerr
	}
	cats, cerr := h.store.Categories(r.Context())
	if cerr != nil {
		return cerr
	}
	return h.page(w, r, status, "users", &UsersPage{Base: b, Users: users, Form: form, Password: password,
		Categories: categoryChoices(cats, &form), Errors: fieldErrors(err), Roles: portal.Roles, Permissions: portal.Permissions})
}

// readGrants reads the roles and categories ticked in a user form.
func readGrants(r *http.Request, u *portal.User) {
	u.Roles, u.CategoryIDs = nil, nil
	for _, v := range r.PostForm["roles"] {
		u.Roles = append(u.Roles, portal.Role(v))
	}
	for _, v := range r.PostForm["categories"] {
		if id, err := strconv.ParseInt(v, 10, 64); err == nil {
			u.CategoryIDs = append(u.CategoryIDs, id)
		}
	}
}

// createUser adds a member of staff with a one-time password shown once.
func (h *Handler) createUser(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return portal.Invalid("form", "Dữ liệu gửi lên không hợp lệ.")
	}
	u := portal.User{Username: r.PostForm.Get("username"), Name: r.PostForm.Get("name")}
	readGrants(r, &u)
	password := auth.NewPassword()
	hash, err := h.hasher.Hash(r.Context(), password)
	if err != nil {
		return err
	}
	u.PasswordHash, u.MustChangePassword = hash, true
	err = h.store.CreateUser(r.Context(), h.actor(r), &u)
	if portal.ErrorCode(err) == portal.EINVALID {
		return h.usersPage(w, r, http.StatusBadRequest, u, "", err)
	}
	if err != nil {
		return err
	}
	return h.usersPage(w, r, http.StatusOK, portal.User{}, password, nil)
}

// UserPage edits one member of staff.
type UserPage struct {
	Base
	Edit       *portal.User
	Categories []CategoryChoice
	Roles      []portal.Role
	Errors     map[string]string
}

func (h *Handler) loadUser(r *http.Request) (*portal.User, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return nil, err
	}
	return h.store.User(r.Context(), id)
}

func (h *Handler) showUser(w http.ResponseWriter, r *http.Request) error {
	u, err := h.loadUser(r)
	if err != nil {
		return err
	}
	return h.userPage(w, r, http.StatusOK, u, nil)
}

func (h *Handler) userPage(w http.ResponseWriter, r *http.Request, status int, u *portal.User, err error) error {
	b, berr := h.base(r, u.Name)
	if berr != nil {
		return berr
	}
	cats, cerr := h.store.Categories(r.Context())
	if cerr != nil {
		return cerr
	}
	return h.page(w, r, status, "user", &UserPage{Base: b, Edit: u, Categories: categoryChoices(cats, u), Roles: portal.Roles,
		Errors: fieldErrors(err)})
}

// saveUser changes a user's name, roles, categories and state. An admin may
// not lock themselves out.
func (h *Handler) saveUser(w http.ResponseWriter, r *http.Request) error {
	u, err := h.loadUser(r)
	if err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return portal.Invalid("form", "Dữ liệu gửi lên không hợp lệ.")
	}
	u.Name = r.PostForm.Get("name")
	u.Disabled = r.PostForm.Get("disabled") == "1"
	readGrants(r, u)
	if me := userOf(r); me.ID == u.ID && !u.May(portal.ManageUsers) {
		err = portal.Invalid("roles", "Bạn không thể tự khóa mình hoặc bỏ vai trò quản trị của mình.")
	}
	if err == nil {
		err = h.store.UpdateUser(r.Context(), h.actor(r), u)
	}
	if portal.ErrorCode(err) == portal.EINVALID {
		return h.userPage(w, r, http.StatusBadRequest, u, err)
	}
	if err != nil {
		return err
	}
	redirect(w, r, Prefix+"/nguoi-dung/"+strconv.FormatInt(u.ID, 10), flashSaved)
	return nil
}

// AuditPage shows the audit log, filtered.
type AuditPage struct {
	Base
	Filter  portal.AuditFilter
	Entries []portal.AuditEntry
	Check   *portal.AuditCheck // the walk of the whole chain
	Next    int64
	// Sites, on an install of several, name the site of each entry and
	// filter by it; nil on an install of one.
	Sites     []portal.Site
	SiteNames map[int64]string
}

func (h *Handler) showAudit(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	f := portal.AuditFilter{Actor: q.Get("nguoi"), Action: q.Get("hanh-dong"), Object: q.Get("doi-tuong"), Limit: 100}
	f.Before, _ = strconv.ParseInt(q.Get("truoc"), 10, 64)
	f.Site, _ = strconv.ParseInt(q.Get("trang"), 10, 64)
	b, err := h.base(r, "Nhật ký hệ thống")
	if err != nil {
		return err
	}
	data := &AuditPage{Base: b, Filter: f}
	sites, err := h.store.Sites(r.Context())
	if err != nil {
		return err
	}
	if len(sites) > 1 {
		data.Sites, data.SiteNames = sites, make(map[int64]string, len(sites))
		for _, s := range sites {
			data.SiteNames[s.ID] = s.Name
		}
	}
	if data.Entries, err = h.store.AuditLog(r.Context(), f); err != nil {
		return err
	}
	if data.Check, err = h.store.VerifyAudit(r.Context()); err != nil {
		return err
	}
	if len(data.Entries) == f.Limit {
		data.Next = data.Entries[len(data.Entries)-1].ID
	}
	return h.page(w, r, http.StatusOK, "audit", data)
}
