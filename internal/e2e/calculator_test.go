package e2e

import (
	"fmt"
	"math/rand/v2"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/scoperef/scoperef/access"
	"github.com/scoperef/scoperef/internal/codegen"
)

// calcResult is what the calculator shows, endpoints as "METHOD /path".
type calcResult struct {
	Fine        []string `json:"fine"`    // "issues=write: GET /a, POST /b"
	Classic     []string `json:"classic"` // "repo: GET /a"
	FineNone    []string `json:"fineNone"`
	ClassicNone []string `json:"classicNone"`
}

const readCalculator = `(() => {
	const eps = el => [...el.querySelectorAll("td:last-child a code")].map(c => c.textContent).join(", ");
	const list = id => [...document.querySelectorAll("#" + id + " li:not(.calculator-none) a code")].map(c => c.textContent);
	return {
		fine: [...document.querySelectorAll("#calculator-permissions tr")].map(tr => {
			const a = tr.querySelector("th a"), m = /#level-(\w+)$/.exec(a.getAttribute("href"));
			return a.textContent + "=" + (m ? m[1] : "?") + ": " + eps(tr);
		}),
		classic: [...document.querySelectorAll("#calculator-scopes tr")].map(tr => tr.querySelector("th").textContent + ": " + eps(tr)),
		fineNone: list("calculator-fine-grained-unavailable"),
		classicNone: list("calculator-classic-unavailable"),
	};
})()`

// expectedCalc is access.Table.Minimize's answer as the calculator shows it.
func expectedCalc(m access.Minimal) calcResult {
	route := func(eps []*access.Endpoint) []string {
		out := []string{}
		for _, e := range eps {
			out = append(out, e.Method+" "+e.Path)
		}
		return out
	}
	r := calcResult{Fine: []string{}, Classic: []string{}, FineNone: route(m.FineGrainedUnavailable), ClassicNone: route(m.ClassicUnavailable)}
	for _, g := range m.FineGrained {
		r.Fine = append(r.Fine, g.Grant.String()+": "+strings.Join(route(g.Endpoints), ", "))
	}
	for _, sc := range m.Classic {
		r.Classic = append(r.Classic, sc.Scope+": "+strings.Join(route(sc.Endpoints), ", "))
	}
	return r
}

func equalCalc(a, b calcResult) bool {
	return slices.Equal(a.Fine, b.Fine) && slices.Equal(a.Classic, b.Classic) &&
		slices.Equal(a.FineNone, b.FineNone) && slices.Equal(a.ClassicNone, b.ClassicNone)
}

