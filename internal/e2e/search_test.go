package e2e

import (
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

const searchInput = `form[role=search][data-index] input[type=search]`

// TestSearch types the queries of the reference issue into the search field of a page, in its
// language, and opens the first result with the keyboard (ArrowDown, Enter): it must be the
// expected page. The index is fetched only once the field is used.
func TestSearch(t *testing.T) {
	s := shippedSite(t)
	tb := newTab(t, s)
	dotcom := s.version(t, "dotcom")
	tb.open(pageURL("en", dotcom, ""))
	if !eval[bool](tb, `!!document.querySelector(`+jsString(searchInput)+`)`) {
		t.Skip("search is not in the pages yet: /en has no form[role=search][data-index] with a search field")
	}
	// The endpoints whose path is exactly the query, as anchors on the issues category page.
	var issueAnchors []string
	for _, e := range s.model.EndpointsIn(dotcom.Index) {
		if e.Path == "/repos/{owner}/{repo}/issues" {
			issueAnchors = append(issueAnchors, "#"+s.gen.EndpointAnchor(e))
		}
	}
	for _, c := range []struct {
		lang, query, want string
		anchors           []string // when set, the result's anchor must be one of them
	}{
		{"ja", "トークン", pageURL("ja", dotcom, guide), nil},
		{"en", "issues write", pageURL("en", dotcom, "reference/permissions/issues"), nil},
		{"en", "/repos/{owner}/{repo}/issues", pageURL("en", dotcom, "reference/endpoints/issues"), issueAnchors},
		{"ko", "토큰", pageURL("ko", dotcom, guide), nil},
		{"fr", "jetons d'accès personnels", pageURL("fr", dotcom, guide), nil},
	} {
		start := pageURL(c.lang, dotcom, "reference")
		tb.open(start)
		before := tb.log.requests
		tb.tabTo(searchInput, 40)
		tb.do("type "+c.query, chromedp.SendKeys(chromedp.CSS(searchInput), c.query))
		tb.waitFor("results for "+c.query, `document.querySelector(".search-result[role=option]")`)
		if tb.log.requests == before {
			t.Errorf("%s: no index request after typing", start)
		}
		tb.do("ArrowDown", chromedp.KeyEvent(kb.ArrowDown))
		if sel := eval[bool](tb, `document.querySelector(".search-result[role=option]").getAttribute("aria-selected") === "true"`); !sel {
			t.Errorf("%s: ArrowDown does not select the first result", c.query)
		}
		tb.navigateBy("Enter on the first result for "+c.query, chromedp.KeyEvent(kb.Enter))
		got := tb.location()
		path, hash, _ := strings.Cut(got, "#")
		if path != c.want {
			t.Errorf("%s %q: the first result is %s, want %s", c.lang, c.query, got, c.want)
		} else if c.anchors != nil && !slices.Contains(c.anchors, "#"+hash) {
			t.Errorf("%s %q: the first result is %s, want one of the anchors %v", c.lang, c.query, got, c.anchors)
		}
		tb.noProblems(c.lang + " search " + c.query)
	}
}
