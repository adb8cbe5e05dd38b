package nukeviet

import (
	"html"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"cong/internal/importer"
	"cong/internal/portal"
	"cong/internal/sanitize"
)

// unixTime is a NukeViet time: Unix seconds, 0 for none.
func unixTime(sec int64) time.Time {
	if sec <= 0 {
		return time.Time{}
	}
	return time.Unix(sec, 0).UTC()
}

// lockedStatus is NukeViet's row_locked_status: an article whose category
// is suspended has its status raised by lockedStatus+1.
const lockedStatus = 20

// statusNames are the article statuses of NukeViet 4.5's news module, as
// its back office names them.
var statusNames = map[int]string{
	0: "Ngưng hiệu lực", 1: "Xuất bản", 2: "Hẹn giờ đăng", 3: "Hết hạn", 4: "Lưu nháp", 5: "Chuyển duyệt bài",
	6: "Từ chối duyệt bài", 7: "Đang duyệt bài", 8: "Chuyển đăng bài", 9: "Từ chối đăng bài", 10: "Đang kiểm tra để đăng",
}

// articleStatus maps a NukeViet status to the workflow's, at time now. It
// returns the note for the article's history when the status is not a
// plain "published", and whether its category had locked it.
func articleStatus(status int, publ, exp time.Time, now time.Time) (portal.Status, string, bool) {
	locked := status > lockedStatus
	if locked {
		status -= lockedStatus + 1
	}
	name, known := statusNames[status]
	if !known {
		name = "mã " + strconv.Itoa(status)
	}
	var s portal.Status
	switch status {
	case 1:
		s = portal.StatusPublished
		if !exp.IsZero() && !exp.After(now) {
			s, name = portal.StatusUnpublished, "Xuất bản, đã hết hạn"
		} else if publ.After(now) {
			s = portal.StatusScheduled
		}
	case 2:
		s = portal.StatusScheduled
	case 3:
		s = portal.StatusArchived
	case 0:
		s = portal.StatusUnpublished
	case 5, 7, 8, 10:
		s = portal.StatusEdited
	case 6, 9:
		s = portal.StatusReturned
	default:
		s = portal.StatusDraft
	}
	note := ""
	if s != portal.StatusPublished || locked {
		note = "Trạng thái trên NukeViet: " + name
		if locked {
			note += " (bị khóa theo chuyên mục)"
		}
		note += "."
	}
	return s, note, locked
}

// plain is a one-line text of NukeViet: stored HTML-escaped by its forms,
// sometimes with markup; the result is plain NFC text.
func plain(s string) string { return sanitize.Plain(importer.FixText(s)) }

// summary is hometext as plain text within the portal's limit; cut tells
// whether it had to be shortened.
func summary(hometext string) (s string, cut bool) {
	s = sanitize.Text(importer.FixText(hometext))
	if utf8.RuneCountInString(s) <= portal.MaxSummary {
		return s, false
	}
	r := []rune(s)[:portal.MaxSummary-1]
	return strings.TrimSpace(string(r)) + "…", true
}

// breaks are the line breaks NukeViet's comment form stores (nv_nl2br).
var breaks = regexp.MustCompile(`(?i)<br\s*/?>\s*`)

// commentText is a comment's content as the portal keeps it: plain text,
// one line per line the reader wrote.
func commentText(content string) string {
	lines := strings.Split(breaks.ReplaceAllString(importer.FixText(content), "\n"), "\n")
	var out []string
	for _, l := range lines {
		if l = sanitize.Plain(l); l != "" {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

// commentStatus maps the comment module's status: 1 shown, 0 waiting.
func commentStatus(status int) portal.CommentStatus {
	if status == 1 {
		return portal.CommentApproved
	}
	return portal.CommentPending
}

// commentsOpen tells whether allowed_comm (the groups that may comment,
// comma-separated) lets readers comment: some group other than the three
// of administrators (1, 2, 3).
func commentsOpen(allowed string) bool {
	for _, g := range strings.Split(allowed, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(g))
		if err == nil && (n == 4 || n == 5 || n == 6 || n == 7 || n > 9) {
			return true
		}
	}
	return false
}

// categoryIDs are the ids of listcatid, the main one first.
func categoryIDs(main int64, list string) []int64 {
	ids := []int64{main}
	for _, f := range strings.Split(list, ",") {
		if n, err := strconv.ParseInt(strings.TrimSpace(f), 10, 64); err == nil && n > 0 && !slices.Contains(ids, n) {
			ids = append(ids, n)
		}
	}
	return ids
}

// tagNames are the article's tags as the portal keeps them: plain, each at
// most portal.MaxTag characters, no repeats, at most portal.MaxTags.
func tagNames(keywords []string) (names []string, dropped int) {
	seen := map[string]bool{}
	for _, k := range keywords {
		k = plain(k)
		key := strings.ToLower(k)
		switch {
		case k == "" || seen[key]:
			continue
		case utf8.RuneCountInString(k) > portal.MaxTag || len(names) == portal.MaxTags:
			dropped++
			continue
		}
		seen[key] = true
		names = append(names, k)
	}
	return names, dropped
}

// byline is the article's author: the author field, else the pseudonyms of
// its internal authors, within the portal's limit.
func byline(author string, pseudonyms []string) string {
	s := plain(author)
	if s == "" {
		var ps []string
		for _, p := range pseudonyms {
			if p = plain(p); p != "" {
				ps = append(ps, p)
			}
		}
		s = strings.Join(ps, ", ")
	}
	if utf8.RuneCountInString(s) > portal.MaxByline {
		s = string([]rune(s)[:portal.MaxByline])
	}
	return s
}

// source is the article's "Nguồn" and its link. content.php files a source
// given as a link under its host (title) and scheme://host (link), and keeps
// the whole link in detail.sourcetext; a source given as a name is its title.
func source(title, link, sourcetext string) (name, url string) {
	name = plain(title)
	text := strings.TrimSpace(html.UnescapeString(importer.FixText(sourcetext)))
	switch {
	case portal.ValidLink(text) && len(text) <= 500:
		url = text
	case portal.ValidLink(strings.TrimSpace(link)):
		url = strings.TrimSpace(link)
	}
	if name == "" && !portal.ValidLink(text) {
		name = plain(text)
	}
	if utf8.RuneCountInString(name) > portal.MaxByline {
		name = string([]rune(name)[:portal.MaxByline])
	}
	return name, url
}
