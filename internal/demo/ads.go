package demo

import (
	"context"
	"fmt"
	"time"

	"cong/internal/portal"
)

// The footer of the demo portal.
const (
	footerAddress = "Số 02 đường Ngô Quốc Trị, phường V, thành phố Vị Thanh, tỉnh Hậu Giang"
	footerPhone   = "(0293) 3 878 268"
	footerEmail   = "banbientap@haugiang.dcs.vn"
	footerLicence = "Giấy phép số 15/GP-TTĐT ngày 20/4/2021 của Sở Thông tin và Truyền thông tỉnh Hậu Giang"
)

// seedAds runs an ad in each slot: a picture in the side column and a line
// of text under articles, from a day before now, with no end.
func seedAds(ctx context.Context, s Store, m portal.Media, now time.Time) error {
	ads := []portal.Ad{
		{Slot: portal.AdSlotSide, Title: "Tạp chí Cộng sản điện tử", URL: "https://tapchicongsan.org.vn", Image: m,
			Weight: 1, StartsAt: now.AddDate(0, 0, -1), Active: true},
		{Slot: portal.AdSlotBelowArticle, Title: "Hội chợ sản phẩm OCOP tỉnh Hậu Giang",
			Text: "Hội chợ sản phẩm OCOP tỉnh Hậu Giang: khóm Cầu Đúc, cá thát lát, bưởi Năm Roi — xem danh sách gian hàng",
			URL:  "https://haugiang.gov.vn", Weight: 1, StartsAt: now.AddDate(0, 0, -1), Active: true},
	}
	for i := range ads {
		if err := s.SaveAd(ctx, demoActor, &ads[i]); err != nil {
			return fmt.Errorf("ad: %w", err)
		}
	}
	return nil
}
