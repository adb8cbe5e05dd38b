package web

import (
	"bytes"
	"testing"
	"time"

	"cong/internal/portal"
	"cong/internal/render"
	"cong/internal/sanitize"
	"cong/internal/xsstest"
)

// FuzzArticleRendering renders the article page with what readers and
// staff write put in every place it is shown, and fails if the page could
// run script: comments, replies, the form shown again with its errors, the
// metadata and the JSON-LD.
func FuzzArticleRendering(f *testing.F) {
	for _, v := range xsstest.Vectors() {
		f.Add(v)
	}
	engine, _, err := newEngine()
	if err != nil {
		f.Fatal(err)
	}
	at := time.Date(2020, 12, 30, 9, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, s string) {
		a := &portal.Article{ID: 1, Slug: "bai-viet", Title: s, Summary: s, Author: s, Source: s, Tags: []string{s},
			Body: sanitize.Body(s), PublishedAt: at, UpdatedAt: at, Status: portal.StatusPublished}
		cat := &portal.Category{ID: 1, Name: s, Slug: "chinh-tri"}
		m := &ArticleMeta{URL: "https://cong.example/chinh-tri/bai-viet", Title: s, Description: s, SiteName: s,
			Section: s, Tags: a.Tags, Author: s, Source: s}
		m.JSONLD = newsArticle(m, "https://cong.example/static/emblem.svg")
		m.Share = shareLinks(m.URL, s)
		reply := portal.Comment{Name: s, Body: s, Staff: true, CreatedAt: at}
		data := ArticlePage{Base: Base{Site: SiteInfo{Name: s, Tagline: s}, Description: s}, Article: a, Category: cat,
			Meta: m, CommentsOpen: true,
			Comments: []portal.Comment{{Name: s, Body: s, CreatedAt: at, Edited: true, Replies: []portal.Comment{reply}}},
			Form: CommentForm{Name: s, Email: s, Body: s, Errors: FormErrors{Prefix: "c-",
				List: []FieldError{{Message: s}, {Field: "body", Message: s}}}}}
		p, err := engine.Render("article", data)
		if err != nil {
			return // html/template refuses some inputs (invalid UTF-8 in JS); nothing is shown
		}
		var b bytes.Buffer
		var values render.Values
		if err := p.WriteTo(&b, &values); err != nil {
			t.Fatal(err)
		}
		if problems := xsstest.Problems(b.Bytes()); len(problems) > 0 {
			t.Fatalf("%q: %v", s, problems)
		}
	})
}
