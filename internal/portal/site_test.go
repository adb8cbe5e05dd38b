package portal_test

import (
	"strings"
	"testing"

	"cong/internal/portal"
)

// A Host header becomes the name looked up among the sites' hosts,
// whatever its case, port, brackets or trailing dot; junk stays junk and
// matches no site.
func TestRequestHost(t *testing.T) {
	for in, want := range map[string]string{
		"huyen.example.vn":       "huyen.example.vn",
		"HUYEN.Example.VN:443":   "huyen.example.vn",
		"huyen.example.vn.":      "huyen.example.vn",
		"huyen.example.vn.:80":   "huyen.example.vn",
		"127.0.0.1:8080":         "127.0.0.1",
		"[::1]:8080":             "::1",
		"[::1]":                  "::1",
		"::1":                    "::1",
		"":                       "",
		":":                      "",
		"<script>:1":             "<script>",
		strings.Repeat("a", 300): strings.Repeat("a", 300),
	} {
		if got := portal.RequestHost(in); got != want {
			t.Errorf("RequestHost(%q) = %q; want %q", in, got, want)
		}
	}
	if n := testing.AllocsPerRun(100, func() { portal.RequestHost("huyen.example.vn:443") }); n != 0 {
		t.Errorf("RequestHost allocates %v times for a lower-case host; want 0", n)
	}
}

// A site's address must be a plain http(s) origin; its host is taken in
// lower case.
func TestSiteHost(t *testing.T) {
	if h, err := portal.SiteHost("https://ChauThanh.HauGiang.dcs.vn/"); err != nil || h != "chauthanh.haugiang.dcs.vn" {
		t.Errorf("SiteHost = %q, %v", h, err)
	}
	for _, bad := range []string{"", "chauthanh.vn", "ftp://a.vn", "https://a.vn/tin", "https://u:p@a.vn", "https://a.vn/?x=1",
		"https://a.vn/#x", "https://a_b.vn", "javascript:alert(1)", "https://" + strings.Repeat("a", 200) + ".vn"} {
		if _, err := portal.SiteHost(bad); portal.ErrorCode(err) != portal.EINVALID {
			t.Errorf("SiteHost(%q) = %v; want EINVALID", bad, err)
		}
	}
}
