package nukeviet_test

import (
	"strings"
	"testing"

	"cong/internal/importer/nukeviet"
	"cong/internal/importer/nukeviet/nvtest"
)

func TestParseURL(t *testing.T) {
	for _, c := range []struct{ url, addr, user, pass, db, err string }{
		{url: "mysql://nv:s%40cret@db.local/nukeviet", addr: "db.local:3306", user: "nv", pass: "s@cret", db: "nukeviet"},
		{url: "mysql://root@127.0.0.1:3307/site_4?tls=skip-verify", addr: "127.0.0.1:3307", user: "root", db: "site_4"},
		{url: "mysql://nv:pw@db.local/", err: "name the database"},
		{url: "postgres://nv:pw@db.local/x", err: "want mysql://"},
		{url: "mysql://nv:pw@db.local/x?debug=1", err: `unknown parameter "debug"`},
		{url: "mysql://db.local/x", err: "no user"},
	} {
		cfg, err := nukeviet.ParseURL(c.url)
		if c.err != "" {
			if err == nil || !strings.Contains(err.Error(), c.err) || strings.Contains(err.Error(), "pw@") {
				t.Errorf("ParseURL(%q) = %v; want an error saying %q, password hidden", c.url, err, c.err)
			}
			continue
		}
		if err != nil || cfg.Addr != c.addr || cfg.User != c.user || cfg.Passwd != c.pass || cfg.DBName != c.db || !cfg.ParseTime {
			t.Errorf("ParseURL(%q) = %+v, %v", c.url, cfg, err)
		}
		if dsn := cfg.FormatDSN(); !strings.Contains(dsn, "charset=utf8mb4") || !strings.Contains(dsn, "loc=UTC") && !strings.Contains(dsn, "parseTime=true") {
			t.Errorf("DSN %q lacks utf8mb4 or parseTime", dsn)
		}
	}
	if got := nukeviet.Redact("mysql://nv:s3cret@db.local:3306/nukeviet"); got != "mysql://nv:***@db.local:3306/nukeviet" {
		t.Errorf("Redact = %q", got)
	}
}

// TestRefused: what is not a NukeViet database, or not at the prefix and
// language given, is refused with a message saying what is there.
func TestRefused(t *testing.T) {
	other := nvtest.Empty(t)
	other.Exec("CREATE TABLE wp_posts (ID bigint PRIMARY KEY)")
	moved := nvtest.New(t, "nv45", "vi")
	english := nvtest.New(t, "nv4", "en")
	for _, c := range []struct {
		name, url, prefix, lang string
		want                    []string
	}{
		{"not NukeViet", other.URL, "nv4", "vi", []string{"has no table nv4_vi_news_cat", "not a NukeViet 4 database", "wp_posts"}},
		{"wrong prefix", moved.URL, "nv4", "vi", []string{"nv4_vi_news_rows", "wrong prefix or language", "--prefix nv45 --lang vi"}},
		{"wrong language", english.URL, "nv4", "vi", []string{"--prefix nv4 --lang en"}},
		{"no database", strings.TrimSuffix(other.URL, other.Name) + "khong_co_csdl", "nv4", "vi", []string{`database "khong_co_csdl"`}},
		{"bad prefix", moved.URL, "nv4; DROP", "vi", []string{"--prefix"}},
	} {
		src, err := nukeviet.Open(ctx, c.url, c.prefix, c.lang)
		if err == nil {
			src.Close()
			t.Errorf("%s: opened", c.name)
			continue
		}
		for _, w := range c.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: %v\nwant it to say %q", c.name, err, w)
			}
		}
	}
	if src, err := nukeviet.Open(ctx, moved.URL, "nv45", "vi"); err != nil {
		t.Errorf("the right prefix: %v", err)
	} else {
		src.Close()
	}
	if _, err := nukeviet.CheckUploads(t.TempDir() + "/khong-co"); err == nil || !strings.Contains(err.Error(), "no such folder") {
		t.Errorf("CheckUploads of a missing folder = %v", err)
	}
}
