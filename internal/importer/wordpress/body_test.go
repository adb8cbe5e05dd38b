package wordpress

import (
	"io"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/google/go-cmp/cmp"
)

func TestAutop(t *testing.T) {
	for _, c := range []struct{ name, in, want string }{
		{"paragraphs and line breaks", "Dòng một\ndòng hai\n\nĐoạn hai", "<p>Dòng một<br>\ndòng hai</p>\n<p>Đoạn hai</p>\n"},
		{"blocks stay", "<h2>Tiêu đề</h2>\n\n<ul>\n<li>a</li>\n</ul>\n\nChữ", "<h2>Tiêu đề</h2>\n<ul>\n<li>a</li>\n</ul>\n<p>Chữ</p>\n"},
		{"pre keeps its blank lines", "<pre>a\n\nb</pre>\n\nc", "<pre>a\n\nb</pre>\n<p>c</p>\n"},
		{"windows line ends", "a\r\n\r\nb", "<p>a</p>\n<p>b</p>\n"},
	} {
		if got := autop(c.in); got != c.want {
			t.Errorf("%s: autop(%q) = %q; want %q", c.name, c.in, got, c.want)
		}
	}
}

func TestCaptionFigure(t *testing.T) {
	for _, c := range []struct{ attrs, inner, want string }{
		{` id="attachment_5" width="300"`, `<img src="a.jpg" alt="A" /> Chú thích <em>ảnh</em>`,
			`<figure><img src="a.jpg" alt="A" /><figcaption>Chú thích <em>ảnh</em></figcaption></figure>`},
		{` caption="Lũ về &amp; sạt lở"`, `<a href="a.jpg"><img src="a-300x200.jpg"></a>`,
			`<figure><a href="a.jpg"><img src="a-300x200.jpg"></a><figcaption>Lũ về &amp;amp; sạt lở</figcaption></figure>`},
		{``, `không có ảnh`, `không có ảnh`},
	} {
		if got := captionFigure(shortcodeAttrs(c.attrs), c.inner); got != c.want {
			t.Errorf("captionFigure(%q, %q) = %q; want %q", c.attrs, c.inner, got, c.want)
		}
	}
	if got := shortcodeAttrs(`ids="1,2" columns='3' link=file`); !cmp.Equal(got, map[string]string{"ids": "1,2", "columns": "3", "link": "file"}) {
		t.Errorf("shortcodeAttrs = %v", got)
	}
}

func TestCommentText(t *testing.T) {
	for in, want := range map[string]string{
		"Dòng một\n\n  dòng   hai ":                   "Dòng một\ndòng hai",
		"<p>Đoạn một</p><p>Đoạn <b>hai</b></p>":       "Đoạn một\nĐoạn hai",
		"Dòng<br />mới &amp; cũ <script>x()</script>": "Dòng\nmới & cũ",
	} {
		if got := commentText(in); got != want {
			t.Errorf("commentText(%q) = %q; want %q", in, got, want)
		}
	}
}

func TestThreads(t *testing.T) {
	cs := []wxrComment{{ID: 3, Parent: 2}, {ID: 1}, {ID: 4, Parent: 9}, {ID: 2, Parent: 1}}
	var order []int64
	for _, c := range threadOrder(cs) {
		order = append(order, c.ID)
	}
	if !cmp.Equal(order, []int64{1, 4, 2, 3}) {
		t.Errorf("threadOrder = %v; want each after its parent, else as listed", order)
	}
	byID := map[int64]*wxrComment{}
	for i := range cs {
		byID[cs[i].ID] = &cs[i]
	}
	for c, want := range map[int]int64{0: 1, 1: 0, 2: 0, 3: 1} {
		if got := threadRoot(cs[c], byID); got != want {
			t.Errorf("threadRoot(%d) = %d; want %d", cs[c].ID, got, want)
		}
	}
}

