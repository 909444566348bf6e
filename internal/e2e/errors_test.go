package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/scoperef/scoperef/internal/content"
)

// samplePages are the kinds of page the error and accessibility checks visit.
var samplePages = []string{
	"", guide, "reference", "reference/scopes", "reference/permissions", "reference/permissions/issues",
	"reference/endpoints/issues", "reference/migrate", "reference/calculator", "reference/changes",
	"reference/downloads",
}

// sample returns the pages to visit in the li-th language and vi-th version: the home page and
// n-1 others, rotating so that across languages and versions every kind is visited in every
// language and every version; with -short, one page.
func sample(li, vi, n int) []string {
	if testing.Short() {
		return []string{samplePages[(li+vi)%len(samplePages)]}
	}
	out := []string{""}
	for k := range n - 1 {
		out = append(out, samplePages[1+(li*3+vi+k*4)%(len(samplePages)-1)])
	}
	return out
}

// TestNoErrors visits a sample of pages in every language and version and fails on any console
// error, uncaught exception, failed request, error status, or request to another host. Pages
// that fetch data (migrate, calculator) are visited until their requests end.
func TestNoErrors(t *testing.T) {
	s := shippedSite(t)
	tb := newTab(t, s)
	visited := 0
	for vi, v := range s.versions() {
		for li, lang := range langs {
			for _, p := range sample(li, vi, 4) {
				u := pageURL(lang, v, p)
				if !s.exists(u) {
					continue // not in this version (the version picker test covers that)
				}
				tb.open(u)
				if got := tb.location(); got != u {
					t.Errorf("opening %s ended at %s", u, got)
				}
				tb.noProblems(u)
				visited++
			}
		}
	}
	t.Logf("%d pages in %d versions × %d languages, %d requests", visited, len(s.versions()), len(langs), tb.log.requests)

	// The 404 page: the missing page itself is the only error.
	missing := "/fr/no-such-page"
	tb.log.expectMissing(s.base + missing)
	tb.open(missing)
	if !eval[bool](tb, `!!document.querySelector("section.not-found[lang=fr]")`) {
		t.Errorf("%s did not show the 404 page", missing)
	}
	tb.noProblems(missing)
}

// TestHostileContent builds a small site (examples/starter) whose pages, translation, interface
// strings and data titles are full of script: raw <script> and event handlers, which the build
// drops or escapes. In the browser no dialog opens, nothing runs, and no element carries an
// event handler attribute or a javascript: URL.
func TestHostileContent(t *testing.T) {
	needChromium(t)
	root := tempDir(t, "hostile")
	if err := os.CopyFS(root, os.DirFS(filepath.Join(repoRoot, "examples", "starter"))); err != nil {
		t.Fatal(err)
	}
	enGuide := "---\ntitle: Token <script>alert(1)</script> guide\nintro: How <img src=x onerror=alert(2)> tokens work.\n---\n\n" +
		"## Kinds <script>alert(3)</script> {#kinds}\n\n<script>alert(4)</script>\n\n" +
		"<img src=x onerror=alert(5)> <a href=\"javascript:alert(6)\">raw</a> <iframe src=\"javascript:alert(7)\"></iframe>\n\n" +
		"`<script>alert(8)</script>` <svg onload=alert(9)></svg> <details open ontoggle=alert(10)>\n"
	files := map[string]string{
		"content/pages/index.md": "---\ntitle: Home\n---\n\nRead [AUTOTITLE](/guide).\n",
		"content/pages/guide.md": enGuide,
		"locales/fr/pages/guide.md": "---\ntitle: Guide <script>alert(11)</script>\nsource_hash: " + content.SourceHash([]byte(enGuide)) +
			"\n---\n\n## Types <img src=x onerror=alert(12)>\n\n<script>alert(13)</script>\n",
		"locales/fr/ui.fr.yaml": "SkipToContent: Aller <script>alert(14)</script> au contenu\n" +
			"MainMenu: <a href=\"javascript:alert(15)\">Menu</a>\nSiteName: <img src=x onerror=alert(16)>\n",
		"locales/fr/data/scopes.yaml": "scopes:\n  - id: repo\n    title: Contrôle <script>alert(17)</script> total\n    source_hash: \"0000000000000000\"\n",
	}
	for name, data := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	scopes := filepath.Join(root, "content", "data", "scopes.yaml")
	data, err := os.ReadFile(scopes)
	if err != nil {
		t.Fatal(err)
	}
	data = append(data, "  - id: read:script\n    title: Read <script>alert(18)</script> <img src=x onerror=alert(19)>\n"...)
	if err := os.WriteFile(scopes, data, 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := buildAndServe(t, root, "hostile-site")
	if err != nil {
		t.Fatal(err)
	}
	defer s.close()
	tb := newTab(t, s)
	v := s.version(t, "dotcom")
	for _, u := range []string{
		pageURL("en", v, "guide"), pageURL("fr", v, "guide"), pageURL("ja", v, "guide"),
		pageURL("en", v, "reference/scopes"), pageURL("fr", v, "reference/scopes"), pageURL("fr", v, ""),
		pageURL("fr", s.version(t, "ghes-3.19"), "reference/migrate"),
	} {
		tb.open(u)
		bad := eval[[]string](tb, `[...document.querySelectorAll("*")].flatMap(e => [...e.attributes]
			.filter(a => a.name.startsWith("on") || /^\s*(javascript|vbscript|data):/i.test(a.value))
			.map(a => e.tagName + " " + a.name + "=" + a.value))`)
		for _, b := range bad {
			t.Errorf("%s: %s", u, b)
		}
		scripts := eval[[]string](tb, `[...document.scripts].map(s => s.src ? new URL(s.src).pathname : "inline: " + s.textContent.slice(0, 60))`)
		for _, src := range scripts {
			if strings.HasPrefix(src, "inline: ") || !(strings.HasPrefix(src, "/assets/") || strings.HasSuffix(src, ".js")) {
				t.Errorf("%s: unexpected script %s", u, src)
			}
		}
		if n := eval[int](tb, `document.querySelectorAll("iframe, svg[onload], img[onerror]").length`); n != 0 {
			t.Errorf("%s: %d elements made from raw HTML", u, n)
		}
		tb.noProblems(u) // includes any dialog that opened
	}
	// The escaped text is there, as text.
	tb.open(pageURL("en", v, "guide"))
	if h := eval[string](tb, `document.querySelector("h1").textContent`); h != "Token <script>alert(1)</script> guide" {
		t.Errorf("the title shows as %q", h)
	}
	tb.noProblems("guide")
}
