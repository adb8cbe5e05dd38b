package pages

import (
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestAddressOf: the old address of each name wget gives a saved file.
func TestAddressOf(t *testing.T) {
	for _, c := range []struct{ file, path, query string }{
		{"Default.aspx?tabid=57&ItemID=123", "/Default.aspx", "tabid=57&ItemID=123"},
		{"Default.aspx?tabid=57&ItemID=123.html", "/Default.aspx", "tabid=57&ItemID=123"},   // --adjust-extension
		{"Default.aspx%3Ftabid=57&ItemID=123.html", "/Default.aspx", "tabid=57&ItemID=123"}, // ? escaped
		{"Default.aspx%3ftabid=57&ItemID=123", "/Default.aspx", "tabid=57&ItemID=123"},      // in lower case
		{"Default.aspx@tabid=57&ItemID=123.html", "/Default.aspx", "tabid=57&ItemID=123"},   // --restrict-file-names=windows
		{"Pages/tin-tuc.aspx?ItemID=9", "/Pages/tin-tuc.aspx", "ItemID=9"},                  // a page in a folder
		{"Pages/tin-tuc.aspx.html", "/Pages/tin-tuc.aspx", ""},                              // --adjust-extension, no query
		{"tin-tuc/hoi-nghi.html", "/tin-tuc/hoi-nghi.html", ""},                             // a static page keeps .html
		{"index.html", "/", ""},                                              // the home page
		{"tin-tuc/index.html", "/tin-tuc/", ""},                              // a folder's page
		{"index.html?p=12", "/", "p=12"},                                     // the home page with a query
		{"news/l%E1%BB%85-h%E1%BB%99i.html", "/news/lễ-hội.html", ""},        // escapes in the path
		{"news/lễ hội.html", "/news/lễ hội.html", ""},                        // raw UTF-8 and a space
		{"user@example/trang.html", "/user@example/trang.html", ""},          // @ in a folder is no query
		{"thu@muc.html", "/thu@muc.html", ""},                                // nor @ without a script before it
		{"Portals/0/Images/lua.jpg?v=2", "/Portals/0/Images/lua.jpg", "v=2"}, // a picture's query
	} {
		p, q := addressOf(c.file)
		if p != c.path || q != c.query {
			t.Errorf("addressOf(%q) = %q, %q; want %q, %q", c.file, p, q, c.path, c.query)
		}
	}
}

// TestFind: a picture's address leads to its saved file, whatever form of
// its query wget wrote, on the portal's host or another one saved beside
// it, and never outside the folder.
func TestFind(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"haugiang.gov.vn/Portals/0/a.jpg", "haugiang.gov.vn/Portals/0/b.jpg?v=2",
		"haugiang.gov.vn/Portals/0/c.jpg%3Fv=3", "haugiang.gov.vn/Portals/0/lễ hội.jpg", "cdn.haugiang.gov.vn/d.jpg",
		"secret.txt"} {
		path := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(path), 0o755)
		os.WriteFile(path, []byte("x"), 0o644)
	}
	s, err := openSite(dir, "haugiang.gov.vn")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	base, _ := url.Parse("http://haugiang.gov.vn/Default.aspx?tabid=57&ItemID=1")
	for src, want := range map[string]string{
		"/Portals/0/a.jpg": "haugiang.gov.vn/Portals/0/a.jpg",
		"Portals/0/a.jpg":  "haugiang.gov.vn/Portals/0/a.jpg",
		"http://www.haugiang.gov.vn/Portals/0/a.jpg": "haugiang.gov.vn/Portals/0/a.jpg",
		"/Portals/0/b.jpg?v=2":                       "haugiang.gov.vn/Portals/0/b.jpg?v=2",
		"/Portals/0/c.jpg?v=3":                       "haugiang.gov.vn/Portals/0/c.jpg%3Fv=3",
		"/Portals/0/l%E1%BB%85%20h%E1%BB%99i.jpg":    "haugiang.gov.vn/Portals/0/lễ hội.jpg",
		"http://cdn.haugiang.gov.vn/d.jpg":           "cdn.haugiang.gov.vn/d.jpg",
		"/../secret.txt":                             "",
		"/Portals/0/../../../secret.txt":             "",
		"http://other.vn/../secret.txt":              "",
		"data:image/png;base64,AAAA":                 "",
		"/Portals/0/khong-co.jpg":                    "",
	} {
		u, err := base.Parse(src)
		if err != nil {
			t.Fatal(err)
		}
		got, _ := s.find(u)
		if got != want {
			t.Errorf("find(%q) = %q; want %q", src, got, want)
		}
	}
}

