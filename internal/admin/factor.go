package admin

import (
	"html/template"
	"net/http"
	"strings"

	"cong/internal/auth"
	"cong/internal/portal"
	"cong/internal/qrcode"
)

// totpRequired reports whether an administrator made a second factor
// mandatory for all staff.
func (h *Handler) totpRequired(r *http.Request) bool {
	settings, err := h.store.Settings(r.Context())
	if err != nil {
		h.log.Error("read settings", "err", err)
		return false
	}
	return settings[portal.SettingTOTPRequired] == "1"
}

// issuer names the portal in the authenticator app, so staff of several
// portals can tell their entries apart: the portal's name, else "Cổng".
func (h *Handler) issuer(r *http.Request) string {
	settings, err := h.store.Settings(r.Context())
	if err != nil || strings.TrimSpace(settings[portal.SettingSiteName]) == "" {
		return "Cổng"
	}
	return strings.TrimSpace(settings[portal.SettingSiteName])
}

// FactorPage asks for the code of the second factor.
type FactorPage struct {
	Base
	Error string
}

func (h *Handler) showFactor(w http.ResponseWriter, r *http.Request) error {
	if _, ss := h.session(r); ss == nil || !ss.Pending {
		http.Redirect(w, r, Prefix+"/dang-nhap", http.StatusSeeOther)
		return nil
	}
	return h.page(w, r, http.StatusOK, "factor", &FactorPage{Base: Base{Title: "Xác thực hai bước"}})
}

// checkFactor completes a login with a code from the authenticator app or a
// recovery code. Wrong codes count against the account like wrong passwords.
func (h *Handler) checkFactor(w http.ResponseWriter, r *http.Request) error {
	u, ss := h.session(r)
	if ss == nil || !ss.Pending {
		http.Redirect(w, r, Prefix+"/dang-nhap", http.StatusSeeOther)
		return nil
	}
	ctx, now, who := r.Context(), h.Now(), u.Actor(h.cfg.ClientIP(r))
	err := h.store.CheckLoginLimits(ctx, who, now,
		accountLimit(u.Username, "Tài khoản tạm khóa 15 phút vì nhập sai nhiều lần."))
	if portal.ErrorCode(err) == portal.ELIMIT {
		return h.page(w, r, http.StatusTooManyRequests, "factor", &FactorPage{Base: Base{Title: "Xác thực hai bước"},
			Error: portal.ErrorMessage(err)})
	}
	if err != nil {
		return err
	}
	ok, err := h.acceptCode(r, u, strings.TrimSpace(r.PostFormValue("code")))
	if err != nil {
		return err
	}
	if !ok {
		keys := []string{"u:" + u.Username, "ip:" + who.IP}
		if err := h.store.RecordLoginFailure(ctx, who, "login.factor", keys, now); err != nil {
			return err
		}
		return h.page(w, r, http.StatusUnauthorized, "factor", &FactorPage{Base: Base{Title: "Xác thực hai bước"},
			Error: "Mã xác thực không đúng hoặc đã dùng."})
	}
	return h.promote(w, r, u, ss)
}

// acceptCode checks a six-digit code (once only) or a recovery code.
func (h *Handler) acceptCode(r *http.Request, u *portal.User, code string) (bool, error) {
	if len(code) > 40 {
		return false, nil
	}
	if step, ok := auth.VerifyTOTP(u.TOTPSecret, code, h.Now(), u.TOTPLastStep); ok {
		return h.store.UseTOTPStep(r.Context(), u.ID, step)
	}
	if len(code) >= 12 {
		return h.store.UseRecoveryCode(r.Context(), u.ID, auth.HashToken(auth.NormalizeRecoveryCode(code)), h.Now())
	}
	return false, nil
}

// promote turns a pending session into a full one under a new id.
func (h *Handler) promote(w http.ResponseWriter, r *http.Request, u *portal.User, old *portal.Session) error {
	now := h.Now()
	token := auth.NewToken()
	ss := &portal.Session{ID: auth.HashToken(token), UserID: u.ID, CreatedAt: old.CreatedAt, LastSeen: now,
		IP: h.cfg.ClientIP(r), UserAgent: old.UserAgent}
	if err := h.store.CompleteSession(r.Context(), u.Actor(ss.IP), old.ID, ss, "u:"+u.Username); err != nil {
		return err
	}
	h.setSessionCookie(w, r, token)
	http.Redirect(w, r, Prefix+"/", http.StatusSeeOther)
	return nil
}

