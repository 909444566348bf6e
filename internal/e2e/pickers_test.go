package e2e

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// The two pickers of the page header: the language picker is the one whose links carry hreflang.
const (
	langPicker    = `details.picker:has(a[hreflang])`
	versionPicker = `details.picker:not(:has(a[hreflang]))`
)

const guide = "authentication/managing-your-personal-access-tokens"

// TestLanguagePicker follows every link of the language picker with a click, from several pages
// and versions, and checks that it opens the same page in that language.
func TestLanguagePicker(t *testing.T) {
	s := shippedSite(t)
	tb := newTab(t, s)
	for _, c := range []struct{ from, version, path string }{
		{"en", "dotcom", ""},
		{"en", "dotcom", guide},
		{"en", "ghes-3.19", "reference/permissions/issues"},
		{"en", "ghec", "reference/endpoints/issues"},
		{"ja", "ghes-3.18", "reference/scopes"},
		{"ko", "dotcom", "reference/migrate"},
	} {
		v := s.version(t, c.version)
		src := pageURL(c.from, v, c.path)
		for _, to := range langs {
			want := pageURL(to, v, c.path)
			tb.open(src)
			link := fmt.Sprintf(`%s a[hreflang=%q]`, langPicker, to)
			if to == c.from {
				if cur := eval[bool](tb, `!!document.querySelector(`+jsString(link)+`)?.matches("[aria-current=page]")`); !cur {
					t.Errorf("%s: the language picker does not mark %s as the current language", src, to)
				}
				continue
			}
			tb.do("open the language picker on "+src, chromedp.Click(chromedp.CSS(langPicker+" > summary")),
				chromedp.WaitVisible(chromedp.CSS(link)))
			tb.navigateBy(src+": click "+to, chromedp.Click(chromedp.CSS(link)))
			if got := tb.location(); got != want {
				t.Errorf("%s: the %s link of the language picker opened %s, want %s", src, to, got, want)
				continue
			}
			if lang := eval[string](tb, `document.documentElement.lang`); lang != to {
				t.Errorf("%s: <html lang=%q>, want %q", want, lang, to)
			}
		}
		tb.noProblems(src)
	}
}

// pickerEntry is one entry of the version picker as the page shows it.
type pickerEntry struct {
	Href        string `json:"href"`
	Current     bool   `json:"current"`
	Disabled    bool   `json:"disabled"`
	Unavailable string `json:"unavailable"`
	Label       string `json:"label"`
}

const readVersionPicker = `[...document.querySelectorAll(` + "`" + versionPicker + " li`" + `)].map(li => {
	const a = li.querySelector("a"), off = li.querySelector("[aria-disabled=true]");
	return {href: a ? a.getAttribute("href") : "", current: !!(a && a.getAttribute("aria-current") === "page"),
		disabled: !!off, unavailable: off ? (off.querySelector(".unavailable")?.textContent || "") : "",
		label: li.textContent.trim()};
})`

// TestVersionPicker checks the version picker of pages that exist in every version and of pages
// missing from some: it lists every built version; a version where the page exists is a link to
// the same page there (followed with a click), and a version where it does not is disabled and
// says so.
func TestVersionPicker(t *testing.T) {
	s := shippedSite(t)
	tb := newTab(t, s)
	vs := s.versions()
	sawDisabled := false
	for _, c := range []struct{ lang, version, path string }{
		{"en", "dotcom", guide},
		{"fr", "ghec", "reference/scopes"},
		{"en", "dotcom", "reference/calculator"},        // not in Enterprise Server 3.9
		{"ja", "dotcom", "reference/endpoints/copilot"}, // not in Enterprise Server
		{"ko", "ghes-3.19", "reference/endpoints/issues"},
	} {
		src := pageURL(c.lang, s.version(t, c.version), c.path)
		if !s.exists(src) {
			t.Errorf("%s is not in the built site", src)
			continue
		}
		tb.open(src)
		entries := eval[[]pickerEntry](tb, readVersionPicker)
		if len(entries) != len(vs) {
			t.Errorf("%s: the version picker has %d entries, want one per built version (%d)", src, len(entries), len(vs))
		}
		var wantLinks, gotLinks []string
		missing := 0
		for _, v := range vs {
			if u := pageURL(c.lang, v, c.path); s.exists(u) {
				wantLinks = append(wantLinks, u)
			} else {
				missing++
			}
		}
		disabled := 0
		for _, e := range entries {
			switch {
			case e.Disabled:
				disabled++
				if strings.TrimSpace(e.Unavailable) == "" {
					t.Errorf("%s: the disabled entry %q does not say that the page is unavailable", src, e.Label)
				}
			case e.Href == "":
				t.Errorf("%s: entry %q is neither a link nor disabled", src, e.Label)
			default:
				gotLinks = append(gotLinks, e.Href)
				if e.Current != (e.Href == src) {
					t.Errorf("%s: entry %q (%s) has current=%v", src, e.Label, e.Href, e.Current)
				}
			}
		}
		slices.Sort(wantLinks)
		slices.Sort(gotLinks)
		if !slices.Equal(gotLinks, wantLinks) {
			t.Errorf("%s: the version picker links to\n%q\nwant the same page in every version that has it:\n%q", src, gotLinks, wantLinks)
		}
		if disabled != missing {
			t.Errorf("%s: %d disabled entries, but the page is missing from %d versions", src, disabled, missing)
		}
		sawDisabled = sawDisabled || disabled > 0
		// Follow every link with a click.
		for i, e := range entries {
			if e.Disabled || e.Current || e.Href == "" {
				continue
			}
			tb.open(src)
			link := fmt.Sprintf(`%s li:nth-child(%d) a`, versionPicker, i+1)
			tb.do("open the version picker on "+src, chromedp.Click(chromedp.CSS(versionPicker+" > summary")),
				chromedp.WaitVisible(chromedp.CSS(link)))
			tb.navigateBy(src+": click "+e.Label, chromedp.Click(chromedp.CSS(link)))
			if got := tb.location(); got != e.Href {
				t.Errorf("%s: clicking %q opened %s, want %s", src, e.Label, got, e.Href)
			}
			if cur := eval[string](tb, `document.querySelector(`+jsString(versionPicker+` a[aria-current=page]`)+`)?.getAttribute("href") || ""`); cur != e.Href {
				t.Errorf("%s: the version picker marks %q as current, want %s", e.Href, cur, e.Href)
			}
		}
		tb.noProblems(src)
	}
	if !sawDisabled {
		t.Error("no sampled page is missing from any version: the disabled entries were not tested")
	}
}

