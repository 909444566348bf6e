package e2e

import (
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/scoperef/scoperef/internal/reference"
)

// migrateResult is what the migrate page shows: the permissions (id and level, read from the
// link to the permission's level section) and the endpoints no fine-grained token can call.
type migrateResult struct {
	Permissions []string `json:"permissions"` // "issues: write"
	Uncallable  []string `json:"uncallable"`  // "GET /path"
}

const readMigrate = `(() => {
	const perms = [...document.querySelectorAll("#migrate-permissions li")].filter(li => li.querySelector("code")).map(li => {
		const a = li.querySelector("a"), m = /#level-(\w+)$/.exec(a ? a.getAttribute("href") : "");
		return li.querySelector("code").textContent + ": " + (m ? m[1] : "?");
	});
	const none = [...document.querySelectorAll("#migrate-uncallable li code")].map(c => c.textContent);
	return {permissions: perms, uncallable: none};
})()`

// TestMigratePage opens the classic → fine-grained page with scope sets given in its address
// (?scopes=) and checks the result against reference.Migrate, in several versions and languages;
// then ticks and unticks scopes with the keyboard and checks the result and the address follow.
func TestMigratePage(t *testing.T) {
	s := shippedSite(t)
	tb := newTab(t, s)
	cases := []struct {
		lang, version string
		scopes        []string
	}{
		{"en", "dotcom", []string{"repo"}},
		{"en", "dotcom", []string{"public_repo", "read:org"}},
		{"en", "dotcom", []string{"admin:org", "workflow", "gist"}},
		{"fr", "dotcom", []string{"user", "notifications", "read:packages"}},
		{"en", "ghec", []string{"admin:enterprise", "repo"}},
		{"ja", "ghes-3.19", []string{"repo", "admin:repo_hook", "delete_repo"}},
		{"ko", "ghes-3.17", []string{"site_admin"}},
		{"en", "ghes-3.19", []string{"read:user", "user:email", "read:gpg_key", "write:discussion"}},
	}
	perms, uncallable := 0, 0
	for _, c := range cases {
		v := s.version(t, c.version)
		var known []string
		for _, id := range c.scopes {
			if sc, ok := s.model.Scope(id); ok && sc.Versions.Has(v.Index) {
				known = append(known, id)
			}
		}
		if len(known) == 0 {
			t.Errorf("%s: none of %v exists", c.version, c.scopes)
			continue
		}
		want := expectedMigrate(reference.Migrate(s.model, v, known))
		u := pageURL(c.lang, v, "reference/migrate") + "?scopes=" + url.QueryEscape(strings.Join(known, ","))
		tb.open(u)
		tb.waitFor("the migrate form", `!document.getElementById("migrate-form").hidden && document.querySelector("#migrate-permissions li")`)
		got := eval[migrateResult](tb, readMigrate)
		perms += len(want.Permissions)
		uncallable += len(want.Uncallable)
		if !slices.Equal(got.Permissions, want.Permissions) || !slices.Equal(got.Uncallable, want.Uncallable) {
			t.Errorf("%s %v:\nthe page shows %+v\nscoperef migrate gives %+v", c.version, known, got, want)
		}
		ticked := eval[[]string](tb, `[...document.querySelectorAll("input[name=scope]:checked")].map(i => i.value)`)
		slices.Sort(ticked)
		sorted := slices.Sorted(slices.Values(known))
		if !slices.Equal(ticked, sorted) {
			t.Errorf("%s: ?scopes=%s ticked %v", u, strings.Join(known, ","), ticked)
		}
		tb.noProblems(u)
	}

	if perms == 0 || uncallable == 0 {
		t.Errorf("the cases gave %d permissions and %d uncallable endpoints in all: choose scope sets that test both", perms, uncallable)
	}
	t.Logf("%d cases: %d permissions, %d endpoints no fine-grained token can call", len(cases), perms, uncallable)

	// With the keyboard: Tab to the first scope, Space ticks it; the result and the address
	// follow; Space again unticks it.
	v := s.version(t, "dotcom")
	u := pageURL("en", v, "reference/migrate")
	tb.open(u)
	tb.waitFor("the migrate form", `!document.getElementById("migrate-form").hidden`)
	first := eval[string](tb, `document.querySelector("input[name=scope]").value`)
	tb.tabTo(`input[name=scope][value="`+first+`"]`, 80)
	tb.do("Space", chromedp.KeyEvent(" "))
	tb.waitFor("the result for "+first, `document.querySelector("input[name=scope]").checked && location.search.includes("scopes=")`)
	want := expectedMigrate(reference.Migrate(s.model, v, []string{first}))
	if got := eval[migrateResult](tb, readMigrate); !slices.Equal(got.Permissions, want.Permissions) || !slices.Equal(got.Uncallable, want.Uncallable) {
		t.Errorf("ticking %s with Space shows %+v, want %+v", first, got, want)
	}
	if q := eval[string](tb, `new URLSearchParams(location.search).get("scopes")`); q != first {
		t.Errorf("after ticking %s the address has scopes=%q", first, q)
	}
	tb.do("Space", chromedp.KeyEvent(" "))
	tb.waitFor("no scope ticked", `!document.querySelector("input[name=scope]").checked && !location.search.includes("scopes=")`)
	tb.do("Tab", chromedp.KeyEvent(kb.Tab))
	tb.noProblems(u + " (keyboard)")
}

// expectedMigrate is reference.Migrate's answer as the page shows it.
func expectedMigrate(r reference.MigrateResult) migrateResult {
	out := migrateResult{Permissions: []string{}, Uncallable: []string{}}
	for _, g := range r.Permissions {
		out.Permissions = append(out.Permissions, g.Permission+": "+g.Level)
	}
	for _, e := range r.NoFineGrained {
		out.Uncallable = append(out.Uncallable, e.Method+" "+e.Path)
	}
	return out
}
