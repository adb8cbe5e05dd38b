package portal

import (
	"strings"
	"testing"
)

// TestArticleSourceURL: the source's link is an http(s) address of at most
// 500 characters, or nothing; anything a reader's browser could run is refused.
func TestArticleSourceURL(t *testing.T) {
	for _, c := range []struct {
		url string
		ok  bool
	}{
		{"", true},
		{"  https://baochinhphu.vn/tin-12.htm  ", true},
		{"http://haugiang.gov.vn/a?b=1", true},
		{"javascript:alert(1)", false},
		{"JaVaScRiPt:alert(1)", false},
		{"data:text/html,<script>alert(1)</script>", false},
		{"//evil.example/x", false},
		{"ftp://files.example/x", false},
		{"https://user:pass@example.vn/", false},
		{`https://example.vn/"><script>`, false},
		{"https://example.vn/" + strings.Repeat("a", 490), false},
	} {
		a := Article{Title: "Tin", CategoryID: 1, Status: StatusDraft, SourceURL: c.url}
		err := a.Validate()
		if (err == nil) != c.ok || err != nil && ErrorCode(err) != EINVALID {
			t.Errorf("SourceURL %q: Validate = %v; want ok %v", c.url, err, c.ok)
		}
	}
}
