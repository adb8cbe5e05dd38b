package demo

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"cong/internal/portal"
	"cong/internal/viet"
)

// The portal's name and owner, as on the old site's header.
const (
	siteName    = "Cổng Thông tin điện tử Đảng bộ tỉnh Hậu Giang"
	siteTagline = "Cơ quan chủ quản: Tỉnh ủy Hậu Giang"
)

// seedSide writes the pictures and content of the side column: settings with
// the map, image links, the week's schedule and an ad that has ended.
func seedSide(ctx context.Context, s Store, mediaDir string, now time.Time) error {
	mapMedia, err := saveSVG(ctx, s, mediaDir, mapFile, mapTitle, mapW, mapH, mapSVG)
	if err != nil {
		return err
	}
	settings := [][2]string{
		{portal.SettingSiteName, siteName},
		{portal.SettingSiteTagline, siteTagline},
		{portal.SettingMapTitle, mapTitle},
		{portal.SettingMapMedia, strconv.FormatInt(mapMedia.ID, 10)},
		{portal.SettingMapDescription, mapDescription},
		{portal.SettingFooterAddress, footerAddress},
		{portal.SettingFooterPhone, footerPhone},
		{portal.SettingFooterEmail, footerEmail},
		{portal.SettingFooterLicence, footerLicence},
	}
	for _, kv := range settings {
		if err := s.SetSetting(ctx, kv[0], kv[1]); err != nil {
			return fmt.Errorf("setting %s: %w", kv[0], err)
		}
	}
	links, err := seedImageLinks(ctx, s, mediaDir)
	if err != nil {
		return err
	}
	if err := seedSchedule(ctx, s, now); err != nil {
		return err
	}
	if err := seedExpiredAd(ctx, s, links[len(links)-1].Image, now); err != nil {
		return err
	}
	return seedAds(ctx, s, links[len(links)-1].Image, now)
}

// saveSVG writes an SVG drawn by draw, unless present, and saves its record.
func saveSVG(ctx context.Context, s Store, mediaDir, file, alt string, w, h int, draw func() []byte) (portal.Media, error) {
	size, err := writeMissing(mediaDir, file, func() ([]byte, error) { return draw(), nil })
	if err != nil {
		return portal.Media{}, err
	}
	m := portal.Media{File: file, MIME: "image/svg+xml", Alt: alt, Width: w, Height: h, Size: size}
	if err := s.CreateMedia(ctx, &m); err != nil {
		return portal.Media{}, fmt.Errorf("media %s: %w", file, err)
	}
	return m, nil
}

func seedImageLinks(ctx context.Context, s Store, mediaDir string) ([]portal.ImageLink, error) {
	var links []portal.ImageLink
	for i, b := range banners {
		m, err := saveSVG(ctx, s, mediaDir, b.file, b.title, bannerW, bannerH, b.svg)
		if err != nil {
			return nil, err
		}
		l := portal.ImageLink{Title: b.title, URL: b.url, Image: m, Position: i + 1, Active: true}
		if err := s.CreateImageLink(ctx, &l); err != nil {
			return nil, fmt.Errorf("image link %s: %w", b.title, err)
		}
		links = append(links, l)
	}
	return links, nil
}

// scheduleItem is an entry of the work schedule, placed by weekday and time.
type scheduleItem struct {
	day          int // 0 is Monday
	hour, minute int
	leader       string
	content      string // "{năm}" stands for the year under review
	location     string
}

var weekSchedule = []scheduleItem{
	{0, 7, 30, "Bí thư Tỉnh ủy", "Dự Hội nghị tổng kết công tác xây dựng Đảng năm {năm}", "Hội trường Tỉnh ủy"},
	{0, 14, 0, "Phó Bí thư Thường trực Tỉnh ủy", "Làm việc với Ban Thường vụ Thành ủy Vị Thanh về tình hình thực hiện nghị quyết", "Thành ủy Vị Thanh"},
	{1, 8, 0, "Chủ tịch UBND tỉnh", "Chủ trì phiên họp thường kỳ của Ủy ban nhân dân tỉnh", "Phòng họp UBND tỉnh"},
	{2, 7, 30, "Bí thư Tỉnh ủy", "Tiếp xúc cử tri huyện Phụng Hiệp trước kỳ họp Hội đồng nhân dân tỉnh", "Hội trường UBND huyện Phụng Hiệp"},
	{2, 14, 0, "Phó Chủ tịch UBND tỉnh", "Kiểm tra tiến độ thi công các công trình giao thông trọng điểm", "Huyện Châu Thành A"},
	{3, 14, 0, "Phó Bí thư Thường trực Tỉnh ủy", "Dự Lễ trao Huy hiệu Đảng cho đảng viên cao tuổi Đảng", "Hội trường Thị ủy Long Mỹ"},
	{4, 8, 0, "Thường trực Tỉnh ủy", "Họp Ban Thường vụ Tỉnh ủy cho ý kiến các đề án trình Ban Chấp hành Đảng bộ tỉnh", "Phòng họp Ban Thường vụ Tỉnh ủy"},
}

// seedSchedule fills the week that contains now, so the block is never empty
// on the day the demo starts.
func seedSchedule(ctx context.Context, s Store, now time.Time) error {
	monday := viet.WeekStart(now)
	// Year-end reviews run into January, when the year under review is the last.
	year := strconv.Itoa(monday.AddDate(0, -1, 0).Year())
	for _, it := range weekSchedule {
		content := strings.ReplaceAll(it.content, "{năm}", year)
		e := portal.ScheduleEntry{
			StartsAt: monday.AddDate(0, 0, it.day).Add(time.Duration(it.hour)*time.Hour + time.Duration(it.minute)*time.Minute),
			Leader:   it.leader, Content: content, Location: it.location,
		}
		if err := s.CreateScheduleEntry(ctx, &e); err != nil {
			return fmt.Errorf("schedule entry: %w", err)
		}
	}
	return nil
}

// seedExpiredAd adds an ad that ended a month ago: the block shows "Không có
// quảng cáo" as on the old site, and the ad shows that the dates are honoured.
func seedExpiredAd(ctx context.Context, s Store, m portal.Media, now time.Time) error {
	a := portal.Ad{
		Title: "Hội chợ Thương mại - Nông nghiệp tỉnh Hậu Giang", URL: "https://haugiang.gov.vn",
		Image: m, Position: 1, StartsAt: now.AddDate(0, -2, 0), EndsAt: now.AddDate(0, -1, 0), Active: true,
	}
	if err := s.CreateAd(ctx, &a); err != nil {
		return fmt.Errorf("ad: %w", err)
	}
	return nil
}
