package pages

import (
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path"
	"slices"
	"strings"

	"cong/internal/portal"
)

// site is a folder of saved pages as `wget -m` writes them: DIR/HOST/PATH,
// with the query kept in the file name (Default.aspx?tabid=57&ItemID=123,
// or with --adjust-extension Default.aspx?tabid=57&ItemID=123.html), a
// folder's page as its index.html, and pictures beside the pages.
type site struct {
	root    *os.Root // DIR; nothing is read outside it
	hostDir string   // the host's folder in DIR, or "." when the pages lie in DIR itself (wget -nH)
	host    string   // the old portal's host, as its addresses name it
	hosts   bool     // DIR holds a folder per host: pictures of other hosts (wget -H) may be there
}

// openSite opens DIR. host, from the rules, names the old portal's folder;
// without it DIR must hold exactly one host's folder.
func openSite(dir, host string) (*site, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	s, err := findHost(root, dir, host)
	if err != nil {
		root.Close()
		return nil, err
	}
	return s, nil
}

// findHost finds the old portal's folder in DIR: the one named host, or
// the only host's folder there; DIR itself when the pages lie in it (wget
// -nH, which leaves files at the top where wget -m leaves only folders).
func findHost(root *os.Root, dir, host string) (*site, error) {
	entries, err := fs.ReadDir(root.FS(), ".")
	if err != nil {
		return nil, err
	}
	var hosts []string
	files := false
	for _, e := range entries {
		switch {
		case !e.IsDir():
			files = true
		case strings.Contains(e.Name(), ".") && !strings.HasPrefix(e.Name(), "."):
			hosts = append(hosts, e.Name())
		}
	}
	switch {
	case host != "":
		for _, name := range []string{host, "www." + host, strings.TrimPrefix(host, "www.")} {
			if slices.Contains(hosts, name) {
				return &site{root: root, hostDir: name, host: host, hosts: true}, nil
			}
		}
		if !files {
			return nil, fmt.Errorf("%s holds no folder of %s, the rules' host (it holds %s)", dir, host, strings.Join(hosts, ", "))
		}
		return &site{root: root, hostDir: ".", host: host}, nil
	case len(hosts) == 1:
		return &site{root: root, hostDir: hosts[0], host: strings.ToLower(hosts[0]), hosts: true}, nil
	case len(hosts) == 0:
		return nil, fmt.Errorf("%s holds no host's folder (wget -m makes one, such as haugiang.gov.vn/): "+
			"when the pages lie in it directly (wget -nH), give the old portal's host in the rules (\"host\")", dir)
	}
	return nil, fmt.Errorf("%s holds several hosts' folders (%s): name the old portal's in the rules (\"host\")",
		dir, strings.Join(hosts, ", "))
}

func (s *site) Close() error { return s.root.Close() }

// savedPage is a file of the site and the old address it was saved from.
type savedPage struct {
	File  string // in DIR, slash-separated, for messages
	Path  string // unescaped: "/Default.aspx", "/tin-tuc/"
	Query string // raw: "tabid=57&ItemID=123"
	Key   string // portal.LegacyKey of the address
}

// address is the page's old address as the portal wrote it, which the
// rules' "articles" matches.
func (p savedPage) address() string {
	if p.Query == "" {
		return p.Path
	}
	return p.Path + "?" + p.Query
}

// uri is the old address, escaped, as a reader's browser asks for it.
func (p savedPage) uri() string {
	u := url.URL{Path: p.Path, RawQuery: p.Query}
	return u.RequestURI()
}

// id names the page in the import's records and report: its old address's
// key, or for the home page its file.
func (p savedPage) id() string {
	if p.Key != "" {
		return p.Key
	}
	return p.File
}

// url is the page's old address in full, against which the addresses it
// holds resolve.
func (s *site) url(p savedPage) *url.URL {
	return &url.URL{Scheme: "http", Host: s.host, Path: p.Path, RawQuery: p.Query}
}

// pageExts are the extensions of addresses that may be pages; other files
// (pictures, styles, scripts, documents) are not read as pages.
var pageExts = []string{"", ".html", ".htm", ".shtml", ".aspx", ".asp", ".php", ".jsp", ".do", ".cfm"}

