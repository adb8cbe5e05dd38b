package store_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"cong/internal/portal"
	"cong/internal/store"
	"cong/internal/storetest"
)

// auditCount counts the audit log's entries.
func auditCount(t *testing.T, db *store.DB) int {
	t.Helper()
	var n int
	if err := store.Raw(db).QueryRowContext(ctx, "SELECT COUNT(*) FROM audit_log").Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestWriteRecordsChange(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		var told int
		var objects [][]string
		db.OnChange(func() { told++ })
		db.OnChangeObjects(func(site int64, o []string) {
			if site != 0 {
				t.Errorf("the store as a whole told of a change on site %d; want 0", site)
			}
			objects = append(objects, o)
		})
		cat := newCategory(t, db, "Chính trị", "chinh-tri", 0)
		v0, _ := db.ContentVersion(ctx)
		ed := newUser(t, db, "bientap", []portal.Role{portal.RoleEditor}, cat.ID)
		who := ed.Actor("10.0.0.7")
		a := &portal.Article{CategoryID: cat.ID, Title: "Bản nháp", Status: portal.StatusDraft, OwnerID: ed.ID}
		if err := db.CreateArticle(ctx, who, a); err != nil {
			t.Fatal(err)
		}
		// A draft is not for readers: no new version, the caches not told.
		if v, _ := db.ContentVersion(ctx); v != v0 || told != 1 {
			t.Errorf("after a draft: version %d (was %d), caches told %d times; want unchanged, 1 (the category)", v, v0, told)
		}
		got, err := db.AuditLog(ctx, portal.AuditFilter{Object: "article:" + itoa64(a.ID)})
		if err != nil || len(got) != 1 {
			t.Fatalf("AuditLog(article) = %+v, %v; want one entry", got, err)
		}
		e := got[0]
		if e.Action != "article.create" || e.ActorID != ed.ID || e.Actor != "bientap" || e.IP != "10.0.0.7" ||
			e.Detail != "Bản nháp" || e.Result != "ok" || e.ActionName() != "Tạo bài viết" {
			t.Errorf("entry = %+v (%s)", e, e.ActionName())
		}
		pub := &portal.Article{CategoryID: cat.ID, Title: "Tin đã đăng", Status: portal.StatusPublished,
			PublishedAt: time.Now().Add(-time.Minute)}
		if err := db.CreateArticle(ctx, who, pub); err != nil {
			t.Fatal(err)
		}
		if v, _ := db.ContentVersion(ctx); v != v0+1 || told != 2 {
			t.Errorf("after a published article: version %d, told %d; want %d, 2", v, told, v0+1)
		}
		if want := "article:" + itoa64(pub.ID); len(objects) != 2 || len(objects[1]) != 1 || objects[1][0] != want {
			t.Errorf("objects told = %q; want the category's, then [%s]", objects, want)
		}
		// A listener removed (a site's handler built again) is told no more.
		var removed int
		remove := db.OnChange(func() { removed++ })
		remove()
		if err := db.UpdateArticle(ctx, who, pub); err != nil {
			t.Fatal(err)
		}
		if told != 3 || removed != 0 {
			t.Errorf("after an edit: told %d, the removed listener %d; want 3, 0", told, removed)
		}
		// A correction keeps both texts in its entry; an edit that changes
		// nothing records nothing.
		c := &portal.Comment{ArticleID: pub.ID, Name: "Bạn đọc", Body: "Ý kiến có lỗi chánh tả", Approved: true}
		if err := db.CreateComment(ctx, storetest.Actor, c); err != nil {
			t.Fatal(err)
		}
		before := auditCount(t, db)
		if _, _, err := db.EditComment(ctx, who, c.ID, c.Body, time.Now()); err != nil {
			t.Fatal(err)
		}
		if n := auditCount(t, db); n != before {
			t.Errorf("an edit that changed nothing wrote %d audit entries", n-before)
		}
		if _, _, err := db.EditComment(ctx, who, c.ID, "Ý kiến có lỗi chính tả", time.Now()); err != nil {
			t.Fatal(err)
		}
		got, _ = db.AuditLog(ctx, portal.AuditFilter{Action: "comment.edit"})
		if len(got) != 1 || !strings.Contains(got[0].Detail, "chánh tả") || !strings.Contains(got[0].Detail, "chính tả") {
			t.Errorf("comment.edit entries = %+v; want one with both texts", got)
		}
		check, err := db.VerifyAudit(ctx)
		if err != nil || check.Broken != nil || check.Entries != int64(auditCount(t, db)) {
			t.Errorf("VerifyAudit = %+v, %v; want intact", check, err)
		}
	})
}

