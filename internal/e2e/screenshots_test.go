package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestScreenshots writes full-page screenshots of the guide and a permission page in every
// language, in the light and the dark colour scheme, for people to look at: to
// SCOPEREF_SCREENSHOTS, or to a new temporary folder that is kept and named in the log. It also
// checks that the dark scheme changes the page's colours.
func TestScreenshots(t *testing.T) {
	s := shippedSite(t)
	dir := os.Getenv("SCOPEREF_SCREENSHOTS")
	if dir == "" {
		var err error
		if dir, err = os.MkdirTemp("", "scoperef-screenshots-"); err != nil {
			t.Fatal(err)
		}
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	tb := newTab(t, s)
	dotcom := s.version(t, "dotcom")
	n := 0
	for _, scheme := range []string{"light", "dark"} {
		tb.do(scheme+" colour scheme", darkScheme(scheme == "dark"))
		for _, lang := range langs {
			for _, p := range []string{guide, "reference/permissions/issues"} {
				u := pageURL(lang, dotcom, p)
				tb.open(u)
				bg := eval[string](tb, `getComputedStyle(document.body).backgroundColor`)
				dark := eval[bool](tb, `matchMedia("(prefers-color-scheme: dark)").matches`)
				if dark != (scheme == "dark") {
					t.Errorf("%s: prefers-color-scheme dark = %v in the %s scheme", u, dark, scheme)
				}
				if light := bg == "rgb(255, 255, 255)"; light != (scheme == "light") {
					t.Errorf("%s: background %s in the %s scheme", u, bg, scheme)
				}
				ctx, cancel := tb.step()
				png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
				cancel()
				if err != nil {
					t.Fatalf("screenshot of %s: %v", u, err)
				}
				name := lang + "-" + strings.ReplaceAll(strings.TrimPrefix(p, "reference/"), "/", "-") + "-" + scheme + ".png"
				if err := os.WriteFile(filepath.Join(dir, name), png, 0o644); err != nil {
					t.Fatal(err)
				}
				n++
				tb.noProblems(u)
			}
		}
	}
	tb.do("light colour scheme", darkScheme(false))
	t.Logf("%d screenshots in %s", n, dir)
}