// TestParseCharset: a page in UTF-8 is read as UTF-8 whatever it declares
// (servers often declared Latin-1); one in another encoding by what it
// declares.
func TestParseCharset(t *testing.T) {
	dir := t.TempDir()
	host := filepath.Join(dir, "haugiang.gov.vn")
	os.MkdirAll(host, 0o755)
	os.WriteFile(filepath.Join(host, "utf8.html"), []byte(`<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"></head><body><h1>Hội nghị</h1></body></html>`), 0o644)
	os.WriteFile(filepath.Join(host, "bom.html"), []byte("\xEF\xBB\xBF<h1>Hội nghị</h1>"), 0o644)
	os.WriteFile(filepath.Join(host, "latin1.html"), []byte("<html><head><meta charset=\"windows-1252\"></head><body><h1>Caf\xe9</h1></body></html>"), 0o644)
	s, err := openSite(dir, "")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for file, want := range map[string]string{"utf8.html": "Hội nghị", "bom.html": "Hội nghị", "latin1.html": "Café"} {
		doc, err := s.parse("haugiang.gov.vn/" + file)
		if err != nil {
			t.Fatal(err)
		}
		if got := doc.Find("h1").Text(); got != want {
			t.Errorf("%s: h1 = %q; want %q", file, got, want)
		}
		if body := doc.Find("body").Text(); strings.ContainsRune(body, '\uFEFF') {
			t.Errorf("%s: the byte order mark stayed in the text", file)
		}
	}
}

// TestOpenSite: the host's folder is found by the rules' host (with or
// without www.) or as the only one; pages saved without host folders need
// the host named; a wrong host is refused.
func TestOpenSite(t *testing.T) {
	mk := func(names ...string) string {
		dir := t.TempDir()
		for _, n := range names {
			path := filepath.Join(dir, filepath.FromSlash(n))
			os.MkdirAll(filepath.Dir(path), 0o755)
			os.WriteFile(path, []byte("<p>x</p>"), 0o644)
		}
		return dir
	}
	two := mk("www.haugiang.gov.vn/index.html", "cdn.haugiang.gov.vn/a.jpg")
	flat := mk("index.html", "Default.aspx?tabid=1.html", "jquery.ui/x.js")
	for _, c := range []struct{ name, dir, host, wantDir, wantHost, wantErr string }{
		{"the only host", mk("haugiang.gov.vn/index.html"), "", "haugiang.gov.vn", "haugiang.gov.vn", ""},
		{"named, with www.", two, "haugiang.gov.vn", "www.haugiang.gov.vn", "haugiang.gov.vn", ""},
		{"several, none named", two, "", "", "", "several hosts' folders"},
		{"a wrong host", two, "hau-giang.gov.vn", "", "", "no folder of hau-giang.gov.vn"},
		{"wget -nH, host named", flat, "haugiang.gov.vn", ".", "haugiang.gov.vn", ""},
		{"wget -nH, no host", mk("index.html"), "", "", "", "give the old portal's host"},
	} {
		s, err := openSite(c.dir, c.host)
		switch {
		case c.wantErr != "" && (err == nil || !strings.Contains(err.Error(), c.wantErr)):
			t.Errorf("%s: openSite = %v; want an error holding %q", c.name, err, c.wantErr)
		case c.wantErr == "" && err != nil:
			t.Errorf("%s: openSite: %v", c.name, err)
		case c.wantErr == "" && (s.hostDir != c.wantDir || s.host != c.wantHost):
			t.Errorf("%s: folder %q, host %q; want %q, %q", c.name, s.hostDir, s.host, c.wantDir, c.wantHost)
		}
		if s != nil {
			s.Close()
		}
	}
}