// TestWriteAtomic makes the audit insert fail and checks that the change
// it would have recorded did not happen either.
func TestWriteAtomic(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		cat := newCategory(t, db, "Chính trị", "chinh-tri", 0)
		a := newArticle(t, db, cat.ID, "Tin đã đăng", portal.StatusPublished, time.Now().Add(-time.Hour))
		c := &portal.Comment{ArticleID: a.ID, Name: "Bạn đọc", Body: "Chờ duyệt", IP: "10.0.0.1"}
		if err := db.CreateComment(ctx, storetest.Actor, c); err != nil {
			t.Fatal(err)
		}
		breakAudit(t, db)
		v0, _ := db.ContentVersion(ctx)
		writes := []struct {
			name  string
			write func() error
			table string // whose row count must not move
		}{
			{"CreateArticle", func() error {
				return db.CreateArticle(ctx, storetest.Actor, &portal.Article{CategoryID: cat.ID, Title: "Không được lưu",
					Status: portal.StatusPublished, PublishedAt: time.Now()})
			}, "articles"},
			{"CreateCategory", func() error {
				return db.CreateCategory(ctx, storetest.Actor, &portal.Category{Name: "Kinh tế", Slug: "kinh-te", Visible: true})
			}, "categories"},
			{"SubmitComment", func() error {
				return db.SubmitComment(ctx, portal.Reader("10.9.9.9"), &portal.Comment{ArticleID: a.ID, Name: "Khách",
					Email: "k@example.vn", Body: "Một ý kiến mới"}, time.Second, 10)
			}, "comments"},
			{"CreateUser", func() error {
				return db.CreateUser(ctx, storetest.Actor, &portal.User{Username: "moi", Name: "Người mới",
					PasswordHash: "-", Roles: []portal.Role{portal.RoleReporter}})
			}, "users"},
		}
		for _, w := range writes {
			before := rowCount(t, db, w.table)
			if err := w.write(); err == nil {
				t.Errorf("%s succeeded while the audit log refuses entries", w.name)
			}
			if n := rowCount(t, db, w.table); n != before {
				t.Errorf("%s: %s has %d rows, had %d: the change stayed without its audit entry", w.name, w.table, n, before)
			}
		}
		if _, err := db.Moderate(ctx, storetest.Actor, c.ID, portal.CommentApproved, time.Now()); err == nil {
			t.Error("Moderate succeeded while the audit log refuses entries")
		}
		if shown, _ := db.ApprovedComments(ctx, a.ID); len(shown) != 0 {
			t.Errorf("the comment shows without its moderation being audited: %+v", shown)
		}
		if err := db.SaveSettings(ctx, storetest.Actor, map[string]string{portal.SettingSiteName: "Đổi tên"}); err == nil {
			t.Error("SaveSettings succeeded while the audit log refuses entries")
		}
		if s, _ := db.Settings(ctx); s[portal.SettingSiteName] == "Đổi tên" {
			t.Error("a setting changed without its audit entry")
		}
		if v, _ := db.ContentVersion(ctx); v != v0 {
			t.Errorf("content version moved from %d to %d with no change made", v0, v)
		}
	})
}

// breakAudit makes the database refuse every new audit entry.
func breakAudit(t *testing.T, db *store.DB) {
	t.Helper()
	stmts := []string{`CREATE TRIGGER audit_log_broken BEFORE INSERT ON audit_log
		BEGIN SELECT RAISE(ABORT, 'audit log broken by the test'); END`}
	if db.Engine() == "postgres" {
		stmts = []string{`CREATE FUNCTION audit_log_broken() RETURNS trigger LANGUAGE plpgsql AS $$
			BEGIN RAISE EXCEPTION 'audit log broken by the test'; END $$`,
			`CREATE TRIGGER audit_log_broken BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_broken()`}
	}
	for _, q := range stmts {
		if err := store.Exec(ctx, db, q); err != nil {
			t.Fatal(err)
		}
	}
}