// TestKeyboardPickers uses the skip link and both pickers with the keyboard alone: Tab to reach
// them, Enter and Space to open a picker, Escape to close it (focus back on its button), Tab to
// move through its links (disabled versions are skipped), Enter to follow one.
func TestKeyboardPickers(t *testing.T) {
	s := shippedSite(t)
	tb := newTab(t, s)
	dotcom := s.version(t, "dotcom")
	start := pageURL("en", dotcom, "reference/calculator")
	tb.open(start)

	// The first Tab reaches the skip link; Enter moves to the main content.
	tb.do("Tab", chromedp.KeyEvent(kb.Tab))
	if !eval[bool](tb, `document.activeElement.matches("a.skip-link")`) {
		t.Errorf("the first Tab focuses %s, want the skip link", eval[string](tb, `document.activeElement.outerHTML.slice(0, 120)`))
	}
	tb.do("Enter", chromedp.KeyEvent(kb.Enter))
	tb.waitFor("the skip link", `location.hash === "#main-content" && document.activeElement.id === "main-content"`)

	// Tab to the language picker; Enter opens it, Escape closes it, Space opens it again.
	tb.open(start)
	tb.tabTo(langPicker+" > summary", 40)
	tb.do("Enter", chromedp.KeyEvent(kb.Enter))
	tb.waitFor("Enter to open the language picker", `document.querySelector(`+jsString(langPicker)+`).open`)
	tb.do("Escape", chromedp.KeyEvent(kb.Escape))
	tb.waitFor("Escape to close the language picker", `!document.querySelector(`+jsString(langPicker)+`).open && document.activeElement.matches(`+jsString(langPicker+" > summary")+`)`)
	tb.do("Space", chromedp.KeyEvent(" "))
	tb.waitFor("Space to open the language picker", `document.querySelector(`+jsString(langPicker)+`).open`)
	tb.do("Escape", chromedp.KeyEvent(kb.Escape))
	tb.do("Enter", chromedp.KeyEvent(kb.Enter))
	tb.tabTo(langPicker+` a[hreflang="ja"]`, 6)
	tb.navigateBy("Enter on 日本語", chromedp.KeyEvent(kb.Enter))
	want := pageURL("ja", dotcom, "reference/calculator")
	if got := tb.location(); got != want {
		t.Fatalf("Enter on the ja link opened %s, want %s", got, want)
	}

	// The version picker: its focus stops are exactly its links, the disabled entry (Enterprise
	// Server 3.9 has no calculator) is not one; Enter follows the 3.19 link.
	tb.tabTo(versionPicker+" > summary", 40)
	tb.do("Enter", chromedp.KeyEvent(kb.Enter))
	links := eval[[]string](tb, `[...document.querySelectorAll(`+jsString(versionPicker+" li a")+`)].map(a => a.getAttribute("href"))`)
	var stops []string
	for range len(links) {
		tb.do("Tab", chromedp.KeyEvent(kb.Tab))
		stops = append(stops, eval[string](tb, `document.activeElement.closest(`+jsString(versionPicker)+`) ? document.activeElement.getAttribute("href") || "(not a link)" : "(outside the picker)"`))
	}
	if !slices.Equal(stops, links) {
		t.Errorf("Tab through the open version picker stops at\n%q\nwant its links\n%q", stops, links)
	}
	target := pageURL("ja", s.version(t, "ghes-3.19"), "reference/calculator")
	i := slices.Index(links, target)
	if i < 0 {
		t.Fatalf("the version picker has no link to %s: %q", target, links)
	}
	tb.do("Escape", chromedp.KeyEvent(kb.Escape))
	tb.do("Enter", chromedp.KeyEvent(kb.Enter))
	tb.tabTo(fmt.Sprintf(`%s a[href=%q]`, versionPicker, target), len(links)+1)
	tb.navigateBy("Enter on 3.19", chromedp.KeyEvent(kb.Enter))
	if got := tb.location(); got != target {
		t.Errorf("Enter on the 3.19 link opened %s, want %s", got, target)
	}
	tb.noProblems("keyboard")
}

// tabTo presses Tab until the element matching sel has the focus, at most max times.
func (tb *tab) tabTo(sel string, max int) {
	tb.t.Helper()
	for range max {
		if eval[bool](tb, `!!document.activeElement && document.activeElement.matches(`+jsString(sel)+`)`) {
			return
		}
		tb.do("Tab", chromedp.KeyEvent(kb.Tab))
	}
	if !eval[bool](tb, `document.activeElement.matches(`+jsString(sel)+`)`) {
		tb.t.Fatalf("%d Tabs did not reach %s; the focus is on %s", max, sel, eval[string](tb, `document.activeElement.outerHTML.slice(0, 160)`))
	}
}

// jsString quotes s as a JavaScript string literal.
func jsString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20 || r == 0x2028 || r == 0x2029:
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
