package main

import (
	"bytes"
	"context"
	"path/filepath"
	"regexp"
	"testing"

	"cong/internal/storetest"
)

// TestUserAddOneTimePassword: a printed password must be changed at the
// first login; a password the operator chose need not.
func TestUserAddOneTimePassword(t *testing.T) {
	dir := t.TempDir()
	var out bytes.Buffer
	err := run(context.Background(), []string{"user", "add", "--name", "quan-tri", "--role", "admin", "--data", dir}, noenv, &out, &out)
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`one-time password: \S{12,} \(it opens only the password change`).MatchString(out.String()) {
		t.Errorf("cong user add printed %q; want the one-time password and what it opens", out.String())
	}
	err = run(context.Background(), []string{"user", "add", "--name", "bien-tap", "--role", "editor", "--data", dir,
		"--password", "nắng vàng trên sông Hậu"}, noenv, &out, &out)
	if err != nil {
		t.Fatal(err)
	}
	db := storetest.Open(t, filepath.Join(dir, "cong.db"))
	for name, want := range map[string]bool{"quan-tri": true, "bien-tap": false} {
		u, err := db.UserByUsername(context.Background(), name)
		if err != nil || u.MustChangePassword != want {
			t.Errorf("%s: must change its password = %v, %v; want %v", name, u != nil && u.MustChangePassword, err, want)
		}
	}
}
