package demo

import (
	"context"
	"fmt"
	"slices"
	"time"

	"cong/internal/media"
	"cong/internal/portal"
)

// siteNameEN is the portal's English name, for the English pages.
const siteNameEN = "Hau Giang Provincial Party Committee e-Portal"

// demoContacts are the contact officials of the demo: made-up names, marked
// as such, with the reserved example.gov.vn domain.
var demoContacts = []portal.Contact{
	{Name: "Nguyễn Văn Mẫu (tên minh họa)", Title: "Chánh Văn phòng Tỉnh ủy", Phone: "(0293) 3 870 000", Email: "vanphong@example.gov.vn"},
	{Name: "Trần Thị Thử (tên minh họa)", Title: "Trưởng Ban Biên tập Cổng thông tin", Phone: "(0293) 3 870 001", Email: "bientap@example.gov.vn"},
	{Name: "Lê Văn Demo (tên minh họa)", Title: "Cán bộ phụ trách kỹ thuật", Phone: "(0293) 3 870 002", Email: "kythuat@example.gov.vn"},
}

var demoContactsEN = []portal.Contact{
	{Name: "Nguyen Van Mau (demo name)", Title: "Chief of the Office of the Provincial Party Committee", Phone: "+84 293 3 870 000", Email: "vanphong@example.gov.vn"},
	{Name: "Tran Thi Thu (demo name)", Title: "Head of the Editorial Board of the Portal", Phone: "+84 293 3 870 001", Email: "bientap@example.gov.vn"},
}

// seedPages writes the introduction pages and the English versions of the
// organisation and contact pages.
func seedPages(ctx context.Context, s Store, _ media.Storage, _ time.Time) error {
	if err := s.SaveSettings(ctx, demoActor, map[string]string{portal.SettingSiteNameEN: siteNameEN}); err != nil {
		return err
	}
	vi := []portal.Page{
		{Slug: "gioi-thieu-chung", Title: "Giới thiệu chung", Body: `<p>Hậu Giang là tỉnh thuộc vùng Đồng bằng sông Cửu Long, được thành lập ngày 01/01/2004 trên cơ sở chia tách tỉnh Cần Thơ. Cổng Thông tin điện tử Đảng bộ tỉnh là kênh thông tin chính thức của Tỉnh ủy Hậu Giang.</p><p><em>Nội dung minh họa.</em></p>`},
		{Slug: "co-cau-to-chuc", Title: "Cơ cấu tổ chức", Body: `<p>Tỉnh ủy gồm Ban Chấp hành Đảng bộ tỉnh, Ban Thường vụ Tỉnh ủy và Thường trực Tỉnh ủy; giúp việc có các ban xây dựng Đảng và Văn phòng Tỉnh ủy.</p><ul><li>Văn phòng Tỉnh ủy</li><li>Ban Tổ chức Tỉnh ủy</li><li>Ban Tuyên giáo và Dân vận Tỉnh ủy</li><li>Ủy ban Kiểm tra Tỉnh ủy</li></ul><p><em>Nội dung minh họa.</em></p>`},
		{Slug: "lanh-dao", Title: "Lãnh đạo", Body: `<p>Thường trực Tỉnh ủy gồm Bí thư và các Phó Bí thư Tỉnh ủy.</p><p><em>Nội dung minh họa: danh sách lãnh đạo do Văn phòng Tỉnh ủy cập nhật.</em></p>`},
		{Slug: "lien-he", Title: "Liên hệ", Body: `<p>Văn phòng Tỉnh ủy Hậu Giang — Số 1 đường Trần Hưng Đạo, phường 5, thành phố Vị Thanh, tỉnh Hậu Giang (địa chỉ minh họa).</p>`, Contacts: slices.Clone(demoContacts)},
	}
	en := map[string]portal.Page{
		"co-cau-to-chuc": {Slug: "organisation", Title: "Organisation", Body: `<p>The Provincial Party Committee comprises its Executive Board, its Standing Board and its Standing Office, assisted by the Party-building commissions and the Office of the Provincial Party Committee.</p><p><em>Demo content.</em></p>`},
		"lien-he":        {Slug: "contact", Title: "Contact", Body: `<p>Office of the Hau Giang Provincial Party Committee — 1 Tran Hung Dao Street, Ward 5, Vi Thanh City, Hau Giang Province, Viet Nam (demo address).</p>`, Contacts: slices.Clone(demoContactsEN)},
	}
	for i := range vi {
		p := &vi[i]
		p.Lang, p.Position, p.InMenu, p.Published = portal.LangVI, i+1, true, true
		if err := s.CreatePage(ctx, demoActor, p); err != nil {
			return fmt.Errorf("page %s: %w", p.Slug, err)
		}
		t, ok := en[p.Slug]
		if !ok {
			continue
		}
		t.Lang, t.TranslationOf, t.Position, t.InMenu, t.Published = portal.LangEN, p.ID, i+1, true, true
		if err := s.CreatePage(ctx, demoActor, &t); err != nil {
			return fmt.Errorf("page %s: %w", t.Slug, err)
		}
	}
	return nil
}
