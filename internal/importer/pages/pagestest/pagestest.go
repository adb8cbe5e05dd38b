// Package pagestest writes, for tests, a folder of pages as `wget -m` saves
// the Hậu Giang portal (DotNetNuke): the seed article and a few others in
// its layout, with their pictures, pages that are not articles, and pages
// with faults. It is imported by tests only.
package pagestest

import (
	"bytes"
	"fmt"
	"html"
	"image"
	"image/color"
	"image/jpeg"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"cong/internal/demo"
)

// Host is the old portal's host: its folder in the saved site.
const Host = "haugiang.gov.vn"

// Page is an article page in the old portal's layout.
type Page struct {
	Category   string
	Title      string // "" leaves the title out (a faulty page)
	Stamp      string // "[ Cập nhật vào ngày (30/12/2020) ] - [ Số lần xem: 235 ]"
	Paragraphs []string
	Picture    string // the <img src> as the page writes it; "" for none
	Caption    string
	PictureAt  int // paragraphs before the picture
	Byline     string
	Source     string // "Nguồn: …", linked to SourceURL when set
	SourceURL  string
	Extra      string // HTML put at the end of the text, before the byline
}

// Seed is the seed article (internal/demo/seed/article.txt) as a Page,
// its picture at /Portals/0/Images/2020/12/30.12.20.b.jpg.
func Seed() Page {
	lines := nonBlank(demo.SeedPage())
	p := Page{Category: lines[0], Title: lines[1], Stamp: lines[2], Caption: "", Picture: ""}
	picture := regexp.MustCompile(`^[\w.-]+\.(?:png|jpe?g)$`)
	for i := 3; i < len(lines); i++ {
		switch line := lines[i]; {
		case strings.HasSuffix(line, "Các ý kiến của bạn đọc"):
			p.Byline = strings.TrimSpace(strings.TrimSuffix(line, "Các ý kiến của bạn đọc"))
			return p
		case picture.MatchString(line):
			p.Picture = "/Portals/0/Images/2020/12/" + strings.TrimSuffix(line, ".png") + ".jpg"
			p.Caption, p.PictureAt = lines[i+1], len(p.Paragraphs)
			i++
		default:
			p.Paragraphs = append(p.Paragraphs, line)
		}
	}
	panic("pagestest: the seed text has no byline")
}

func nonBlank(s string) []string {
	var out []string
	for _, line := range strings.Split(s, "\n") {
		if line = strings.TrimSpace(line); line != "" {
			out = append(out, line)
		}
	}
	return out
}

// The saved site's files and the old addresses they were saved from.
const (
	SeedFile      = "Default.aspx?tabid=57&ItemID=123.html"
	SeedAddress   = "/Default.aspx?tabid=57&ItemID=123"
	RiceFile      = "Default.aspx?tabid=58&ItemID=124.html" // another category, a script in its text, a source
	RiceAddress   = "/Default.aspx?tabid=58&ItemID=124"
	LostFile      = "Default.aspx?tabid=57&ItemID=125.html" // its picture was not saved
	LostAddress   = "/Default.aspx?tabid=57&ItemID=125"
	BadDateFile   = "Default.aspx?tabid=57&ItemID=126.html" // 31/02/2020
	NoTitleFile   = "Default.aspx?tabid=57&ItemID=127.html"
	HomeFile      = "index.html"
	ListingFile   = "Default.aspx?tabid=57.html"
	SeedPicture   = "/Portals/0/Images/2020/12/30.12.20.b.jpg"
	RicePicture   = "/Portals/0/Images/lua.jpg?v=2" // saved as Portals/0/Images/lua.jpg?v=2
	RiceFileImage = "Portals/0/Images/lua.jpg?v=2"
)

