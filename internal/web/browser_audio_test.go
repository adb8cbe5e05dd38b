package web_test

import (
	"math"
	"net/http/httptest"
	"os"
	"testing"

	"github.com/chromedp/chromedp"

	"cong/internal/audio"
	"cong/internal/browsertest"
	"cong/internal/storetest"
)

// TestBrowserArticleAudio opens an article whose audio espeak-ng and lame
// made: Chromium finds the player under the title, loads the MP3's
// metadata and reports its length, the one the page states; axe-core finds
// no WCAG 2 A/AA violation.
func TestBrowserArticleAudio(t *testing.T) {
	g := audio.New("espeak-ng", "lame")
	if err := g.Available(); err != nil {
		if os.Getenv("CONG_REQUIRE_AUDIO") != "" {
			t.Fatalf("CONG_REQUIRE_AUDIO is set: %v", err)
		}
		t.Skip(err)
	}
	tab := browsertest.Start(t, browserTimeout)
	db := storetest.Open(t, storetest.SQLiteDSN(t))
	s, _ := audioSite(t, db, g, db)
	srv := httptest.NewServer(s.h)
	t.Cleanup(srv.Close)

	browsertest.Do(t, tab, "open the article", chromedp.EmulateViewport(1280, 900), chromedp.Navigate(srv.URL+seedURL))
	if got := browsertest.Text(t, tab, ".article-audio figcaption"); len(got) < len("Nghe đọc bài (1 giây)") {
		t.Errorf("the player's caption = %q", got)
	}
	seconds := browsertest.Run(t, tab, "load the audio's metadata", chromedp.Evaluate[float64](`new Promise((ok, fail) => {
		const a = document.querySelector("h1 ~ .article-audio audio");
		if (a.autoplay || !a.paused) { fail("playing by itself"); return; }
		a.addEventListener("loadedmetadata", () => ok(a.duration));
		a.addEventListener("error", () => fail("audio error " + (a.error && a.error.code)));
		a.preload = "metadata";
		a.load();
	})`, chromedp.EvalAwaitPromise))
	a, err := db.ArticleAudio(ctx, seedID(t, s))
	if err != nil {
		t.Fatal(err)
	}
	if want := a.Duration.Seconds(); seconds <= 0 || math.Abs(seconds-want) > 1 {
		t.Errorf("the audio element's duration = %.2f s; want %.2f s, as made", seconds, want)
	}
	t.Logf("the seed article read aloud: %.0f s, %d bytes (%.0f KB a minute)", seconds, a.Bytes,
		float64(a.Bytes)/1024/(seconds/60))
	for _, v := range browsertest.Axe(t, tab) {
		t.Errorf("the article with its player: %s", v)
	}
}
