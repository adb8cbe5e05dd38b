package admin

import (
	"net/http"
	"slices"
	"strconv"

	"cong/internal/auth"
	"cong/internal/httperr"
	"cong/internal/portal"
)

// MembersPage lists the members and their groups, with the forms adding a
// member and a group. Password is a new member's one-time password, shown
// once.
type MembersPage struct {
	Base
	Members  []portal.Member
	Groups   []portal.MemberGroup
	Form     portal.Member
	Group    portal.MemberGroup
	Password string
	Errors   map[string]string
}

// GroupNames names the groups of m, in the list's order.
func (p *MembersPage) GroupNames(m portal.Member) []string {
	var names []string
	for _, g := range p.Groups {
		if slices.Contains(m.GroupIDs, g.ID) {
			names = append(names, g.Name)
		}
	}
	return names
}

// MemberPage edits one member: name, groups, disabled, a new password.
type MemberPage struct {
	Base
	Member   *portal.Member
	Groups   []portal.MemberGroup
	Password string // just set, shown once
	Errors   map[string]string
}

// MemberGroupPage edits one group: its name and the categories restricted
// to it.
type MemberGroupPage struct {
	Base
	Group      *portal.MemberGroup
	Categories []portal.CategoryLine
	Errors     map[string]string
}

// formIDs reads the ids ticked under name; a value that is no id is the
// field's error.
func formIDs(r *http.Request, name, message string) ([]int64, error) {
	ids := []int64{}
	for _, v := range r.PostForm[name] {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil || id <= 0 {
			return nil, portal.Invalid(name, message)
		}
		ids = append(ids, id)
	}
	return ids, nil
}

func (h *Handler) showMembers(w http.ResponseWriter, r *http.Request) error {
	return h.membersPage(w, r, http.StatusOK, &MembersPage{})
}

func (h *Handler) membersPage(w http.ResponseWriter, r *http.Request, status int, data *MembersPage) error {
	b, err := h.base(r, "Thành viên")
	if err != nil {
		return err
	}
	data.Base = b
	if data.Members, err = h.store.Members(r.Context()); err != nil {
		return err
	}
	if data.Groups, err = h.store.MemberGroups(r.Context()); err != nil {
		return err
	}
	return h.page(w, r, status, "members", data)
}

// createMember adds a member with a password made for it, shown once.
func (h *Handler) createMember(w http.ResponseWriter, r *http.Request) error {
	m := portal.Member{Username: r.PostFormValue("username"), Name: r.PostFormValue("name")}
	groups, err := formIDs(r, "groups", "Nhóm thành viên không hợp lệ.")
	if err == nil {
		m.GroupIDs = groups
		password := auth.NewPassword()
		if m.PasswordHash, err = h.hasher.Hash(r.Context(), password); err != nil {
			return err
		}
		if err = h.store.CreateMember(r.Context(), h.actor(r), &m); err == nil {
			return h.membersPage(w, r, http.StatusOK, &MembersPage{Password: password, Form: portal.Member{}})
		}
	}
	if portal.ErrorCode(err) == portal.EINVALID {
		m.PasswordHash = ""
		return h.membersPage(w, r, httperr.Status(err), &MembersPage{Form: m, Errors: fieldErrors(err)})
	}
	return err
}

func (h *Handler) showMember(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	m, err := h.store.Member(r.Context(), id)
	if err != nil {
		return err
	}
	return h.memberPage(w, r, http.StatusOK, m, "", nil)
}

func (h *Handler) memberPage(w http.ResponseWriter, r *http.Request, status int, m *portal.Member, password string, err error) error {
	b, berr := h.base(r, "Thành viên: "+m.Name)
	if berr != nil {
		return berr
	}
	data := &MemberPage{Base: b, Member: m, Password: password, Errors: fieldErrors(err)}
	if data.Groups, berr = h.store.MemberGroups(r.Context()); berr != nil {
		return berr
	}
	return h.page(w, r, status, "member", data)
}

