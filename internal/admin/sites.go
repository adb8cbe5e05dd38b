package admin

import (
	"net/http"
	"strings"

	"cong/internal/portal"
)

// The sites of an install (portal.Site) are kept on the main site's back
// office: their names and addresses, and the roles the staff hold on each.
// Accounts are the install's: a member of staff signs in on any site with
// the same name and password, and does there what their roles there allow.

const sitesAdmin = Prefix + "/cac-trang"

func siteAdminURL(id int64) string { return sitesAdmin + "/" + itoa(id) }

// SitesPage lists the sites and adds one.
type SitesPage struct {
	Base
	Sites  []portal.Site
	Form   portal.Site
	Errors map[string]string
}

// SitePage edits a site and lists its staff with their roles there.
type SitePage struct {
	Base
	Site   *portal.Site
	Users  []portal.User
	Errors map[string]string
}

// SiteUserPage sets one user's roles and categories on a site.
type SiteUserPage struct {
	UserPage
	Site *portal.Site
}

func (h *Handler) showSites(w http.ResponseWriter, r *http.Request) error {
	return h.sitesPage(w, r, http.StatusOK, portal.Site{}, nil)
}

func (h *Handler) sitesPage(w http.ResponseWriter, r *http.Request, status int, form portal.Site, err error) error {
	b, berr := h.base(r, "Các trang của cổng")
	if berr != nil {
		return berr
	}
	sites, serr := h.store.Sites(r.Context())
	if serr != nil {
		return serr
	}
	return h.page(w, r, status, "sites", &SitesPage{Base: b, Sites: sites, Form: form, Errors: fieldErrors(err)})
}

// readSiteForm reads a site's name, code and address.
func readSiteForm(r *http.Request, s *portal.Site) error {
	if err := r.ParseForm(); err != nil {
		return portal.Invalid("form", "Dữ liệu gửi lên không hợp lệ.")
	}
	s.Name, s.Slug = r.PostForm.Get("name"), strings.TrimSpace(r.PostForm.Get("slug"))
	if !s.Main() {
		s.BaseURL = strings.TrimSpace(r.PostForm.Get("base_url"))
	}
	return nil
}

func (h *Handler) createSite(w http.ResponseWriter, r *http.Request) error {
	var s portal.Site
	err := readSiteForm(r, &s)
	if err == nil {
		err = h.store.CreateSite(r.Context(), h.actor(r), &s)
	}
	return submitted(w, r, err, func(status int, err error) error { return h.sitesPage(w, r, status, s, err) },
		func() string { return siteAdminURL(s.ID) })
}

func (h *Handler) loadSite(r *http.Request) (*portal.Site, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return nil, err
	}
	return h.store.SiteByID(r.Context(), id)
}

func (h *Handler) showSite(w http.ResponseWriter, r *http.Request) error {
	s, err := h.loadSite(r)
	if err != nil {
		return err
	}
	return h.sitePage(w, r, http.StatusOK, s, nil)
}

func (h *Handler) sitePage(w http.ResponseWriter, r *http.Request, status int, s *portal.Site, err error) error {
	b, berr := h.base(r, s.Name)
	if berr != nil {
		return berr
	}
	users, uerr := h.store.SiteUsers(r.Context(), s.ID)
	if uerr != nil {
		return uerr
	}
	return h.page(w, r, status, "site", &SitePage{Base: b, Site: s, Users: users, Errors: fieldErrors(err)})
}

func (h *Handler) saveSite(w http.ResponseWriter, r *http.Request) error {
	s, err := h.loadSite(r)
	if err != nil {
		return err
	}
	err = readSiteForm(r, s)
	if err == nil {
		err = h.store.UpdateSite(r.Context(), h.actor(r), s)
	}
	return submitted(w, r, err, func(status int, err error) error { return h.sitePage(w, r, status, s, err) },
		func() string { return siteAdminURL(s.ID) })
}

// loadSiteUser reads the site and the user, with the user's roles there,
// that the path names.
func (h *Handler) loadSiteUser(r *http.Request) (*portal.Site, *portal.User, error) {
	s, err := h.loadSite(r)
	if err != nil {
		return nil, nil, err
	}
	id, err := pathID(r, "user")
	if err != nil {
		return nil, nil, err
	}
	users, err := h.store.SiteUsers(r.Context(), s.ID)
	if err != nil {
		return nil, nil, err
	}
	for i := range users {
		if users[i].ID == id {
			return s, &users[i], nil
		}
	}
	return nil, nil, errNotFound
}

func (h *Handler) showSiteUser(w http.ResponseWriter, r *http.Request) error {
	s, u, err := h.loadSiteUser(r)
	if err != nil {
		return err
	}
	return h.siteUserPage(w, r, http.StatusOK, s, u, nil)
}

func (h *Handler) siteUserPage(w http.ResponseWriter, r *http.Request, status int, s *portal.Site, u *portal.User, err error) error {
	b, berr := h.base(r, u.Name+" — "+s.Name)
	if berr != nil {
		return berr
	}
	cats, cerr := h.store.SiteCategories(r.Context(), s.ID)
	if cerr != nil {
		return cerr
	}
	return h.page(w, r, status, "site-user", &SiteUserPage{Site: s, UserPage: UserPage{Base: b, Edit: u,
		Categories: categoryChoices(cats, u), Roles: portal.Roles, Errors: fieldErrors(err)}})
}

// saveSiteUser sets a user's roles and categories on a site. An
// administrator may not take their own administration of the main site.
func (h *Handler) saveSiteUser(w http.ResponseWriter, r *http.Request) error {
	s, u, err := h.loadSiteUser(r)
	if err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return portal.Invalid("form", "Dữ liệu gửi lên không hợp lệ.")
	}
	readGrants(r, u)
	if me := userOf(r); s.Main() && me.ID == u.ID && !u.May(portal.ManageSites) {
		err = portal.Invalid("roles", "Bạn không thể tự bỏ vai trò quản trị trang chính của mình.")
	}
	if err == nil {
		err = h.store.SaveSiteGrants(r.Context(), h.actor(r), s.ID, u)
	}
	return submitted(w, r, err, func(status int, err error) error { return h.siteUserPage(w, r, status, s, u, err) },
		func() string { return siteAdminURL(s.ID) })
}
