package main

import (
	"cmp"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"cong/internal/auth"
	"cong/internal/config"
	"cong/internal/portal"
)

// userFlags are the flags of `cong user add`.
type userFlags struct {
	name, fullName, password string
	roles                    []portal.Role
}

func (f *userFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.name, "name", "", "cong user add: login name")
	fs.StringVar(&f.fullName, "full-name", "", "cong user add: the person's name (default: --name)")
	fs.StringVar(&f.password, "password", "", "cong user add: password (default: a one-time password, printed)")
	fs.Func("role", "cong user add: reporter, editor, approver or admin (repeat or separate with commas)", func(s string) error {
		for _, r := range strings.Split(s, ",") {
			role := portal.Role(strings.TrimSpace(r))
			if !role.Valid() {
				return fmt.Errorf("unknown role %q (want reporter, editor, approver or admin)", r)
			}
			f.roles = append(f.roles, role)
		}
		return nil
	})
}

// runUser runs `cong user add`: it creates a member of staff, the first
// admin included, and prints a one-time password when none was given.
func runUser(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] != "add" {
		return errors.New(`usage: cong user add --name NAME --role ROLE [--password PASSWORD]`)
	}
	var f userFlags
	cfg, err := config.Parse("cong user add", args[1:], getenv, stderr, f.register)
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("settings: %w", err)
	}
	if f.name == "" || len(f.roles) == 0 {
		return errors.New("cong user add needs --name and at least one --role")
	}
	password, generated := f.password, f.password == ""
	if generated {
		password = auth.NewPassword()
	} else if err := auth.CheckNewPassword(password, f.name, f.fullName); err != nil {
		return fmt.Errorf("--password: %s", portal.ErrorMessage(err))
	}
	db, err := openDB(ctx, cfg)
	if err != nil {
		return err
	}
	defer db.Close()
	hash, err := auth.NewHasher(1).Hash(ctx, password)
	if err != nil {
		return err
	}
	u := &portal.User{Username: f.name, Name: cmp.Or(f.fullName, f.name), PasswordHash: hash, Roles: f.roles,
		MustChangePassword: generated}
	if err := db.CreateUser(ctx, portal.System("cong user add"), u); err != nil {
		return fmt.Errorf("add user %s: %s", f.name, portal.ErrorMessage(err))
	}
	fmt.Fprintf(stdout, "added user %s (%s)\n", u.Username, strings.Join(roleNames(u.Roles), ", "))
	if generated {
		fmt.Fprintf(stdout, "one-time password: %s (it opens only the password change, at the first login)\n", password)
	}
	return nil
}

func roleNames(roles []portal.Role) []string {
	out := make([]string, len(roles))
	for i, r := range roles {
		out[i] = string(r)
	}
	return out
}
