package web

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"cong/internal/auth"
	"cong/internal/counter"
	"cong/internal/portal"
)

// Members' sign-in on the public site (see portal.Member). A member's
// session is a cookie "<id>.<issued>.<MAC>" under the forms' secret, the
// MAC covering the member's password hash too: it lasts memberLifetime,
// and a new password (or a disabled account) ends every session at once.
// It is read only where a members-only page is asked for, so the pages
// every reader sees cost nothing more, and stay one page for all.
const (
	memberLifetime = 30 * 24 * time.Hour
	memberAttempts = 10 // failed logins per account per memberWindow
	memberIPTries  = 50 // failed logins per address per memberWindow
	memberWindow   = 15 * time.Minute
	membersPerPage = perPage
	membersPath    = "/thanh-vien"
	memberLogin    = "/thanh-vien/dang-nhap"
)

// errMembersOnly is what a page builder returns for an article readers may
// not see for lack of a member's account (see membersOnly).
var errMembersOnly = errors.New("members only")

// MemberPage is the sign-in form, alone or in the place of a members-only
// page, and a signed-in member's list of what its groups may read.
type MemberPage struct {
	Base
	Heading  string
	Message  string
	Member   *portal.Member // signed in: the list, or a page its groups may not read
	Next     string         // where the sign-in goes on to
	Username string
	Errors   FormErrors
	Articles []portal.Article
	Pager    Pager
	Changed  bool // the member's password was just changed
}

func (h *Handler) memberCookieName(r *http.Request) string {
	if h.cfg.Secure(r) {
		return "__Host-cong_tv"
	}
	return "cong_tv"
}

func memberMAC(secret string, id, issued int64, passwordHash string) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte("member:" + strconv.FormatInt(id, 10) + ":" + strconv.FormatInt(issued, 10) + ":" + passwordHash))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

