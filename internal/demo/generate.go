package demo

import (
	"context"
	"fmt"
	"html"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"cong/internal/media"
	"cong/internal/portal"
	"cong/internal/viet"
)

// chunk is how many articles one ImportArticles call saves: one transaction
// each, big enough to amortise the commit, small enough to bound memory.
const chunk = 5000

// spread is how far back generated articles are published.
const spread = 5 * 365 * 24 * time.Hour

// Generate adds n published articles spread over the category tree and over
// the five years before now, after seeding an empty database. They are saved
// oldest first, chunk by chunk. The same rnd seed on the same database gives
// the same articles.
func Generate(ctx context.Context, s Store, mediaDir string, n int, now time.Time, rnd *rand.Rand) error {
	return GenerateIn(ctx, s, media.Dir(mediaDir), n, now, rnd)
}

// GenerateIn is Generate with the seed's pictures written to files.
func GenerateIn(ctx context.Context, s Store, files media.Storage, n int, now time.Time, rnd *rand.Rand) error {
	n = max(n, 0)
	if _, err := SeedIn(ctx, s, files, now); err != nil {
		return err
	}
	cats, err := categoryIDs(ctx, s)
	if err != nil {
		return fmt.Errorf("demo: generate: %w", err)
	}
	taken, err := s.Slugs(ctx)
	if err != nil {
		return fmt.Errorf("demo: generate: %w", err)
	}
	g, err := newGenerator(cats, taken, now, rnd)
	if err != nil {
		return err
	}
	times := g.publishTimes(n)
	batch := make([]portal.Article, 0, min(n, chunk))
	for done := 0; done < n; done += len(batch) {
		batch = batch[:0]
		for _, at := range times[done:min(done+chunk, n)] {
			batch = append(batch, g.article(at))
		}
		if err := s.ImportArticles(ctx, demoActor, batch); err != nil {
			return fmt.Errorf("demo: generate: %w", err)
		}
	}
	return nil
}

// generator makes articles from the pools in content.go.
type generator struct {
	rnd    *rand.Rand
	now    time.Time
	topics []topic
	catIDs []int64 // of topics[i]
	weight int     // sum of the topics' weights
	slugs  slugSet
	f      facts
	b      strings.Builder
}

func newGenerator(cats map[string]int64, taken map[string]bool, now time.Time, rnd *rand.Rand) (*generator, error) {
	g := &generator{rnd: rnd, now: now, topics: topics, slugs: slugSet{taken: taken, next: map[string]int{}}}
	for _, t := range topics {
		id, ok := cats[t.category]
		if !ok {
			return nil, fmt.Errorf("demo: generate: no category %q", t.category)
		}
		g.catIDs = append(g.catIDs, id)
		g.weight += t.weight
	}
	return g, nil
}

// article makes one article published at at: a title, a lead that is also
// the summary, and four to seven paragraphs.
func (g *generator) article(at time.Time) portal.Article {
	i := g.pickTopic()
	t := &g.topics[i]
	g.f = newFacts(g.rnd, at)
	st := t.stories[g.rnd.IntN(len(t.stories))]
	title, lead := g.fill(st.title), g.fill(st.lead)
	a := portal.Article{
		CategoryID: g.catIDs[i], Title: title, Slug: g.slugs.claim(viet.Slug(title)), Summary: lead,
		Body: g.body(t, lead), Author: pick(g.rnd, bylines), Status: portal.StatusPublished,
		Featured: g.rnd.IntN(100) < 3, CreatedAt: g.f.at, UpdatedAt: g.f.at, PublishedAt: g.f.at,
		ViewCount: g.rnd.Int64N(5001),
	}
	if r := g.rnd.IntN(10); r < len(sources) {
		a.Source = sources[r]
	}
	return a
}

func (g *generator) pickTopic() int {
	w := g.rnd.IntN(g.weight)
	for i, t := range g.topics {
		if w < t.weight {
			return i
		}
		w -= t.weight
	}
	return len(g.topics) - 1
}

// publishTimes picks n publish times, oldest first: ids then grow with time
// as on a real site, and each chunk lands in one region of the date indexes
// instead of all over them, which keeps big imports fast.
func (g *generator) publishTimes(n int) []time.Time {
	times := make([]time.Time, n)
	for i := range times {
		times[i] = g.publishTime()
	}
	slices.SortFunc(times, time.Time.Compare)
	return times
}

