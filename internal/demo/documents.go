package demo

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"time"

	"cong/internal/media"
	"cong/internal/portal"
	"cong/internal/viet"
)

// documentStore is what the demo register needs; *store.DB implements it.
// Stores without a register get no documents.
type documentStore interface {
	DocumentTerms(ctx context.Context) (*portal.DocumentTerms, error)
	CreateDocument(ctx context.Context, who portal.Actor, d *portal.Document) error
	SetArticleDocuments(ctx context.Context, who portal.Actor, articleID int64, documentIDs []int64) error
	ArticleBySlug(ctx context.Context, slug string) (*portal.Article, error)
}

// demoDocument is one entry of the demo register, by lookup slugs.
type demoDocument struct {
	number, typ, body, field, signer, issued, effective, abstract string
}

var demoDocuments = []demoDocument{
	{"01-NQ/ĐH", "nghi-quyet", "ban-chap-hanh-dang-bo-tinh", "xay-dung-dang", "Lữ Văn Hùng", "2020-10-15", "",
		"Nghị quyết Đại hội đại biểu Đảng bộ tỉnh Hậu Giang lần thứ XIV, nhiệm kỳ 2020 - 2025"},
	{"05-NQ/TU", "nghi-quyet", "tinh-uy", "kinh-te", "Lữ Văn Hùng", "2021-06-10", "2021-07-01",
		"Về phát triển nông nghiệp ứng dụng công nghệ cao gắn với xây dựng nông thôn mới giai đoạn 2021 - 2025"},
	{"12-CT/TU", "chi-thi", "ban-thuong-vu-tinh-uy", "xay-dung-dang", "Nghiêm Xuân Thành", "2022-03-02", "",
		"Về tăng cường sự lãnh đạo của Đảng đối với công tác phát triển đảng viên"},
	{"08-KL/TU", "ket-luan", "ban-thuong-vu-tinh-uy", "van-hoa-xa-hoi", "Nghiêm Xuân Thành", "2022-09-20", "",
		"Kết luận về công tác chăm lo đời sống người có công với cách mạng"},
	{"15-QĐ/TU", "quy-dinh", "tinh-uy", "kiem-tra-giam-sat", "Nghiêm Xuân Thành", "2023-01-12", "2023-02-01",
		"Quy định về kiểm tra, giám sát việc thực hiện nhiệm vụ của tổ chức đảng và đảng viên"},
	{"95-KH/TU", "ke-hoach", "ban-thuong-vu-tinh-uy", "quoc-phong-an-ninh", "Đồng Văn Thanh", "2023-05-18", "",
		"Kế hoạch thực hiện Nghị quyết về chiến lược bảo vệ Tổ quốc trong tình hình mới"},
	{"1520/QĐ-UBND", "quyet-dinh", "ubnd-tinh", "kinh-te", "Đồng Văn Thanh", "2024-08-05", "2024-08-05",
		"Quyết định phê duyệt Đề án phát triển du lịch tỉnh Hậu Giang đến năm 2030"},
	{"24/NQ-HĐND", "nghi-quyet", "hdnd-tinh", "van-hoa-xa-hoi", "Trần Văn Huyến", "2024-12-06", "2025-01-01",
		"Nghị quyết quy định mức hỗ trợ học phí cho học sinh trên địa bàn tỉnh"},
	{"210-TB/TU", "thong-bao", "ban-thuong-vu-tinh-uy", "to-chuc-can-bo", "Lê Tiến Châu", "2025-02-14", "",
		"Thông báo kết luận của Ban Thường vụ Tỉnh ủy về công tác cán bộ"},
	{"36-HD/BTGTU", "huong-dan", "ban-tuyen-giao-tinh-uy", "xay-dung-dang", "Nguyễn Thị Minh", "2025-04-03", "",
		"Hướng dẫn tuyên truyền kỷ niệm 50 năm Ngày giải phóng miền Nam, thống nhất đất nước"},
}

// seedDocuments fills the register with published documents, each with a
// small PDF, and links the seed article to the congress resolution.
func seedDocuments(ctx context.Context, s Store, files media.Storage, now time.Time) error {
	ds, ok := s.(documentStore)
	if !ok {
		return nil
	}
	terms, err := ds.DocumentTerms(ctx)
	if err != nil {
		return err
	}
	var first int64
	for _, dd := range demoDocuments {
		d, err := dd.document(terms)
		if err != nil {
			return err
		}
		name := "van-ban/demo/" + viet.Slug(dd.number) + ".pdf"
		size, err := writeMissing(ctx, files, name, func() ([]byte, error) { return samplePDF(dd.number, dd.abstract), nil })
		if err != nil {
			return err
		}
		d.Files = []portal.DocumentFile{{File: name, Name: viet.Slug(dd.number) + ".pdf", MIME: "application/pdf", Size: size}}
		if err := ds.CreateDocument(ctx, demoActor, d); err != nil {
			return fmt.Errorf("document %s: %w", dd.number, err)
		}
		if first == 0 {
			first = d.ID
		}
	}
	a, err := ds.ArticleBySlug(ctx, SeedSlug)
	if err != nil {
		return err
	}
	return ds.SetArticleDocuments(ctx, demoActor, a.ID, []int64{first})
}

func (dd demoDocument) document(terms *portal.DocumentTerms) (*portal.Document, error) {
	d := &portal.Document{Number: dd.number, Signer: dd.signer, Abstract: dd.abstract, Published: true}
	for _, l := range []struct {
		list []portal.DocumentTerm
		slug string
		id   *int64
	}{{terms.Types, dd.typ, &d.TypeID}, {terms.Bodies, dd.body, &d.BodyID}, {terms.Fields, dd.field, &d.FieldID}} {
		for _, t := range l.list {
			if t.Slug == l.slug {
				*l.id = t.ID
			}
		}
	}
	var err error
	if d.IssuedOn, err = time.ParseInLocation("2006-01-02", dd.issued, viet.Location); err != nil {
		return nil, err
	}
	if dd.effective != "" {
		if d.EffectiveOn, err = time.ParseInLocation("2006-01-02", dd.effective, viet.Location); err != nil {
			return nil, err
		}
	}
	return d, nil
}

// samplePDF makes a one-page PDF saying which document it stands for. The
// standard fonts know no Vietnamese letters, so the page carries the text
// without tone marks.
func samplePDF(number, abstract string) []byte {
	esc := strings.NewReplacer(`\`, `\\`, "(", `\(`, ")", `\)`)
	line := func(s string) string { return esc.Replace(strings.ToUpper(viet.Fold(s))) }
	stream := fmt.Sprintf("BT /F1 16 Tf 72 760 Td (VAN BAN MAU - SO %s) Tj 0 -28 Td /F1 10 Tf (%s) Tj ET",
		line(number), line(abstract))
	objects := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(stream), stream),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	offsets := make([]int, len(objects))
	for i, o := range objects {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objects)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objects)+1, xref)
	return b.Bytes()
}
