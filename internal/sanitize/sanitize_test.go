package sanitize

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden.html from the current output")

// hostile are inputs that try to run script, load other documents or
// hide markup; Body must return them harmless.
var hostile = []struct {
	name, in, want string
}{
	{"script", `<p>a</p><script>alert(1)</script><p>b</p>`, "<p>a</p>\n<p>b</p>"},
	{"script in paragraph", `<p>a<script src="https://evil.example/x.js"></script>b</p>`, "<p>ab</p>"},
	{"img onerror", `<img src=x onerror=alert(1)>`, `<img src="x"/>`},
	{"javascript href", `<a href="javascript:alert(1)">x</a>`, "x"},
	{"mixed case javascript", `<a href="JaVaScRiPt:alert(1)">x</a>`, "x"},
	{"entity-encoded javascript", `<a href="&#106;avascript:alert(1)">x</a>`, "x"},
	{"hex entities and colon entity", `<a href="&#x6A;&#x61;vascript&colon;alert(1)">x</a>`, "x"},
	{"javascript split by newline", "<a href=\"java\nscript:alert(1)\">x</a>", "x"},
	{"javascript after tab and space", "<a href=\" \tjavascript:alert(1)\">x</a>", "x"},
	{"javascript after control character", "<a href=\"\x01javascript:alert(1)\">x</a>", "x"},
	{"vbscript", `<a href="vbscript:msgbox(1)">x</a>`, "x"},
	{"data html link", `<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>`, "x"},
	{"data image link", `<a href="data:image/png;base64,iVBORw0KGgo=">x</a>`, "x"},
	{"data html img", `<img src="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">`, ""},
	{"data svg img", `<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">`, ""},
	{"javascript img", `<img src="javascript:alert(1)" alt="a">`, ""},
	{"javascript in srcset", `<img src="/a.png" srcset="javascript:alert(1) 2x">`, `<img src="/a.png"/>`},
	{"svg onload", `<svg onload=alert(1)><circle r=1></circle></svg><p>a</p>`, "<p>a</p>"},
	{"svg script", `<svg><script>alert(1)</script></svg>`, ""},
	{"math", `<math><mi xlink:href="javascript:alert(1)">x</mi></math>`, ""},
	{"math mxss", `<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>`, ""},
	{"iframe", `<iframe src="https://evil.example/"></iframe><p>a</p>`, "<p>a</p>"},
	{"iframe srcdoc", `<iframe srcdoc="<script>alert(1)</script>"></iframe>`, ""},
	{"style element", `<style>body{background:url(javascript:alert(1))}</style><p>a</p>`, "<p>a</p>"},
	{"style attribute", `<p style="background:url(javascript:alert(1))">a</p>`, "<p>a</p>"},
	{"style expression", `<p style="width:expression(alert(1))">a</p>`, "<p>a</p>"},
	{"object", `<object data="x.swf"><param name=a value=b>fallback</object>`, ""},
	{"embed", `<embed src="x.swf">`, ""},
	{"form", `<form action="https://evil.example/"><p>Mật khẩu</p><input name=p type=password><button>Gửi</button></form>`, ""},
	{"input autofocus", `<input autofocus onfocus=alert(1)>`, ""},
	{"base", `<base href="https://evil.example/"><a href="/x">x</a>`, `<a href="/x" rel="noopener noreferrer">x</a>`},
	{"meta refresh", `<meta http-equiv="refresh" content="0;url=https://evil.example/"><p>a</p>`, "<p>a</p>"},
	{"link stylesheet", `<link rel=stylesheet href="https://evil.example/x.css">`, ""},
	{"comment hiding script", `<!--<script>alert(1)</script>--><p>a</p>`, "<p>a</p>"},
	{"comment closed early", `<!--><img src=x onerror=alert(1)>-->`, `<img src="x"/>--&gt;`},
	{"conditional comment", `<!--[if IE]><script>alert(1)</script><![endif]-->a`, "a"},
	{"bogus comment", `<? xml ?><![if !vml]>a<![endif]>`, "a"},
	{"unclosed tags", `<p><b>đậm <i>nghiêng`, "<p><strong>đậm <em>nghiêng</em></strong></p>"},
	{"unclosed attribute", `<img src=x onerror="alert(1)`, ""},
	{"unclosed script", `<p>a</p><script>alert(1)`, "<p>a</p>"},
	{"attributes on new lines", "<img\nsrc=\"/a.png\"\nonerror\n=\nalert(1)>", `<img src="/a.png"/>`},
	{"slash between attributes", `<img/src="/a.png"/onerror=alert(1)>`, `<img src="/a.png"/>`},
	{"event handler on paragraph", `<p onclick="alert(1)" onmouseover=alert(2)>a</p>`, "<p>a</p>"},
	{"noscript mxss", `<noscript><p title="</noscript><img src=x onerror=alert(1)>">`, `<img src="x"/>&#34;&gt;`},
	{"template", `<template><img src=x onerror=alert(1)></template>`, ""},
	{"textarea breakout", `<textarea></textarea><img src=x onerror=alert(1)></textarea>`, `<img src="x"/>`},
	{"title breakout", `<title><img src=x onerror=alert(1)></title>`, ""},
	{"xmp breakout", `<xmp><p title="</xmp><img src=x onerror=alert(1)>">`, `<img src="x"/>&#34;&gt;`},
	{"nested quotes in attribute", `<a href="/x" title='a"><script>alert(1)</script>'>x</a>`, `<a href="/x" title="a&#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt;" rel="noopener noreferrer">x</a>`},
	{"class outside allowlist", `<p class="MsoNormal hidden text-center">a</p>`, `<p class="text-center">a</p>`},
	{"id and data attributes", `<p id="x" data-x="y" dir="rtl">a</p>`, "<p>a</p>"},
	{"target on link", `<a href="/x" target="_parent">x</a>`, `<a href="/x" rel="noopener noreferrer">x</a>`},
	{"file url", `<img src="file:///C:/Users/a/clip_image001.png">`, ""},
	{"html and body", `<html><head><script>alert(1)</script></head><body onload=alert(1)><p>a</p></body></html>`, "<p>a</p>"},
}

