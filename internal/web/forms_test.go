package web_test

import (
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/google/go-cmp/cmp"

	"cong/internal/demo"
	"cong/internal/storetest"
	"cong/internal/web"
)

// TestFormErrorsMarkup sends each of the readers' three forms empty and
// too soon: the page comes back with every message at once, the same way
// on each form — a summary that takes the focus and links to each field in
// order, and each field marked aria-invalid and described by its message.
func TestFormErrorsMarkup(t *testing.T) {
	db := storetest.Open(t, storetest.SQLiteDSN(t))
	media := t.TempDir()
	if _, err := demo.Seed(ctx, db, media, time.Now()); err != nil {
		t.Fatal(err)
	}
	s := newSiteWith(t, db, web.Services{Categories: db, Articles: db, Side: db, Schedule: db, Comments: db, Questions: db,
		Consultations: db, Ready: db.Ping}, media)
	consultation, _ := parse(t, s.get(t, "/gop-y-du-thao")).Find(".consultation-item h2 a").Attr("href")
	settings, _ := db.Settings(ctx)
	tooSoon := strconv.FormatInt(web.FormToken(settings["forms.secret"], time.Now()), 10)
	const token = "Biểu mẫu đã quá hạn hoặc được gửi quá nhanh. Xin kiểm tra rồi gửi lại."

	for _, tc := range []struct {
		name, path, form string
		want             []string // ids of the fields the summary links to, in order
	}{
		{"comment", seedURL, "#gui-y-kien", []string{"c-name", "c-email", "c-body", "c-consent"}},
		{"question", "/hoi-dap/gui-cau-hoi", "#gui-cau-hoi",
			[]string{"q-name", "q-email", "q-topic", "q-title", "q-content", "q-consent"}},
		{"consultation", consultation, "#gui-gop-y", []string{"c-name", "c-email", "c-body", "c-consent"}},
	} {
		r := httptest.NewRequest("POST", tc.path, strings.NewReader(url.Values{"t": {tooSoon}}.Encode()))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		w := httptest.NewRecorder()
		s.h.ServeHTTP(w, r)
		if w.Code != 400 {
			t.Errorf("%s: POST %s empty = %d; want 400", tc.name, tc.path, w.Code)
			continue
		}
		form := parse(t, w).Find(tc.form)
		summary := form.Find(".error-summary")
		if summary.Length() != 1 {
			t.Errorf("%s: %d error summaries in the form; want 1", tc.name, summary.Length())
			continue
		}
		for attr, want := range map[string]string{"tabindex": "-1", "autofocus": "", "role": "alert"} {
			if got, ok := summary.Attr(attr); !ok || got != want {
				t.Errorf("%s: summary %s = %q (%v); want %q", tc.name, attr, got, ok, want)
			}
		}
		if first := strings.TrimSpace(summary.Find("li").First().Text()); first != token {
			t.Errorf("%s: first message = %q; want the form's own %q", tc.name, first, token)
		}
		var linked []string
		summary.Find("li a").Each(func(_ int, a *goquery.Selection) {
			id := strings.TrimPrefix(a.AttrOr("href", ""), "#")
			linked = append(linked, id)
			checkInvalidField(t, tc.name, form, id, strings.TrimSpace(a.Text()))
		})
		if diff := cmp.Diff(tc.want, linked); diff != "" {
			t.Errorf("%s: the summary links to (-want +got):\n%s", tc.name, diff)
		}
		if n := form.Find(`[aria-invalid="true"]`).Length(); n != len(tc.want) {
			t.Errorf("%s: %d fields marked invalid; want %d", tc.name, n, len(tc.want))
		}
	}
}

// checkInvalidField checks that the field id in form is marked invalid and
// described by a message reading message.
func checkInvalidField(t *testing.T, name string, form *goquery.Selection, id, message string) {
	t.Helper()
	field := form.Find("#" + id)
	if field.Length() != 1 || !field.Is("input, select, textarea") {
		t.Errorf("%s: the summary links to #%s, which is not a field of the form", name, id)
		return
	}
	if v, _ := field.Attr("aria-invalid"); v != "true" {
		t.Errorf("%s: #%s aria-invalid = %q; want true", name, id, v)
	}
	described, _ := field.Attr("aria-describedby")
	msg := form.Find("#" + described)
	if described == "" || !msg.HasClass("field-error") || strings.TrimSpace(msg.Text()) != message {
		t.Errorf("%s: #%s aria-describedby = %q, reading %q; want its message %q", name, id, described, msg.Text(), message)
	}
}

// TestQuestionAddressAutocomplete: the one-line address field asks the
// browser for the first line of an address; "street-address" is for a
// field that can hold several lines.
func TestQuestionAddressAutocomplete(t *testing.T) {
	db := storetest.Open(t, storetest.SQLiteDSN(t))
	s := newSiteWith(t, db, web.Services{Categories: db, Articles: db, Side: db, Schedule: db, Questions: db, Ready: db.Ping}, t.TempDir())
	field := parse(t, s.get(t, "/hoi-dap/gui-cau-hoi")).Find("#q-address")
	if !field.Is("input") || field.AttrOr("autocomplete", "") != "address-line1" {
		t.Errorf("address field = <%s autocomplete=%q>; want a one-line input with autocomplete=\"address-line1\"",
			goquery.NodeName(field), field.AttrOr("autocomplete", ""))
	}
}
