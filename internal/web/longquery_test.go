package web_test

import (
	"cong/internal/storetest"
	"net/url"
	"strings"
	"testing"
)

func TestLongVietnameseQuery(t *testing.T) {
	s := newSite(t, storetest.Open(t, storetest.SQLiteDSN(t)))
	q := strings.Repeat("Đảng bộ ", 26)
	w := s.get(t, "/tim-kiem?q="+url.QueryEscape(q))
	if w.Code != 400 || !strings.Contains(w.Body.String(), "200") {
		t.Errorf("a %d-letter query = %d; want 400 naming the 200-letter limit", len([]rune(q)), w.Code)
	}
	w = s.get(t, "/tim-kiem?q="+url.QueryEscape("dang bo tinh hau giang"))
	if w.Code != 200 || !strings.Contains(w.Body.String(), "<mark>") {
		t.Errorf("folded query = %d, marks: %t", w.Code, strings.Contains(w.Body.String(), "<mark>"))
	}
}
