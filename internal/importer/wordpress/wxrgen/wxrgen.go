// Package wxrgen writes big WordPress exports for benchmarks: a category
// tree, tags, posts with Vietnamese text in both editors' forms, comments,
// and attachments listed after the posts that show them, as real exports
// often have them; and the uploads folder those attachments need. The same
// options give the same bytes.
package wxrgen

import (
	"bufio"
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// Options size an export.
type Options struct {
	Posts       int
	Categories  int    // in a tree three levels deep; default 30
	Tags        int    // default 200
	Attachments int    // pictures, each shown by the posts whose number it divides; 0 for none
	BodyBytes   int    // about how long a post's body is; default 3000
	Comments    int    // at most this many comments a post, 0 to Comments; default 3
	Seed        uint64 // the draw of words
}

// Host is the old site's address in generated exports.
const Host = "https://old.example.vn"

func (o *Options) defaults() {
	if o.Categories <= 0 {
		o.Categories = 30
	}
	if o.Tags <= 0 {
		o.Tags = 200
	}
	if o.BodyBytes <= 0 {
		o.BodyBytes = 3000
	}
	if o.Comments == 0 {
		o.Comments = 3
	}
}

var words = strings.Fields(`ủy ban nhân dân tỉnh huyện xã phường thị trấn hội nghị tổng kết triển khai nhiệm vụ
năm kế hoạch phát triển kinh tế xã hội nông nghiệp nông thôn mới chương trình mục tiêu quốc gia giảm nghèo bền vững
đồng chí bí thư chủ tịch phó giám đốc sở ban ngành đoàn thể cán bộ công chức viên chức người dân doanh nghiệp
đầu tư xây dựng công trình giao thông thủy lợi trường học trạm y tế văn hóa thể thao du lịch lễ hội truyền thống
an ninh trật tự quốc phòng tuyên truyền phổ biến giáo dục pháp luật cải cách hành chính chuyển đổi số dịch vụ công
trực tuyến thu ngân sách vượt chỉ tiêu sản lượng lúa cây ăn trái thủy sản chăn nuôi phòng chống dịch bệnh thiên tai
hạn mặn sạt lở bờ sông hỗ trợ gia đình chính sách người có công khen thưởng thi đua yêu nước biểu dương điển hình`)

// text is n words drawn from the pool, a sentence.
func text(r *rand.Rand, n int) string {
	var b strings.Builder
	for i := range n {
		w := words[r.IntN(len(words))]
		if i == 0 {
			rs := []rune(w)
			w = strings.ToUpper(string(rs[0])) + string(rs[1:])
		} else {
			b.WriteByte(' ')
		}
		b.WriteString(w)
	}
	return b.String()
}

// Write writes the export to w.
func Write(w io.Writer, o Options) error {
	o.defaults()
	bw := bufio.NewWriterSize(w, 1<<20)
	r := rand.New(rand.NewPCG(o.Seed, 0x5747))
	bw.WriteString(`<?xml version="1.0" encoding="UTF-8" ?>
<!-- generator="WordPress/6.4.2" created="2026-12-06 08:00" -->
<rss version="2.0"
	xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
	xmlns:content="http://purl.org/rss/1.0/modules/content/"
	xmlns:wfw="http://wellformedweb.org/CommentAPI/"
	xmlns:dc="http://purl.org/dc/elements/1.1/"
	xmlns:wp="http://wordpress.org/export/1.2/"
>
<channel>
	<title>Cổng thông tin điện tử (bản thử)</title>
	<link>` + Host + `</link>
	<description>Bản xuất sinh ra để đo</description>
	<language>vi</language>
	<wp:wxr_version>1.2</wp:wxr_version>
	<wp:base_site_url>` + Host + `</wp:base_site_url>
	<wp:base_blog_url>` + Host + `</wp:base_blog_url>
	<wp:author><wp:author_id>1</wp:author_id><wp:author_login><![CDATA[bbt]]></wp:author_login><wp:author_email><![CDATA[bbt@old.example.vn]]></wp:author_email><wp:author_display_name><![CDATA[Ban Biên tập]]></wp:author_display_name><wp:author_first_name><![CDATA[]]></wp:author_first_name><wp:author_last_name><![CDATA[]]></wp:author_last_name></wp:author>
`)
	for i := range o.Categories {
		parent := ""
		if i >= 5 { // 0–4 at the top, the rest under an earlier one: three levels and more
			parent = fmt.Sprintf("chuyen-muc-%d", i/2-2)
		}
		fmt.Fprintf(bw, "\t<wp:category><wp:term_id>%d</wp:term_id><wp:category_nicename><![CDATA[chuyen-muc-%d]]></wp:category_nicename>"+
			"<wp:category_parent><![CDATA[%s]]></wp:category_parent><wp:cat_name><![CDATA[%s %d]]></wp:cat_name></wp:category>\n",
			i+1, i, parent, text(r, 2), i)
	}
	for i := range o.Tags {
		fmt.Fprintf(bw, "\t<wp:tag><wp:term_id>%d</wp:term_id><wp:tag_slug><![CDATA[tu-khoa-%d]]></wp:tag_slug><wp:tag_name><![CDATA[%s %d]]></wp:tag_name></wp:tag>\n",
			10000+i, i, text(r, 2), i)
	}
	start := time.Date(2015, 1, 1, 1, 0, 0, 0, time.UTC)
	comment := 1
	for p := range o.Posts {
		id := 100000 + p
		at := start.Add(time.Duration(p) * 47 * time.Minute)
		writePost(bw, r, o, id, p, at, &comment)
	}
	for a := range o.Attachments {
		writeAttachment(bw, a, start)
	}
	bw.WriteString("</channel>\n</rss>\n")
	return bw.Flush()
}

// writePost writes post number p: every other post in blocks, the others
// as the classic editor stored them.
func writePost(w *bufio.Writer, r *rand.Rand, o Options, id, p int, at time.Time, comment *int) {
	title := text(r, 6+r.IntN(8))
	slug := fmt.Sprintf("bai-viet-%d", p)
	var body strings.Builder
	pic := -1
	if o.Attachments > 0 {
		pic = p % o.Attachments
	}
	for n := 0; body.Len() < o.BodyBytes; n++ {
		para := text(r, 20+r.IntN(40)) + "."
		if p%2 == 0 {
			body.WriteString("<!-- wp:paragraph -->\n<p>" + para + "</p>\n<!-- /wp:paragraph -->\n\n")
		} else {
			body.WriteString(para + "\n\n")
		}
		if n == 1 && pic >= 0 {
			src := fmt.Sprintf("%s/wp-content/uploads/%s-300x200.jpg", Host, picFile(pic))
			if p%2 == 0 {
				fmt.Fprintf(&body, "<!-- wp:image {\"id\":%d} -->\n<figure class=\"wp-block-image\"><img src=\"%s\" alt=\"\" class=\"wp-image-%d\"/><figcaption>%s</figcaption></figure>\n<!-- /wp:image -->\n\n",
					attachmentID(pic), src, attachmentID(pic), text(r, 5))
			} else {
				fmt.Fprintf(&body, "[caption id=\"attachment_%d\" align=\"aligncenter\" width=\"300\"]<img class=\"size-medium\" src=\"%s\" alt=\"%s\" width=\"300\" height=\"200\" /> %s[/caption]\n\n",
					attachmentID(pic), src, text(r, 3), text(r, 5))
			}
		}
	}
	fmt.Fprintf(w, `	<item>
		<title><![CDATA[%s]]></title>
		<link>%s/%s/%s/</link>
		<pubDate>%s</pubDate>
		<dc:creator><![CDATA[bbt]]></dc:creator>
		<guid isPermaLink="false">%s/?p=%d</guid>
		<description></description>
		<content:encoded><![CDATA[%s]]></content:encoded>
		<excerpt:encoded><![CDATA[%s]]></excerpt:encoded>
		<wp:post_id>%d</wp:post_id>
		<wp:post_date><![CDATA[%s]]></wp:post_date>
		<wp:post_date_gmt><![CDATA[%s]]></wp:post_date_gmt>
		<wp:post_modified><![CDATA[%s]]></wp:post_modified>
		<wp:post_modified_gmt><![CDATA[%s]]></wp:post_modified_gmt>
		<wp:comment_status><![CDATA[open]]></wp:comment_status>
		<wp:ping_status><![CDATA[open]]></wp:ping_status>
		<wp:post_name><![CDATA[%s]]></wp:post_name>
		<wp:status><![CDATA[publish]]></wp:status>
		<wp:post_parent>0</wp:post_parent>
		<wp:menu_order>0</wp:menu_order>
		<wp:post_type><![CDATA[post]]></wp:post_type>
		<wp:post_password><![CDATA[]]></wp:post_password>
		<wp:is_sticky>0</wp:is_sticky>
		<category domain="category" nicename="chuyen-muc-%d"><![CDATA[Chuyên mục]]></category>
		<category domain="post_tag" nicename="tu-khoa-%d"><![CDATA[Từ khóa %d]]></category>
`, title, Host, at.Add(7*time.Hour).Format("2006/01/02"), slug, at.Format(time.RFC1123Z), Host, id, body.String(),
		text(r, 25), id, at.Add(7*time.Hour).Format(time.DateTime), at.Format(time.DateTime),
		at.Add(7*time.Hour).Format(time.DateTime), at.Format(time.DateTime), slug, r.IntN(o.Categories), r.IntN(o.Tags),
		p%o.Tags)
	if pic >= 0 {
		fmt.Fprintf(w, "\t\t<wp:postmeta><wp:meta_key><![CDATA[_thumbnail_id]]></wp:meta_key><wp:meta_value><![CDATA[%d]]></wp:meta_value></wp:postmeta>\n", attachmentID(pic))
	}
	first := *comment
	for c := range r.IntN(o.Comments + 1) {
		parent := 0
		if c > 0 && r.IntN(2) == 0 {
			parent = first
		}
		ct := at.Add(time.Duration(c+1) * time.Hour)
		fmt.Fprintf(w, `		<wp:comment>
			<wp:comment_id>%d</wp:comment_id>
			<wp:comment_author><![CDATA[%s]]></wp:comment_author>
			<wp:comment_author_email><![CDATA[ban-doc-%d@example.com]]></wp:comment_author_email>
			<wp:comment_author_url></wp:comment_author_url>
			<wp:comment_author_IP><![CDATA[203.0.113.%d]]></wp:comment_author_IP>
			<wp:comment_date><![CDATA[%s]]></wp:comment_date>
			<wp:comment_date_gmt><![CDATA[%s]]></wp:comment_date_gmt>
			<wp:comment_content><![CDATA[%s.]]></wp:comment_content>
			<wp:comment_approved><![CDATA[1]]></wp:comment_approved>
			<wp:comment_type><![CDATA[comment]]></wp:comment_type>
			<wp:comment_parent>%d</wp:comment_parent>
			<wp:comment_user_id>0</wp:comment_user_id>
		</wp:comment>
`, *comment, text(r, 3), *comment, *comment%250, ct.Add(7*time.Hour).Format(time.DateTime), ct.Format(time.DateTime),
			text(r, 15+r.IntN(20)), parent)
		*comment++
	}
	w.WriteString("\t</item>\n")
}

func attachmentID(a int) int { return 900000 + a }

// picFile is attachment a's file under uploads, without its extension.
func picFile(a int) string { return fmt.Sprintf("2015/%02d/anh-%d", a%12+1, a) }

func writeAttachment(w *bufio.Writer, a int, start time.Time) {
	file := picFile(a) + ".jpg"
	base := file[strings.LastIndex(file, "/")+1:]
	fmt.Fprintf(w, `	<item>
		<title><![CDATA[anh-%d]]></title>
		<link>%s/?attachment_id=%d</link>
		<dc:creator><![CDATA[bbt]]></dc:creator>
		<guid isPermaLink="false">%s/wp-content/uploads/%s</guid>
		<content:encoded><![CDATA[]]></content:encoded>
		<excerpt:encoded><![CDATA[Ảnh minh họa số %d]]></excerpt:encoded>
		<wp:post_id>%d</wp:post_id>
		<wp:post_date_gmt><![CDATA[%s]]></wp:post_date_gmt>
		<wp:post_name><![CDATA[anh-%d]]></wp:post_name>
		<wp:status><![CDATA[inherit]]></wp:status>
		<wp:post_parent>0</wp:post_parent>
		<wp:post_type><![CDATA[attachment]]></wp:post_type>
		<wp:attachment_url><![CDATA[%s/wp-content/uploads/%s]]></wp:attachment_url>
		<wp:postmeta><wp:meta_key><![CDATA[_wp_attached_file]]></wp:meta_key><wp:meta_value><![CDATA[%s]]></wp:meta_value></wp:postmeta>
		<wp:postmeta><wp:meta_key><![CDATA[_wp_attachment_metadata]]></wp:meta_key><wp:meta_value><![CDATA[a:2:{s:4:"file";s:%d:"%s";s:5:"sizes";a:1:{s:6:"medium";a:1:{s:4:"file";s:%d:"%s";}}}]]></wp:meta_value></wp:postmeta>
		<wp:postmeta><wp:meta_key><![CDATA[_wp_attachment_image_alt]]></wp:meta_key><wp:meta_value><![CDATA[Ảnh minh họa %d]]></wp:meta_value></wp:postmeta>
	</item>
`, a, Host, attachmentID(a), Host, file, a, attachmentID(a), start.Format(time.DateTime), a, Host, file, file,
		len(file), file, len(base)+8, strings.TrimSuffix(base, ".jpg")+"-300x200.jpg", a)
}

// WriteUploads writes the pictures of o's attachments under dir, as
// wp-content/uploads holds them: each a small JPEG, with its 300×200 copy.
func WriteUploads(dir string, o Options) error {
	for a := range o.Attachments {
		img := image.NewRGBA(image.Rect(0, 0, 480, 320))
		for y := range 320 {
			for x := range 480 {
				img.Set(x, y, color.RGBA{uint8(x + a), uint8(y), uint8(a * 7), 255})
			}
		}
		var b bytes.Buffer
		if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: 75}); err != nil {
			return err
		}
		for _, name := range []string{picFile(a) + ".jpg", picFile(a) + "-300x200.jpg"} {
			p := filepath.Join(dir, filepath.FromSlash(name))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				return err
			}
			if err := os.WriteFile(p, b.Bytes(), 0o644); err != nil {
				return err
			}
		}
	}
	return nil
}