// kept are inputs whose meaning must survive Body.
var kept = []struct {
	name, in, want string
}{
	{"vietnamese paragraphs", "<p>Hội nghị tổng kết công tác năm 2024</p>\n<p>Đồng chí Chủ tịch UBND tỉnh phát biểu.</p>",
		"<p>Hội nghị tổng kết công tác năm 2024</p>\n<p>Đồng chí Chủ tịch UBND tỉnh phát biểu.</p>"},
	{"nfd becomes nfc", "<p>Vie\u0302\u0323t Nam</p>", "<p>Việt Nam</p>"},
	{"entities", "<p>A &amp; B &lt; C &copy; &quot;x&quot;</p>", "<p>A &amp; B &lt; C © &#34;x&#34;</p>"},
	{"figure", `<figure class="image image-center"><img src="/media/2025/03/hoi-nghi.jpg" alt="Toàn cảnh hội nghị" width="800" height="450"><figcaption>Toàn cảnh hội nghị</figcaption></figure>`,
		`<figure class="image image-center"><img src="/media/2025/03/hoi-nghi.jpg" alt="Toàn cảnh hội nghị" width="800" height="450"/><figcaption>Toàn cảnh hội nghị</figcaption></figure>`},
	{"responsive image", `<img src="/a-800.jpg" srcset="/a-400.jpg 400w,/a-800.jpg   800w" sizes="(max-width: 600px) 400px, 800px" loading="LAZY" alt="">`,
		`<img src="/a-800.jpg" srcset="/a-400.jpg 400w, /a-800.jpg 800w" sizes="(max-width: 600px) 400px, 800px" loading="lazy" alt=""/>`},
	{"decorative image", `<figure class="image"><img src="/media/hoa-van.png" alt="" role="Presentation"></figure>`,
		`<figure class="image"><img src="/media/hoa-van.png" alt="" role="presentation"/></figure>`},
	{"other roles dropped", `<img src="/a.png" alt="Cầu" role="button"><p role="presentation">Chữ</p>`, `<img src="/a.png" alt="Cầu"/><p>Chữ</p>`},
	{"image size from style", `<img src="/a.jpg" style="width: 320px; height:180.4px">`, `<img src="/a.jpg" width="320" height="180"/>`},
	{"table with colspan", `<table><caption>Lịch làm việc</caption><thead><tr><th scope="col">Ngày</th><th>Nội dung</th></tr></thead><tbody><tr><td colspan="2" rowspan="1">Nghỉ lễ</td></tr></tbody></table>`,
		"<table><caption>Lịch làm việc</caption>\n<thead><tr><th scope=\"col\">Ngày</th>\n<th>Nội dung</th></tr></thead>\n<tbody><tr><td colspan=\"2\" rowspan=\"1\">Nghỉ lễ</td></tr></tbody></table>"},
	{"external link", `<a href="https://chinhphu.vn/">Cổng Chính phủ</a>`, `<a href="https://chinhphu.vn/" rel="noopener noreferrer" target="_blank">Cổng Chính phủ</a>`},
	{"protocol-relative link", `<a href="//baochinhphu.vn/">Báo</a>`, `<a href="//baochinhphu.vn/" rel="noopener noreferrer" target="_blank">Báo</a>`},
	{"relative link with title", `<a href="/tin-tuc/hoi-nghi" title="Xem thêm" rel="nofollow">Xem</a>`, `<a href="/tin-tuc/hoi-nghi" title="Xem thêm" rel="noopener noreferrer">Xem</a>`},
	{"mailto and tel", `<a href="mailto:vanthu@quangtri.gov.vn">thư</a> <a href="tel:02333852000">gọi</a>`,
		`<a href="mailto:vanthu@quangtri.gov.vn" rel="noopener noreferrer">thư</a> <a href="tel:02333852000" rel="noopener noreferrer">gọi</a>`},
	{"data png image", `<img src="data:image/png;base64,iVBORw0KGgo=" alt="biểu đồ">`, `<img src="data:image/png;base64,iVBORw0KGgo=" alt="biểu đồ"/>`},
	{"wrapped data jpeg image", "<img src=\"DATA:Image/JPEG;base64,/9j/\n4AAQ\">", `<img src="data:image/jpeg;base64,/9j/4AAQ"/>`},
	{"h1 becomes h2", `<h1>Tiêu đề</h1><h3>Mục</h3>`, "<h2>Tiêu đề</h2>\n<h3>Mục</h3>"},
	{"text-align center", `<p style="text-align: center;">Giữa</p>`, `<p class="text-center">Giữa</p>`},
	{"align attribute", `<p align="JUSTIFY">Đều</p><td align=right>`, `<p class="text-justify">Đều</p>`},
	{"style alignment wins", `<p class="text-left" style="text-align:right !important">a</p>`, `<p class="text-right">a</p>`},
	{"note", `<div class="note">Lưu ý</div>`, `<div class="note">Lưu ý</div>`},
	{"b and i", `<b>đậm</b> <i>nghiêng</i> <u>gạch</u> <s>xoá</s> H<sub>2</sub>O x<sup>2</sup>`,
		`<strong>đậm</strong> <em>nghiêng</em> <u>gạch</u> <s>xoá</s> H<sub>2</sub>O x<sup>2</sup>`},
	{"lists", "<ul><li>một</li><li>hai</li></ul><ol><li>ba</li></ol>", "<ul><li>một</li>\n<li>hai</li></ul>\n<ol><li>ba</li></ol>"},
	{"blockquote pre code hr", "<blockquote><p>Trích</p></blockquote><hr><pre>  a\n    b</pre><p><code>x &lt; y</code></p>",
		"<blockquote><p>Trích</p></blockquote>\n<hr/>\n<pre>  a\n    b</pre>\n<p><code>x &lt; y</code></p>"},
	{"section becomes div", `<section>a</section><section>b</section>`, "<div>a</div>\n<div>b</div>"},
	{"empty paragraphs", "<p>&nbsp;</p><p>a</p><p> <br> </p><p><strong>&nbsp;</strong></p><p></p>", "<p>a</p>"},
	{"trailing breaks", "<p>a<br>b<br><br></p>", "<p>a<br/>b</p>"},
	{"whitespace collapsed", "<p>\n  Một\n  hai   ba\t</p>", "<p>Một hai ba</p>"},
	{"spans and fonts unwrapped", `<p><span style="font-family:Arial">a</span><font color=red>b</font><span></span></p>`, "<p>ab</p>"},
}

