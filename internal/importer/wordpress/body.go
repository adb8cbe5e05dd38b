package wordpress

import (
	"context"
	"html"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"cong/internal/importer"
	"cong/internal/portal"
	"cong/internal/sanitize"
)

// What WordPress keeps in a body beside HTML, and how it becomes HTML the
// portal's sanitizer keeps.
var (
	// blockComment is a Gutenberg block delimiter, <!-- wp:paragraph {…} -->
	// or <!-- /wp:paragraph -->; WordPress escapes "--" and ">" inside.
	blockComment = regexp.MustCompile(`(?s)<!--\s*/?wp:.*?-->`)
	captionCode  = regexp.MustCompile(`(?s)\[(?:wp_)?caption\b([^\]]*)\](.*?)\[/(?:wp_)?caption\]`)
	captionParts = regexp.MustCompile(`(?s)^\s*((?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*</a>)?)(.*)$`)
	embedCode    = regexp.MustCompile(`(?s)\[embed\b([^\]]*)\](.*?)\[/embed\]`)
	// mediaCode is [video …][/video], [audio …][/audio] as the editor
	// writes them, or alone; [gallery …] and [playlist …] stand alone.
	mediaCode   = regexp.MustCompile(`(?s)\[(video|audio)\b([^\]]*)\](?:\s*\[/(?:video|audio)\])?`)
	galleryCode = regexp.MustCompile(`\[(gallery|playlist)\b([^\]]*)\]`)
	shortAttr   = regexp.MustCompile(`([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s'"\]]+))`)
	// bareURL is an address alone on its line: WordPress shows the video or
	// post it names (oEmbed); here it becomes a link.
	bareURL = regexp.MustCompile(`(?m)^[ \t]*(https?://[^\s<>"']+)[ \t]*$`)
	iframe  = regexp.MustCompile(`(?is)<iframe\b[^>]*?\ssrc\s*=\s*["']([^"']+)["'][^>]*>.*?</iframe>`)
	youtube = regexp.MustCompile(`^(?:https?:)?//(?:www\.)?youtube(?:-nocookie)?\.com/embed/([\w-]+)`)
	script  = regexp.MustCompile(`(?is)<script\b|<iframe\b|<object\b|<embed\b|\son[a-z]+\s*=|javascript:`)
	preTag  = regexp.MustCompile(`(?is)<pre\b.*?</pre>`)
	blank   = regexp.MustCompile(`\n[ \t]*\n`)
	// blockStart is a chunk autop leaves as it is.
	blockStart = regexp.MustCompile(`(?i)^(?:<(?:p|div|h[1-6]|ul|ol|li|dl|dt|dd|table|thead|tbody|tfoot|tr|td|th|caption|` +
		`blockquote|figure|figcaption|pre|hr|address|section|article|aside|header|footer|nav|form|fieldset|details|` +
		`summary|iframe|script|style|noscript|object|video|audio|center)\b|\x00)`)
	anyShortcode = regexp.MustCompile(`\[/?(?:caption|wp_caption|gallery|embed|video|audio|playlist)\b[^\]]*\]`)
	moreTag      = regexp.MustCompile(`<!--more(?:\s[^>]*)?-->`)
	// pageBreak marks WordPress's <!--more--> and <!--nextpage-->.
	pageBreak = regexp.MustCompile(`<!--(?:more|nextpage)\b.*?-->`)
)

// convertBody turns a WordPress body into the portal's: block delimiters
// removed, paragraphs made of blank lines (WordPress's wpautop) for bodies
// of the classic editor, [caption] a figure, [gallery] its pictures,
// [embed], [video], [audio], frames and bare addresses links, pictures
// pointed at the library, and the whole through the editor's sanitizer.
// notes says what was left out.
func (j *job) convertBody(ctx context.Context, postID int64, raw string) (string, []string) {
	var notes []string
	s := importer.FixHTML(raw)
	blocks := strings.Contains(s, "<!-- wp:")
	s = blockComment.ReplaceAllString(s, "")
	s = pageBreak.ReplaceAllString(s, "")
	s = captionCode.ReplaceAllStringFunc(s, func(m string) string {
		sub := captionCode.FindStringSubmatch(m)
		return captionFigure(shortcodeAttrs(sub[1]), sub[2])
	})
	s = embedCode.ReplaceAllStringFunc(s, func(m string) string {
		sub := embedCode.FindStringSubmatch(m)
		return linkParagraph(strings.TrimSpace(sub[2]))
	})
	s = mediaCode.ReplaceAllStringFunc(s, func(m string) string {
		attrs := shortcodeAttrs(mediaCode.FindStringSubmatch(m)[2])
		for _, k := range []string{"src", "mp4", "m4v", "webm", "ogv", "mp3", "m4a", "ogg", "wav", "wmv", "flv"} {
			if attrs[k] != "" {
				notes = append(notes, "media file "+attrs[k]+" is not imported: the body links to it")
				return linkParagraph(attrs[k])
			}
		}
		return ""
	})
	s = galleryCode.ReplaceAllStringFunc(s, func(m string) string {
		sub := galleryCode.FindStringSubmatch(m)
		if sub[1] == "playlist" {
			notes = append(notes, "a [playlist] was left out")
			return ""
		}
		out, missing := j.gallery(postID, shortcodeAttrs(sub[2]))
		notes = append(notes, missing...)
		return out
	})
	s = iframe.ReplaceAllStringFunc(s, func(m string) string {
		src := html.UnescapeString(iframe.FindStringSubmatch(m)[1])
		if id := youtube.FindStringSubmatch(src); id != nil {
			src = "https://www.youtube.com/watch?v=" + id[1]
		}
		return linkParagraph(src)
	})
	s = bareURL.ReplaceAllStringFunc(s, func(m string) string { return linkTo(strings.TrimSpace(m)) })
	if !blocks {
		s = autop(s)
	}
	if script.MatchString(s) {
		notes = append(notes, "a script, frame, plugin or event handler was removed by the sanitizer")
	}
	s, missing := importer.Images(s, func(src string) *portal.Media { return j.findPicture(ctx, src) })
	for _, src := range missing {
		notes = append(notes, "picture left out, not in the library (missing from the uploads, or its attachment failed): "+src)
	}
	return sanitize.Body(s), notes
}

