package store

import (
	"cmp"
	"context"
	"database/sql"
	"slices"
	"strings"
	"time"

	"cong/internal/portal"
	"cong/internal/viet"
)

const userColumns = `u.id, u.username, u.name, u.password_hash, u.disabled, u.totp_secret, u.totp_last_step,
	u.must_change_password, u.created_at, u.updated_at`

func scanUser(row scanner, u *portal.User) error {
	return row.Scan(&u.ID, &u.Username, &u.Name, &u.PasswordHash, &u.Disabled, &u.TOTPSecret, &u.TOTPLastStep,
		&u.MustChangePassword, &u.CreatedAt, &u.UpdatedAt)
}

// CreateUser saves a new member of staff with their roles and categories.
func (s *DB) CreateUser(ctx context.Context, who portal.Actor, u *portal.User) error {
	u.Name = viet.NFC(u.Name)
	if err := u.Validate(); err != nil {
		return err
	}
	now := s.now()
	u.CreatedAt, u.UpdatedAt = now, now
	c := &change{action: "user.create", detail: u.Username + ": " + rolesText(u.Roles)}
	return s.write(ctx, who, c, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `INSERT INTO users (username, name, password_hash, disabled, must_change_password,
			created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`, u.Username, u.Name, u.PasswordHash,
			u.Disabled, u.MustChangePassword, now, now).Scan(&u.ID)
		if s.dialect.isUnique(err) {
			return portal.Invalid("username", "Tên đăng nhập này đã có người dùng.")
		}
		if err != nil {
			return err
		}
		c.object = userObject(u.ID)
		return saveGrants(ctx, tx, s.siteID(), u)
	})
}

// userObject names a user in the audit log.
func userObject(id int64) string { return object("user", id) }

// rolesText lists roles for the audit log: "editor,reporter".
func rolesText(roles []portal.Role) string {
	s := make([]string, len(roles))
	for i, r := range roles {
		s[i] = string(r)
	}
	slices.Sort(s)
	return strings.Join(s, ",")
}

// saveGrants replaces a user's roles and categories on one site; those on
// the other sites stay.
func saveGrants(ctx context.Context, tx *sql.Tx, site int64, u *portal.User) error {
	for _, q := range []string{"DELETE FROM user_roles WHERE user_id = $1 AND site_id = $2",
		"DELETE FROM user_categories WHERE user_id = $1 AND category_id IN (SELECT id FROM categories WHERE site_id = $2)"} {
		if _, err := tx.ExecContext(ctx, q, u.ID, site); err != nil {
			return err
		}
	}
	for _, r := range u.Roles {
		_, err := tx.ExecContext(ctx, "INSERT INTO user_roles (user_id, site_id, role) VALUES ($1, $2, $3)", u.ID, site, string(r))
		if err != nil {
			return err
		}
	}
	for _, c := range u.CategoryIDs {
		res, err := tx.ExecContext(ctx, `INSERT INTO user_categories (user_id, category_id)
			SELECT $1, id FROM categories WHERE id = $2 AND site_id = $3`, u.ID, c, site)
		if n, _ := rowsAffected(res); err != nil || n != 1 {
			return portal.Invalid("categories", "Chuyên mục không hợp lệ.")
		}
	}
	return nil
}