func TestBodyHostile(t *testing.T) {
	for _, tt := range hostile {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := Body(tt.in)
			if got != tt.want {
				t.Errorf("Body(%q) = %q; want %q", tt.in, got, tt.want)
			}
			checkSafe(t, tt.in, got)
		})
	}
}

func TestBodyKept(t *testing.T) {
	for _, tt := range kept {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := Body(tt.in); got != tt.want {
				t.Errorf("Body(%q) = %q; want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestBodyIdempotent(t *testing.T) {
	inputs := []string{
		// NFC joined "&gt;" and a combining mark only on the second
		// pass, once removing <o:p> had made their text nodes one.
		"--></o:p></p\u0338<script><figure></i>x<colgroup>--></h1><o:p><img src=/a.png>",
		// <marquee> let an h2 nest in an h2, which serialises as two.
		`<h2><a href='https://a.vn/'>é</o:p><marquee><a href="javascript:x"></pre>x<h2></b><a href='https://a.vn/'>é<details>`,
	}
	for _, tt := range hostile {
		inputs = append(inputs, tt.in)
	}
	for _, tt := range kept {
		inputs = append(inputs, tt.in)
	}
	inputs = append(inputs, readFile(t, "testdata/word.html"))
	for _, in := range inputs {
		once := Body(in)
		if twice := Body(once); twice != once {
			t.Errorf("Body(%q) = %q; want %q (cleaning twice must change nothing)", once, twice, once)
		}
	}
}

// TestBodyWord cleans what Word puts on the clipboard. Refresh the golden
// file with go test ./internal/sanitize -update, and read the diff.
func TestBodyWord(t *testing.T) {
	got := Body(readFile(t, "testdata/word.html")) + "\n"
	golden := filepath.Join("testdata", "word.golden.html")
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if diff := cmp.Diff(readFile(t, golden), got); diff != "" {
		t.Errorf("Body(testdata/word.html) mismatch (-want +got):\n%s", diff)
	}
	for _, leftover := range []string{"Mso", "mso-", "o:p", "<span", "<font", "lang=", "style=", "<!--", "file:", "&nbsp;", "\u00a0"} {
		if strings.Contains(got, leftover) {
			t.Errorf("Body(testdata/word.html) contains %q", leftover)
		}
	}
}

// TestBodyDeep checks markup nested past the parser's limit of 512
// elements: its text is kept, escaped.
func TestBodyDeep(t *testing.T) {
	in := strings.Repeat("<div>", 600) + "a<script>alert(1)</script> &lt;b&gt;"
	want := "a &lt;b&gt;"
	if got := Body(in); got != want {
		t.Errorf("Body(%q) = %q; want %q", in, got, want)
	}
	if got := Text(in); got != "a <b>" {
		t.Errorf("Text(%q) = %q; want %q", in, got, "a <b>")
	}
}

func TestText(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", ""},
		{"plain", "Hội nghị", "Hội nghị"},
		{"tags stripped", "<p>Hội <strong>nghị</strong></p>", "Hội nghị"},
		{"blocks separated", "<h2>Tiêu đề</h2><p>Một</p><ul><li>hai</li><li>ba</li></ul>", "Tiêu đề Một hai ba"},
		{"breaks separate", "a<br>b", "a b"},
		{"entities decoded", "A &amp; B &lt;C&gt; &quot;D&quot; &#7879;", `A & B <C> "D" ệ`},
		{"nbsp collapsed", "a&nbsp;&nbsp; \n\t b", "a b"},
		{"script and style dropped", "<style>p{}</style>a<script>alert(1)</script>b", "ab"},
		{"comments dropped", "a<!-- b -->c<!--[if gte mso 9]><xml>x</xml><![endif]-->", "ac"},
		{"nfd", "Vie\u0302\u0323t", "Việt"},
		{"control characters", "a\x00b\x07c\u200bd", "abcd"},
		{"invalid utf-8", "a\xffb", "a\uFFFDb"},
		{"table cells", "<table><tr><td>1</td><td>2</td></tr></table>", "1 2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := Text(tt.in); got != tt.want {
				t.Errorf("Text(%q) = %q; want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestPlain(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", ""},
		{"title", "  Hội nghị   tổng kết\n năm 2024 ", "Hội nghị tổng kết năm 2024"},
		{"markup stripped", "<b>Tin</b> <i>mới</i><script>alert(1)</script>", "Tin mới"},
		{"ampersand kept", "AT&T và Công ty A&amp;B", "AT&T và Công ty A&B"},
		{"less than before a digit", "Giá < 5 triệu, 3<4", "Giá < 5 triệu, 3<4"},
		{"nfd", "Nguye\u0302\u0303n Va\u0306n A", "Nguyễn Văn A"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := Plain(tt.in); got != tt.want {
				t.Errorf("Plain(%q) = %q; want %q", tt.in, got, tt.want)
			}
		})
	}
}

func readFile(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestOrderedListNumbering(t *testing.T) {
	for in, want := range map[string]string{
		`<ol type="a" start="3"><li>x</li></ol>`:        `<ol type="a" start="3"><li>x</li></ol>`,
		`<ol type="disc" start="-1"><li>x</li></ol>`:    `<ol><li>x</li></ol>`,
		`<ol type="i" start="99999999"><li>x</li></ol>`: `<ol type="i"><li>x</li></ol>`,
	} {
		if got := Body(in); got != want {
			t.Errorf("Body(%q) = %q; want %q", in, got, want)
		}
	}
}