// SecurityPage is where staff change their password and second factor.
type SecurityPage struct {
	Base
	// MustChange: the user holds a one-time password, and the page offers
	// only its change.
	MustChange    bool
	Required      bool
	NewSecret     string        // offered for setting up
	URI           string        // otpauth:// for the authenticator app
	QR            template.HTML // the URI as a QR code, inline SVG
	RecoveryCodes []string
	CodesLeft     int
	Errors        map[string]string
}

func (h *Handler) showSecurity(w http.ResponseWriter, r *http.Request) error {
	return h.securityPage(w, r, http.StatusOK, nil, nil)
}

func (h *Handler) securityPage(w http.ResponseWriter, r *http.Request, status int, codes []string, err error) error {
	u := userOf(r)
	b := Base{Title: "Bảo mật tài khoản", User: u, Flash: flashes[r.URL.Query().Get("ok")]}
	if !u.MustChangePassword && (u.TOTPSecret != "" || !h.totpRequired(r)) {
		var berr error
		if b, berr = h.base(r, "Bảo mật tài khoản"); berr != nil {
			return berr
		}
	}
	data := &SecurityPage{Base: b, MustChange: u.MustChangePassword, Required: h.totpRequired(r), RecoveryCodes: codes,
		Errors: fieldErrors(err)}
	if u.TOTPSecret == "" {
		data.NewSecret = r.PostFormValue("secret")
		if data.NewSecret == "" || len(data.NewSecret) > 64 {
			data.NewSecret = auth.NewTOTPSecret()
		}
		data.URI = auth.TOTPURI(h.issuer(r), u.Username, data.NewSecret)
		qr, qerr := qrcode.SVG(data.URI, "Mã QR thiết lập xác thực hai bước cho tài khoản "+u.Username)
		if qerr != nil {
			return qerr
		}
		data.QR = qr
	} else {
		n, cerr := h.store.RecoveryCodesLeft(r.Context(), u.ID)
		if cerr != nil {
			return cerr
		}
		data.CodesLeft = n
	}
	return h.page(w, r, status, "security", data)
}

// enableFactor turns the second factor on once the user proves their app
// has the secret, and shows the recovery codes once.
func (h *Handler) enableFactor(w http.ResponseWriter, r *http.Request) error {
	u := userOf(r)
	secret := r.PostFormValue("secret")
	if _, ok := auth.VerifyTOTP(secret, strings.TrimSpace(r.PostFormValue("code")), h.Now(), 0); !ok || len(secret) > 64 {
		return h.securityPage(w, r, http.StatusBadRequest, nil, portal.Invalid("code", "Mã không khớp. Xin kiểm tra đồng hồ của điện thoại và nhập mã mới."))
	}
	codes := auth.NewRecoveryCodes(10)
	hashes := make([]string, len(codes))
	for i, c := range codes {
		hashes[i] = auth.HashToken(c)
	}
	if err := h.store.SetTOTP(r.Context(), h.actor(r), u.ID, secret, hashes); err != nil {
		return err
	}
	u.TOTPSecret = secret
	return h.securityPage(w, r, http.StatusOK, codes, nil)
}