// UpdateUser saves a user's name, roles, categories and state. Disabling a
// user ends their sessions at once.
// The audit entry says how the roles and the state changed.
func (s *DB) UpdateUser(ctx context.Context, who portal.Actor, u *portal.User) error {
	u.Name = viet.NFC(u.Name)
	if err := u.Validate(); err != nil {
		return err
	}
	u.UpdatedAt = s.now()
	c := &change{action: "user.save", object: userObject(u.ID)}
	return s.write(ctx, who, c, func(tx *sql.Tx) error {
		before, err := s.userWhere(ctx, "u.id = $1", u.ID)
		if err != nil {
			return err
		}
		var detail []string
		if b, a := rolesText(before.Roles), rolesText(u.Roles); a != b {
			detail = append(detail, "vai trò: "+b+" → "+a)
		}
		if before.Disabled != u.Disabled {
			detail = append(detail, map[bool]string{true: "khóa tài khoản", false: "mở khóa tài khoản"}[u.Disabled])
		}
		if before.Name != u.Name {
			detail = append(detail, "tên: "+before.Name+" → "+u.Name)
		}
		c.detail = strings.Join(detail, "; ")
		res, err := tx.ExecContext(ctx, `UPDATE users SET name = $1, disabled = $2, totp_secret = $3, totp_last_step = $4,
			updated_at = $5 WHERE id = $6`, u.Name, u.Disabled, u.TOTPSecret, u.TOTPLastStep, u.UpdatedAt, u.ID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return portal.Errorf(portal.ENOTFOUND, "Không tìm thấy người dùng.")
		}
		if u.Disabled {
			if _, err := tx.ExecContext(ctx, "DELETE FROM sessions WHERE user_id = $1", u.ID); err != nil {
				return err
			}
		}
		return saveGrants(ctx, tx, s.siteID(), u)
	})
}

// SetPassword stores the user's own new password hash, which ends the need
// to change it, and ends every session of theirs but keepSession: one that
// a thief opened with the old password goes with it.
func (s *DB) SetPassword(ctx context.Context, who portal.Actor, userID int64, hash, keepSession string) error {
	c := &change{action: "user.password", object: userObject(userID)}
	return s.write(ctx, who, c, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE users SET password_hash = $1, must_change_password = FALSE, updated_at = $2
			WHERE id = $3`, hash, s.now(), userID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return portal.Errorf(portal.ENOTFOUND, "Không tìm thấy người dùng.")
		}
		_, err = tx.ExecContext(ctx, "DELETE FROM sessions WHERE user_id = $1 AND id <> $2", userID, keepSession)
		if err != nil {
			return err
		}
		// The account's failed attempts are over with the change.
		_, err = tx.ExecContext(ctx, `DELETE FROM login_failures
			WHERE key = (SELECT 'u:' || username FROM users WHERE id = $1)`, userID)
		return err
	})
}

// User returns a user with roles and categories.
func (s *DB) User(ctx context.Context, id int64) (*portal.User, error) {
	return s.userWhere(ctx, "u.id = $1", id)
}

// UserByUsername returns a user by login name, case-insensitively.
func (s *DB) UserByUsername(ctx context.Context, username string) (*portal.User, error) {
	return s.userWhere(ctx, "u.username = $1", strings.ToLower(strings.TrimSpace(username)))
}

func (s *DB) userWhere(ctx context.Context, cond string, arg any) (*portal.User, error) {
	var u portal.User
	if err := scanUser(s.db.QueryRowContext(ctx, `SELECT `+userColumns+` FROM users u WHERE `+cond, arg), &u); err != nil {
		return nil, notFound(err, "người dùng")
	}
	users := []portal.User{u}
	if err := s.loadGrants(ctx, users); err != nil {
		return nil, err
	}
	return &users[0], nil
}

// Users lists every user by name in Vietnamese order, then user name.
func (s *DB) Users(ctx context.Context) ([]portal.User, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+userColumns+` FROM users u`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var users []portal.User
	for rows.Next() {
		var u portal.User
		if err := scanUser(rows, &u); err != nil {
			return nil, err
		}
		users = append(users, u)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	viet.SortFunc(users, func(names func(a, b string) int, x, y *portal.User) int {
		return cmp.Or(names(x.Name, y.Name), cmp.Compare(x.Username, y.Username))
	})
	return users, s.loadGrants(ctx, users)
}

// loadGrants fills the roles and categories of users.
func (s *DB) loadGrants(ctx context.Context, users []portal.User) error {
	byID := make(map[int64]*portal.User, len(users))
	for i := range users {
		byID[users[i].ID] = &users[i]
		users[i].SiteID = s.siteID()
	}
	rows, err := s.db.QueryContext(ctx, `SELECT user_id, role, 0 FROM user_roles WHERE site_id = $1
		UNION ALL SELECT g.user_id, '', g.category_id FROM user_categories g JOIN categories c ON c.id = g.category_id
		WHERE c.site_id = $1 ORDER BY 1, 2, 3`, s.siteID())
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id, cat int64
		var role string
		if err := rows.Scan(&id, &role, &cat); err != nil {
			return err
		}
		u := byID[id]
		switch {
		case u == nil:
		case role != "":
			u.Roles = append(u.Roles, portal.Role(role))
		default:
			u.CategoryIDs = append(u.CategoryIDs, cat)
		}
	}
	return rows.Err()
}

// StartSession signs who in: it ends the session the browser had (old, when
// not empty), stores ss and, once the login is complete, forgets the failed
// attempts under clear.
func (s *DB) StartSession(ctx context.Context, who portal.Actor, old string, ss *portal.Session, clear ...string) error {
	c := &change{action: "login", object: userObject(ss.UserID)}
	if ss.Pending {
		c.action, c.detail = "login.password", "chờ mã xác thực hai bước"
	}
	return s.write(ctx, who, c, func(tx *sql.Tx) error {
		if old != "" {
			if _, err := tx.ExecContext(ctx, "DELETE FROM sessions WHERE id = $1", old); err != nil {
				return err
			}
		}
		if err := createSession(ctx, tx, ss); err != nil {
			return err
		}
		if ss.Pending {
			return nil
		}
		return clearLoginFailures(ctx, tx, clear)
	})
}

// EndSession signs who out.
func (s *DB) EndSession(ctx context.Context, who portal.Actor, id string) error {
	return s.write(ctx, who, &change{action: "logout", object: userObject(who.ID)}, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, "DELETE FROM sessions WHERE id = $1", id)
		return err
	})
}

func createSession(ctx context.Context, tx *sql.Tx, ss *portal.Session) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO sessions (id, user_id, created_at, last_seen, ip, user_agent, pending)
		VALUES ($1, $2, $3, $4, $5, $6, $7)`, ss.ID, ss.UserID, ss.CreatedAt.UTC(), ss.LastSeen.UTC(), ss.IP, ss.UserAgent,
		ss.Pending)
	return err
}

