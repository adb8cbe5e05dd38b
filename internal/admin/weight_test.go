package admin_test

import (
	"bytes"
	"encoding/json"
	"image"
	"image/color"
	"image/jpeg"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"cong/internal/admin"
	"cong/internal/media"
	"cong/internal/portal"
	"cong/internal/storetest"
)

// grainyJPEG is a photo heavy for its size: every pixel different.
func grainyJPEG(t *testing.T, w, h int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	rnd := rand.New(rand.NewPCG(1, 2))
	for y := range h {
		for x := range w {
			img.Set(x, y, color.RGBA{uint8(x + rnd.IntN(60)), uint8(y + rnd.IntN(60)), uint8(rnd.IntN(255)), 255})
		}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 90}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// weightNewsroom is a newsroom with a heavy photo in its library.
func weightNewsroom(t *testing.T) (*newsroom, *portal.Media) {
	t.Helper()
	n := newNewsroom(t, storetest.Open(t, storetest.SQLiteDSN(t)))
	if w := n.upload(t, "reporter", "hoi-truong.jpg", "Hội trường", grainyJPEG(t, 1200, 800)); w.Code != http.StatusSeeOther {
		t.Fatalf("upload = %d %s", w.Code, w.Body.String())
	}
	list, err := n.db.ListMedia(ctx, portal.MediaFilter{Query: "hoi truong", Images: true})
	if err != nil || len(list) != 1 || len(list[0].WebP) == 0 {
		t.Fatalf("library = %+v, %v; want the photo with WebP copies", list, err)
	}
	return n, &list[0]
}

func weigh(t *testing.T, n *newsroom, role string, form url.Values) (int, admin.ImageWeight, string) {
	t.Helper()
	w := n.do(t, role, "POST", admin.Prefix+"/bai-viet/trong-luong-anh", form)
	var iw admin.ImageWeight
	if w.Code == http.StatusOK || w.Code == http.StatusBadRequest {
		if ct := w.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
			t.Errorf("Content-Type = %q", ct)
		}
		json.Unmarshal(w.Body.Bytes(), &iw)
	}
	return w.Code, iw, w.Body.String()
}

func TestImageWeightEndpoint(t *testing.T) {
	n, photo := weightNewsroom(t)
	sizes := &media.SizeCache{Store: media.Dir(n.media)}
	library := map[string]*portal.Media{photo.File: photo}
	img := `<p><img src="` + photo.URL() + `" alt="Hội trường"></p>`
	outside := `<p><img src="https://bao.example.vn/anh.jpg" alt="Ảnh báo"></p>`
	id := strconv.FormatInt(photo.ID, 10)
	for _, c := range []struct {
		name  string
		form  url.Values
		cover *portal.Media
	}{
		{"no pictures", url.Values{"body": {"<p>Chữ</p>"}, "cover": {"0"}}, nil},
		{"a picture in the body", url.Values{"body": {img}}, nil},
		{"the cover", url.Values{"body": {""}, "cover": {id}}, photo},
		{"cover, body and a picture from elsewhere", url.Values{"body": {img + outside}, "cover": {id}}, photo},
	} {
		code, got, raw := weigh(t, n, "reporter", c.form)
		want := media.PhoneWeight(c.cover, c.form.Get("body"), library, sizes.Size)
		if code != http.StatusOK || got.Bytes != want.Bytes || got.Budget != portal.DefaultImageBudget || got.Over {
			t.Errorf("%s: %d %s; want 200, %d bytes of a budget of 500 000, not over", c.name, code, raw, want.Bytes)
		}
		summary := "Ảnh của trang: " + strconv.FormatInt((want.Bytes+999)/1000, 10) + " KB khi xem trên điện thoại (ngân sách 500 KB)."
		if got.Summary != summary || got.Warning != "" {
			t.Errorf("%s: summary %q, warning %q; want %q and none", c.name, got.Summary, got.Warning, summary)
		}
		if strings.Contains(c.name, "elsewhere") && (len(got.Outsides) != 1 || got.Outsides[0] != "https://bao.example.vn/anh.jpg" ||
			!strings.Contains(got.Unknown, "Chưa tính 1 ảnh")) {
			t.Errorf("%s: unknown %q %v", c.name, got.Unknown, got.Outsides)
		}
	}
	// The cover and the body's picture are both drawn with their WebP copy
	// at 640 pixels for 290 × 2 (the body's by the reader's page, webpBody).
	cover := media.PhoneWeight(photo, "", library, sizes.Size)
	body := media.PhoneWeight(nil, img, library, sizes.Size)
	webp := media.WebPFile(media.VariantFile(photo.File, 640))
	if body.Pictures[0].File != webp || cover.Pictures[0].File != webp {
		t.Errorf("cover %+v, body %+v; want the 640-pixel copies", cover, body)
	}

	for _, c := range []struct {
		name, role string
		form       url.Values
		code       int
		message    string
	}{
		{"a cover that is no number", "reporter", url.Values{"body": {img}, "cover": {"abc"}}, 400, "Ảnh đại diện không hợp lệ."},
		{"a cover not in the library", "reporter", url.Values{"body": {img}, "cover": {"987654"}}, 400, "Ảnh đại diện không có trong thư viện."},
		{"nobody signed in", "anonymous", url.Values{"body": {img}}, http.StatusForbidden, ""},
	} {
		code, got, raw := weigh(t, n, c.role, c.form)
		if code != c.code || c.message != "" && !strings.Contains(raw, c.message) || got.Summary != "" {
			t.Errorf("%s: %d %s; want %d with %q", c.name, code, raw, c.code, c.message)
		}
	}
	huge := url.Values{"body": {strings.Repeat("ư", portal.MaxBody)}} // 6 bytes a letter, encoded
	if w := n.do(t, "reporter", "POST", admin.Prefix+"/bai-viet/trong-luong-anh", huge); w.Code != http.StatusRequestEntityTooLarge {
		t.Errorf("a body past the cap: %d; want 413", w.Code)
	}
	over := url.Values{"body": {strings.Repeat("x", portal.MaxBody+1)}}
	if code, _, raw := weigh(t, n, "reporter", over); code != 400 || !strings.Contains(raw, "dài quá") {
		t.Errorf("a body longer than an article's: %d %s", code, raw)
	}
}

