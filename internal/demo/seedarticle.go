package demo

import (
	"context"
	_ "embed"
	"fmt"
	"html"
	"image"
	_ "image/png" // DecodeConfig reads the picture's size
	"regexp"
	"strconv"
	"strings"
	"time"

	"cong/internal/media"
	"cong/internal/portal"
	"cong/internal/viet"
)

// seedText is the seed article as scraped from the old portal's page: its
// text only, with the side blocks that followed it.
//
//go:embed seed/article.txt
var seedText string

// SeedPage returns the seed article's scraped text, for tests that rebuild
// pages in the old portal's layout.
func SeedPage() string { return seedText }

// seed is seedText parsed once, at start; the file is part of the binary, so
// a failure to parse it is a programming error.
var seed = mustParseScraped(seedText)

// scraped is an article read from a scraped page.
type scraped struct {
	category   string
	title      string
	updated    time.Time // 08:00 on the page's "Cập nhật vào ngày" date
	views      int64
	paragraphs []string
	picture    string // file name of the picture in the body
	caption    string
	pictureAt  int // how many paragraphs come before the picture
	author     string
}

var (
	stampLine   = regexp.MustCompile(`^\[\s*Cập nhật vào ngày\s*\((\d{1,2}/\d{1,2}/\d{4})\)\s*\]\s*-\s*\[\s*Số lần xem:\s*(\d+)\s*\]$`)
	pictureLine = regexp.MustCompile(`^[\w.-]+\.(?i:png|jpe?g|gif|webp)$`)
)

// bylineGlue is the heading the scrape glued to the byline: the article's text
// ends at the line holding it, and what follows belongs to the side blocks.
const bylineGlue = "Các ý kiến của bạn đọc"

func mustParseScraped(text string) *scraped {
	a, err := parseScraped(text)
	if err != nil {
		panic("demo: seed/article.txt: " + err.Error())
	}
	return a
}

// parseScraped reads a scraped page: category, title, the update stamp, then
// paragraphs and one picture (a file name and its caption) down to the byline.
func parseScraped(text string) (*scraped, error) {
	lines := textLines(text)
	if len(lines) < 4 {
		return nil, fmt.Errorf("only %d lines", len(lines))
	}
	a := &scraped{category: lines[0], title: lines[1]}
	if err := a.parseStamp(lines[2]); err != nil {
		return nil, err
	}
	for i := 3; i < len(lines); i++ {
		line := lines[i]
		switch {
		case strings.HasSuffix(line, bylineGlue):
			a.author = strings.TrimSpace(strings.TrimSuffix(line, bylineGlue))
			return a, a.check()
		case pictureLine.MatchString(line):
			if a.picture != "" || i+1 == len(lines) {
				return nil, fmt.Errorf("line %q: a second picture or no caption", line)
			}
			a.picture, a.caption, a.pictureAt = line, lines[i+1], len(a.paragraphs)
			i++
		default:
			a.paragraphs = append(a.paragraphs, line)
		}
	}
	return nil, fmt.Errorf("no line ending in %q", bylineGlue)
}

// textLines returns the non-blank lines of text, trimmed and in NFC. The
// scrape kept no-break spaces at line ends; TrimSpace removes them too.
func textLines(text string) []string {
	var out []string
	for _, line := range strings.Split(viet.NFC(text), "\n") {
		if line = strings.TrimSpace(line); line != "" {
			out = append(out, line)
		}
	}
	return out
}

func (a *scraped) parseStamp(line string) error {
	m := stampLine.FindStringSubmatch(line)
	if m == nil {
		return fmt.Errorf("line 3 %q is not the update stamp", line)
	}
	day, err := viet.ParseDate(m[1])
	if err != nil {
		return err
	}
	a.updated = day.Add(8 * time.Hour)
	a.views, err = strconv.ParseInt(m[2], 10, 64)
	return err
}

