package demo

import (
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"cong/internal/portal"
	"cong/internal/viet"
)

var testNow = time.Date(2026, 11, 27, 10, 0, 0, 0, viet.Location)

func testGenerator(t *testing.T, seed uint64) *generator {
	t.Helper()
	cats := map[string]int64{}
	for i, tp := range topics {
		cats[tp.category] = int64(i + 1)
	}
	g, err := newGenerator(cats, map[string]bool{}, testNow, rand.New(rand.NewPCG(seed, 1)))
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// templates returns every template of content.go.
func templates() []string {
	all := append(append(append([]string{}, commonLines...), closings...), noticeClosings...)
	for _, tp := range topics {
		for _, s := range tp.stories {
			all = append(all, s.title, s.lead)
		}
		all = append(all, tp.lines...)
	}
	return all
}

// TestTemplatesFill fills every template on dates either side of the 2020
// congress: no placeholder may be left, and the text must be NFC and plain.
func TestTemplatesFill(t *testing.T) {
	g := testGenerator(t, 1)
	for _, at := range []time.Time{time.Date(2019, 1, 5, 9, 0, 0, 0, viet.Location), testNow} {
		g.f = newFacts(g.rnd, at)
		for _, tmpl := range templates() {
			got := g.fill(tmpl)
			if strings.ContainsAny(got, "{}<>&\"'") || viet.NFC(got) != got || got != strings.TrimSpace(got) {
				t.Errorf("fill(%q) = %q; want no braces or HTML, NFC, trimmed", tmpl, got)
			}
			if tmpl == "" || viet.NFC(tmpl) != tmpl {
				t.Errorf("template %q is empty or not NFC", tmpl)
			}
		}
	}
}

func TestGeneratedArticles(t *testing.T) {
	g := testGenerator(t, 2)
	perCategory := map[int64]int{}
	for range 3000 {
		a := g.article(g.publishTime())
		if err := a.Validate(); err != nil {
			t.Fatalf("article %q: %v", a.Title, err)
		}
		n, size := strings.Count(a.Body, "<p>"), len(a.Body)
		if n < 4 || n > 7 || size < 1000 || size > 3500 {
			t.Errorf("article %q: %d paragraphs, %d bytes; want 4-7 and about 1.5-3 KB", a.Title, n, size)
		}
		if !strings.HasPrefix(a.Body, "<p>"+a.Summary+" ") {
			t.Errorf("article %q: body does not open with the summary %q", a.Title, a.Summary)
		}
		if a.PublishedAt.After(testNow) || a.PublishedAt.Before(testNow.Add(-spread-24*time.Hour)) {
			t.Errorf("article %q published %v; want within 5 years before %v", a.Title, a.PublishedAt, testNow)
		}
		perCategory[a.CategoryID]++
	}
	if len(perCategory) != len(topics) {
		t.Errorf("articles fell in %d categories; want all %d", len(perCategory), len(topics))
	}
}

func TestSameSeedSameArticles(t *testing.T) {
	a, b := testGenerator(t, 3), testGenerator(t, 3)
	for i := range 200 {
		x, y := a.article(a.publishTime()), b.article(b.publishTime())
		if x.Title != y.Title || x.Body != y.Body || x.Slug != y.Slug || !x.PublishedAt.Equal(y.PublishedAt) {
			t.Fatalf("article %d differs between two runs with one seed: %q and %q", i, x.Title, y.Title)
		}
	}
}

func TestSlugSetClaim(t *testing.T) {
	long := strings.Repeat("abcdefghi-", 12) // 119 bytes without its trailing "-"
	long = long[:len(long)-1]
	s := slugSet{taken: map[string]bool{"hoi-nghi": true, "hoi-nghi-3": true, long: true}, next: map[string]int{}}
	tests := []struct{ base, want string }{
		{"hoi-nghi", "hoi-nghi-2"},
		{"hoi-nghi", "hoi-nghi-4"}, // -3 was taken before
		{"hoi-nghi", "hoi-nghi-5"},
		{"moi", "moi"},
		{"moi", "moi-2"},
		{"", "bai-viet"},
		{long, long[:viet.SlugMaxLen-2] + "-2"}, // cut to stay within 120 bytes
	}
	for _, tt := range tests {
		got := s.claim(tt.base)
		if got != tt.want || !portal.IsSlug(got) {
			t.Errorf("claim(%q) = %q; want %q, a valid slug", tt.base, got, tt.want)
		}
	}
}

func TestParseScraped(t *testing.T) {
	const head = "Chính trị\nTiêu đề\n\n[ Cập nhật vào ngày (5/1/2021) ] - [ Số lần xem: 7 ]\n"
	tests := []struct {
		name, text string
		ok         bool
	}{
		{"complete", head + "Đoạn một.\nanh.jpg\nChú thích\nĐoạn hai. \nTâmCác ý kiến của bạn đọc\nLề", true},
		{"no stamp", "Chính trị\nTiêu đề\nĐoạn.\nanh.png\nChú thích\nTâmCác ý kiến của bạn đọc", false},
		{"no byline", head + "Đoạn.\nanh.png\nChú thích\n", false},
		{"no picture", head + "Đoạn.\nTâmCác ý kiến của bạn đọc", false},
		{"two pictures", head + "a.png\nMột\nb.png\nHai\nTâmCác ý kiến của bạn đọc", false},
		{"impossible date", strings.Replace(head, "5/1/2021", "31/2/2021", 1) + "Đ.\na.png\nC\nTâmCác ý kiến của bạn đọc", false},
	}
	for _, tt := range tests {
		a, err := parseScraped(tt.text)
		if (err == nil) != tt.ok {
			t.Errorf("%s: parseScraped error = %v; want ok %v", tt.name, err, tt.ok)
			continue
		}
		if tt.ok && (a.author != "Tâm" || len(a.paragraphs) != 2 || a.pictureAt != 1 || a.paragraphs[1] != "Đoạn hai." ||
			a.views != 7 || viet.DateTime(a.updated) != "05/01/2021 08:00" || a.pictureFile() != "2021/01/anh.jpg") {
			t.Errorf("%s: parsed %+v", tt.name, a)
		}
	}
}
