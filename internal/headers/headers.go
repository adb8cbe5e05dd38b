// Package headers holds the response headers the public site and the back
// office both send, so that the two wings cannot drift apart on them. Each
// wing adds its own policy of content, framing and referrers.
package headers

import "net/http"

// permissionsPolicy turns off the powerful features no page of the portal
// uses, for the page and anything it embeds.
const permissionsPolicy = "accelerometer=(), ambient-light-sensor=(), autoplay=(), bluetooth=(), browsing-topics=(), " +
	"camera=(), display-capture=(), geolocation=(), gyroscope=(), hid=(), interest-cohort=(), magnetometer=(), " +
	"microphone=(), midi=(), payment=(), screen-wake-lock=(), serial=(), usb=(), xr-spatial-tracking=()"

// hsts tells browsers to come back over HTTPS only, for a year, once they
// reached the portal over HTTPS. Subdomains are left out: an agency's other
// sites may not all have certificates.
const hsts = "max-age=31536000"

// Set writes the shared headers into h: no powerful features, no opener
// shared with other sites' windows, no sniffing of types, and over HTTPS
// (secure) HSTS.
func Set(h http.Header, secure bool) {
	h["Permissions-Policy"] = []string{permissionsPolicy}
	h["Cross-Origin-Opener-Policy"] = []string{"same-origin"}
	h["X-Content-Type-Options"] = []string{"nosniff"}
	if secure {
		h["Strict-Transport-Security"] = []string{hsts}
	}
}