func (a *scraped) check() error {
	switch {
	case len(a.paragraphs) == 0:
		return fmt.Errorf("no paragraph")
	case a.author == "":
		return fmt.Errorf("no byline before %q", bylineGlue)
	case a.picture == "":
		return fmt.Errorf("no picture")
	}
	return nil
}

func (a *scraped) slug() string { return viet.Slug(a.title) }

// pictureFile is where the picture is kept under the media folder, by the
// month of the article as uploads are.
func (a *scraped) pictureFile() string {
	return a.updated.Format("2006/01/") + a.picture
}

// body renders the paragraphs as HTML, with the picture m where it was.
func (a *scraped) body(m *portal.Media) string {
	var b strings.Builder
	for i, p := range a.paragraphs {
		if i == a.pictureAt {
			b.WriteString(figure(m))
		}
		b.WriteString("<p>" + html.EscapeString(p) + "</p>\n")
	}
	if a.pictureAt == len(a.paragraphs) {
		b.WriteString(figure(m))
	}
	return strings.TrimSuffix(b.String(), "\n")
}

func figure(m *portal.Media) string {
	return fmt.Sprintf(`<figure class="image"><img src="%s" alt="%s" width="%d" height="%d"><figcaption>%s</figcaption></figure>`+"\n",
		html.EscapeString(m.URL()), html.EscapeString(m.Alt), m.Width, m.Height, html.EscapeString(m.Caption))
}

// seedArticle draws the seed article's picture, saves it, then the article
// with its original times and view count, and links the two.
func seedArticle(ctx context.Context, s Store, files media.Storage, _ time.Time) error {
	m, err := seedPicture(ctx, s, files)
	if err != nil {
		return err
	}
	cats, err := categoryIDs(ctx, s)
	if err != nil {
		return err
	}
	a := portal.Article{
		CategoryID: cats[viet.Slug(seed.category)], Title: seed.title, Slug: SeedSlug,
		Summary: seed.paragraphs[0], Body: seed.body(m), Author: seed.author, Status: portal.StatusPublished,
		Featured: true, CoverID: m.ID, CreatedAt: seed.updated, UpdatedAt: seed.updated,
		PublishedAt: seed.updated, ViewCount: seed.views,
	}
	// ImportArticles, unlike CreateArticle, keeps the page's own times.
	if err := s.ImportArticles(ctx, demoActor, []portal.Article{a}); err != nil {
		return fmt.Errorf("seed article: %w", err)
	}
	saved, err := s.ArticleBySlug(ctx, SeedSlug)
	if err != nil {
		return err
	}
	return s.LinkMedia(ctx, demoActor, saved.ID, m.ID, 0)
}

// seedPicture writes the seed article's picture and saves its media record.
func seedPicture(ctx context.Context, s Store, files media.Storage) (*portal.Media, error) {
	file := seed.pictureFile()
	size, err := writeMissing(ctx, files, file, conferenceHallPNG)
	if err != nil {
		return nil, err
	}
	cfg, format, err := decodeConfig(files, file)
	if err != nil {
		return nil, err
	}
	m := &portal.Media{File: file, MIME: "image/" + format, Caption: seed.caption, Alt: seed.caption,
		Width: cfg.Width, Height: cfg.Height, Size: size}
	if err := s.CreateMedia(ctx, demoActor, m); err != nil {
		return nil, fmt.Errorf("media %s: %w", file, err)
	}
	return m, nil
}

// decodeConfig reads the size and format of the picture at path, which may be one an
// editor put in place of ours.
func decodeConfig(files media.Storage, path string) (image.Config, string, error) {
	f, err := files.Open(path)
	if err != nil {
		return image.Config{}, "", err
	}
	defer f.Close()
	cfg, format, err := image.DecodeConfig(f)
	if err != nil {
		return image.Config{}, "", fmt.Errorf("%s: %w", path, err)
	}
	return cfg, format, nil
}
