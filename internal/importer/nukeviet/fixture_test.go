package nukeviet_test

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"cong/internal/importer"
	"cong/internal/importer/nukeviet"
	"cong/internal/importer/nukeviet/nvtest"
	"cong/internal/media"
	"cong/internal/portal"
	"cong/internal/store"
)

var ctx = context.Background()

const day = 24 * 60 * 60

// site is a NukeViet 4.5 site as its staff and readers left it: a
// category tree, articles in every state, a source with its link, tags,
// comments with a reply, and pictures under uploads/news/2020_12/.
type site struct {
	*nvtest.Site
	uploads string
	cat     map[string]int64 // catid by alias
	art     map[string]int64 // article id by name
	cmt     map[string]int64 // cid by name
}

func newSite(t *testing.T) *site {
	t.Helper()
	s := &site{Site: nvtest.New(t, "nv4", "vi"), uploads: filepath.Join(t.TempDir(), "uploads"),
		cat: map[string]int64{}, art: map[string]int64{}, cmt: map[string]int64{}}
	writePicture(t, s.uploads, "news/2020_12/hoi-nghi.jpg", 800, 600, "jpeg")
	writePicture(t, s.uploads, "news/2020_12/dai-bieu.png", 400, 300, "png")
	s.addCategories()
	s.addArticles()
	s.addComments()
	return s
}

func (s *site) addCategories() {
	s.cat["thoi-su"] = s.AddCategory(nvtest.Category{Title: "Thời sự"})
	s.cat["trong-tinh"] = s.AddCategory(nvtest.Category{Title: "Trong tỉnh", ParentID: s.cat["thoi-su"]})
	s.cat["chau-thanh"] = s.AddCategory(nvtest.Category{Title: "Huyện Châu Thành", Alias: "chau-thanh", ParentID: s.cat["trong-tinh"], Status: 2})
	s.cat["kinh-te"] = s.AddCategory(nvtest.Category{Title: "Kinh tế"})
	s.cat["luu-tru-cu"] = s.AddCategory(nvtest.Category{Title: "Lưu trữ cũ", Suspend: true})
}

// body is an article as editors pasted it: pictures of the site by path and
// by full address, one whose file is gone, one from another site, a
// script, and a link to a document.
const body = `<p>Sáng 30/12, Tỉnh ủy tổ chức hội nghị.</p>
<p><img src="/uploads/news/2020_12/hoi-nghi.jpg" alt="Hội trường" width="800" /></p>
<p><a href="http://old.haugiang.gov.vn/uploads/news/2020_12/dai-bieu.png"><img src="http://old.haugiang.gov.vn/uploads/news/2020_12/dai-bieu.png" alt="Đại biểu"></a></p>
<p><img src="/uploads/news/2020_12/khong-co.jpg"> <img src="https://example.com/anh.jpg"></p>
<script>alert("xss")</script><p onclick="steal()">Xem <a href="/uploads/news/2020_12/ke-hoach.pdf">kế hoạch</a>.</p>`