// scriptExts are the server scripts whose query names the page (see
// portal.LegacyKey).
var scriptExts = []string{".aspx", ".ashx", ".asp", ".php", ".jsp", ".do"}

func hasExt(name string, exts []string) bool {
	return slices.Contains(exts, strings.ToLower(path.Ext(name)))
}

// pages returns the site's files that may be pages, in the order of their
// file names.
func (s *site) pages() ([]savedPage, error) {
	var out []savedPage
	err := fs.WalkDir(s.root.FS(), s.hostDir, func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.Type().IsRegular() {
			return nil
		}
		rel := strings.TrimPrefix(name, s.hostDir+"/")
		if s.hostDir == "." {
			rel = name
		}
		p, q := addressOf(rel)
		if !strings.HasSuffix(p, "/") && !hasExt(p, pageExts) {
			return nil
		}
		out = append(out, savedPage{File: name, Path: p, Query: q, Key: portal.LegacyKey((&url.URL{Path: p}).EscapedPath(), q)})
		return nil
	})
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%s: no such folder", s.hostDir)
	}
	return out, err
}

// addressOf is the old address of the file saved at name, relative to the
// host's folder: its unescaped path and its raw query. wget keeps the query
// after "?" (or "%3F"; "@" with --restrict-file-names=windows), may add
// ".html" after it or after a script's name (--adjust-extension), and saves
// a folder's page as index.html.
//
// A page whose own query ends in ".html" loses that ending: wget's files do
// not say whether it added it.
func addressOf(name string) (p, q string) {
	dir, base := path.Split(name)
	switch i, j := strings.IndexByte(base, '?'), strings.Index(strings.ToUpper(base), "%3F"); {
	case i >= 0:
		base, q = base[:i], base[i+1:]
	case j >= 0:
		base, q = base[:j], base[j+3:]
	default:
		if k := strings.IndexByte(base, '@'); k > 0 && strings.Contains(base[k+1:], "=") &&
			(hasExt(base[:k], scriptExts) || base[:k] == "index.html") {
			base, q = base[:k], base[k+1:]
		}
	}
	switch {
	case q != "":
		q = strings.TrimSuffix(q, ".html")
	case strings.HasSuffix(base, ".html") && hasExt(strings.TrimSuffix(base, ".html"), scriptExts):
		base = strings.TrimSuffix(base, ".html")
	}
	if base == "index.html" {
		base = ""
	}
	p = "/" + dir + base
	if u, err := url.PathUnescape(p); err == nil {
		p = u
	}
	return p, q
}

// sameHost reports whether hosts a and b are one, "www." or not.
func sameHost(a, b string) bool {
	a, b = strings.TrimPrefix(strings.ToLower(a), "www."), strings.TrimPrefix(strings.ToLower(b), "www.")
	return a == b
}

// find returns the saved file of the address u (a picture), in the host's
// folder or, when wget saved other hosts too, in theirs; ok is false when
// the site does not hold it.
func (s *site) find(u *url.URL) (file string, ok bool) {
	if u.Scheme != "http" && u.Scheme != "https" {
		return "", false
	}
	dir := s.hostDir
	if !sameHost(u.Host, s.host) {
		dir = strings.ToLower(u.Host)
		if !s.hosts || dir == "" || strings.ContainsAny(dir, `/\`) || !fs.ValidPath(dir) {
			return "", false
		}
	}
	var bases []string
	for _, b := range []string{strings.TrimPrefix(u.Path, "/"), strings.TrimPrefix(u.EscapedPath(), "/")} {
		if b != "" && !strings.HasSuffix(b, "/") && !slices.Contains(bases, b) {
			bases = append(bases, b)
		}
	}
	var names []string
	for _, b := range bases {
		if u.RawQuery != "" {
			names = append(names, b+"?"+u.RawQuery, b+"%3F"+u.RawQuery, b+"@"+u.RawQuery)
		}
		names = append(names, b)
	}
	for _, n := range names {
		name := path.Join(dir, n)
		if !fs.ValidPath(name) {
			continue
		}
		if st, err := s.root.Stat(name); err == nil && st.Mode().IsRegular() {
			return name, true
		}
	}
	return "", false
}