// CompleteSession turns a session waiting for its second factor into a
// full one under a new id (ss), in one transaction, and forgets the failed
// attempts under clear.
func (s *DB) CompleteSession(ctx context.Context, who portal.Actor, oldID string, ss *portal.Session, clear ...string) error {
	c := &change{action: "login", object: userObject(ss.UserID), detail: "hai bước"}
	return s.write(ctx, who, c, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, "DELETE FROM sessions WHERE id = $1", oldID); err != nil {
			return err
		}
		if err := createSession(ctx, tx, ss); err != nil {
			return err
		}
		return clearLoginFailures(ctx, tx, clear)
	})
}

// SetTOTP turns the second factor on or off and replaces the recovery codes.
func (s *DB) SetTOTP(ctx context.Context, who portal.Actor, userID int64, secret string, codeHashes []string) error {
	c := &change{action: "user.totp", object: userObject(userID), detail: "tắt"}
	if secret != "" {
		c.detail = "bật"
	}
	return s.write(ctx, who, c, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, "UPDATE users SET totp_secret = $1, totp_last_step = 0, updated_at = $2 WHERE id = $3",
			secret, s.now(), userID)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM recovery_codes WHERE user_id = $1", userID); err != nil {
			return err
		}
		for _, h := range codeHashes {
			if _, err := tx.ExecContext(ctx, "INSERT INTO recovery_codes (user_id, code_hash) VALUES ($1, $2)", userID, h); err != nil {
				return err
			}
		}
		return nil
	})
}