// publishTime picks a moment in the five years before now, in office hours
// in Vietnam, when news is posted.
func (g *generator) publishTime() time.Time {
	day := g.now.Add(-time.Duration(g.rnd.Int64N(int64(spread)))).In(viet.Location)
	y, m, d := day.Date()
	t := time.Date(y, m, d, 6+g.rnd.IntN(15), g.rnd.IntN(60), 0, 0, viet.Location)
	if t.After(g.now) {
		t = t.AddDate(0, 0, -1)
	}
	return t
}

// body writes the lead paragraph, two to five paragraphs of two or three
// sentences, and a closing one: 1.5 to 3 KB, like the old site's news. No
// sentence is used twice, and sentences of the topic outnumber the common ones.
func (g *generator) body(t *topic, lead string) string {
	lines := g.sentences(t)
	target := 1500 + g.rnd.IntN(1500) - 250 // bytes before the closing paragraph
	var b strings.Builder
	b.Grow(3200)
	paragraph(&b, lead+" "+g.fill(lines[0]))
	lines = lines[1:]
	for p := 0; p < 5 && len(lines) > 0 && (p < 2 || b.Len() < target); p++ {
		k := min(2+g.rnd.IntN(2), len(lines))
		sentences := make([]string, k)
		for i := range k {
			sentences[i] = g.fill(lines[i])
		}
		lines = lines[k:]
		paragraph(&b, strings.Join(sentences, " "))
	}
	end := closings
	if t.category == "thong-bao" {
		end = noticeClosings
	}
	b.WriteString("<p>" + html.EscapeString(g.fill(pick(g.rnd, end))) + "</p>")
	return b.String()
}

// sentences returns the topic's sentences and three common ones, shuffled.
func (g *generator) sentences(t *topic) []string {
	lines := make([]string, 0, len(t.lines)+3)
	lines = append(lines, t.lines...)
	if t.category != "thong-bao" {
		for _, i := range g.rnd.Perm(len(commonLines))[:3] {
			lines = append(lines, commonLines[i])
		}
	}
	g.rnd.Shuffle(len(lines), func(i, j int) { lines[i], lines[j] = lines[j], lines[i] })
	return lines
}

func paragraph(b *strings.Builder, text string) {
	b.WriteString("<p>")
	b.WriteString(html.EscapeString(text))
	b.WriteString("</p>\n")
}

// fill replaces the template's {placeholders} with this article's facts; a
// placeholder written with a capital ({Huyện}) gets a capital.
func (g *generator) fill(tmpl string) string {
	g.b.Reset()
	for {
		i := strings.IndexByte(tmpl, '{')
		if i < 0 {
			break
		}
		j := strings.IndexByte(tmpl[i:], '}')
		if j < 0 {
			break
		}
		g.b.WriteString(tmpl[:i])
		key := tmpl[i+1 : i+j]
		if lower := lowerFirst(key); lower != key {
			g.b.WriteString(capFirst(g.f.value(lower)))
		} else {
			g.b.WriteString(g.f.value(key))
		}
		tmpl = tmpl[i+j+1:]
	}
	g.b.WriteString(tmpl)
	return capFirst(g.b.String())
}

func pick(rnd *rand.Rand, pool []string) string { return pool[rnd.IntN(len(pool))] }

// capFirst upper-cases the first letter, as titles and sentences start.
func capFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if up := unicode.ToUpper(r); up != r {
		return string(up) + s[n:]
	}
	return s
}

func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if low := unicode.ToLower(r); low != r {
		return string(low) + s[n:]
	}
	return s
}

// slugSet hands out unique slugs: the base, or the base with "-2", "-3"…
type slugSet struct {
	taken map[string]bool
	next  map[string]int // the next suffix to try for a base, so repeats stay cheap
}

func (s *slugSet) claim(base string) string {
	if base == "" {
		base = "bai-viet"
	}
	slug := base
	for n := max(s.next[base], 2); s.taken[slug]; n++ {
		suffix := "-" + strconv.Itoa(n)
		slug = strings.TrimRight(base[:min(len(base), viet.SlugMaxLen-len(suffix))], "-") + suffix
		s.next[base] = n + 1
	}
	s.taken[slug] = true
	return slug
}