// disableFactor turns the second factor off, with a current code, unless
// it is mandatory.
func (h *Handler) disableFactor(w http.ResponseWriter, r *http.Request) error {
	u := userOf(r)
	if h.totpRequired(r) {
		return h.securityPage(w, r, http.StatusBadRequest, nil, portal.Invalid("off", "Xác thực hai bước là bắt buộc, không thể tắt."))
	}
	// Wrong codes count toward the lockout: a stolen session must not be
	// able to guess its way to turning the second factor off.
	ctx, now, who := r.Context(), h.Now(), h.actor(r)
	err := h.store.CheckLoginLimits(ctx, who, now,
		accountLimit(u.Username, "Tài khoản tạm khóa 15 phút vì nhập sai mã nhiều lần."))
	if portal.ErrorCode(err) == portal.ELIMIT {
		return h.securityPage(w, r, http.StatusTooManyRequests, nil, portal.Invalid("off", portal.ErrorMessage(err)))
	}
	if err != nil {
		return err
	}
	ok, err := h.acceptCode(r, u, strings.TrimSpace(r.PostFormValue("code")))
	if err != nil {
		return err
	}
	if !ok {
		keys := []string{"u:" + u.Username, "ip:" + who.IP}
		if err := h.store.RecordLoginFailure(ctx, who, "login.factor", keys, now); err != nil {
			return err
		}
		return h.securityPage(w, r, http.StatusBadRequest, nil, portal.Invalid("off", "Mã xác thực không đúng."))
	}
	if err := h.store.SetTOTP(ctx, who, u.ID, "", nil); err != nil {
		return err
	}
	redirect(w, r, Prefix+"/bao-mat", flashSaved)
	return nil
}

// changePassword sets a new password after checking the current one. A
// wrong current password counts against the account like a failed login, so
// a stolen session cannot guess its way to the password; a change ends the
// user's other sessions.
func (h *Handler) changePassword(w http.ResponseWriter, r *http.Request) error {
	u := userOf(r)
	ctx, now, userKey := r.Context(), h.Now(), "u:"+u.Username
	current, next := r.PostFormValue("current"), r.PostFormValue("new")
	who := h.actor(r)
	err := h.store.CheckLoginLimits(ctx, who, now,
		accountLimit(u.Username, "Tài khoản tạm khóa 15 phút vì nhập sai mật khẩu nhiều lần."))
	if portal.ErrorCode(err) == portal.ELIMIT {
		return h.securityPage(w, r, http.StatusTooManyRequests, nil, portal.Invalid("current", portal.ErrorMessage(err)))
	}
	if err != nil {
		return err
	}
	ok, err := h.hasher.Verify(ctx, u.PasswordHash, current)
	if err != nil || !ok || len(current) > 1024 {
		keys := []string{userKey, "ip:" + who.IP}
		if err := h.store.RecordLoginFailure(ctx, who, "user.password", keys, now); err != nil {
			return err
		}
		return h.securityPage(w, r, http.StatusBadRequest, nil, portal.Invalid("current", "Mật khẩu hiện tại không đúng."))
	}
	if err := auth.CheckNewPassword(next, u.Username, u.Name); err != nil {
		return h.securityPage(w, r, http.StatusBadRequest, nil, portal.Invalid("new", portal.ErrorMessage(err)))
	}
	if next == current {
		return h.securityPage(w, r, http.StatusBadRequest, nil, portal.Invalid("new", "Mật khẩu mới phải khác mật khẩu hiện tại."))
	}
	if next != r.PostFormValue("confirm") {
		return h.securityPage(w, r, http.StatusBadRequest, nil, portal.Invalid("confirm", "Hai lần nhập mật khẩu mới không giống nhau."))
	}
	hash, err := h.hasher.Hash(ctx, next)
	if err != nil {
		return err
	}
	// The change ends the user's other sessions and forgets their failed
	// attempts, in the one transaction that records it.
	if err := h.store.SetPassword(ctx, h.actor(r), u.ID, hash, sessionOf(r)); err != nil {
		return err
	}
	if u.MustChangePassword {
		redirect(w, r, Prefix+"/", flashPassword)
		return nil
	}
	redirect(w, r, Prefix+"/bao-mat", flashPassword)
	return nil
}

const flashPassword = "mat-khau"

func init() {
	flashes[flashPassword] = "Đã đổi mật khẩu. Các phiên đăng nhập khác của bạn đã kết thúc."
}

// requireFactor lets an administrator make the second factor mandatory.
func (h *Handler) requireFactor(w http.ResponseWriter, r *http.Request) error {
	value := "0"
	if r.PostFormValue("required") == "1" {
		value = "1"
	}
	if err := h.store.SaveSettings(r.Context(), h.actor(r), map[string]string{portal.SettingTOTPRequired: value}); err != nil {
		return err
	}
	redirect(w, r, Prefix+"/bao-mat", flashSaved)
	return nil
}
