package admin

import (
	"net/http"
	"strings"
	"time"

	"cong/internal/auth"
	"cong/internal/portal"
)

// Login limits: failed attempts, not requests, are counted.
const (
	userAttempts = 5
	userWindow   = 15 * time.Minute
	ipAttempts   = 50
	ipWindow     = time.Hour
)

// LoginPage is the login form.
type LoginPage struct {
	Base
	Username string
	Error    string
}

func (h *Handler) showLogin(w http.ResponseWriter, r *http.Request) error {
	if u, _ := h.signedInUser(r); u != nil {
		http.Redirect(w, r, Prefix+"/", http.StatusSeeOther)
		return nil
	}
	return h.page(w, r, http.StatusOK, "login", &LoginPage{Base: Base{Title: "Đăng nhập"}})
}

// badLogin is the one answer for an unknown user, a wrong password and a
// disabled account, so none can be told from another.
const badLogin = "Tên đăng nhập hoặc mật khẩu không đúng."

func (h *Handler) login(w http.ResponseWriter, r *http.Request) error {
	ctx, now, ip := r.Context(), h.Now(), h.cfg.ClientIP(r)
	username := strings.ToLower(strings.TrimSpace(r.PostFormValue("username")))
	password := r.PostFormValue("password")
	data := &LoginPage{Base: Base{Title: "Đăng nhập"}, Username: username}
	if len(username) > 100 || len(password) > 1024 {
		data.Error = badLogin
		return h.page(w, r, http.StatusUnauthorized, "login", data)
	}
	userKey, ipKey := "u:"+username, "ip:"+ip
	if n, err := h.store.LoginFailures(ctx, ipKey, now.Add(-ipWindow)); err != nil {
		return err
	} else if n >= ipAttempts {
		h.auditEntry(r, &portal.AuditEntry{Actor: username, IP: ip, Action: "login.locked", Result: "denied", Detail: "ip"})
		data.Error = "Có quá nhiều lần đăng nhập sai từ địa chỉ này. Xin thử lại sau một giờ."
		return h.page(w, r, http.StatusTooManyRequests, "login", data)
	}
	if n, err := h.store.LoginFailures(ctx, userKey, now.Add(-userWindow)); err != nil {
		return err
	} else if n >= userAttempts {
		h.auditEntry(r, &portal.AuditEntry{Actor: username, IP: ip, Action: "login.locked", Result: "denied", Detail: "account"})
		data.Error = "Tài khoản tạm khóa 15 phút vì đăng nhập sai nhiều lần."
		return h.page(w, r, http.StatusTooManyRequests, "login", data)
	}
	u, ok, err := h.checkPassword(r, username, password)
	if err != nil {
		return err
	}
	if !ok {
		if err := h.store.RecordLoginFailure(ctx, []string{userKey, ipKey}, now); err != nil {
			return err
		}
		h.auditEntry(r, &portal.AuditEntry{Actor: username, IP: ip, Action: "login.failed", Result: "failed"})
		data.Error = badLogin
		return h.page(w, r, http.StatusUnauthorized, "login", data)
	}
	return h.startSession(w, r, u, userKey)
}

// checkPassword verifies a login, spending the same effort whether or not
// the user exists.
func (h *Handler) checkPassword(r *http.Request, username, password string) (*portal.User, bool, error) {
	u, err := h.store.UserByUsername(r.Context(), username)
	if portal.ErrorCode(err) == portal.ENOTFOUND {
		h.hasher.Waste(r.Context(), password)
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	ok, err := h.hasher.Verify(r.Context(), u.PasswordHash, password)
	if err != nil {
		h.log.Error("verify password", "user", u.Username, "err", err)
		return nil, false, nil
	}
	return u, ok && u.IsStaff(), nil
}

// startSession signs u in with a new session id — never one the browser
// brought along — and ends the session the browser had, if any.
func (h *Handler) startSession(w http.ResponseWriter, r *http.Request, u *portal.User, userKey string) error {
	ctx, now := r.Context(), h.Now()
	if old := h.sessionID(r); old != "" {
		h.store.DeleteSession(ctx, old)
	}
	token := auth.NewToken()
	ss := &portal.Session{ID: auth.HashToken(token), UserID: u.ID, CreatedAt: now, LastSeen: now, IP: h.cfg.ClientIP(r),
		UserAgent: truncate(r.UserAgent(), 300), Pending: u.TOTPSecret != ""}
	if err := h.store.CreateSession(ctx, ss); err != nil {
		return err
	}
	h.setSessionCookie(w, r, token)
	if ss.Pending {
		h.auditEntry(r, &portal.AuditEntry{ActorID: u.ID, Actor: u.Username, IP: ss.IP, Action: "login.password", Result: "ok"})
		http.Redirect(w, r, Prefix+"/xac-thuc", http.StatusSeeOther)
		return nil
	}
	if err := h.store.ClearLoginFailures(ctx, userKey); err != nil {
		return err
	}
	h.auditEntry(r, &portal.AuditEntry{ActorID: u.ID, Actor: u.Username, IP: ss.IP, Action: "login", Result: "ok"})
	if u.MustChangePassword {
		http.Redirect(w, r, Prefix+"/bao-mat", http.StatusSeeOther)
		return nil
	}
	http.Redirect(w, r, Prefix+"/", http.StatusSeeOther)
	return nil
}

func (h *Handler) logout(w http.ResponseWriter, r *http.Request) error {
	if id := h.sessionID(r); id != "" {
		if err := h.store.DeleteSession(r.Context(), id); err != nil {
			return err
		}
		h.audit(r, "logout", "", "ok", "")
	}
	h.clearSessionCookie(w, r)
	http.Redirect(w, r, Prefix+"/dang-nhap", http.StatusSeeOther)
	return nil
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n]
}
