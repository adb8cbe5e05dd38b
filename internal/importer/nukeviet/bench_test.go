package nukeviet_test

import (
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"cong/internal/importer"
	"cong/internal/importer/nukeviet"
	"cong/internal/importer/nukeviet/nvtest"
	"cong/internal/portal"
	"cong/internal/storetest"
)

// BenchmarkImportNukeviet imports a generated NukeViet 4.5 site of
// $CONG_BENCH_ARTICLES articles (100 000 by default) into a fresh SQLite
// database ("first"), then imports it again ("again": nothing changed, so
// nothing is written). See bench/README.md for the figures:
//
//	go test ./internal/importer/nukeviet -run '^$' -bench ImportNukeviet -benchtime 1x -timeout 30m
func BenchmarkImportNukeviet(b *testing.B) {
	n := 100_000
	if v, err := strconv.Atoi(os.Getenv("CONG_BENCH_ARTICLES")); err == nil && v > 0 {
		n = v
	}
	site := nvtest.New(b, "nv4", "vi")
	start := time.Now()
	fill(b, site, n)
	b.Logf("MariaDB filled with %d articles in %s", n, time.Since(start).Round(time.Millisecond))
	db := storetest.Open(b, storetest.SQLiteDSN(b))
	for _, name := range []string{"first", "again"} {
		b.Run(name, func(b *testing.B) {
			for range b.N {
				src, err := nukeviet.Open(ctx, site.URL, "nv4", "vi")
				if err != nil {
					b.Fatal(err)
				}
				run := importer.New("nukeviet", io.Discard, false)
				im := &nukeviet.Importer{Store: db, Library: db, Run: run, Who: portal.System("bench")}
				if err := im.Import(ctx, src); err != nil {
					b.Fatal(err)
				}
				src.Close()
				if f := run.Failed(); f > 0 {
					b.Fatalf("%d items failed: %+v", f, run.Problems()[:1])
				}
			}
			b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "articles/s")
		})
	}
}

// fill writes a NukeViet site of n articles as its back office would have
// over the years, with batched INSERTs: 24 categories two levels deep,
// articles of about 3 KB with 3 of 300 tags each, a source for one in four,
// a comment for one in five, and each article's copy in its category's
// table.
func fill(b *testing.B, s *nvtest.Site, n int) {
	b.Helper()
	var cats []int64
	for i := range 6 {
		top := s.AddCategory(nvtest.Category{Title: fmt.Sprintf("Chuyên mục %d", i+1)})
		cats = append(cats, top)
		for j := range 3 {
			cats = append(cats, s.AddCategory(nvtest.Category{Title: fmt.Sprintf("Chuyên mục %d.%d", i+1, j+1), ParentID: top}))
		}
	}
	for i := range 300 {
		s.Exec("INSERT INTO "+s.Table("news_tags")+" (numnews, alias, description, image, keywords) VALUES (0, ?, '', '', ?)",
			fmt.Sprintf("tu-khoa-%d", i+1), fmt.Sprintf("từ khóa %d", i+1))
	}
	s.Exec("INSERT INTO " + s.Table("news_sources") + " (title, link, logo, weight, add_time, edit_time) VALUES " +
		"('baochinhphu.vn', 'https://baochinhphu.vn', '', 1, 0, 0)")
	r := rand.New(rand.NewPCG(1, 2))
	const batch = 500
	for first := 1; first <= n; first += batch {
		last := min(first+batch-1, n)
		var rows, details, tags, comments []string
		for id := first; id <= last; id++ {
			cat := cats[r.IntN(len(cats))]
			t := s.Now() - int64(n-id)*600
			title := fmt.Sprintf("Tin số %d: hội nghị triển khai nhiệm vụ năm %d tại tỉnh", id, 2010+id%15)
			src := 0
			if id%4 == 0 {
				src = 1
			}
			rows = append(rows, fmt.Sprintf("(%d, %d, '%d', 0, 1, 'Phóng viên %d', %d, %d, %d, 1, %d, %d, 0, 0, '%s', 'tin-so-%d', '%s', '', '', 0, 1, '6', 1, 0, %d, 0, 0, 0, 0, '', 0)",
				id, cat, cat, id%37, src, t, t, id, t, title, id, lorem(r, 40), r.IntN(5000)))
			details = append(details, fmt.Sprintf("(%d, '', '', '%s', '', '', '', 1, '', 0, 1, 1, 1)", id, paragraphs(r)))
			for k := range 3 {
				tid := (id*7+k*101)%300 + 1
				tags = append(tags, fmt.Sprintf("(%d, %d, 'từ khóa %d')", id, tid, tid))
			}
			if id%5 == 0 {
				comments = append(comments, fmt.Sprintf("('news', 4, %d, 0, 'Ý kiến về tin %d.<br />Cảm ơn.', '', %d, 0, 'Bạn đọc %d', 'ban-doc@example.vn', '203.113.1.9', %d)",
					id, id, t+3600, id%97, id%10/9^1))
			}
		}
		s.Exec("INSERT INTO " + s.Table("news_rows") + ` (id, catid, listcatid, topicid, admin_id, author, sourceid,
			addtime, edittime, status, weight, publtime, exptime, archive, title, alias, hometext, homeimgfile, homeimgalt,
			homeimgthumb, inhome, allowed_comm, allowed_rating, external_link, hitstotal, hitscm, total_rating,
			click_rating, instant_active, instant_template, instant_creatauto) VALUES ` + strings.Join(rows, ","))
		s.Exec("INSERT INTO " + s.Table("news_detail") + ` (id, titlesite, description, bodyhtml, keywords, sourcetext,
			files, imgposition, layout_func, copyright, allowed_send, allowed_print, allowed_save) VALUES ` + strings.Join(details, ","))
		s.Exec("INSERT INTO " + s.Table("news_tags_id") + " (id, tid, keyword) VALUES " + strings.Join(tags, ","))
		if len(comments) > 0 {
			s.Exec("INSERT INTO " + s.Table("comment") + ` (module, area, id, pid, content, attach, post_time, userid,
				post_name, post_email, post_ip, status) VALUES ` + strings.Join(comments, ","))
		}
	}
	for _, c := range cats {
		s.Exec("INSERT INTO "+s.Table("news_"+strconv.FormatInt(c, 10))+" SELECT * FROM "+s.Table("news_rows")+" WHERE catid = ?", c)
	}
}

var words = strings.Fields(`tỉnh ủy hội đồng nhân dân ủy ban triển khai kế hoạch năm nhiệm vụ phát triển kinh tế xã hội
	nông nghiệp lúa gạo thủy sản đường giao thông nông thôn mới cán bộ đảng viên nhân dân huyện xã phường thị trấn công tác
	chuyển đổi số dịch vụ công trực tuyến người dân doanh nghiệp đầu tư hạ tầng y tế giáo dục văn hóa thể thao du lịch`)

// lorem is n words of Vietnamese news.
func lorem(r *rand.Rand, n int) string {
	ws := make([]string, n)
	for i := range ws {
		ws[i] = words[r.IntN(len(words))]
	}
	return strings.Join(ws, " ")
}

// paragraphs is a body of about 3 KB, as the editor saved it.
func paragraphs(r *rand.Rand) string {
	var b strings.Builder
	for range 6 {
		b.WriteString("<p>" + lorem(r, 70) + ".</p>")
	}
	return b.String()
}
