package demo

import (
	"fmt"
	"html"
	"strings"
)

// Banner sizes: the "Ảnh liên kết" block shows them one under the other.
const bannerW, bannerH = 300, 90

// svgFont lists fonts with Vietnamese glyphs first: SVG text is drawn with the
// reader's fonts, and a font without them mixes shapes in one word.
const svgFont = "Noto Sans, Arial, sans-serif"

// banner is a link to a site of the political system, drawn as an SVG.
type banner struct {
	file, title, url string
	lines            [2]string // a small line above a large one
	from, to         string    // background gradient, left to right
	ink, accent      string    // text colour and emblem colour
	emblem           string    // SVG drawn in the 90×90 square on the left
}

// Emblems, centred on (45, 45).
const (
	starEmblem = `<circle cx="45" cy="45" r="30" fill="none" stroke="%[1]s" stroke-width="2.5"/>` +
		`<polygon points="45,22 50.6,39.3 68.8,39.3 54.1,50 59.7,67.3 45,56.6 30.3,67.3 35.9,50 21.2,39.3 39.4,39.3" fill="%[1]s"/>`
	serviceEmblem = `<rect x="24" y="20" width="42" height="50" rx="5" fill="none" stroke="%[1]s" stroke-width="2.5"/>` +
		`<path d="M32 34h26M32 43h26M32 52h14" stroke="%[1]s" stroke-width="2.5" stroke-linecap="round"/>` +
		`<circle cx="60" cy="62" r="11" fill="%[1]s"/><path d="M54.5 62l4 4 7-8" fill="none" stroke="#0d47a1" stroke-width="2.5" stroke-linecap="round" stroke-linejoin="round"/>`
	flagEmblem = `<path d="M26 18v56" stroke="%[1]s" stroke-width="3" stroke-linecap="round"/>` +
		`<path d="M28 22c12-6 22 6 36 0v30c-14 6-24-6-36 0z" fill="%[1]s"/>` +
		`<polygon points="46,27 48.4,33.7 55.5,33.9 49.9,38.2 51.9,45 46,41 40.1,45 42.1,38.2 36.5,33.9 43.6,33.7" fill="#a50d25"/>`
	bookEmblem = `<path d="M45 30c-8-6-18-7-25-5v38c7-2 17-1 25 5 8-6 18-7 25-5V25c-7-2-17-1-25 5z" fill="none" stroke="%[1]s" stroke-width="2.5" stroke-linejoin="round"/>` +
		`<path d="M45 30v38" stroke="%[1]s" stroke-width="2.5"/>` +
		`<polygon points="45,12 47.4,18.7 54.5,18.9 48.9,23.2 50.9,30 45,26 39.1,30 41.1,23.2 35.5,18.9 42.6,18.7" fill="%[1]s"/>`
)

var banners = []banner{
	{file: "lien-ket/chinh-phu.svg", title: "Cổng Thông tin điện tử Chính phủ", url: "https://chinhphu.vn",
		lines: [2]string{"CỔNG THÔNG TIN ĐIỆN TỬ", "CHÍNH PHỦ"}, from: "#a50d25", to: "#d62839",
		ink: "#ffffff", accent: "#f4c542", emblem: starEmblem},
	{file: "lien-ket/dang-cong-san.svg", title: "Báo điện tử Đảng Cộng sản Việt Nam", url: "https://dangcongsan.vn",
		lines: [2]string{"BÁO ĐIỆN TỬ", "ĐẢNG CỘNG SẢN VIỆT NAM"}, from: "#8e0b1f", to: "#c8102e",
		ink: "#f4c542", accent: "#f4c542", emblem: flagEmblem},
	{file: "lien-ket/dich-vu-cong.svg", title: "Cổng Dịch vụ công quốc gia", url: "https://dichvucong.gov.vn",
		lines: [2]string{"CỔNG DỊCH VỤ CÔNG", "QUỐC GIA"}, from: "#0d47a1", to: "#1e88e5",
		ink: "#ffffff", accent: "#ffffff", emblem: serviceEmblem},
	{file: "lien-ket/tap-chi-cong-san.svg", title: "Tạp chí Cộng sản", url: "https://tapchicongsan.org.vn",
		lines: [2]string{"TẠP CHÍ", "CỘNG SẢN"}, from: "#fff8e7", to: "#f6e3b4",
		ink: "#a50d25", accent: "#c8102e", emblem: bookEmblem},
}

// svg draws the banner. The large line shrinks with its length so that it
// fits the 200 pixels right of the emblem in most fonts.
func (b banner) svg() []byte {
	big := float64(min(26, 300/max(len([]rune(b.lines[1])), 1)))
	// Centre the two lines: the gap between them is 8, a capital is 0.75 em.
	y1 := (90.5 - 0.75*big) / 2
	y2 := y1 + 8 + 0.75*big
	var s strings.Builder
	fmt.Fprintf(&s, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %[1]d %[2]d" role="img" aria-label="%s">`+"\n",
		bannerW, bannerH, esc(b.title))
	fmt.Fprintf(&s, `<title>%s</title>`+"\n", esc(b.title))
	fmt.Fprintf(&s, `<defs><linearGradient id="bg" x1="0" x2="1" y1="0" y2="0"><stop offset="0" stop-color="%s"/><stop offset="1" stop-color="%s"/></linearGradient></defs>`+"\n", b.from, b.to)
	fmt.Fprintf(&s, `<rect width="%d" height="%d" rx="6" fill="url(#bg)"/>`+"\n", bannerW, bannerH)
	fmt.Fprintf(&s, `<rect x="3" y="3" width="%d" height="%d" rx="4" fill="none" stroke="%s" stroke-opacity="0.55"/>`+"\n", bannerW-6, bannerH-6, b.accent)
	fmt.Fprintf(&s, b.emblem+"\n", b.accent)
	fmt.Fprintf(&s, `<path d="M92 18v54" stroke="%s" stroke-opacity="0.6"/>`+"\n", b.accent)
	fmt.Fprintf(&s, `<g font-family="%s" fill="%s">`+"\n", svgFont, b.ink)
	fmt.Fprintf(&s, `<text x="104" y="%.1f" font-size="11.5" letter-spacing="0.6">%s</text>`+"\n", y1, esc(b.lines[0]))
	fmt.Fprintf(&s, `<text x="104" y="%.1f" font-size="%g" font-weight="700">%s</text>`+"\n", y2, big, esc(b.lines[1]))
	s.WriteString("</g>\n</svg>\n")
	return []byte(s.String())
}

// esc escapes text for SVG, which is XML: html.EscapeString's five entities
// are all XML ones.
func esc(s string) string { return html.EscapeString(s) }
