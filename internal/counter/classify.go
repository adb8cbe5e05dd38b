package counter

import (
	"net"
	"net/url"
	"strings"

	"cong/internal/portal"
)

// DeviceClass tells a phone, a tablet or a desktop from a User-Agent, the
// way statistics need it: by the words browsers put there, no database of
// models. Anything unknown is a desktop.
func DeviceClass(ua string) string {
	ua = strings.ToLower(ua)
	switch {
	case strings.Contains(ua, "ipad") || strings.Contains(ua, "tablet") || strings.Contains(ua, "kindle") ||
		strings.Contains(ua, "silk/") || strings.Contains(ua, "playbook"):
		return portal.DeviceTablet
	case strings.Contains(ua, "mobi") || strings.Contains(ua, "iphone") || strings.Contains(ua, "ipod") ||
		strings.Contains(ua, "windows phone") || strings.Contains(ua, "opera mini") || strings.Contains(ua, "blackberry"):
		return portal.DevicePhone
	case strings.Contains(ua, "android"):
		return portal.DeviceTablet // Android without "Mobile" is a tablet, by Google's own rule
	}
	return portal.DeviceDesktop
}

// ReferrerHost returns the host of another site a Referer names, normalised
// (lower case, no port, no "www."), or "" when there is none to count: an
// empty or malformed Referer, one of the portal's own hosts, anything but
// http and https. Only the host is kept: paths and queries may carry
// personal data.
func ReferrerHost(referer string, own ...string) string {
	if referer == "" || len(referer) > 2048 {
		return ""
	}
	u, err := url.Parse(referer)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
		return ""
	}
	host := normalHost(u.Hostname())
	if host == "" {
		return ""
	}
	for _, o := range own {
		if h, _, err := net.SplitHostPort(o); err == nil {
			o = h
		}
		if normalHost(o) == host {
			return ""
		}
	}
	return host
}

// normalHost lower-cases host and drops "www."; a host with anything but
// letters, digits, dots and dashes, or without a dot, is refused.
func normalHost(host string) string {
	host = strings.TrimSuffix(strings.ToLower(host), ".")
	host = strings.TrimPrefix(host, "www.")
	if host == "" || len(host) > 100 || !strings.Contains(host, ".") {
		return ""
	}
	for _, c := range []byte(host) {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' || c == '-') {
			return ""
		}
	}
	return host
}
