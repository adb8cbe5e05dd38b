package main

import (
	"context"
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"

	"cong/internal/auth"
	"cong/internal/config"
	"cong/internal/portal"
	"cong/internal/progress"
	"cong/internal/store"
	"cong/internal/viet"
)

// maxMemberFile bounds the CSV `cong member import` reads: a province's
// Party members, hundreds of thousands of lines, fit many times over.
const maxMemberFile = 64 << 20

// memberRow is one line of the CSV: a member and the names of its groups.
type memberRow struct {
	line     int
	username string
	name     string
	groups   []string
}

// runMember runs `cong member import FILE.csv --passwords OUT.csv`: it adds
// the members a file lists (columns ten_dang_nhap, ho_ten, nhom — groups
// separated by ";" — or username, name, groups), making the groups it names,
// and writes each new member's password to OUT.csv, made with mode 0600 and
// never over an existing file. A member already there keeps its password
// and takes the name and groups the file gives, so running it again changes
// nothing more. Every change goes through the store's one write path.
func runMember(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	const use = "usage: cong member import FILE.csv --passwords OUT.csv [--dry-run]"
	if len(args) == 0 || args[0] != "import" {
		return errors.New(use)
	}
	var file string
	if args = args[1:]; len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		file, args = args[0], args[1:]
	}
	var passwords string
	var dryRun bool
	cfg, err := config.Parse("cong member import", args, getenv, stderr, func(fs *flag.FlagSet) {
		fs.StringVar(&passwords, "passwords", "", "cong member import: the new file the new members' passwords are written to")
		fs.BoolVar(&dryRun, "dry-run", false, "cong member import: read and check the file, print what would change, write nothing")
	})
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("settings: %w", err)
	}
	if file == "" {
		return errors.New(use)
	}
	if passwords == "" && !dryRun {
		return errors.New("cong member import needs --passwords OUT.csv, the new file for the new members' passwords")
	}
	rows, problems, err := readMemberFile(file)
	if err != nil {
		return err
	}
	for _, p := range problems {
		fmt.Fprintln(stderr, p)
	}
	db, err := openDB(ctx, cfg)
	if err != nil {
		return err
	}
	defer db.Close()
	im := &memberImport{db: db, who: portal.System("cong member import"), dryRun: dryRun, out: stderr,
		hasher: auth.NewHasher(2)}
	if err := im.plan(ctx, rows); err != nil {
		return err
	}
	if len(im.fresh) > 0 && !dryRun {
		f, err := os.OpenFile(passwords, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if errors.Is(err, os.ErrExist) {
			return fmt.Errorf("%s exists (it may hold the passwords of an earlier run): name a new file", passwords)
		}
		if err != nil {
			return err
		}
		defer f.Close()
		im.passwords = csv.NewWriter(f)
		f.WriteString("\ufeff") // Excel reads the Vietnamese names as UTF-8
		im.passwords.Write([]string{"ten_dang_nhap", "ho_ten", "mat_khau"})
	}
	failed := len(problems)
	n, err := im.apply(ctx, rows)
	failed += n
	if im.passwords != nil {
		im.passwords.Flush()
		if werr := im.passwords.Error(); werr != nil && err == nil {
			err = werr
		}
	}
	verb := "added"
	if dryRun {
		verb = "would add"
	}
	fmt.Fprintf(stdout, "members: %d %s, %d updated, %d unchanged, %d failed; groups: %d %s\n",
		im.added, verb, im.updated, im.unchanged, failed, im.groupsAdded, verb)
	if im.added > 0 && !dryRun {
		fmt.Fprintf(stdout, "the new members' passwords are in %s: hand them over, then delete the file\n", passwords)
	}
	switch {
	case err != nil:
		return err
	case failed > 0:
		return fmt.Errorf("%d lines failed; fix them and run again: what came in stays", failed)
	}
	return nil
}