// UseTOTPStep records an accepted code's step, refusing replays atomically.
func (s *DB) UseTOTPStep(ctx context.Context, userID, step int64) (bool, error) {
	res, err := s.db.ExecContext(ctx, "UPDATE users SET totp_last_step = $1 WHERE id = $2 AND totp_last_step < $1", step, userID)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// UseRecoveryCode spends a recovery code once.
func (s *DB) UseRecoveryCode(ctx context.Context, userID int64, codeHash string, at time.Time) (bool, error) {
	res, err := s.db.ExecContext(ctx, `UPDATE recovery_codes SET used_at = $1
		WHERE user_id = $2 AND code_hash = $3 AND used_at IS NULL`, at.UTC(), userID, codeHash)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// RecoveryCodesLeft counts a user's unspent recovery codes.
func (s *DB) RecoveryCodesLeft(ctx context.Context, userID int64) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, "SELECT COUNT(*) FROM recovery_codes WHERE user_id = $1 AND used_at IS NULL", userID).Scan(&n)
	return n, err
}

// Session returns a session and its user; a disabled user has none.
func (s *DB) Session(ctx context.Context, id string) (*portal.Session, *portal.User, error) {
	var ss portal.Session
	err := s.db.QueryRowContext(ctx, `SELECT id, user_id, created_at, last_seen, ip, user_agent, pending FROM sessions
		WHERE id = $1`, id).Scan(&ss.ID, &ss.UserID, &ss.CreatedAt, &ss.LastSeen, &ss.IP, &ss.UserAgent, &ss.Pending)
	if err != nil {
		return nil, nil, notFound(err, "phiên đăng nhập")
	}
	u, err := s.User(ctx, ss.UserID)
	if err != nil {
		return nil, nil, err
	}
	if u.Disabled {
		return nil, nil, portal.Errorf(portal.ENOTFOUND, "Không tìm thấy phiên đăng nhập.")
	}
	return &ss, u, nil
}

// TouchSession records activity on a session.
func (s *DB) TouchSession(ctx context.Context, id string, at time.Time) error {
	_, err := s.db.ExecContext(ctx, "UPDATE sessions SET last_seen = $1 WHERE id = $2", at.UTC(), id)
	return err
}

// DeleteSession ends a session.
func (s *DB) DeleteSession(ctx context.Context, id string) error {
	_, err := s.db.ExecContext(ctx, "DELETE FROM sessions WHERE id = $1", id)
	return err
}

// LoginFailures counts the failures recorded for key since.
func (s *DB) LoginFailures(ctx context.Context, key string, since time.Time) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, "SELECT COUNT(*) FROM login_failures WHERE key = $1 AND at >= $2", key, since.UTC()).Scan(&n)
	return n, err
}

// RecordLoginFailure records one failed attempt of action (a password or a
// code mistyped) under each key, with its audit entry, and drops records
// older than a day.
func (s *DB) RecordLoginFailure(ctx context.Context, who portal.Actor, action string, keys []string, at time.Time) error {
	c := &change{action: action, result: "failed"}
	return s.write(ctx, who, c, func(tx *sql.Tx) error {
		for _, k := range keys {
			if _, err := tx.ExecContext(ctx, "INSERT INTO login_failures (key, at) VALUES ($1, $2)", k, at.UTC()); err != nil {
				return err
			}
		}
		_, err := tx.ExecContext(ctx, "DELETE FROM login_failures WHERE at < $1", at.Add(-24*time.Hour).UTC())
		return err
	})
}

func clearLoginFailures(ctx context.Context, tx *sql.Tx, keys []string) error {
	for _, k := range keys {
		if _, err := tx.ExecContext(ctx, "DELETE FROM login_failures WHERE key = $1", k); err != nil {
			return err
		}
	}
	return nil
}

// CheckLoginLimits refuses a login attempt (ELIMIT, with the limit's
// message) once any of limits is reached, and records the lockout.
func (s *DB) CheckLoginLimits(ctx context.Context, who portal.Actor, now time.Time, limits ...portal.LoginLimit) error {
	for _, l := range limits {
		n, err := s.LoginFailures(ctx, l.Key, now.Add(-l.Window))
		if err != nil {
			return err
		}
		if n < l.Max {
			continue
		}
		if err := s.Refused(ctx, who, "login.locked", "", l.Detail); err != nil {
			return err
		}
		return portal.Errorf(portal.ELIMIT, "%s", l.Message)
	}
	return nil
}