// Rice is the second article: "Kinh tế", a picture addressed relative to
// its page with a query, a script, a source and 1.234 views.
func Rice() Page {
	return Page{
		Category: "Kinh tế", Title: "Nông dân Hậu Giang trúng mùa lúa Đông Xuân",
		Stamp: "[ Cập nhật vào ngày (05/01/2021) ] - [ Số lần xem: 1.234 ]",
		Paragraphs: []string{
			"Vụ lúa Đông Xuân năm nay, nông dân trong tỉnh thu hoạch đạt năng suất bình quân 7,2 tấn mỗi héc-ta.",
			"Giá lúa tươi tại ruộng dao động từ 6.200 đến 6.500 đồng mỗi ký.",
		},
		Picture: "Portals/0/Images/lua.jpg?v=2", Caption: "Thu hoạch lúa ở huyện Phụng Hiệp", PictureAt: 1,
		Byline: "Minh Huy", Source: "Nguồn: Báo Hậu Giang", SourceURL: "https://baohaugiang.com.vn/",
		Extra: `<script>document.write("quảng cáo")</script><p onclick="alert(1)">Bà con phấn khởi.</p>`,
	}
}

// Site is a saved site written for a test.
type Site struct {
	Dir string // what `cong import pages` reads: it holds Host's folder
}

// Write writes the saved site: the seed article, Rice, a page whose
// picture was not saved, one with an impossible date, one without a
// title, the home page and a category listing, a style sheet and a
// script.
func Write(t testing.TB) *Site {
	t.Helper()
	s := &Site{Dir: t.TempDir()}
	seed := Seed()
	s.WritePage(t, SeedFile, seed)
	s.WritePage(t, RiceFile, Rice())
	lost := seed
	lost.Title, lost.Stamp = "Hội nghị tổng kết công tác tuyên giáo năm 2020", "[ Cập nhật vào ngày (31/12/2020) ] - [ Số lần xem: 12 ]"
	lost.Picture, lost.Caption = "/Portals/0/Images/2020/12/khong-luu.jpg", "Quang cảnh hội nghị tổng kết"
	s.WritePage(t, LostFile, lost)
	bad := seed
	bad.Title, bad.Stamp = "Bài có ngày sai", "[ Cập nhật vào ngày (31/02/2020) ] - [ Số lần xem: 5 ]"
	s.WritePage(t, BadDateFile, bad)
	untitled := seed
	untitled.Title = ""
	s.WritePage(t, NoTitleFile, untitled)
	s.WriteFile(t, HomeFile, []byte(layout("Trang chủ", `<div class="NewsList"><a href="/Default.aspx?tabid=57&amp;ItemID=123">`+
		html.EscapeString(seed.Title)+`</a></div>`)))
	s.WriteFile(t, ListingFile, []byte(layout("Chính trị", `<div class="NewsList"><h2>Chính trị</h2><ul>
<li><a href="/Default.aspx?tabid=57&amp;ItemID=123">`+html.EscapeString(seed.Title)+`</a></li></ul></div>`)))
	s.WriteFile(t, "Portals/_default/Skins/HauGiang/skin.css", []byte("body { font-family: Arial; }\n"))
	s.WriteFile(t, "js/dnncore.js", []byte("function __doPostBack() {}\n"))
	s.WriteFile(t, strings.TrimPrefix(SeedPicture, "/"), JPEG(t, 640, 427, 1))
	s.WriteFile(t, RiceFileImage, JPEG(t, 480, 320, 2))
	return s
}

