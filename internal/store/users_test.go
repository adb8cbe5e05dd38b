package store_test

import (
	"testing"
	"time"

	"cong/internal/portal"
	"cong/internal/store"
	"cong/internal/storetest"
)

// TestSetPassword: a new password ends the need to change it and every
// session of the user but the one kept; other users' sessions stay.
func TestSetPassword(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		u := &portal.User{Username: "moi", Name: "Người mới", PasswordHash: "x", Roles: []portal.Role{portal.RoleReporter},
			MustChangePassword: true}
		other := &portal.User{Username: "khac", Name: "Người khác", PasswordHash: "x", Roles: []portal.Role{portal.RoleEditor}}
		for _, x := range []*portal.User{u, other} {
			if err := db.CreateUser(ctx, storetest.Actor, x); err != nil {
				t.Fatal(err)
			}
		}
		now := time.Now()
		for id, user := range map[string]int64{"kept": u.ID, "stolen": u.ID, "others": other.ID} {
			if err := db.StartSession(ctx, storetest.Actor, "", &portal.Session{ID: id, UserID: user, CreatedAt: now, LastSeen: now}); err != nil {
				t.Fatal(err)
			}
		}
		if got, _ := db.User(ctx, u.ID); !got.MustChangePassword {
			t.Fatal("MustChangePassword not saved")
		}
		if err := db.SetPassword(ctx, storetest.Actor, u.ID, "y", "kept"); err != nil {
			t.Fatal(err)
		}
		if got, _ := db.User(ctx, u.ID); got.MustChangePassword || got.PasswordHash != "y" {
			t.Errorf("after SetPassword: must change %v, hash %q; want false, y", got.MustChangePassword, got.PasswordHash)
		}
		for id, want := range map[string]bool{"kept": true, "stolen": false, "others": true} {
			if _, _, err := db.Session(ctx, id); (err == nil) != want {
				t.Errorf("session %s after SetPassword: %v; want alive = %v", id, err, want)
			}
		}
		if err := db.SetPassword(ctx, storetest.Actor, 999_999, "z", ""); portal.ErrorCode(err) != portal.ENOTFOUND {
			t.Errorf("SetPassword of no user = %v; want ENOTFOUND", err)
		}
	})
}
