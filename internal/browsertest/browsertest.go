// Package browsertest drives a real headless Chromium (Debian's chromium,
// through chromedp) for the end-to-end tests of the public site and the back
// office. It is imported by tests only.
package browsertest

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// StepTimeout bounds one step of a test (a click, a read).
var StepTimeout = 15 * time.Second

// Start starts a headless Chromium with a fresh profile and returns the
// context of its first tab; the browser ends with the test or after timeout.
// Without Chromium the test is skipped — or fails, when CONG_REQUIRE_BROWSER
// is set, as in CI. -short skips it too.
func Start(t *testing.T, timeout time.Duration) context.Context {
	t.Helper()
	chromium := chromiumPath(t)
	bounded, cancelTimeout := context.WithTimeout(context.Background(), timeout)
	alloc, cancelAlloc := chromedp.NewExecAllocator(bounded,
		chromedp.ExecPath(chromium),
		chromedp.Flag("headless", true),
		chromedp.NoSandbox,
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.NoFirstRun,
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(t.TempDir()),
	)
	tab, cancelTab := chromedp.NewContext(alloc)
	// Registered after t.TempDir's cleanup, so it runs first: Chromium has
	// exited before its profile directory is removed.
	t.Cleanup(func() {
		cancelTab()
		cancelAlloc()
		cancelTimeout()
	})
	// The first action starts the browser and binds it to tab, not to the
	// shorter context of a step.
	if err := chromedp.Do(tab); err != nil {
		t.Fatalf("start %s: %v", chromium, err)
	}
	return tab
}

// chromiumPath returns $CONG_CHROMIUM or /usr/bin/chromium.
func chromiumPath(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("skipping the browser test in -short mode")
	}
	path := cmp.Or(os.Getenv("CONG_CHROMIUM"), "/usr/bin/chromium")
	if _, err := os.Stat(path); err != nil {
		if os.Getenv("CONG_REQUIRE_BROWSER") != "" {
			t.Fatalf("CONG_REQUIRE_BROWSER is set but there is no Chromium at %s: %v", path, err)
		}
		t.Skipf("no Chromium at %s (install it, or set CONG_CHROMIUM to its path): %v", path, err)
	}
	return path
}

// ArtifactsDir is where screenshots go: $CONG_ARTIFACTS, or a directory
// that lives as long as the test.
func ArtifactsDir(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("CONG_ARTIFACTS")
	if dir == "" {
		return t.TempDir()
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// Do runs steps in the tab, failing the test with what they do.
func Do(t *testing.T, tab context.Context, what string, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	step, cancel := context.WithTimeout(tab, StepTimeout)
	defer cancel()
	if err := chromedp.Do(step, steps...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// Run runs one action in the tab and returns its value, failing the test
// with what it reads.
func Run[T any](t *testing.T, tab context.Context, what string, a chromedp.Action[T]) T {
	t.Helper()
	step, cancel := context.WithTimeout(tab, StepTimeout)
	defer cancel()
	v, err := chromedp.Run(step, a)
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	return v
}

// Text returns the text of the first element matching sel, spaces
// collapsed. It reads textContent, not innerText, so that CSS
// text-transform (the site's uppercase labels) does not change it.
func Text(t *testing.T, tab context.Context, sel string) string {
	t.Helper()
	s := Run(t, tab, "text of "+sel, chromedp.TextContent(chromedp.CSS(sel)))
	return strings.Join(strings.Fields(s), " ")
}

// Attr returns an attribute of the first element matching sel, as written
// in the HTML.
func Attr(t *testing.T, tab context.Context, sel, name string) string {
	t.Helper()
	return Run(t, tab, sel+" "+name, chromedp.AttributeValue(chromedp.CSS(sel), name)).Value
}

// ImageWidth scrolls the image at sel into view, as a reader would (the
// site lazy-loads pictures), waits until the browser is done with it and
// returns its naturalWidth, which is 0 for a broken image.
func ImageWidth(t *testing.T, tab context.Context, sel string) int {
	t.Helper()
	Do(t, tab, "load "+sel,
		chromedp.ScrollIntoView(chromedp.CSS(sel)),
		chromedp.Poll[chromedp.Void](fmt.Sprintf(`(i => i.complete && i.currentSrc !== "")(document.querySelector(%s))`, JSString(sel))))
	return Run(t, tab, "naturalWidth of "+sel, chromedp.JavascriptAttribute[int](chromedp.CSS(sel), "naturalWidth"))
}

// Screenshot saves a PNG of the whole page, from its top, at path.
// FullScreenshot makes a PNG only at quality 100; below it, a JPEG.
func Screenshot(t *testing.T, tab context.Context, path string) {
	t.Helper()
	Do(t, tab, "scroll to the top", chromedp.Evaluate[chromedp.Void](`window.scrollTo(0, 0)`))
	png := Run(t, tab, "screenshot", chromedp.FullScreenshot(100))
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", path)
}

// JSString quotes s as a JavaScript string literal.
func JSString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
