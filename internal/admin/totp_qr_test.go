package admin_test

import (
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"cong/internal/admin"
	"cong/internal/portal"
	"cong/internal/qrcode"
	"cong/internal/storetest"
)

// TestSecondFactorQRCode: the setup offers, beside the key, a QR code of
// the otpauth:// address — drawn on the server, named for screen readers —
// and the address carries the issuer, the account and the key offered.
func TestSecondFactorQRCode(t *testing.T) {
	n := newNewsroom(t, storetest.Open(t, storetest.SQLiteDSN(t)))
	doc := parseDoc(t, n.do(t, "editor", "GET", admin.Prefix+"/bao-mat", nil))
	secret, _ := doc.Find(`input[name="secret"]`).Attr("value")
	uri := doc.Find("code.uri").Text()
	u, err := url.Parse(uri)
	if err != nil || secret == "" {
		t.Fatalf("address %q (%v), key %q", uri, err, secret)
	}
	// The issuer is the portal's name, so staff of several portals tell
	// their entries apart in the app.
	settings, _ := n.db.Settings(ctx)
	site := settings[portal.SettingSiteName]
	q := u.Query()
	if site == "" || u.Scheme != "otpauth" || u.Host != "totp" || u.Path != "/"+site+":editor" || q.Get("secret") != secret ||
		q.Get("issuer") != site || q.Get("digits") != "6" || q.Get("period") != "30" || q.Get("algorithm") != "SHA1" {
		t.Errorf("address = %q; want otpauth://totp/%s:editor with the key %s, issuer %s, 6 digits, 30 s, SHA1", uri,
			site, secret, site)
	}

	svg := doc.Find("figure.qr-code svg")
	if svg.Length() != 1 {
		t.Fatal("no QR code on the setup page")
	}
	label, _ := svg.Attr("aria-label")
	if role, _ := svg.Attr("role"); role != "img" || !strings.Contains(label, "Mã QR") || !strings.Contains(label, "editor") {
		t.Errorf("QR code role %q, aria-label %q; want img, named in Vietnamese for the account", role, label)
	}
	// The code drawn is the code of the address shown (package qrcode's
	// tests read a drawing back to its text).
	want, err := qrcode.SVG(uri, label)
	if err != nil {
		t.Fatal(err)
	}
	wantDoc, _ := goquery.NewDocumentFromReader(strings.NewReader(string(want)))
	gotD, _ := svg.Find("path").Attr("d")
	wantD, _ := wantDoc.Find("path").Attr("d")
	gotBox, _ := svg.Attr("viewBox")
	wantBox, _ := wantDoc.Find("svg").Attr("viewBox")
	if gotD == "" || gotBox == "" || gotD != wantD || gotBox != wantBox {
		t.Errorf("QR code on the page (viewBox %q) is not the code of %q (viewBox %q)", gotBox, uri, wantBox)
	}

	// Once the second factor is on, no code is offered any more.
	n.db.SetTOTP(ctx, storetest.Actor, n.users["editor"].ID, secret, nil)
	if doc := parseDoc(t, n.do(t, "editor", "GET", admin.Prefix+"/bao-mat", nil)); doc.Find("svg").Length() != 0 {
		t.Error("a QR code is still shown after the second factor is on")
	}
}