func TestUploadKeys(t *testing.T) {
	ix := &index{channel: wxrChannel{SiteURL: "https://www.old.vn"}, attachments: []attachment{
		{ID: 1, URL: "https://old.vn/wp-content/uploads/sites/3/2020/12/a.jpg", File: "2020/12/a.jpg"},
		{ID: 2, URL: "https://old.vn/wp-content/uploads/2021/01/b-scaled.jpg", File: "2021/01/b-scaled.jpg",
			Sizes: []string{"2021/01/b-scaled.jpg", "b-300x200.jpg", "b.jpg"}},
	}}
	lib := newLibrary(ix)
	for src, want := range map[string]string{
		"https://old.vn/wp-content/uploads/sites/3/2020/12/a.jpg":       "2020/12/a.jpg",
		"//www.old.vn/wp-content/uploads/2021/01/b-300x200.jpg":         "2021/01/b-300x200.jpg",
		"/wp-content/uploads/2021/01/b.jpg?w=300":                       "2021/01/b.jpg",
		"https://i0.wp.com/old.vn/wp-content/uploads/2021/01/b.jpg":     "2021/01/b.jpg",
		"https://other.vn/wp-content/uploads/2021/01/b.jpg":             "",
		"/wp-content/uploads/../../etc/passwd":                          "",
		"data:image/png;base64,AAAA":                                    "",
		"https://old.vn/wp-content/uploads/2021/01/%E1%BA%A3nh%201.jpg": "2021/01/ảnh 1.jpg",
	} {
		if got := lib.key(src); got != want {
			t.Errorf("key(%q) = %q; want %q", src, got, want)
		}
	}
	for key, want := range map[string]int64{"2021/01/b-1024x683.jpg": 2, "2021/01/b.jpg": 2, "2020/12/a-150x150.jpg": 1,
		"2021/01/c.jpg": 0} {
		i, ok := lib.lookup(key)
		if got := map[bool]int64{true: ix.attachments[i].ID}[ok]; got != want {
			t.Errorf("lookup(%q) = attachment %d; want %d", key, got, want)
		}
	}
}

// TestScannerVersions: WXR 1.1 names its namespaces differently from 1.2;
// content and excerpt are told apart all the same, and control characters
// XML forbids do not stop the file.
func TestScannerVersions(t *testing.T) {
	const wxr11 = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.1/excerpt/"
 xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wp="http://wordpress.org/export/1.1/">
<channel><wp:wxr_version>1.1</wp:wxr_version><wp:base_site_url>http://a.vn</wp:base_site_url>
<wp:category><wp:category_nicename>a</wp:category_nicename><wp:cat_name>A</wp:cat_name></wp:category>
<item><title>T` + "\x0b" + `</title><content:encoded><![CDATA[Nội dung]]></content:encoded>
<excerpt:encoded><![CDATA[Tóm tắt]]></excerpt:encoded><wp:post_id>7</wp:post_id><wp:post_type>post</wp:post_type></item>
</channel></rss>`
	s := newScanner("a.xml", strings.NewReader(wxr11))
	it, err := s.next()
	if err != nil {
		t.Fatal(err)
	}
	if it.ID != 7 || it.content() != "Nội dung" || it.excerpt() != "Tóm tắt" || it.Title != "T " || it.line != 6 {
		t.Errorf("item = %+v (line %d)", it, it.line)
	}
	if _, err := s.next(); err != io.EOF {
		t.Errorf("after the last item: %v; want io.EOF", err)
	}
	if s.channel.SiteURL != "http://a.vn" || len(s.channel.Categories) != 1 || s.clean.replaced != 1 {
		t.Errorf("channel = %+v, %d replaced", s.channel, s.clean.replaced)
	}
}

// TestControlFilter: bytes XML refuses become spaces ("?" for what is not
// UTF-8), however the reads cut the text, and nothing else changes.
func TestControlFilter(t *testing.T) {
	in := "Hội nghị\x0b tổng\x00 kết\n\xff\xfeđại biểu\xe1\xbb"
	want := "Hội nghị  tổng  kết\n??đại biểu??"
	for name, r := range map[string]io.Reader{
		"whole":       strings.NewReader(in),
		"byte a time": iotest.OneByteReader(strings.NewReader(in)),
		"half":        iotest.HalfReader(strings.NewReader(in)),
	} {
		f := &controlFilter{r: r}
		got, err := io.ReadAll(f)
		if err != nil || string(got) != want || f.replaced != 2 || f.invalid != 4 {
			t.Errorf("%s: %q, %v, %d replaced, %d invalid; want %q, 2, 4", name, got, err, f.replaced, f.invalid, want)
		}
	}
}
