package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"cong/internal/auth"
	"cong/internal/storetest"
)

// `cong member import` adds members and their groups from a CSV, writes
// the new members' passwords to a new file only, names bad lines, and a
// second run changes nothing; a changed line updates its member, keeping
// its password.
func TestMemberImport(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "dang-vien.csv")
	write := func(s string) {
		t.Helper()
		if err := os.WriteFile(in, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("\ufeffho_ten,ten_dang_nhap,nhom\r\n" +
		"Nguyễn Văn An,nguyenvanan,Chi bộ Văn phòng; Ban Thường vụ\r\n" +
		"\"Trần Thị Bình\",tranthibinh,chi bộ văn phòng\r\n" +
		"Lê Văn Sai,Lê Văn Sai,\r\n" +
		"Trùng,nguyenvanan,\r\n")
	ctx := context.Background()
	var out bytes.Buffer
	cong := func(args ...string) error {
		out.Reset()
		return run(ctx, append([]string{"member", "import", in, "--data", dir}, args...), noenv, &out, &out)
	}
	if err := cong("--dry-run"); err == nil || !strings.Contains(out.String(), "2 would add") {
		t.Fatalf("dry run: %v\n%s", err, out.String())
	}
	if err := cong(); err == nil || !strings.Contains(err.Error(), "--passwords") {
		t.Errorf("without --passwords: %v; want it asked for", err)
	}
	first := filepath.Join(dir, "mat-khau.csv")
	err := cong("--passwords", first)
	if err == nil || !strings.Contains(err.Error(), "2 lines failed") {
		t.Errorf("first run: %v; want the two bad lines failed", err)
	}
	for _, want := range []string{"line 4 (lê văn sai)", "line 5 (nguyenvanan): the same user name as line 2",
		"members: 2 added, 0 updated, 0 unchanged, 2 failed; groups: 2 added"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("first run's output lacks %q:\n%s", want, out.String())
		}
	}
	st, err := os.Stat(first)
	if err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("passwords file: %v, %v; want mode 0600", st, err)
	}
	f, _ := os.Open(first)
	recs, err := csv.NewReader(f).ReadAll()
	f.Close()
	if err != nil || len(recs) != 3 || strings.TrimPrefix(recs[0][0], "\ufeff") != "ten_dang_nhap" {
		t.Fatalf("passwords file = %v, %v", recs, err)
	}
	db := storetest.Open(t, filepath.Join(dir, "cong.db"))
	an, err := db.MemberByUsername(ctx, recs[1][0])
	if err != nil {
		t.Fatal(err)
	}
	if ok, _ := auth.NewHasher(1).Verify(ctx, an.PasswordHash, recs[1][2]); !ok || an.Name != "Nguyễn Văn An" || len(an.GroupIDs) != 2 {
		t.Errorf("member %+v: password works %v; want the name and two groups", an, ok)
	}
	binh, _ := db.MemberByUsername(ctx, "tranthibinh")
	if binh == nil || len(binh.GroupIDs) != 1 || !slices.Contains(an.GroupIDs, binh.GroupIDs[0]) {
		t.Errorf("Bình's groups = %v; want the one group named in another case", binh)
	}

	// Again, the same file: nothing changes, no password file is needed.
	if err := cong("--passwords", first); err == nil || !strings.Contains(out.String(), "0 added, 0 updated, 2 unchanged") {
		t.Errorf("second run: %v\n%s", err, out.String())
	}
	// A changed name updates the member, its password kept.
	write("ten_dang_nhap,ho_ten,nhom\nnguyenvanan,Nguyễn Văn Ân,Ban Thường vụ\nmoi.mot,Người Mới,\n")
	if err := cong("--passwords", first); err == nil || !strings.Contains(err.Error(), "exists") {
		t.Errorf("a new member with an existing passwords file: %v; want it refused", err)
	}
	if again, _ := db.Member(ctx, an.ID); again.Name != "Nguyễn Văn An" {
		t.Errorf("a refused run changed %q", again.Name)
	}
	if err := cong("--passwords", filepath.Join(dir, "mat-khau-2.csv")); err != nil || !strings.Contains(out.String(), "1 added, 1 updated") {
		t.Fatalf("third run: %v\n%s", err, out.String())
	}
	again, _ := db.Member(ctx, an.ID)
	if again.Name != "Nguyễn Văn Ân" || again.PasswordHash != an.PasswordHash || len(again.GroupIDs) != 1 {
		t.Errorf("after the update: %+v; want the new name and group, the password kept", again)
	}
}
