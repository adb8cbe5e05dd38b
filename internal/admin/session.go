package admin

import (
	"net/http"
	"sync"
	"time"

	"cong/internal/auth"
	"cong/internal/portal"
)

// cookieName is the session cookie: "__Host-" prefixed over HTTPS (TLS here
// or at a trusted proxy, or an https public address), which makes browsers
// refuse it unless Secure, host-only and for the whole site.
func (h *Handler) cookieName(r *http.Request) string {
	if h.cfg.Secure(r) {
		return "__Host-cong_s"
	}
	return "cong_s"
}

func (h *Handler) setSessionCookie(w http.ResponseWriter, r *http.Request, token string) {
	http.SetCookie(w, &http.Cookie{Name: h.cookieName(r), Value: token, Path: "/", HttpOnly: true,
		Secure: h.cfg.Secure(r), SameSite: http.SameSiteStrictMode})
}

func (h *Handler) clearSessionCookie(w http.ResponseWriter, r *http.Request) {
	http.SetCookie(w, &http.Cookie{Name: h.cookieName(r), Value: "", Path: "/", MaxAge: -1, HttpOnly: true,
		Secure: h.cfg.Secure(r), SameSite: http.SameSiteStrictMode})
}

// sessionID is the stored id of r's session cookie, or "".
func (h *Handler) sessionID(r *http.Request) string {
	c, err := r.Cookie(h.cookieName(r))
	if err != nil || c.Value == "" || len(c.Value) > 100 {
		return ""
	}
	return auth.HashToken(c.Value)
}

// touchEvery bounds how often a session's last activity is written.
const touchEvery = time.Minute

// signedInUser loads r's live, complete session, ending it when idle or too
// old. A session still waiting for its second factor does not count.
func (h *Handler) signedInUser(r *http.Request) (*portal.User, string) {
	u, ss := h.session(r)
	if ss == nil || ss.Pending {
		return nil, ""
	}
	return u, ss.ID
}

// session loads r's live session, complete or pending.
func (h *Handler) session(r *http.Request) (*portal.User, *portal.Session) {
	id := h.sessionID(r)
	if id == "" {
		return nil, nil
	}
	ctx, now := r.Context(), h.Now()
	ss, u, err := h.store.Session(ctx, id)
	if err != nil {
		if portal.ErrorCode(err) != portal.ENOTFOUND {
			h.log.Error("load session", "err", err)
		}
		return nil, nil
	}
	if now.Sub(ss.LastSeen) > h.cfg.IdleTimeout || now.Sub(ss.CreatedAt) > h.cfg.AbsoluteTimeout || !u.IsStaff() {
		h.store.DeleteSession(ctx, id)
		return nil, nil
	}
	if now.Sub(ss.LastSeen) >= touchEvery {
		if err := h.store.TouchSession(ctx, id, now); err != nil {
			h.log.Error("touch session", "err", err)
		}
	}
	if !ss.Pending {
		h.members.remember(id, u.ID, now)
	}
	return u, ss
}

// members remembers the sessions seen lately in the back office, so public
// pages can count staff as members without a database read.
type members struct {
	mu   sync.Mutex
	seen map[string]memberSeen
}

type memberSeen struct {
	user int64
	at   time.Time
}

// memberWindow is how long a back-office request vouches for a session.
const memberWindow = 20 * time.Minute

func (m *members) remember(session string, user int64, now time.Time) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.seen == nil || len(m.seen) > 10_000 {
		m.seen = make(map[string]memberSeen) // staff are few; a flood of ids just starts over
	}
	m.seen[session] = memberSeen{user, now}
}

func (m *members) lookup(session string, now time.Time) (int64, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	s, ok := m.seen[session]
	if !ok || now.Sub(s.at) > memberWindow {
		return 0, false
	}
	return s.user, true
}

// HasSession reports whether r carries a session cookie at all, valid or
// not: the public site marks nothing it sends such a request for a shared
// cache. It reads no database.
func (h *Handler) HasSession(r *http.Request) bool { return h.sessionID(r) != "" }

// Member tells the public site whether r comes from a member of staff
// signed in lately, for the online counter. It reads no database.
func (h *Handler) Member(r *http.Request) (int64, bool) {
	id := h.sessionID(r)
	if id == "" {
		return 0, false
	}
	return h.members.lookup(id, h.Now())
}

// guard puts rt's gate and permission in front of its handler: the one
// place the back office decides who reaches a route. A member of staff
// holding a one-time password reaches only the password change; staff who
// must still set up a second factor are sent to the security page first;
// one without the route's permission gets 403. A body is read (within the
// route's cap) only after these checks, so a stranger's is never read.
func (h *Handler) guard(rt route) http.Handler {
	if rt.gate == anyone {
		return h.public(rt.serve)
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		u, id := h.signedInUser(r)
		read := r.Method == http.MethodGet || r.Method == http.MethodHead
		switch {
		case u == nil && rt.gate == hidden:
			h.showError(w, r, errNotFound)
			return
		case u == nil && read:
			http.Redirect(w, r, Prefix+"/dang-nhap", http.StatusSeeOther)
			return
		case u == nil:
			h.showError(w, r, portal.Errorf(portal.EFORBIDDEN, "Phiên làm việc đã hết. Xin đăng nhập lại."))
			return
		case u.MustChangePassword && !changingPassword(r) && read:
			http.Redirect(w, r, Prefix+"/bao-mat", http.StatusSeeOther)
			return
		case u.MustChangePassword && !changingPassword(r):
			h.showError(w, r, portal.Errorf(portal.EFORBIDDEN, "Xin đặt mật khẩu của riêng bạn trước khi làm việc."))
			return
		case rt.gate != enrolling && u.TOTPSecret == "" && h.totpRequired(r):
			http.Redirect(w, r, Prefix+"/bao-mat", http.StatusSeeOther)
			return
		}
		h.Seen(u.ID)
		r = r.WithContext(withUser(r.Context(), u, id))
		if !u.May(rt.need) {
			h.showError(w, r, &refusal{need: rt.need})
			return
		}
		cleanup, ok := h.readForm(w, r)
		if !ok {
			return
		}
		defer cleanup()
		if rt.gate != enrolling {
			fixEncoding(r)
		}
		if err := rt.serve(w, r); err != nil {
			h.showError(w, r, err)
		}
	})
}

// changingPassword reports whether r is the security page or its password
// form: all that a one-time password opens.
func changingPassword(r *http.Request) bool {
	return r.Pattern == "GET "+Prefix+"/bao-mat" || r.Pattern == "POST "+Prefix+"/bao-mat/mat-khau"
}

// errForbidden refuses what the user's rights do not allow: a route's
// permission, or a step the workflow does not allow on this object.
var errForbidden = portal.Errorf(portal.EFORBIDDEN, "Bạn không có quyền làm việc này.")

// refusal is errForbidden for want of a route's permission, which the
// audit entry of the refusal names.
type refusal struct{ need portal.Permission }

func (e *refusal) Error() string { return "permission " + string(e.need) + " needed" }
func (e *refusal) Unwrap() error { return errForbidden }

// actor is who makes r's changes, as the store's audit log names them.
func (h *Handler) actor(r *http.Request) portal.Actor {
	if u := userOf(r); u != nil {
		return u.Actor(h.cfg.ClientIP(r))
	}
	return portal.Actor{IP: h.cfg.ClientIP(r)}
}
