package admin_test

import (
	"strings"
	"testing"
	"time"

	"cong/internal/admin"
	"cong/internal/portal"
	"cong/internal/storetest"
)

// TestSettingsShowLastBackup shows administrators when the last backup was
// taken, in Vietnam's time, or that none was.
func TestSettingsShowLastBackup(t *testing.T) {
	n := newNewsroom(t, storetest.Open(t, storetest.SQLiteDSN(t)))
	line := func() string {
		w := n.do(t, "admin", "GET", admin.Prefix+"/cai-dat", nil)
		return strings.TrimSpace(parseDoc(t, w).Find("#backup-last").Text())
	}
	if got := line(); !strings.HasPrefix(got, "Chưa có bản sao lưu") {
		t.Errorf("with no backup: %q; want it to say there is none", got)
	}
	b := portal.Backup{At: time.Date(2026, 12, 6, 1, 5, 0, 0, time.UTC), Size: 5 << 20, File: "/srv/sao-luu/cong-20261206-010500.zip"}
	if err := n.db.RecordBackup(ctx, storetest.Actor, b); err != nil {
		t.Fatal(err)
	}
	want := "Bản sao lưu gần nhất: 06/12/2026 08:05, 5.120 KB, tệp /srv/sao-luu/cong-20261206-010500.zip."
	if got := line(); got != want {
		t.Errorf("after a backup: %q; want %q", got, want)
	}
	at, size, err := n.db.LastBackup(ctx)
	if err != nil || !at.Equal(b.At) || size != b.Size {
		t.Errorf("LastBackup = %s, %d, %v; want %s, %d", at, size, err, b.At, b.Size)
	}
}
