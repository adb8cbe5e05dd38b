package nukeviet

import (
	"slices"
	"testing"
	"time"

	"cong/internal/portal"
)

func TestArticleStatus(t *testing.T) {
	now := time.Date(2026, 12, 6, 8, 0, 0, 0, time.UTC)
	past, future := now.Add(-time.Hour), now.Add(time.Hour)
	for _, c := range []struct {
		name      string
		status    int
		publ, exp time.Time
		want      portal.Status
		locked    bool
	}{
		{"published", 1, past, time.Time{}, portal.StatusPublished, false},
		{"published, expiring later", 1, past, future, portal.StatusPublished, false},
		{"published, expired before the clock ran", 1, past, past, portal.StatusUnpublished, false},
		{"published ahead of time", 1, future, time.Time{}, portal.StatusScheduled, false},
		{"scheduled", 2, future, time.Time{}, portal.StatusScheduled, false},
		{"expired, archived", 3, past, past, portal.StatusArchived, false},
		{"suspended", 0, past, time.Time{}, portal.StatusUnpublished, false},
		{"draft", 4, past, time.Time{}, portal.StatusDraft, false},
		{"sent for review", 5, past, time.Time{}, portal.StatusEdited, false},
		{"review refused", 6, past, time.Time{}, portal.StatusReturned, false},
		{"sent for publishing", 8, past, time.Time{}, portal.StatusEdited, false},
		{"publishing refused", 9, past, time.Time{}, portal.StatusReturned, false},
		{"locked by its category", 22, past, time.Time{}, portal.StatusPublished, true},
		{"unknown", 15, past, time.Time{}, portal.StatusDraft, false},
	} {
		got, note, locked := articleStatus(c.status, c.publ, c.exp, now)
		if got != c.want || locked != c.locked || (got != portal.StatusPublished || locked) != (note != "") {
			t.Errorf("%s: articleStatus(%d) = %s, %q, %v; want %s, locked %v", c.name, c.status, got, note, locked, c.want, c.locked)
		}
	}
}

func TestUploadPath(t *testing.T) {
	for src, want := range map[string]string{
		"/uploads/news/2020_12/hoi-nghi.jpg":                 "news/2020_12/hoi-nghi.jpg",
		"uploads/news/2020_12/hoi-nghi.JPG":                  "news/2020_12/hoi-nghi.JPG",
		"http://old.gov.vn/uploads/news/2020_12/a%20b.png":   "news/2020_12/a b.png",
		"/nukeviet/uploads/news/2020/12/anh-đẹp.webp":        "news/2020/12/anh-đẹp.webp",
		"/assets/news/2020_12/hoi-nghi.jpg":                  "news/2020_12/hoi-nghi.jpg",
		"/uploads/news/../../etc/passwd.jpg":                 "",
		"/uploads/news/2020_12/ke-hoach.pdf":                 "",
		"https://example.com/anh.jpg":                        "",
		"data:image/png;base64,iVBORw0KGgo=":                 "",
		"javascript:alert(1)//uploads/x.jpg":                 "",
		"/uploads/news/2020_12/hoi-nghi.jpg?v=2":             "news/2020_12/hoi-nghi.jpg",
		"//cdn.old.gov.vn/uploads/news/2020_12/hoi-nghi.gif": "news/2020_12/hoi-nghi.gif",
		"/uploads/":                                            "",
		"/uploads/news/2020_12/.hidden.jpg":                    "",
		"\t/uploads/news/2020_12/hoi-nghi.jpeg ":               "news/2020_12/hoi-nghi.jpeg",
		"/images/uploads-not/news.jpg":                         "",
		"/themes/default/uploads/x.png":                        "x.png",
		"http://old.gov.vn/index.php?nv=news&op=uploads/x.jpg": "",
		"/uploads/news/2020_12/thumb/hoi-nghi-300x200.jpg":     "news/2020_12/thumb/hoi-nghi-300x200.jpg",
		"/uploads/news/2020_12/hoi nghi.jpg":                   "news/2020_12/hoi nghi.jpg",
		"/UPLOADS/news/x.jpg":                                  "",
		"/uploads/news/2020_12/hoi-nghi":                       "",
		"/uploads/news/2020_12/hoi-nghi.jpg#anh":               "news/2020_12/hoi-nghi.jpg",
		"/uploads/news/2020_12/hoi-nghi.jpg/../../../../x.jpg": "",
	} {
		got, ok := uploadPath(src)
		if got != want || ok != (want != "") {
			t.Errorf("uploadPath(%q) = %q, %v; want %q", src, got, ok, want)
		}
	}
}

