package e2e

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// axeViolation is one rule axe-core found broken, with a few of the elements that break it.
type axeViolation struct {
	ID     string   `json:"id"`
	Impact string   `json:"impact"`
	Help   string   `json:"help"`
	Count  int      `json:"count"`
	Nodes  []string `json:"nodes"`
}

const runAxe = `axe.run(document, {resultTypes: ["violations"]}).then(r => r.violations
	.filter(v => v.impact === "serious" || v.impact === "critical")
	.map(v => ({id: v.id, impact: v.impact, help: v.help, count: v.nodes.length,
		nodes: v.nodes.slice(0, 3).map(n => n.target.join(" ") + " " + (n.failureSummary || "").split("\n").slice(1, 2).join(""))})))`

// TestAccessibility runs axe-core (AXE_CORE_JS) on a sample of pages in every language and
// version, and on the guide of every language in the dark colour scheme, and fails on any
// serious or critical violation. The migrate and calculator pages are checked with their forms
// shown and filled.
func TestAccessibility(t *testing.T) {
	axePath := os.Getenv("AXE_CORE_JS")
	if axePath == "" {
		t.Skip("AXE_CORE_JS is not set: accessibility audit skipped (.ci/run installs axe-core@4 from npm and sets it)")
	}
	axe, err := os.ReadFile(axePath)
	if err != nil {
		t.Fatalf("AXE_CORE_JS: %v", err)
	}
	s := shippedSite(t)
	tb := newTab(t, s)
	audited := 0
	// check audits the page as it is now.
	check := func(u string) {
		t.Helper()
		tb.do("inject axe-core", chromedp.Evaluate[chromedp.Void](string(axe)))
		for _, v := range eval[[]axeViolation](tb, runAxe) {
			t.Errorf("%s: %s (%s, %d elements): %s\n\t%s", u, v.ID, v.Impact, v.Count, v.Help, strings.Join(v.Nodes, "\n\t"))
		}
		tb.noProblems(u)
		audited++
	}
	audit := func(u string) {
		t.Helper()
		tb.open(u)
		switch {
		case strings.HasSuffix(u, "/reference/migrate"):
			tb.open(u + "?scopes=repo,read:org")
			tb.waitFor("the migrate result", `!document.getElementById("migrate-form").hidden`)
		case strings.HasSuffix(u, "/reference/calculator"):
			op := s.model.EndpointsIn(0)[0].Operation
			tb.open(u + "?endpoints=" + op)
			tb.waitFor("the calculator result", `!document.getElementById("calculator-form").hidden`)
		}
		check(u)
	}
	for vi, v := range s.versions() {
		for li, lang := range langs {
			for _, p := range sample(li+1, vi, 3) {
				if u := pageURL(lang, v, p); s.exists(u) {
					audit(u)
				}
			}
		}
	}
	// Dark colour scheme: the colours change, so contrast is checked again.
	tb.do("dark colour scheme", darkScheme(true))
	for _, lang := range langs {
		audit(pageURL(lang, s.version(t, "dotcom"), guide))
	}
	audit(pageURL("en", s.version(t, "ghes-3.19"), "reference/calculator"))
	tb.do("light colour scheme", darkScheme(false))

	// Open widgets: search results, and the calculator's list of matches.
	dotcom := s.version(t, "dotcom")
	u := pageURL("ja", dotcom, guide)
	tb.open(u)
	if eval[bool](tb, `!!document.querySelector(`+jsString(searchInput)+`)`) {
		tb.do("type a query", chromedp.SendKeys(chromedp.CSS(searchInput), "トークン"))
		tb.waitFor("search results", `document.querySelector(".search-result[role=option]")`)
		check(u + " (search results open)")
	}
	u = pageURL("en", dotcom, "reference/calculator")
	tb.open(u)
	tb.waitFor("the calculator form", `!document.getElementById("calculator-form").hidden`)
	tb.do("type a query", chromedp.SendKeys(chromedp.ID("calculator-search"), "issues"))
	tb.waitFor("matches", `document.querySelector("#calculator-matches input")`)
	check(u + " (matches listed)")
	t.Logf("axe-core audited %d pages", audited)
}

// darkScheme emulates prefers-color-scheme: dark, or stops emulating it.
func darkScheme(dark bool) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		p := emulation.SetEmulatedMediaParams{}
		if dark {
			p.Features = []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: "dark"}}
		}
		_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, p)
		return err
	})
}