// teaser is the text before <!--more-->, WordPress's summary of a post
// without an excerpt; "" when there is no such mark.
func teaser(raw string) string {
	loc := moreTag.FindStringIndex(raw)
	if loc == nil {
		return ""
	}
	s := blockComment.ReplaceAllString(importer.FixHTML(raw[:loc[0]]), "")
	s = anyShortcode.ReplaceAllString(s, "")
	return sanitize.Text(s)
}

func shortcodeAttrs(s string) map[string]string {
	attrs := map[string]string{}
	for _, m := range shortAttr.FindAllStringSubmatch(s, 50) {
		attrs[strings.ToLower(m[1])] = m[2] + m[3] + m[4]
	}
	return attrs
}

// captionFigure makes [caption]<img> Text[/caption] a figure; the older
// form keeps the text in the caption attribute.
func captionFigure(attrs map[string]string, inner string) string {
	m := captionParts.FindStringSubmatch(inner)
	if m == nil {
		return inner
	}
	text := strings.TrimSpace(m[2])
	if text == "" {
		text = html.EscapeString(attrs["caption"])
	}
	if text == "" {
		return "<figure>" + m[1] + "</figure>"
	}
	return "<figure>" + m[1] + "<figcaption>" + text + "</figcaption></figure>"
}

// gallery is a [gallery]'s pictures, each a figure with its caption: those
// its ids (or include) name, else those uploaded to the post, in
// WordPress's order (menu order, then id), less exclude.
func (j *job) gallery(postID int64, attrs map[string]string) (string, []string) {
	ids := idList(attrs["ids"])
	if len(ids) == 0 {
		ids = idList(attrs["include"])
	}
	if len(ids) == 0 {
		children := slices.Clone(j.ix.children[postID])
		slices.SortStableFunc(children, func(a, b int) int {
			x, y := j.ix.attachments[a], j.ix.attachments[b]
			if x.MenuOrder != y.MenuOrder {
				return x.MenuOrder - y.MenuOrder
			}
			return int(x.ID - y.ID)
		})
		exclude := idList(attrs["exclude"])
		for _, i := range children {
			if !slices.Contains(exclude, j.ix.attachments[i].ID) {
				ids = append(ids, j.ix.attachments[i].ID)
			}
		}
	}
	var b strings.Builder
	var notes []string
	for _, id := range ids {
		i, ok := j.lib.byID[id]
		if !ok {
			notes = append(notes, "gallery picture "+itoa(id)+" is not in the export")
			continue
		}
		a := j.ix.attachments[i]
		src := a.URL
		if src == "" {
			src = j.lib.bases[len(j.lib.bases)-1] + a.File
		}
		b.WriteString(`<figure><img src="` + html.EscapeString(src) + `" alt="` + html.EscapeString(importer.FixText(a.Alt)) + `">`)
		if c := strings.TrimSpace(a.Caption); c != "" {
			b.WriteString("<figcaption>" + importer.FixText(c) + "</figcaption>")
		}
		b.WriteString("</figure>\n\n")
	}
	return b.String(), notes
}

func idList(s string) []int64 {
	var ids []int64
	for _, f := range strings.Split(s, ",") {
		if id, err := strconv.ParseInt(strings.TrimSpace(f), 10, 64); err == nil && id > 0 {
			ids = append(ids, id)
		}
	}
	return ids
}

// linkTo is a link to address, written as its own text.
func linkTo(address string) string {
	a := html.EscapeString(html.UnescapeString(address))
	return `<a href="` + a + `">` + a + `</a>`
}

func linkParagraph(address string) string {
	if address == "" {
		return ""
	}
	return "\n\n<p>" + linkTo(address) + "</p>\n\n"
}

// autop is WordPress's wpautop, as far as the bodies of its classic editor
// need it: a blank line ends a paragraph, a single line break is a <br>,
// and a chunk that starts with a block element stays as it is, as does
// whatever a <pre> holds.
func autop(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	var pres []string
	s = preTag.ReplaceAllStringFunc(s, func(m string) string {
		pres = append(pres, m)
		return "\x00" + strconv.Itoa(len(pres)-1) + "\x00"
	})
	var b strings.Builder
	for _, chunk := range blank.Split(s, -1) {
		chunk = strings.TrimSpace(chunk)
		switch {
		case chunk == "":
		case blockStart.MatchString(chunk):
			b.WriteString(chunk + "\n")
		default:
			b.WriteString("<p>" + strings.ReplaceAll(chunk, "\n", "<br>\n") + "</p>\n")
		}
	}
	out := b.String()
	for i, p := range pres {
		out = strings.Replace(out, "\x00"+strconv.Itoa(i)+"\x00", p, 1)
	}
	return out
}
