package demo

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"cong/internal/media"
	"cong/internal/portal"
)

// The portal's name and owner, as on the old site's header.
const (
	siteName    = "Cổng Thông tin điện tử Đảng bộ tỉnh Hậu Giang"
	siteTagline = "Cơ quan chủ quản: Tỉnh ủy Hậu Giang"
)

// seedSide writes the pictures and content of the side column: settings with
// the map, image links, the week's schedule and an ad that has ended.
func seedSide(ctx context.Context, s Store, files media.Storage, now time.Time) error {
	mapMedia, err := saveSVG(ctx, s, files, mapFile, mapTitle, mapW, mapH, mapSVG)
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
	kv := make(map[string]string, len(settings))
	for _, pair := range settings {
		kv[pair[0]] = pair[1]
	}
	if err := s.SaveSettings(ctx, demoActor, kv); err != nil {
		return fmt.Errorf("settings: %w", err)
	}
	links, err := seedImageLinks(ctx, s, files)
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
func saveSVG(ctx context.Context, s Store, files media.Storage, file, alt string, w, h int, draw func() []byte) (portal.Media, error) {
	size, err := writeMissing(ctx, files, file, func() ([]byte, error) { return draw(), nil })
	if err != nil {
		return portal.Media{}, err
	}
	m := portal.Media{File: file, MIME: "image/svg+xml", Alt: alt, Width: w, Height: h, Size: size}
	if err := s.CreateMedia(ctx, demoActor, &m); err != nil {
		return portal.Media{}, fmt.Errorf("media %s: %w", file, err)
	}
	return m, nil
}

func seedImageLinks(ctx context.Context, s Store, files media.Storage) ([]portal.ImageLink, error) {
	var links []portal.ImageLink
	for i, b := range banners {
		m, err := saveSVG(ctx, s, files, b.file, b.title, bannerW, bannerH, b.svg)
		if err != nil {
			return nil, err
		}
		l := portal.ImageLink{Title: b.title, URL: b.url, Image: m, Position: i + 1, Active: true}
		if err := s.SaveImageLink(ctx, demoActor, &l); err != nil {
			return nil, fmt.Errorf("image link %s: %w", b.title, err)
		}
		links = append(links, l)
	}
	return links, nil
}

// seedExpiredAd adds an ad that ended a month ago: the block shows "Không có
// quảng cáo" as on the old site, and the ad shows that the dates are honoured.
func seedExpiredAd(ctx context.Context, s Store, m portal.Media, now time.Time) error {
	a := portal.Ad{
		Title: "Hội chợ Thương mại - Nông nghiệp tỉnh Hậu Giang", URL: "https://haugiang.gov.vn",
		Slot: portal.AdSlotSide, Weight: 1, Image: m, Position: 1, StartsAt: now.AddDate(0, -2, 0),
		EndsAt: now.AddDate(0, -1, 0), Active: true,
	}
	if err := s.SaveAd(ctx, demoActor, &a); err != nil {
		return fmt.Errorf("ad: %w", err)
	}
	return nil
}