// TestCalculator opens the least-privilege calculator with random endpoint sets (given in its
// address, ?endpoints=, private and public) in several versions and languages and checks the
// whole answer (permissions with levels and the endpoints behind each, scopes likewise, and the
// endpoints no token of a kind can call) against access.Table.Minimize on the table scoperef
// minimize uses. Then it selects an endpoint with the keyboard alone.
func TestCalculator(t *testing.T) {
	s := shippedSite(t)
	dotcom := s.version(t, "dotcom")
	if !s.exists(pageURL("en", dotcom, "reference/calculator")) {
		t.Skip("the calculator is not built yet: no /en/reference/calculator")
	}
	tb := newTab(t, s)
	tb.open(pageURL("en", dotcom, "reference/calculator"))
	if !eval[bool](tb, `!!document.getElementById("calculator-form")`) {
		t.Skip("the calculator is not built yet: /en/reference/calculator has no #calculator-form")
	}
	tables := codegen.Build(s.model, "")
	seed := uint64(20261123)
	rng := rand.New(rand.NewPCG(seed, seed))
	t.Logf("random endpoint sets from seed %d", seed)
	sets, items := 0, 0
	for _, c := range []struct {
		lang, version string
		n             int
	}{{"en", "dotcom", 10}, {"fr", "ghec", 6}, {"ja", "ghes-3.19", 6}, {"ko", "ghes-3.17", 4}} {
		v := s.version(t, c.version)
		tab, ok := tables.Table(v.Name())
		if !ok {
			t.Fatalf("no access table for %s", v.Name())
		}
		page := pageURL(c.lang, v, "reference/calculator")
		for i := range c.n {
			size := 1 + rng.IntN(8)
			if i == 0 {
				size = 1
			}
			var eps []*access.Endpoint
			var ops []string
			for _, j := range rng.Perm(len(tab.Endpoints))[:size] {
				eps = append(eps, &tab.Endpoints[j])
				ops = append(ops, tab.Endpoints[j].Operation)
			}
			vis, visName := access.Private, "private"
			if rng.IntN(3) == 0 {
				vis, visName = access.Public, "public"
			}
			m, err := tab.Minimize(eps, vis)
			if err != nil {
				t.Fatalf("Minimize(%v): %v", ops, err)
			}
			want := expectedCalc(m)
			u := page + "?endpoints=" + url.QueryEscape(strings.Join(ops, ",")) + "&visibility=" + visName
			tb.open(u)
			tb.waitFor("the calculator's result", `!document.getElementById("calculator-result").hidden`)
			if got := eval[calcResult](tb, readCalculator); !equalCalc(got, want) {
				t.Errorf("%s %s %v:\nthe page shows %s\nMinimize gives  %s", v.Name(), visName, ops, show(got), show(want))
			}
			sets++
			items += len(want.Fine) + len(want.Classic) + len(want.FineNone) + len(want.ClassicNone)
			tb.noProblems(u)
		}
	}
	if sets < 20 || items < sets {
		t.Errorf("only %d endpoint sets compared (%d result lines), want at least 20 with results", sets, items)
	}
	t.Logf("%d endpoint sets, %d result lines equal to Minimize's", sets, items)

	// The keyboard: Tab to the search field, type, Tab to the first match, Space selects it.
	tab, _ := tables.Table(dotcom.Name())
	page := pageURL("en", dotcom, "reference/calculator")
	tb.open(page)
	tb.waitFor("the calculator form", `!document.getElementById("calculator-form").hidden`)
	tb.tabTo("#calculator-search", 80)
	tb.do("type a query", chromedp.SendKeys(chromedp.ID("calculator-search"), "/repos/{owner}/{repo}/issues"))
	tb.waitFor("matches", `document.querySelector("#calculator-matches input[type=checkbox]")`)
	tb.do("Tab", chromedp.KeyEvent(kb.Tab))
	if !eval[bool](tb, `document.activeElement.matches("#calculator-matches input[type=checkbox]")`) {
		t.Fatalf("Tab from the search field focuses %s, want the first match", eval[string](tb, `document.activeElement.outerHTML.slice(0, 160)`))
	}
	tb.do("Space", chromedp.KeyEvent(" "))
	tb.waitFor("the result", `!document.getElementById("calculator-result").hidden`)
	ops := eval[[]string](tb, `(new URLSearchParams(location.search).get("endpoints") || "").split(",").filter(Boolean)`)
	if len(ops) != 1 {
		t.Fatalf("after selecting one endpoint with Space, the address names %q", ops)
	}
	var eps []*access.Endpoint
	for i := range tab.Endpoints {
		if tab.Endpoints[i].Operation == ops[0] {
			eps = append(eps, &tab.Endpoints[i])
		}
	}
	if len(eps) != 1 || !strings.Contains(eps[0].Path, "/issues") {
		t.Fatalf("the selected endpoint %q is not an issues endpoint of the table", ops)
	}
	m, err := tab.Minimize(eps, access.Private)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := eval[calcResult](tb, readCalculator), expectedCalc(m); !equalCalc(got, want) {
		t.Errorf("keyboard selection of %s:\nthe page shows %s\nMinimize gives  %s", ops[0], show(got), show(want))
	}
	tb.noProblems(page + " (keyboard)")
}

func show(r calcResult) string {
	return fmt.Sprintf("fine-grained %q, unavailable %q; classic %q, unavailable %q", r.Fine, r.FineNone, r.Classic, r.ClassicNone)
}