func rowCount(t *testing.T, db *store.DB, table string) int {
	t.Helper()
	var n int
	if err := store.Raw(db).QueryRowContext(ctx, "SELECT COUNT(*) FROM "+table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestAuditChainKeyed plays someone who holds the database but not the key.
func TestAuditChainKeyed(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		cat := newCategory(t, db, "Chính trị", "chinh-tri", 0)
		newArticle(t, db, cat.ID, "Tin một", portal.StatusDraft, time.Time{})
		newArticle(t, db, cat.ID, "Tin hai", portal.StatusDraft, time.Time{})
		if check, err := db.VerifyAudit(ctx); err != nil || check.Broken != nil || check.Entries != 3 {
			t.Fatalf("VerifyAudit = %+v, %v; want 3 intact entries", check, err)
		}
		list, _ := db.AuditLog(ctx, portal.AuditFilter{Action: "article.create"})
		if err := store.Exec(ctx, db, "UPDATE audit_log SET actor = 'ke-gian' WHERE id = 2"); err == nil {
			t.Error("an audit entry could be changed")
		}
		if err := store.Exec(ctx, db, "DELETE FROM audit_log WHERE id = 2"); err == nil {
			t.Error("an audit entry could be deleted")
		}

		// With the key elsewhere, the same store opened with another key
		// sees no valid chain.
		other, err := store.Open(ctx, db.DSN())
		if err != nil {
			t.Fatal(err)
		}
		defer other.Close()
		other.SetAuditKey([]byte("a-key-that-is-not-the-servers-key"))
		if check, err := other.VerifyAudit(ctx); err != nil || check.Broken == nil || check.Broken.ID != 1 {
			t.Errorf("VerifyAudit with another key = %+v, %v; want broken at the first entry", check, err)
		}

		// Someone with the database drops the guard, edits an entry and
		// re-chains everything after it with the hash they can compute.
		dropGuard(t, db)
		entries := allEntries(t, db)
		entries[1].Detail = "Tin đã bị sửa"
		for i := 1; i < len(entries); i++ {
			entries[i].PrevHash = entries[i-1].Hash
			entries[i].Hash = entries[i].LegacyHash()
			_, err := store.Raw(db).ExecContext(ctx, "UPDATE audit_log SET detail = $1, prev_hash = $2, hash = $3 WHERE id = $4",
				entries[i].Detail, entries[i].PrevHash, entries[i].Hash, entries[i].ID)
			if err != nil {
				t.Fatal(err)
			}
		}
		check, err := db.VerifyAudit(ctx)
		if err != nil || check.Broken == nil || check.Broken.ID != list[1].ID {
			t.Errorf("VerifyAudit after a re-chain without the key = %+v, %v; want broken at entry %d", check, err, list[1].ID)
		}
	})
}

// TestAuditSealsLegacyChain starts from entries made before the chain was
// keyed: sealing keeps them, and editing one afterwards still shows.
func TestAuditSealsLegacyChain(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		prev := ""
		for i, action := range []string{"login", "article.create", "article.publish"} {
			e := portal.AuditEntry{At: time.Date(2025, 1, 1, 8, i, 0, 0, time.UTC), Actor: "duyet", IP: "127.0.0.1",
				Action: action, Object: "article:1", Result: "ok", PrevHash: prev}
			e.Hash = e.LegacyHash()
			_, err := store.Raw(db).ExecContext(ctx, `INSERT INTO audit_log (at, actor_id, actor, ip, action, object,
				result, detail, prev_hash, hash) VALUES ($1, 0, $2, $3, $4, $5, $6, '', $7, $8)`,
				e.At, e.Actor, e.IP, e.Action, e.Object, e.Result, e.PrevHash, e.Hash)
			if err != nil {
				t.Fatal(err)
			}
			prev = e.Hash
		}
		if check, _ := db.VerifyAudit(ctx); check.Broken == nil {
			t.Error("an unkeyed chain verifies as keyed")
		}
		for range 2 { // sealing twice adds one entry
			if err := db.SealAudit(ctx); err != nil {
				t.Fatal(err)
			}
		}
		check, err := db.VerifyAudit(ctx)
		if err != nil || check.Broken != nil || check.Entries != 4 {
			t.Fatalf("VerifyAudit after the seal = %+v, %v; want 4 intact entries", check, err)
		}
		dropGuard(t, db)
		if err := store.Exec(ctx, db, "UPDATE audit_log SET actor = 'ke-gian' WHERE id = 2"); err != nil {
			t.Fatal(err)
		}
		if check, _ := db.VerifyAudit(ctx); check.Broken == nil || check.Broken.ID != 2 {
			t.Errorf("VerifyAudit after editing a sealed entry = %+v; want broken at 2", check)
		}
	})
}

