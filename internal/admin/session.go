package admin

import (
	"net"
	"net/http"
	"time"

	"cong/internal/auth"
	"cong/internal/portal"
)

// cookieName is the session cookie: "__Host-" prefixed over TLS, which makes
// browsers refuse it unless Secure, host-only and for the whole site.
func cookieName(r *http.Request) string {
	if r.TLS != nil {
		return "__Host-cong_s"
	}
	return "cong_s"
}

func (h *Handler) setSessionCookie(w http.ResponseWriter, r *http.Request, token string) {
	http.SetCookie(w, &http.Cookie{Name: cookieName(r), Value: token, Path: "/", HttpOnly: true,
		Secure: r.TLS != nil, SameSite: http.SameSiteStrictMode})
}

func (h *Handler) clearSessionCookie(w http.ResponseWriter, r *http.Request) {
	http.SetCookie(w, &http.Cookie{Name: cookieName(r), Value: "", Path: "/", MaxAge: -1, HttpOnly: true,
		Secure: r.TLS != nil, SameSite: http.SameSiteStrictMode})
}

// sessionID is the stored id of r's session cookie, or "".
func sessionID(r *http.Request) string {
	c, err := r.Cookie(cookieName(r))
	if err != nil || c.Value == "" || len(c.Value) > 100 {
		return ""
	}
	return auth.HashToken(c.Value)
}

// touchEvery bounds how often a session's last activity is written.
const touchEvery = time.Minute

// signedInUser loads r's live session, ending it when idle or too old.
func (h *Handler) signedInUser(r *http.Request) (*portal.User, string) {
	id := sessionID(r)
	if id == "" {
		return nil, ""
	}
	ctx, now := r.Context(), h.Now()
	ss, u, err := h.store.Session(ctx, id)
	if err != nil {
		if portal.ErrorCode(err) != portal.ENOTFOUND {
			h.log.Error("load session", "err", err)
		}
		return nil, ""
	}
	if now.Sub(ss.LastSeen) > h.cfg.IdleTimeout || now.Sub(ss.CreatedAt) > h.cfg.AbsoluteTimeout || !u.IsStaff() {
		h.store.DeleteSession(ctx, id)
		return nil, ""
	}
	if now.Sub(ss.LastSeen) >= touchEvery {
		if err := h.store.TouchSession(ctx, id, now); err != nil {
			h.log.Error("touch session", "err", err)
		}
	}
	return u, id
}

// staff wraps a handler that needs a signed-in member of staff; others go
// to the login page.
func (h *Handler) staff(fn pageHandler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		u, id := h.signedInUser(r)
		if u == nil {
			if r.Method == http.MethodGet || r.Method == http.MethodHead {
				http.Redirect(w, r, Prefix+"/dang-nhap", http.StatusSeeOther)
				return
			}
			h.showError(w, r, portal.Errorf(portal.EFORBIDDEN, "Phiên làm việc đã hết. Xin đăng nhập lại."))
			return
		}
		h.Seen(u.ID)
		r = r.WithContext(withUser(r.Context(), u, id))
		if err := fn(w, r); err != nil {
			h.showError(w, r, err)
		}
	})
}

// role wraps a staff handler that needs one of roles.
func (h *Handler) role(fn pageHandler, roles ...portal.Role) http.Handler {
	return h.staff(func(w http.ResponseWriter, r *http.Request) error {
		u := userOf(r)
		for _, role := range roles {
			if u.Has(role) {
				return fn(w, r)
			}
		}
		return errForbidden
	})
}

var errForbidden = portal.Errorf(portal.EFORBIDDEN, "Bạn không có quyền làm việc này.")

// clientIP is the address the request came from. Behind a proxy this is the
// proxy; trusting X-Forwarded-For needs a configured proxy list (later).
func clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// audit records a staff action; a failure to record is logged, never shown.
func (h *Handler) audit(r *http.Request, action, object, result, detail string) {
	e := &portal.AuditEntry{IP: clientIP(r), Action: action, Object: object, Result: result, Detail: detail}
	if u := userOf(r); u != nil {
		e.ActorID, e.Actor = u.ID, u.Username
	}
	h.auditEntry(r, e)
}

func (h *Handler) auditEntry(r *http.Request, e *portal.AuditEntry) {
	if err := h.store.Audit(r.Context(), e); err != nil {
		h.log.Error("audit", "action", e.Action, "err", err)
	}
}
