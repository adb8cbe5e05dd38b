package web_test

import (
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"cong/internal/storetest"
)

// TestShareLinks checks the "Chia sẻ" links under an article: each service's
// share address carrying the article's address on the base URL (asked for
// with a forged Host first, as the page is cached), plain links only, and no
// script, frame or picture of another site on the page.
func TestShareLinks(t *testing.T) {
	s := newSite(t, storetest.Open(t, storetest.SQLiteDSN(t)))
	doc := parse(t, s.get(t, seedURL, "Host", forgedHost))
	abs := origin + seedURL
	enc := url.QueryEscape(abs)
	want := map[string]string{
		"Facebook": "https://www.facebook.com/sharer/sharer.php?u=" + enc,
		"Zalo":     "https://sp.zalo.me/share_to?url=" + enc,
		"Thư điện tử": "mailto:?subject=" + strings.ReplaceAll(url.QueryEscape(seedTitle), "+", "%20") +
			"&body=" + strings.ReplaceAll(url.QueryEscape(seedTitle+"\r\n"+abs), "+", "%20"),
	}
	links := doc.Find(".share-links a")
	if links.Length() != len(want) {
		t.Fatalf("%d share links; want %d", links.Length(), len(want))
	}
	for i := range links.Length() {
		a := links.Eq(i)
		href, _ := a.Attr("href")
		if w := want[a.Text()]; href != w {
			t.Errorf("%s link = %q; want %q", a.Text(), href, w)
		}
		if rel, _ := a.Attr("rel"); rel != "noopener noreferrer" {
			t.Errorf("%s link rel = %q", a.Text(), rel)
		}
	}
	mail, _ := doc.Find(`.share-links a[href^="mailto:"]`).Attr("href")
	m, err := url.Parse(mail)
	if err != nil || m.Query().Get("subject") != seedTitle || m.Query().Get("body") != seedTitle+"\r\n"+abs {
		t.Errorf("mailto = %q (%v): subject or body not the title and address", mail, err)
	}
	if v, _ := doc.Find("input#lien-ket").Attr("value"); v != abs {
		t.Errorf("address to copy = %q; want %q", v, abs)
	}
	if _, hidden := doc.Find("button.copy-link").Attr("hidden"); !hidden {
		t.Error("the copy button shows without script")
	}
	doc.Find("script[src], iframe, img[src], link[href], embed, object").Each(func(_ int, e *goquery.Selection) {
		for _, attr := range []string{"src", "href", "data"} {
			v, ok := e.Attr(attr)
			if ok && !strings.HasPrefix(v, "/") && !strings.HasPrefix(v, origin+"/") &&
				!(e.Is("link") && (e.AttrOr("rel", "") == "schema.DC")) {
				t.Errorf("third-party %s %s=%q on the article page", goquery.NodeName(e), attr, v)
			}
		}
	})
}