func (s *site) addArticles() {
	now := s.Now()
	s.art["hoi-nghi"] = s.AddArticle(nvtest.Article{CatIDs: []int64{s.cat["trong-tinh"], s.cat["thoi-su"]},
		Title: `Hội nghị Tỉnh ủy "mở rộng" lần thứ 12`, Alias: "hoi-nghi-tinh-uy-mo-rong", Author: "Thanh Tâm",
		SourceText: "https://baochinhphu.vn/hoi-nghi-102201230.htm", HomeText: "Tỉnh ủy họp.\nBàn kế hoạch năm 2021.",
		HomeImg: "/uploads/news/2020_12/hoi-nghi.jpg", HomeImgAlt: "Toàn cảnh hội nghị", Body: body,
		Tags: []string{"Hội nghị", "Tỉnh ủy"}, Status: 1, AddTime: now - 10*day, Comments: "4,5"})
	s.View(s.art["hoi-nghi"], 1234)
	s.art["cho-duyet"] = s.AddArticle(nvtest.Article{CatIDs: []int64{s.cat["kinh-te"]}, Title: "Giá lúa tăng",
		Body: "<p>Chờ duyệt</p>", Status: 5, AddTime: now - day})
	s.art["luu-tru"] = s.AddArticle(nvtest.Article{CatIDs: []int64{s.cat["kinh-te"]}, Title: "Thông báo tuyển dụng 2019",
		Body: "<p>Hết hạn, lưu trữ</p>", Status: 1, AddTime: now - 400*day, ExpTime: now - 30*day, Archive: true})
	// What nv_set_status_module does to an expired article kept in the archive.
	s.Exec("UPDATE "+s.Table("news_rows")+" SET status = 3 WHERE id = ?", s.art["luu-tru"])
	s.art["het-han"] = s.AddArticle(nvtest.Article{CatIDs: []int64{s.cat["kinh-te"]}, Title: "Lịch cắt điện tuần trước",
		Body: "<p>Hết hạn</p>", Status: 1, AddTime: now - 20*day, ExpTime: now - day})
	s.art["hen-gio"] = s.AddArticle(nvtest.Article{CatIDs: []int64{s.cat["thoi-su"]}, Title: "Chào năm mới",
		Body: "<p>Hẹn giờ</p>", Status: 1, PublTime: now + 3*day})
	s.art["nhap"] = s.AddArticle(nvtest.Article{CatIDs: []int64{s.cat["thoi-su"]}, Title: "Bản nháp", Body: "<p>Nháp</p>", Status: 4})
	s.art["chau-thanh"] = s.AddArticle(nvtest.Article{CatIDs: []int64{s.cat["chau-thanh"]}, Title: "Châu Thành ra quân làm đường",
		SourceText: "Báo Hậu Giang", Body: "<p>Tin huyện</p>", Tags: []string{"Hội nghị"}, Status: 1, AddTime: now - 2*day,
		NoComments: true})
	s.art["bi-khoa"] = s.AddArticle(nvtest.Article{CatIDs: []int64{s.cat["luu-tru-cu"]}, Title: "Tin trong chuyên mục đình chỉ",
		Body: "<p>Khóa</p>", Status: 1, AddTime: now - 50*day})
	// What admin/cat.php does to the articles of a suspended category.
	s.Exec("UPDATE "+s.Table("news_rows")+" SET status = status + 21 WHERE id = ?", s.art["bi-khoa"])
}

func (s *site) addComments() {
	id, now := s.art["hoi-nghi"], s.Now()
	s.cmt["hay"] = s.AddComment(nvtest.Comment{ArticleID: id, Name: "Nguyễn Văn An", Email: "an@example.vn",
		Content: "Bài viết rất hay.\nCảm ơn ban biên tập!", Status: 1, PostTime: now - 5*day})
	s.cmt["cho"] = s.AddComment(nvtest.Comment{ArticleID: id, Name: "Khách", Email: "khach@example.vn",
		Content: "Đang chờ duyệt", Status: 0, PostTime: now - 4*day})
	s.cmt["tra-loi"] = s.AddComment(nvtest.Comment{ArticleID: id, ParentID: s.cmt["hay"], Name: "Trần Thị Bình",
		Email: "binh@example.vn", Content: "Đồng ý với <bạn> An", Status: 1, PostTime: now - 3*day})
	s.cmt["mo-coi"] = s.AddComment(nvtest.Comment{ArticleID: 999, Name: "Ai đó", Content: "Bài đã xóa", Status: 1})
}

// writePicture draws a w×h picture at uploads/rel.
func writePicture(t *testing.T, uploads, rel string, w, h int, format string) {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, color.RGBA{uint8(x), uint8(y), 120, 255})
		}
	}
	var b bytes.Buffer
	var err error
	if format == "png" {
		err = png.Encode(&b, img)
	} else {
		err = jpeg.Encode(&b, img, nil)
	}
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(uploads, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// run imports s into db, pictures into mediaDir ("" for a dry run), and
// returns the run's account.
func (s *site) run(t *testing.T, db *store.DB, mediaDir string) *importer.Run {
	t.Helper()
	r, err := s.runErr(t, ctx, db, mediaDir)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func (s *site) runErr(t *testing.T, ctx context.Context, db *store.DB, mediaDir string) (*importer.Run, error) {
	t.Helper()
	var st portal.ImportService = db
	if mediaDir == "" {
		st = &importer.Dry{Store: db}
	}
	return s.runWith(t, ctx, st, db, mediaDir)
}

// runWith imports s through st; lib is the library pictures are found in.
func (s *site) runWith(t *testing.T, ctx context.Context, st portal.ImportService, lib nukeviet.MediaReader, mediaDir string) (*importer.Run, error) {
	t.Helper()
	src, err := nukeviet.Open(ctx, s.URL, "nv4", "vi")
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	run := importer.New("nukeviet", io.Discard, mediaDir == "")
	im := &nukeviet.Importer{Store: st, Library: lib, Run: run, Who: portal.System("nhập thử"), Uploads: s.uploads,
		Now: func() time.Time { return time.Unix(s.Now()+60, 0) }}
	if mediaDir != "" {
		im.Files = media.Dir(mediaDir)
	}
	return run, im.Import(ctx, src)
}