// setBudget saves the settings with an image budget of kb KB and returns
// the answer's status and page.
func setBudget(t *testing.T, n *newsroom, kb string) string {
	t.Helper()
	form := url.Values{"name": {"Cổng Thông tin điện tử tỉnh"}, "image_budget": {kb}, "order_ads": {"1"}, "order_links": {"2"},
		"order_schedule": {"3"}, "order_map": {"4"}, "order_counter": {"5"}, "order_poll": {"6"}}
	w := n.do(t, "admin", "POST", admin.Prefix+"/cai-dat", form)
	return strconv.Itoa(w.Code) + " " + w.Body.String()
}

func TestImageBudgetSetting(t *testing.T) {
	n := newNewsroom(t, storetest.Open(t, storetest.SQLiteDSN(t)))
	if w := n.do(t, "admin", "GET", admin.Prefix+"/cai-dat", nil); !strings.Contains(w.Body.String(), `name="image_budget" type="number" min="50" max="5000" step="1" value="500"`) {
		t.Errorf("settings page: no budget field of 500 KB")
	}
	for _, c := range []struct {
		kb     string
		saved  bool
		stored string
	}{
		{"10", false, ""}, {"5001", false, ""}, {"năm trăm", false, ""}, {"-500", false, ""},
		{"730", true, "730000"}, {"1.500", true, "1500000"}, {"", true, "500000"},
	} {
		got := setBudget(t, n, c.kb)
		if c.saved != strings.HasPrefix(got, "303") {
			t.Errorf("budget %q: %.200s", c.kb, got)
		}
		if !c.saved && (!strings.HasPrefix(got, "400") || !strings.Contains(got, "Ngân sách ảnh của một trang là một số KB, từ 50 đến 5.000.")) {
			t.Errorf("budget %q: want 400 with the Vietnamese message, got %.200s", c.kb, got)
		}
		kv, _ := n.db.Settings(ctx)
		if c.saved && kv[portal.SettingImageBudget] != c.stored {
			t.Errorf("budget %q stored as %q; want %q", c.kb, kv[portal.SettingImageBudget], c.stored)
		}
	}
	if w := n.do(t, "editor", "POST", admin.Prefix+"/cai-dat", url.Values{"name": {"X"}, "image_budget": {"60"}}); w.Code != http.StatusForbidden {
		t.Errorf("an editor sets the budget: %d; want 403", w.Code)
	}
}

func TestEditorShowsImageWeight(t *testing.T) {
	n, photo := weightNewsroom(t)
	page := n.articlePath("own-draft", "")
	w := n.do(t, "reporter", "GET", page, nil)
	if body := w.Body.String(); !strings.Contains(body, `<div id="image-weight-live" aria-live="polite"><p class="weight-figure">Ảnh của trang: 0 KB khi xem trên điện thoại (ngân sách 500 KB).</p>`) ||
		strings.Contains(body, "vượt ngân sách") || !strings.Contains(body, "weight.js") {
		t.Fatalf("editor without pictures: %d, no figure of 0 KB in a live region", w.Code)
	}
	if got := setBudget(t, n, "50"); !strings.HasPrefix(got, "303") {
		t.Fatalf("budget 50 KB: %.200s", got)
	}
	pw := media.PhoneWeight(nil, `<img src="`+photo.URL()+`">`, map[string]*portal.Media{photo.File: photo}, (&media.SizeCache{Store: media.Dir(n.media)}).Size)
	if pw.Bytes <= 50_000 {
		t.Fatalf("the photo weighs %d bytes on a phone; the test needs more than 50 KB", pw.Bytes)
	}
	kb := strconv.FormatInt((pw.Bytes+999)/1000, 10)
	form := url.Values{"title": {"Nhiều ảnh"}, "body": {`<p><img src="` + photo.URL() + `" alt="Hội trường"></p>`},
		"category": {strconv.FormatInt(n.cat, 10)}, "version": {"1"}}
	if w := n.do(t, "reporter", "POST", page, form); w.Code != http.StatusSeeOther {
		t.Fatalf("save over budget = %d; the warning must not block saving", w.Code)
	}
	body := n.do(t, "reporter", "GET", page, nil).Body.String()
	for _, want := range []string{
		"Ảnh của trang nặng " + kb + " KB khi xem trên điện thoại, vượt ngân sách 50 KB.",
		"<li>Chú thích: " + kb + " KB, bản rộng 640 px</li>", "Gợi ý: bớt số ảnh",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("editor over budget: no %q", want)
		}
	}
	// A save refused for another reason shows the weight of what was sent.
	form.Set("title", "")
	w = n.do(t, "reporter", "POST", page, form)
	if w.Code != http.StatusBadRequest || !strings.Contains(w.Body.String(), "vượt ngân sách 50 KB") {
		t.Errorf("refused save: %d, without the warning", w.Code)
	}
}