// WriteFile writes data at name in the host's folder.
func (s *Site) WriteFile(t testing.TB, name string, data []byte) {
	t.Helper()
	path := filepath.Join(s.Dir, Host, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// WritePage writes p at file in the host's folder.
func (s *Site) WritePage(t testing.TB, file string, p Page) {
	t.Helper()
	s.WriteFile(t, file, []byte(p.HTML()))
}

// HTML is the page as the old portal served it: the article module with
// its category label, title, update stamp, text and byline, then the
// readers' comments, and the side blocks.
func (p Page) HTML() string {
	var b strings.Builder
	b.WriteString(`<div class="NewsDetail">` + "\n")
	fmt.Fprintf(&b, `<div class="NewsCategory"><a href="/Default.aspx?tabid=57">%s</a></div>`+"\n", html.EscapeString(p.Category))
	if p.Title != "" {
		fmt.Fprintf(&b, `<h2 class="NewsTitle">%s</h2>`+"\n", html.EscapeString(p.Title))
	}
	fmt.Fprintf(&b, `<div class="NewsInfo">%s</div>`+"\n", html.EscapeString(p.Stamp))
	b.WriteString(`<div class="NewsContent">` + "\n")
	b.WriteString(`<div class="NewsTools"><a href="javascript:window.print()">In bài viết</a> | <a href="#">Gửi email</a></div>` + "\n")
	for i, para := range p.Paragraphs {
		if i == p.PictureAt && p.Picture != "" {
			b.WriteString(p.picture())
		}
		fmt.Fprintf(&b, "<p style=\"text-align: justify;\">%s</p>\n<p>&nbsp;</p>\n", html.EscapeString(para))
	}
	if p.PictureAt == len(p.Paragraphs) && p.Picture != "" {
		b.WriteString(p.picture())
	}
	b.WriteString(p.Extra)
	if p.Byline != "" {
		fmt.Fprintf(&b, `<p style="text-align: right;"><strong>%s</strong></p>`, html.EscapeString(p.Byline))
	}
	if p.Source != "" {
		src := html.EscapeString(p.Source)
		if p.SourceURL != "" {
			src = `<a href="` + html.EscapeString(p.SourceURL) + `">` + src + `</a>`
		}
		b.WriteString(`<p>&nbsp;</p>`)
		b.WriteString("</div>\n" + `<div class="NewsSource">` + src + "</div>\n")
	} else {
		b.WriteString("</div>\n")
	}
	b.WriteString(`<div class="NewsComment"><h3>Các ý kiến của bạn đọc</h3><p>Chưa có ý kiến nào.</p>` +
		`<textarea name="comment"></textarea><input type="submit" value="Gửi ý kiến"></div>` + "\n</div>\n")
	return layout(p.Title, b.String())
}

func (p Page) picture() string {
	return fmt.Sprintf(`<p style="text-align: center;"><img src="%s" alt="" width="500" border="0" /></p>`+"\n"+
		`<p style="text-align: center;"><em>%s</em></p>`+"\n", html.EscapeString(p.Picture), html.EscapeString(p.Caption))
}

// layout is the portal's page around content: head, banner, menu, the
// content pane and the side pane with its blocks.
func layout(title, content string) string {
	return `<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml" lang="vi"><head id="Head">
<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
<title>` + html.EscapeString(title) + ` - Cổng thông tin điện tử tỉnh Hậu Giang</title>
<link href="/Portals/_default/Skins/HauGiang/skin.css" rel="stylesheet" type="text/css" />
<script type="text/javascript" src="/js/dnncore.js"></script>
</head><body>
<form name="Form" method="post" action="/Default.aspx" id="Form">
<div id="dnn_Banner"><img src="/Portals/0/banner.jpg" alt="Hậu Giang" /></div>
<div id="dnn_Menu"><a href="/Default.aspx?tabid=57">Chính trị</a> <a href="/Default.aspx?tabid=58">Kinh tế</a></div>
<div id="dnn_ContentPane">` + content + `</div>
<div id="dnn_RightPane">
<div class="Box"><h3>Ảnh liên kết</h3></div>
<div class="Box"><h3>Lịch làm việc</h3></div>
<div class="Box"><h3>Bản đồ hành chính</h3></div>
<div class="Box"><h3>Lượt truy cập</h3><p>Người dùng Online: Người dùng online:</p><p>Khách: Khách: 108</p>
<p>Members: Thành viên: 0</p><p>Tổng: Tổng: 108</p></div>
<div class="Box"><h3>Quảng cáo</h3><p>Không có quảng cáo</p></div>
</div>
</form></body></html>
`
}

// JPEG draws a w × h picture, different for each n, and encodes it.
func JPEG(t testing.TB, w, h, n int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, color.RGBA{uint8(x * 255 / w), uint8(y * 255 / h), uint8(60 * n), 255})
		}
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: 80}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}