// readMemberFile reads the CSV, returning its rows and a problem for each
// line that cannot be a member.
func readMemberFile(name string) ([]memberRow, []string, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	r := csv.NewReader(io.LimitReader(f, maxMemberFile+1))
	r.FieldsPerRecord = -1
	header, err := r.Read()
	if err != nil {
		return nil, nil, fmt.Errorf("%s: no header line: %w", name, err)
	}
	col := map[string]int{}
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
		switch h {
		case "ten_dang_nhap", "username":
			col["username"] = i
		case "ho_ten", "name":
			col["name"] = i
		case "nhom", "groups":
			col["groups"] = i
		}
	}
	if _, ok := col["username"]; !ok {
		return nil, nil, fmt.Errorf("%s: the header names no ten_dang_nhap (username) column", name)
	}
	if _, ok := col["name"]; !ok {
		return nil, nil, fmt.Errorf("%s: the header names no ho_ten (name) column", name)
	}
	field := func(rec []string, k string) string {
		if i, ok := col[k]; ok && i < len(rec) {
			return strings.TrimSpace(viet.NFC(rec[i]))
		}
		return ""
	}
	var rows []memberRow
	var problems []string
	seen := map[string]int{}
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		line, _ := r.FieldPos(0)
		if err != nil {
			if errors.Is(err, io.ErrUnexpectedEOF) {
				return nil, nil, fmt.Errorf("%s: larger than %d MB", name, maxMemberFile>>20)
			}
			problems = append(problems, fmt.Sprintf("line %d: %v", line, err))
			continue
		}
		row := memberRow{line: line, username: strings.ToLower(field(rec, "username")), name: field(rec, "name")}
		for _, g := range strings.Split(field(rec, "groups"), ";") {
			if g = strings.Join(strings.Fields(g), " "); g != "" {
				row.groups = append(row.groups, g)
			}
		}
		m := portal.Member{Username: row.username, Name: row.name, PasswordHash: "-"}
		if err := m.Validate(); err != nil {
			problems = append(problems, fmt.Sprintf("line %d (%s): %s", line, row.username, portal.ErrorMessage(err)))
			continue
		}
		if first, ok := seen[row.username]; ok {
			problems = append(problems, fmt.Sprintf("line %d (%s): the same user name as line %d", line, row.username, first))
			continue
		}
		seen[row.username] = line
		rows = append(rows, row)
	}
	return rows, problems, nil
}

// memberImport is one run's state.
type memberImport struct {
	db        *store.DB
	who       portal.Actor
	dryRun    bool
	out       io.Writer
	hasher    *auth.Hasher
	passwords *csv.Writer

	groups   map[string]int64 // by lower-case name
	existing map[string]*portal.Member
	fresh    map[string]bool // user names to add

	added, updated, unchanged, groupsAdded int
}

// plan reads the groups and the members the file names, and makes the
// groups missing (unless a dry run).
func (im *memberImport) plan(ctx context.Context, rows []memberRow) error {
	im.groups, im.existing, im.fresh = map[string]int64{}, map[string]*portal.Member{}, map[string]bool{}
	gs, err := im.db.MemberGroups(ctx)
	if err != nil {
		return err
	}
	for _, g := range gs {
		im.groups[strings.ToLower(g.Name)] = g.ID
	}
	for _, row := range rows {
		for _, name := range row.groups {
			if _, ok := im.groups[strings.ToLower(name)]; ok {
				continue
			}
			g := portal.MemberGroup{Name: name}
			if !im.dryRun {
				if err := im.db.SaveMemberGroup(ctx, im.who, &g); err != nil {
					return fmt.Errorf("group %q (line %d): %s", name, row.line, portal.ErrorMessage(err))
				}
			}
			im.groups[strings.ToLower(name)] = g.ID
			im.groupsAdded++
		}
		m, err := im.db.MemberByUsername(ctx, row.username)
		switch {
		case portal.ErrorCode(err) == portal.ENOTFOUND:
			im.fresh[row.username] = true
		case err != nil:
			return err
		default:
			im.existing[row.username] = m
		}
	}
	return nil
}

// apply adds or updates each row's member, showing progress, and returns
// how many failed.
func (im *memberImport) apply(ctx context.Context, rows []memberRow) (int, error) {
	line := progress.NewLine(im.out, time.Now())
	failed := 0
	for i, row := range rows {
		if line.Due(time.Now(), i == len(rows)-1) {
			line.Write(fmt.Sprintf("thành viên: %d/%d", i+1, len(rows)), i == len(rows)-1)
		}
		if err := ctx.Err(); err != nil {
			return failed, err
		}
		var ids []int64
		for _, name := range row.groups {
			ids = append(ids, im.groups[strings.ToLower(name)])
		}
		slices.Sort(ids)
		ids = slices.Compact(ids)
		if old := im.existing[row.username]; old != nil {
			if old.Name == row.name && slices.Equal(old.GroupIDs, ids) {
				im.unchanged++
				continue
			}
			m := portal.Member{ID: old.ID, Username: old.Username, Name: row.name, Disabled: old.Disabled, GroupIDs: ids}
			if !im.dryRun {
				if err := im.db.UpdateMember(ctx, im.who, &m); err != nil {
					fmt.Fprintf(im.out, "line %d (%s): %s\n", row.line, row.username, portal.ErrorMessage(err))
					failed++
					continue
				}
			}
			im.updated++
			continue
		}
		if im.dryRun {
			im.added++
			continue
		}
		password := auth.NewPassword()
		hash, err := im.hasher.Hash(ctx, password)
		if err != nil {
			return failed, err
		}
		m := portal.Member{Username: row.username, Name: row.name, PasswordHash: hash, GroupIDs: ids}
		if err := im.db.CreateMember(ctx, im.who, &m); err != nil {
			fmt.Fprintf(im.out, "line %d (%s): %s\n", row.line, row.username, portal.ErrorMessage(err))
			failed++
			continue
		}
		im.passwords.Write([]string{m.Username, m.Name, password})
		im.added++
	}
	return failed, nil
}
