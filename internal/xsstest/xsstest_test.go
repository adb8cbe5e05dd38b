package xsstest

import (
	"html"
	"testing"
)

func TestVectors(t *testing.T) {
	if n := len(Vectors()); n < 100 {
		t.Fatalf("%d vectors; want at least 100", n)
	}
}

// TestProblemsCatchesRawVectors checks the checker: pasted into a page as
// they are, most vectors must be caught; escaped, none may be.
func TestProblemsCatchesRawVectors(t *testing.T) {
	caught := 0
	for _, v := range Vectors() {
		if len(Problems([]byte("<!doctype html><title>x</title><p>"+v))) > 0 {
			caught++
		}
		if p := Problems([]byte("<!doctype html><title>x</title><p>" + html.EscapeString(v) + `<input value="` +
			html.EscapeString(v) + `">`)); len(p) > 0 {
			t.Errorf("escaped %q: %v", v, p)
		}
	}
	if caught < 100 {
		t.Errorf("the checker caught %d raw vectors; want at least 100", caught)
	}
	t.Logf("caught %d of %d raw vectors", caught, len(Vectors()))
}

func TestProblemsAllowsTheSitesOwnScripts(t *testing.T) {
	page := `<!doctype html><title>x</title><script type="application/ld+json">{"name":"\u003c/script\u003e"}</script>
<script src="/quan-tri/static/autosave.js" defer></script><a href="/tin-tuc">Tin</a><img src="data:image/png;base64,AA">`
	if p := Problems([]byte(page)); len(p) > 0 {
		t.Errorf("the site's own page: %v", p)
	}
}