// signedInMember returns the member r's cookie names, when the cookie is
// genuine, recent and the account open; nil otherwise.
func (h *Handler) signedInMember(r *http.Request, s *site) (*portal.Member, error) {
	if h.svc.Members == nil {
		return nil, nil
	}
	c, err := r.Cookie(h.memberCookieName(r))
	if err != nil || len(c.Value) > 200 {
		return nil, nil
	}
	parts := strings.Split(c.Value, ".")
	if len(parts) != 3 {
		return nil, nil
	}
	id, err1 := strconv.ParseInt(parts[0], 10, 64)
	issued, err2 := strconv.ParseInt(parts[1], 10, 64)
	now := h.now()
	if err1 != nil || err2 != nil || id <= 0 || now.Sub(time.Unix(issued, 0)) > memberLifetime ||
		time.Unix(issued, 0).After(now.Add(time.Minute)) {
		return nil, nil
	}
	m, err := h.svc.Members.Member(r.Context(), id)
	if portal.ErrorCode(err) == portal.ENOTFOUND {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	want := memberMAC(s.settings["forms.secret"], id, issued, m.PasswordHash)
	if m.Disabled || !hmac.Equal([]byte(parts[2]), []byte(want)) {
		return nil, nil
	}
	return m, nil
}

func (h *Handler) setMemberCookie(w http.ResponseWriter, r *http.Request, s *site, m *portal.Member) {
	issued := h.now().Unix()
	v := strconv.FormatInt(m.ID, 10) + "." + strconv.FormatInt(issued, 10) + "." +
		memberMAC(s.settings["forms.secret"], m.ID, issued, m.PasswordHash)
	http.SetCookie(w, &http.Cookie{Name: h.memberCookieName(r), Value: v, Path: "/",
		MaxAge: int(memberLifetime / time.Second), HttpOnly: true, Secure: h.cfg.Secure(r), SameSite: http.SameSiteLaxMode})
}

// nextPath is where a sign-in goes on to: a path of this site, else the
// members' list.
func nextPath(s string) string {
	if len(s) > 500 || !strings.HasPrefix(s, "/") || strings.HasPrefix(s, "//") || strings.ContainsAny(s, "\\\r\n\t") {
		return membersPath
	}
	return s
}

// showMemberPage renders the sign-in page or the members' list for one
// request.
func (h *Handler) showMemberPage(w http.ResponseWriter, r *http.Request, status int, name string, data *MemberPage) error {
	data.NoIndex = true
	if data.Errors.Prefix == "" {
		data.Errors.Prefix = "tv-"
	}
	p, err := h.render.Render(name, data)
	if err != nil {
		return err
	}
	h.writePrivate(w, r, p, status)
	return nil
}

func (h *Handler) showMemberLogin(w http.ResponseWriter, r *http.Request) error {
	if h.svc.Members == nil {
		return errNotFound
	}
	s, err := h.site(r.Context())
	if err != nil {
		return err
	}
	data := &MemberPage{Base: s.base(""), Heading: "Đăng nhập thành viên", Next: nextPath(r.URL.Query().Get("tiep"))}
	if m, err := h.signedInMember(r, s); err != nil {
		return err
	} else if m != nil {
		http.Redirect(w, r, data.Next, http.StatusSeeOther)
		return nil
	}
	return h.showMemberPage(w, r, http.StatusOK, "member-login", data)
}

// memberLogin signs a member in, within the failed-login limits staff
// have too, spending the same effort whether or not the account exists.
func (h *Handler) memberLogin(w http.ResponseWriter, r *http.Request) error {
	if h.svc.Members == nil {
		return errNotFound
	}
	ctx := r.Context()
	s, err := h.site(ctx)
	if err != nil {
		return err
	}
	username := strings.ToLower(strings.TrimSpace(r.PostFormValue("username")))
	password := r.PostFormValue("password")
	data := &MemberPage{Base: s.base(""), Heading: "Đăng nhập thành viên", Next: nextPath(r.PostFormValue("tiep")),
		Username: username}
	refuse := func(status int, message string) error {
		data.Errors = FormErrors{Prefix: "tv-", List: []FieldError{{Message: message}}}
		if len(data.Username) > 40 {
			data.Username = ""
		}
		return h.showMemberPage(w, r, status, "member-login", data)
	}
	const wrong = "Tên đăng nhập hoặc mật khẩu không đúng."
	if username == "" || len(username) > 100 || password == "" || len(password) > 1024 {
		return refuse(http.StatusUnauthorized, wrong)
	}
	ip := h.cfg.ClientIP(r)
	who := portal.Actor{Name: "thành viên " + username, IP: ip}
	userKey, ipKey := "tv:"+username, "tv-ip:"+ip
	err = h.svc.Members.CheckLoginLimits(ctx, who, h.now(),
		portal.LoginLimit{Key: ipKey, Max: memberIPTries, Window: memberWindow, Detail: "ip",
			Message: "Có quá nhiều lần đăng nhập sai từ địa chỉ này. Xin thử lại sau 15 phút."},
		portal.LoginLimit{Key: userKey, Max: memberAttempts, Window: memberWindow, Detail: "account",
			Message: "Tài khoản tạm khóa 15 phút vì đăng nhập sai nhiều lần."})
	if portal.ErrorCode(err) == portal.ELIMIT {
		return refuse(http.StatusTooManyRequests, portal.ErrorMessage(err))
	}
	if err != nil {
		return err
	}
	m, ok, err := h.checkMemberPassword(ctx, username, password)
	if err != nil {
		return err
	}
	if !ok {
		if err := h.svc.Members.RecordLoginFailure(ctx, who, "member.login.failed", []string{userKey, ipKey}, h.now()); err != nil {
			return err
		}
		return refuse(http.StatusUnauthorized, wrong)
	}
	h.setMemberCookie(w, r, s, m)
	w.Header().Set("Cache-Control", "no-store")
	http.Redirect(w, r, data.Next, http.StatusSeeOther)
	return nil
}

func (h *Handler) checkMemberPassword(ctx context.Context, username, password string) (*portal.Member, bool, error) {
	m, err := h.svc.Members.MemberByUsername(ctx, username)
	if portal.ErrorCode(err) == portal.ENOTFOUND {
		h.hasher.Waste(ctx, password)
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	ok, err := h.hasher.Verify(ctx, m.PasswordHash, password)
	if err != nil {
		h.log.Error("verify member password", "member", m.Username, "err", err)
		return nil, false, nil
	}
	return m, ok && !m.Disabled, nil
}

// changeMemberPassword sets a signed-in member's own new password, after
// its current one (whose failures count toward the lockout), and signs the
// member in again: every other session ends with the old password.
func (h *Handler) changeMemberPassword(w http.ResponseWriter, r *http.Request) error {
	if h.svc.Members == nil {
		return errNotFound
	}
	ctx := r.Context()
	s, m, err := h.memberOrSignIn(w, r)
	if err != nil || m == nil {
		return err
	}
	current, next := r.PostFormValue("current"), r.PostFormValue("password")
	refuse := func(status int, field, message string) error {
		fe := FormErrors{Prefix: "tv-", List: []FieldError{{Field: field, Message: message}}}
		return h.memberList(w, r, s, m, 1, status, fe)
	}
	ip := h.cfg.ClientIP(r)
	who := portal.Actor{Name: "thành viên " + m.Username, IP: ip}
	userKey := "tv:" + m.Username
	err = h.svc.Members.CheckLoginLimits(ctx, who, h.now(), portal.LoginLimit{Key: userKey, Max: memberAttempts,
		Window: memberWindow, Detail: "account", Message: "Tài khoản tạm khóa 15 phút vì nhập sai mật khẩu nhiều lần."})
	if portal.ErrorCode(err) == portal.ELIMIT {
		return refuse(http.StatusTooManyRequests, "current", portal.ErrorMessage(err))
	}
	if err != nil {
		return err
	}
	if ok, _ := h.hasher.Verify(ctx, m.PasswordHash, current); !ok || len(current) > 1024 {
		if err := h.svc.Members.RecordLoginFailure(ctx, who, "member.login.failed", []string{userKey}, h.now()); err != nil {
			return err
		}
		return refuse(http.StatusBadRequest, "current", "Mật khẩu hiện tại không đúng.")
	}
	if r.PostFormValue("confirm") != next {
		return refuse(http.StatusBadRequest, "confirm", "Mật khẩu nhập lại không khớp.")
	}
	if err := auth.CheckNewPassword(next, m.Username, m.Name); err != nil {
		return refuse(http.StatusBadRequest, "password", portal.ErrorMessage(err))
	}
	hash, err := h.hasher.Hash(ctx, next)
	if err != nil {
		return err
	}
	if err := h.svc.Members.SetMemberPassword(ctx, who, m.ID, hash); err != nil {
		return err
	}
	m.PasswordHash = hash
	h.setMemberCookie(w, r, s, m)
	http.Redirect(w, r, membersPath+"?doi-mat-khau=1", http.StatusSeeOther)
	return nil
}

func (h *Handler) memberLogout(w http.ResponseWriter, r *http.Request) error {
	http.SetCookie(w, &http.Cookie{Name: h.memberCookieName(r), Value: "", Path: "/", MaxAge: -1, HttpOnly: true,
		Secure: h.cfg.Secure(r), SameSite: http.SameSiteLaxMode})
	w.Header().Set("Cache-Control", "no-store")
	http.Redirect(w, r, "/", http.StatusSeeOther)
	return nil
}

// memberOrSignIn returns the site and the member r signed in as; with no
// member it sends the reader to the sign-in form and returns none.
func (h *Handler) memberOrSignIn(w http.ResponseWriter, r *http.Request) (*site, *portal.Member, error) {
	s, err := h.site(r.Context())
	if err != nil {
		return nil, nil, err
	}
	m, err := h.signedInMember(r, s)
	if err == nil && m == nil {
		http.Redirect(w, r, memberLogin+"?tiep="+membersPath, http.StatusSeeOther)
	}
	return s, m, err
}

// showMemberArticles lists the members-only articles a signed-in member's
// groups may read, newest first.
func (h *Handler) showMemberArticles(w http.ResponseWriter, r *http.Request) error {
	if h.svc.Members == nil {
		return errNotFound
	}
	page, ok := pageNumber(r.URL.Query()["trang"])
	if !ok {
		return errNotFound
	}
	s, m, err := h.memberOrSignIn(w, r)
	if err != nil || m == nil {
		return err
	}
	return h.memberList(w, r, s, m, page, http.StatusOK, FormErrors{})
}

// memberList renders page of m's list, with status and what is wrong with
// a password change it refused (fe).
func (h *Handler) memberList(w http.ResponseWriter, r *http.Request, s *site, m *portal.Member, page, status int, fe FormErrors) error {
	ctx := r.Context()
	data := &MemberPage{Base: s.base(""), Heading: "Bài viết dành cho thành viên", Member: m, Errors: fe,
		Changed: r.URL.Query().Get("doi-mat-khau") == "1"}
	if len(m.GroupIDs) > 0 {
		f := portal.ReaderFilter(h.now())
		f.Public, f.MemberGroups = false, m.GroupIDs
		f.CategoryIDs = h.readerFilter(s).CategoryIDs
		total, err := h.svc.Articles.CountArticles(ctx, f)
		if err != nil {
			return err
		}
		pages := max((total+membersPerPage-1)/membersPerPage, 1)
		if page > pages {
			return errNotFound
		}
		f.Limit, f.Offset = membersPerPage, (page-1)*membersPerPage
		if data.Articles, err = h.svc.Articles.Articles(ctx, f); err != nil {
			return err
		}
		data.Pager = pager(membersPath, page, pages)
	}
	return h.showMemberPage(w, r, status, "members", data)
}

// membersOnly serves the page at key of a members-only article (the cached
// entry e says which): built for a member of its groups, never cached;
// the sign-in form, 403, for anyone else.
func (h *Handler) membersOnly(w http.ResponseWriter, r *http.Request, e *entry, fn build) error {
	ctx := r.Context()
	s, err := h.site(ctx)
	if err != nil {
		return err
	}
	m, err := h.signedInMember(r, s)
	if err != nil {
		return err
	}
	groups, err := h.svc.Members.ArticleAccess(ctx, e.gate)
	if err != nil {
		return err
	}
	if !m.In(groups) {
		data := &MemberPage{Base: s.base(""), Heading: "Bài viết dành cho thành viên", Member: m, Next: r.URL.Path,
			Message: "Bài viết này chỉ dành cho thành viên của một số nhóm. Xin đăng nhập bằng tài khoản thành viên để đọc."}
		if m != nil {
			data.Message = "Tài khoản của bạn không thuộc nhóm được đọc bài viết này."
		}
		return h.showMemberPage(w, r, http.StatusForbidden, "member-login", data)
	}
	page, err := fn(r.WithContext(context.WithValue(ctx, memberReads{}, true)), s)
	if err != nil {
		return err
	}
	if page.redirect != "" {
		http.Redirect(w, r, page.redirect, http.StatusMovedPermanently)
		return nil
	}
	now := h.now()
	if v := h.identify(w, r, now); page.article != 0 && v.kind != counter.Bot {
		h.counters.Views.Count(v.id, page.article, now)
	}
	values := h.pageValues(page, now)
	w.Header()["Content-Type"] = htmlType
	w.Header().Set("Cache-Control", "private, no-store")
	page.page.Write(w, http.StatusOK, &values)
	return nil
}

// publicCategory is readerCategory for pages that never show a members-only
// article (comments, reports, permanent and old addresses): such an article
// does not exist for them.
func (h *Handler) publicCategory(r *http.Request, s *site, a *portal.Article) (*portal.Category, error) {
	cat, err := h.readerCategory(r, s, a)
	if errors.Is(err, errMembersOnly) {
		return nil, errNotFound
	}
	return cat, err
}

// memberReads marks a request building a page for a member its groups let
// read it (see membersOnly and readerCategory).
type memberReads struct{}

func readsAsMember(ctx context.Context) bool { v, _ := ctx.Value(memberReads{}).(bool); return v }
