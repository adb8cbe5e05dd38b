package demo

import (
	"bytes"
	"context"
	_ "embed"
	"fmt"
	"time"

	"cong/internal/geo"
	"cong/internal/media"
	"cong/internal/portal"
)

// hauGiangGeoJSON is the demo's administrative map: the eight district-level
// units of the picture in mapsvg.go, their shared corners placed at rough
// longitudes and latitudes (105.3–105.9 E, 9.6–10.0 N). A sketch, not
// surveyed borders; the codes are the units' official ones.
//
//go:embed seed/hau-giang.geojson
var hauGiangGeoJSON []byte

// demoNote ends every demo unit's introduction, so nobody takes its figures
// for official ones.
const demoNote = "Số liệu trên trang này là dữ liệu mẫu để trình diễn, không phải số liệu chính thức."

// unitFacts are the demo pages of the units, by code: rounded, plausible
// figures marked as demo data.
var unitFacts = map[string]portal.MapUnitPage{
	"930": {Intro: "Thành phố Vị Thanh là tỉnh lỵ, trung tâm chính trị, hành chính, kinh tế và văn hóa của tỉnh Hậu Giang, nằm bên kênh Xà No.",
		Area: 118.7, Population: 73000, Leaders: "Bí thư Thành ủy: (dữ liệu mẫu)\nChủ tịch UBND thành phố: (dữ liệu mẫu)",
		Address: "Đường Trần Hưng Đạo, phường 5, thành phố Vị Thanh", Phone: "(0293) 3 870 000", Tag: "vi-thanh"},
	"931": {Intro: "Thành phố Ngã Bảy, nơi bảy ngả sông gặp nhau, nổi tiếng với chợ nổi Ngã Bảy (Phụng Hiệp).",
		Area: 78.1, Population: 60000, Leaders: "Bí thư Thành ủy: (dữ liệu mẫu)\nChủ tịch UBND thành phố: (dữ liệu mẫu)",
		Phone: "(0293) 3 866 000", Tag: "nga-bay"},
	"937": {Intro: "Thị xã Long Mỹ ở phía Nam tỉnh, vùng trồng lúa và cây ăn trái.",
		Area: 145.6, Population: 56000, Leaders: "Bí thư Thị ủy: (dữ liệu mẫu)", Tag: "long-my"},
	"932": {Intro: "Huyện Châu Thành A giáp thành phố Cần Thơ, có khu công nghiệp Tân Phú Thạnh.",
		Area: 160.9, Population: 100000, Leaders: "Bí thư Huyện ủy: (dữ liệu mẫu)", Tag: "chau-thanh-a"},
	"933": {Intro: "Huyện Châu Thành nằm bên sông Hậu, có cảng và khu công nghiệp Sông Hậu.",
		Area: 142.6, Population: 80000, Leaders: "Bí thư Huyện ủy: (dữ liệu mẫu)", Tag: "chau-thanh"},
	"934": {Intro: "Huyện Phụng Hiệp là huyện rộng nhất tỉnh, có Khu bảo tồn thiên nhiên Lung Ngọc Hoàng.",
		Area: 485.6, Population: 180000, Leaders: "Bí thư Huyện ủy: (dữ liệu mẫu)", Tag: "phung-hiep"},
	"935": {Intro: "Huyện Vị Thủy nằm giữa tỉnh, dọc kênh Xà No.",
		Area: 229.6, Population: 88000, Leaders: "Bí thư Huyện ủy: (dữ liệu mẫu)", Tag: "vi-thuy"},
	"936": {Intro: "Huyện Long Mỹ ở phía Tây Nam tỉnh, giáp tỉnh Kiên Giang và Bạc Liêu.",
		Area: 232.0, Population: 81000, Leaders: "Bí thư Huyện ủy: (dữ liệu mẫu)", Tag: "long-my-huyen"},
}

// seedMap loads the demo map through the same reader an upload takes, and
// writes each unit's page.
func seedMap(ctx context.Context, s Store, _ media.Storage, _ time.Time) error {
	fs, err := geo.Read(bytes.NewReader(hauGiangGeoJSON))
	if err != nil {
		return fmt.Errorf("map: %w", err)
	}
	drawn, err := geo.Draw(fs)
	if err != nil {
		return fmt.Errorf("map: %w", err)
	}
	m := drawn.AdminMap()
	if _, err := s.ReplaceMap(ctx, demoActor, m); err != nil {
		return fmt.Errorf("map: %w", err)
	}
	for _, u := range m.Units {
		page := unitFacts[u.Code]
		page.Intro += "\n\n" + demoNote
		if err := s.SaveMapUnitPage(ctx, demoActor, u.ID, &page); err != nil {
			return fmt.Errorf("map unit %s: %w", u.Name, err)
		}
	}
	return nil
}
