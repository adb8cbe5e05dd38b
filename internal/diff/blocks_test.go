package diff

import "testing"

// article is a body as the editor saves it, after sanitizing.
const article = `<h2>Hội nghị Tỉnh ủy Hậu Giang lần thứ 12</h2>
<p>Sáng 15/3, Ban Chấp hành Đảng bộ tỉnh <strong>Hậu Giang</strong> khai mạc&nbsp;hội nghị
lần thứ 12, nhiệm kỳ 2020&nbsp;–&nbsp;2025.</p>
<figure class="image"><img src="/uploads/2025/03/hoi-nghi.jpg" alt="Toàn cảnh hội nghị">
<figcaption>Toàn cảnh hội nghị. Ảnh: <em>Minh Tuấn</em></figcaption></figure>
<p>Hội nghị thảo luận:</p>
<ul>
  <li>Tình hình kinh tế &amp; xã hội quý I;</li>
  <li><p>Công tác cán bộ.</p></li>
</ul>
<table><tbody><tr><th>Chỉ tiêu</th><th>Kết quả</th></tr><tr><td>GRDP</td><td>7,5%</td></tr></tbody></table>
<blockquote><p>Phải làm bằng được.</p><p>Đồng chí Bí thư</p></blockquote>
<p><img src="/uploads/2025/03/bieu-do.png"> Biểu đồ tăng trưởng<br>Nguồn: Cục Thống kê</p>
<p>&nbsp;</p>
<script>alert(1)</script><style>p{}</style>`

func TestBlocks(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", ""},
		{"plain text", "Hậu Giang", "Hậu Giang"},
		{"entities", "<p>Kinh tế &amp; xã hội &lt;b&gt; &quot;mới&quot;</p>", `Kinh tế & xã hội <b> "mới"`},
		{"inline tags join words", "<p>Hậu<b>Giang</b> <i>Cần</i> Thơ</p>", "HậuGiang Cần Thơ"},
		{"picture without alt or src", "<p>Xem<img>ảnh</p>", "Xem [Ảnh] ảnh"},
		{"picture with alt only", `<img alt="Bản đồ">`, "[Ảnh: Bản đồ]"},
		{"article", article, `Hội nghị Tỉnh ủy Hậu Giang lần thứ 12
Sáng 15/3, Ban Chấp hành Đảng bộ tỉnh Hậu Giang khai mạc hội nghị lần thứ 12, nhiệm kỳ 2020 – 2025.
[Ảnh: Toàn cảnh hội nghị (/uploads/2025/03/hoi-nghi.jpg)]
Toàn cảnh hội nghị. Ảnh: Minh Tuấn
Hội nghị thảo luận:
Tình hình kinh tế & xã hội quý I;
Công tác cán bộ.
Chỉ tiêu
Kết quả
GRDP
7,5%
Phải làm bằng được.
Đồng chí Bí thư
[Ảnh: /uploads/2025/03/bieu-do.png] Biểu đồ tăng trưởng
Nguồn: Cục Thống kê`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Blocks(tt.in); got != tt.want {
				t.Errorf("Blocks(%q) = %q; want %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestBlocksPictureSwapped checks that a new photo under the same caption
// shows in the diff.
func TestBlocksPictureSwapped(t *testing.T) {
	a := Blocks(`<figure><img src="/uploads/a.jpg" alt="Hội nghị"><figcaption>Hội nghị</figcaption></figure>`)
	b := Blocks(`<figure><img src="/uploads/b.jpg" alt="Hội nghị"><figcaption>Hội nghị</figcaption></figure>`)
	if ins, del := Stats(Words(a, b)); ins != 1 || del != 1 {
		t.Errorf("Stats(Words(%q, %q)) = %d, %d; want 1, 1", a, b, ins, del)
	}
}
