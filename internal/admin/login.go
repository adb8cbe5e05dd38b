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
	who := portal.Actor{Name: username, IP: ip}
	err := h.store.CheckLoginLimits(ctx, who, now,
		portal.LoginLimit{Key: ipKey, Max: ipAttempts, Window: ipWindow, Detail: "ip",
			Message: "Có quá nhiều lần đăng nhập sai từ địa chỉ này. Xin thử lại sau một giờ."},
		accountLimit(username, "Tài khoản tạm khóa 15 phút vì đăng nhập sai nhiều lần."))
	if portal.ErrorCode(err) == portal.ELIMIT {
		data.Error = portal.ErrorMessage(err)
		return h.page(w, r, http.StatusTooManyRequests, "login", data)
	}
	if err != nil {
		return err
	}
	u, ok, err := h.checkPassword(r, username, password)
	if err != nil {
		return err
	}
	if !ok {
		if err := h.store.RecordLoginFailure(ctx, who, "login.failed", []string{userKey, ipKey}, now); err != nil {
			return err
		}
		data.Error = badLogin
		return h.page(w, r, http.StatusUnauthorized, "login", data)
	}
	return h.startSession(w, r, u, userKey)
}

// accountLimit is the limit of failed attempts on one account: passwords and
// second-factor codes count together.
func accountLimit(username, message string) portal.LoginLimit {
	return portal.LoginLimit{Key: "u:" + username, Max: userAttempts, Window: userWindow, Detail: "account",
		Message: message}
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
	now := h.Now()
	token := auth.NewToken()
	ss := &portal.Session{ID: auth.HashToken(token), UserID: u.ID, CreatedAt: now, LastSeen: now, IP: h.cfg.ClientIP(r),
		UserAgent: truncate(r.UserAgent(), 300), Pending: u.TOTPSecret != ""}
	if err := h.store.StartSession(r.Context(), u.Actor(ss.IP), h.sessionID(r), ss, userKey); err != nil {
		return err
	}
	h.setSessionCookie(w, r, token)
	if ss.Pending {
		http.Redirect(w, r, Prefix+"/xac-thuc", http.StatusSeeOther)
		return nil
	}
	if u.MustChangePassword {
		http.Redirect(w, r, Prefix+"/bao-mat", http.StatusSeeOther)
		return nil
	}
	http.Redirect(w, r, Prefix+"/", http.StatusSeeOther)
	return nil
}

func (h *Handler) logout(w http.ResponseWriter, r *http.Request) error {
	if u, ss := h.session(r); ss != nil {
		if err := h.store.EndSession(r.Context(), u.Actor(h.cfg.ClientIP(r)), ss.ID); err != nil {
			return err
		}
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