// dropGuard removes the append-only triggers, as someone holding the
// database could.
func dropGuard(t *testing.T, db *store.DB) {
	t.Helper()
	stmts := []string{"DROP TRIGGER audit_log_no_update", "DROP TRIGGER audit_log_no_delete"}
	if db.Engine() == "postgres" {
		stmts = []string{"DROP TRIGGER audit_log_no_change ON audit_log"}
	}
	for _, q := range stmts {
		if err := store.Exec(ctx, db, q); err != nil {
			t.Fatal(err)
		}
	}
}

func allEntries(t *testing.T, db *store.DB) []portal.AuditEntry {
	t.Helper()
	list, err := db.AuditLog(ctx, portal.AuditFilter{Limit: 500})
	if err != nil {
		t.Fatal(err)
	}
	slices.Reverse(list)
	for i := range list {
		list[i].At = list[i].At.UTC()
	}
	return list
}

// TestOneWritePath reads the store's own source: a transaction is opened
// only by the write path (and by what is not a change of content: the
// migrations and the counters' flushes), and no exported method writes
// through the pool directly.
func TestOneWritePath(t *testing.T) {
	allowedTx := map[string]bool{"write": true, "migrate": true, "apply": true, "AddViews": true, "AddAdStats": true,
		"AddStats": true, "ShareOnline": true, "Exclusive": true}
	allowedExec := map[string]bool{"AddVisits": true, "TouchSession": true, "DeleteSession": true, "UseTOTPStep": true,
		"UseRecoveryCode": true, "writeOnline": true, "Exclusive": true,
		"MailSent": true, "MailFailed": true, // the mail queue's bookkeeping; the mail was queued through the write path
		"ClaimAudio": true, "AudioFailed": true, // the audio jobs' bookkeeping; the audio made goes through the write path
		"copySQLite": true} // VACUUM INTO writes a copy, not the database
	files, _ := filepath.Glob("*.go")
	fset := token.NewFileSet()
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(fset, f, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range file.Decls {
			fn, ok := d.(*ast.FuncDecl)
			if !ok || fn.Body == nil {
				continue
			}
			ast.Inspect(fn.Body, func(n ast.Node) bool {
				call, ok := n.(*ast.CallExpr)
				if !ok {
					return true
				}
				sel, ok := call.Fun.(*ast.SelectorExpr)
				if !ok {
					return true
				}
				recv := exprString(sel.X)
				switch {
				case recv == "s" && sel.Sel.Name == "inTx" && !allowedTx[fn.Name.Name]:
					t.Errorf("%s: %s opens a transaction outside the write path", fset.Position(call.Pos()), fn.Name.Name)
				case recv == "s.db" && sel.Sel.Name == "ExecContext" && !allowedExec[fn.Name.Name]:
					t.Errorf("%s: %s writes outside the write path", fset.Position(call.Pos()), fn.Name.Name)
				}
				return true
			})
		}
	}
}

func exprString(e ast.Expr) string {
	switch x := e.(type) {
	case *ast.Ident:
		return x.Name
	case *ast.SelectorExpr:
		return exprString(x.X) + "." + x.Sel.Name
	}
	return ""
}

func itoa64(n int64) string { return strconv.FormatInt(n, 10) }