func TestTexts(t *testing.T) {
	if got := commentText("Dòng một<br />Dòng &quot;hai&quot;<br><br/>  &lt;b&gt;ba&lt;/b&gt;"); got != "Dòng một\nDòng \"hai\"\n<b>ba</b>" {
		t.Errorf("commentText = %q", got)
	}
	if got := plain("Hội nghị &quot;mở rộng&quot; <b>lần 2</b>"); got != `Hội nghị "mở rộng" lần 2` {
		t.Errorf("plain = %q", got)
	}
	for allowed, open := range map[string]bool{"6": true, "4,5": true, "": false, "1,2,3": false, "0": false, "2,12": true} {
		if commentsOpen(allowed) != open {
			t.Errorf("commentsOpen(%q) = %v", allowed, !open)
		}
	}
	for _, c := range []struct{ title, link, text, name, url string }{
		{"baochinhphu.vn", "https://baochinhphu.vn", "https://baochinhphu.vn/a-102.htm", "baochinhphu.vn", "https://baochinhphu.vn/a-102.htm"},
		{"Báo Hậu Giang", "", "Báo Hậu Giang", "Báo Hậu Giang", ""},
		{"", "", "Sở Y tế", "Sở Y tế", ""},
		{"TTXVN", "http://ttxvn.vn", "", "TTXVN", "http://ttxvn.vn"},
		{"x", "javascript:alert(1)", "", "x", ""},
	} {
		if name, url := source(c.title, c.link, c.text); name != c.name || url != c.url {
			t.Errorf("source(%q, %q, %q) = %q, %q; want %q, %q", c.title, c.link, c.text, name, url, c.name, c.url)
		}
	}
	if got := categoryIDs(3, "3,1, 7,x,0"); !slices.Equal(got, []int64{3, 1, 7}) {
		t.Errorf("categoryIDs = %v", got)
	}
	if got, dropped := tagNames([]string{"Hội nghị", "hội nghị", " ", "Tỉnh &amp; huyện"}); !slices.Equal(got, []string{"Hội nghị", "Tỉnh & huyện"}) || dropped != 0 {
		t.Errorf("tagNames = %q, %d", got, dropped)
	}
}

func TestFolderMonth(t *testing.T) {
	now := func() time.Time { return time.Date(2026, 12, 6, 0, 0, 0, 0, time.UTC) }
	for rel, want := range map[string]string{
		"news/2020_12/a.jpg":    "2020-12",
		"news/2019/03/a.jpg":    "2019-03",
		"news/2019/03/05/a.jpg": "2019-03",
		"news/admin/a.jpg":      "2026-12",
		"2018_07/a.jpg":         "2018-07",
		"news/a.jpg":            "2026-12",
	} {
		if got := folderMonth(rel, now)().Format("2006-01"); got != want {
			t.Errorf("folderMonth(%q) = %s; want %s", rel, got, want)
		}
	}
}

func TestOldAddressForms(t *testing.T) {
	s := &Source{Lang: "vi", Module: "news"}
	got := s.articlePaths(12, "hoi-nghi", []string{"thoi-su"})
	want := []string{"/thoi-su/hoi-nghi-12.html", "/index.php/thoi-su/hoi-nghi-12.html", "/news/thoi-su/hoi-nghi-12.html",
		"/index.php?language=vi&nv=news&op=thoi-su%2Fhoi-nghi-12", "/index.php?language=vi&nv=news&op=thoi-su%2Fhoi-nghi-12.html"}
	if !slices.Equal(got, want) {
		t.Errorf("articlePaths =\n%q\nwant\n%q", got, want)
	}
	if key := portal.LegacyKeyOf(got[3]); key != "/index.php?language=vi&nv=news&op=thoi-su/hoi-nghi-12" {
		t.Errorf("the key of the query form = %q", key)
	}
}