// saveMember saves a member's name, groups and whether it is disabled;
// "Đặt lại mật khẩu" gives it a new password, shown once, which ends its
// sessions.
func (h *Handler) saveMember(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	old, err := h.store.Member(r.Context(), id)
	if err != nil {
		return err
	}
	m := portal.Member{ID: id, Username: old.Username, Name: r.PostFormValue("name"),
		Disabled: r.PostFormValue("disabled") == "1"}
	var password string
	if r.PostFormValue("reset") == "1" {
		m.Name, m.Disabled, m.GroupIDs = old.Name, old.Disabled, old.GroupIDs
		password = auth.NewPassword()
		if m.PasswordHash, err = h.hasher.Hash(r.Context(), password); err != nil {
			return err
		}
	} else if m.GroupIDs, err = formIDs(r, "groups", "Nhóm thành viên không hợp lệ."); err != nil {
		return h.memberPage(w, r, http.StatusBadRequest, &m, "", err)
	}
	err = h.store.UpdateMember(r.Context(), h.actor(r), &m)
	if portal.ErrorCode(err) == portal.EINVALID {
		m.PasswordHash = ""
		return h.memberPage(w, r, httperr.Status(err), &m, "", err)
	}
	if err != nil {
		return err
	}
	if password != "" {
		m.PasswordHash = ""
		return h.memberPage(w, r, http.StatusOK, &m, password, nil)
	}
	redirect(w, r, Prefix+"/thanh-vien/"+strconv.FormatInt(id, 10), flashSaved)
	return nil
}

// createMemberGroup adds a group restricting nothing yet.
func (h *Handler) createMemberGroup(w http.ResponseWriter, r *http.Request) error {
	g := portal.MemberGroup{Name: r.PostFormValue("name")}
	err := h.store.SaveMemberGroup(r.Context(), h.actor(r), &g)
	if portal.ErrorCode(err) == portal.EINVALID {
		return h.membersPage(w, r, httperr.Status(err), &MembersPage{Group: g, Errors: prefixed("group_", err)})
	}
	if err != nil {
		return err
	}
	redirect(w, r, memberGroupURL(g.ID), flashSaved)
	return nil
}

// prefixed keys err's field message with prefix, for a page of two forms.
func prefixed(prefix string, err error) map[string]string {
	out := map[string]string{}
	for k, v := range fieldErrors(err) {
		out[prefix+k] = v
	}
	return out
}

func memberGroupURL(id int64) string { return Prefix + "/thanh-vien/nhom/" + strconv.FormatInt(id, 10) }

func (h *Handler) showMemberGroup(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	g, err := h.store.MemberGroup(r.Context(), id)
	if err != nil {
		return err
	}
	return h.memberGroupPage(w, r, http.StatusOK, g, nil)
}

func (h *Handler) memberGroupPage(w http.ResponseWriter, r *http.Request, status int, g *portal.MemberGroup, err error) error {
	b, berr := h.base(r, "Nhóm thành viên: "+g.Name)
	if berr != nil {
		return berr
	}
	cats, berr := h.store.Categories(r.Context())
	if berr != nil {
		return berr
	}
	data := &MemberGroupPage{Base: b, Group: g, Categories: portal.NewCategoryTree(cats).Outline(), Errors: fieldErrors(err)}
	return h.page(w, r, status, "membergroup", data)
}

// saveMemberGroup renames a group and sets the categories restricted to
// it: their articles become members-only, or public again, at once.
func (h *Handler) saveMemberGroup(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	if _, err := h.store.MemberGroup(r.Context(), id); err != nil {
		return err
	}
	g := portal.MemberGroup{ID: id, Name: r.PostFormValue("name")}
	if g.CategoryIDs, err = formIDs(r, "categories", "Chuyên mục không hợp lệ."); err == nil {
		err = h.store.SaveMemberGroup(r.Context(), h.actor(r), &g)
	}
	if portal.ErrorCode(err) == portal.EINVALID {
		return h.memberGroupPage(w, r, httperr.Status(err), &g, err)
	}
	if err != nil {
		return err
	}
	redirect(w, r, memberGroupURL(id), flashSaved)
	return nil
}
