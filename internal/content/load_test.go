package content

import (
	"strings"
	"testing"

	"github.com/scoperef/scoperef/internal/diag"
)

func TestTagErrorsHavePositions(t *testing.T) {
	_, _, diags := load(t, map[string]string{
		"content/pages/a.md": page("A", ""+
			"Intro {% ifversion ghes and pat-v3 %}x{% endif %}\n"+ // line 4
			"{% ifversion ghes >= 9.0 %}\n"+
			"y\n"+
			"{% endif %}\n"+
			"{% data reusables.nope %}\n"+ // line 8
			"{% data variables.product.nmae %}\n"+
			"日本語 {% iff ghes %}\n"+ // line 10: columns count characters
			"{% ifversion dotcom and ghec %}never{% endif %}\n"),
		"content/reusables/r.md": "{% ifversion ghes %}\n",
	})
	wantDiags(t, diags, true,
		`content/pages/a.md:4:29: in version range "ghes and pat-v3": unknown version name "pat-v3" (did you mean "pat-v2"?)`,
		`content/pages/a.md:5:14: in version range "ghes >= 9.0": "ghes >= 9.0" matches no known release (known ghes releases are 3.9 to 3.19)`,
		`content/pages/a.md:8:9: unknown reusable reusables.nope: there is no content/reusables/nope.md`,
		`content/pages/a.md:9:9: unknown variable product.nmae (did you mean "product.name"?)`,
		`content/pages/a.md:10:8: unknown tag "iff": the tags are ifversion, elsif, else, endif and data`,
		`content/pages/a.md:11:14: warning: version range "dotcom and ghec" matches no version: this branch never shows`,
		`content/reusables/r.md:1:1: {% ifversion %} is never closed: add {% endif %}`,
	)
}

func TestFrontMatterErrors(t *testing.T) {
	_, _, diags := load(t, map[string]string{
		"content/pages/a.md":        "---\ntitel: A\nversions: ghes >= 3.10 and pat-v3\nredirect_from: [/old/, /ok]\nintro: 3\n---\n",
		"content/pages/b.md":        "no front matter\n",
		"content/pages/c.md":        "---\ntitle: C\n",
		"content/pages/d.md":        "---\ntitle: \"{% data variables.product.name %}\"\nshort_title: ''\n---\n",
		"content/pages/e.md":        "---\ntitle: E\nversions: \"dotcom and ghec\"\nredirect_from: /ok\n---\n",
		"content/pages/f.md":        "---\ntitle: [F\n---\n",
		"content/pages/Bad.md":      page("Bad", ""),
		"content/pages/g.md":        page("G", "ok\xffbad"),
		"content/reusables/x.md":    "---\ntitle: X\n---\n",
		"locales/fr/pages/a.md":     "---\ntitle: A\nversions: ghes\nsource_hash: XYZ\n---\n",
		"locales/fr/pages/zz.md":    "---\ntitle: Z\n---\n",
		"locales/fr/reusables/x.md": "---\nsource_hash: 0123456789abcdef\ntitle: X\n---\n",
	})
	wantDiags(t, diags, true,
		`content/pages/Bad.md: a page's file and folder names are lower-case letters, digits and "-"`,
		`content/pages/a.md:2:1: front matter lacks title`,
		`content/pages/a.md:2:1: titel: unknown front matter key "titel" (keys: title and optionally short_title, intro, versions, redirect_from)`,
		`content/pages/a.md:3:28: versions: in version range "ghes >= 3.10 and pat-v3": unknown version name "pat-v3" (did you mean "pat-v2"?)`,
		`content/pages/a.md:4:17: redirect_from: a redirect is a path such as /old/path: lower-case letters, digits and "-", no trailing "/"`,
		`content/pages/a.md:5:8: intro: intro must be a string`,
		`content/pages/b.md:1:1: missing front matter: the file must start with "---", keys: title and optionally short_title, intro, versions, redirect_from, "---"`,
		`content/pages/c.md:1:1: front matter is not closed: add a line "---" after it`,
		`content/pages/d.md:2:8: title: tags such as {% data %} are not allowed in front matter`,
		`content/pages/d.md:3:14: short_title: short_title must not be empty`,
		`content/pages/e.md:3:12: versions: version range "dotcom and ghec" matches no version`,
		`content/pages/e.md:4:16: redirect_from: redirect_from must be a list of paths, e.g. [/old/path]`,
		`content/pages/g.md:4:3: invalid UTF-8 byte 0xff`,
		`content/pages/f.md:2:1: invalid YAML: did not find expected ',' or ']'`,
		`content/reusables/x.md:1:1: a reusable has no front matter (only its translations do, for source_hash)`,
		`locales/fr/pages/a.md:3:1: versions: versions belongs to the English page only: a translation follows its source`,
		`locales/fr/pages/a.md:4:14: source_hash: source_hash must be 16 lower-case hex digits (see `+"`scoperef i18n`"+`), found "XYZ"`,
		`locales/fr/pages/zz.md:1:1: translation of a page that does not exist: no content/pages/zz.md`,
		`locales/fr/reusables/x.md:2:14: warning: source_hash: stale translation: content/reusables/x.md changed since it was translated (source_hash 0123456789abcdef, now 5f1deada0d570473)`,
		`locales/fr/reusables/x.md:3:1: title: unknown front matter key "title" (keys: source_hash)`,
	)
}

func TestRedirects(t *testing.T) {
	s, _, diags := load(t, map[string]string{
		"content/pages/a.md":       "---\ntitle: A\nredirect_from: [/old-a, /b]\n---\n",
		"content/pages/b.md":       "---\ntitle: B\nredirect_from: [/old-a, /old-b]\n---\n[x](/old-b)\n",
		"content/pages/c/index.md": page("C", ""),
	})
	wantDiags(t, diags, true,
		`content/pages/a.md:3:25: redirect_from: redirect_from /b is the path of content/pages/b.md`,
		`content/pages/b.md:3:17: redirect_from: redirect_from /old-a is also a redirect of content/pages/a.md`,
		`content/pages/b.md:5:1: link to /old-b, an old path of /b: link to /b`,
	)
	a, _ := s.Page("a")
	if got := a.Redirects(); len(got) != 1 || got[0] != "old-a" {
		t.Errorf("a.Redirects() = %q", got)
	}
	if _, ok := s.Page("c"); !ok {
		t.Errorf("c/index.md is not the page c")
	}
}

func TestReusableCycle(t *testing.T) {
	_, _, diags := load(t, map[string]string{
		"content/pages/a.md":        page("A", "{% data reusables.r1 %}\n"),
		"content/reusables/r1.md":   "one\n{% ifversion ghes %}{% data reusables.r2 %}{% endif %}\n",
		"content/reusables/r2.md":   "two {% data reusables.r1 %}\n",
		"content/reusables/self.md": "{% data reusables.self %}\n",
	})
	wantDiags(t, diags, true,
		`content/reusables/r2.md:1:5: reusables include each other: r1 -> r2 -> r1`,
		`content/reusables/self.md:1:1: reusables include each other: self -> self`,
	)
}

func TestMissingVariableValue(t *testing.T) {
	s, m, diags := load(t, map[string]string{
		"content/pages/a.md": page("A", "Only {% data variables.only.dotcom %}.\n"),
		"content/pages/b.md": page("B", "{% ifversion dotcom %}Only {% data variables.only.dotcom %}.{% endif %}\n"),
	})
	wantDiags(t, diags, true,
		`content/pages/a.md:4:14: variable only.dotcom has no value for ghec`,
		`content/pages/a.md:4:14: variable only.dotcom has no value for ghes-3.19`,
		`content/pages/a.md:4:14: variable only.dotcom has no value for ghes-3.9`,
	)
	a, _ := s.Page("a")
	if _, err := s.Render(a, version(t, m, "ghec"), "en"); err == nil || !strings.Contains(err.Error(), "no value for ghec") {
		t.Errorf("Render a in ghec: err = %v", err)
	}
	if r := mustRender(t, s, m, "a", "dotcom", "en"); !strings.Contains(string(r.Body), "Only just dotcom.") {
		t.Errorf("dotcom body = %s", r.Body)
	}
}

// TestExpand evaluates tags per version: conditions, features, nesting, reusables joining lists,
// indented reusables, inline reusables and variables.
func TestExpand(t *testing.T) {
	s, m := loadClean(t, map[string]string{
		"content/pages/a.md": page("A", ""+
			"{% data variables.product.name %} on {% data variables.product.host %}\n"+
			"{% ifversion pat-v2 %}\n"+
			"fine-grained{% ifversion ghes %} (beta){% endif %}\n"+
			"{% elsif ghes < 3.10 %}\n"+
			"classic only\n"+
			"{% else %}\n"+
			"never\n"+
			"{% endif %}\n"+
			"1. first\n"+
			"{% data reusables.steps %}\n"+
			"1. last\n"+
			"   {% data reusables.note %}\n"+
			"Inline: {% data reusables.inline %}!\n"),
		"content/reusables/steps.md":  "1. step {% data variables.product.name %}\n{% ifversion enterprise %}\n1. enterprise step\n{% endif %}\n",
		"content/reusables/note.md":   "Note line one\nline two\n",
		"content/reusables/inline.md": "short text\n\n",
	})
	for v, want := range map[string]string{
		"dotcom": "GitHub on github.com\nfine-grained\n1. first\n1. step GitHub\n1. last\n   Note line one\n   line two\nInline: short text!\n",
		"ghec":   "GitHub on github.com\nfine-grained\n1. first\n1. step GitHub\n1. enterprise step\n1. last\n   Note line one\n   line two\nInline: short text!\n",
		"ghes-3.19": "GitHub Enterprise Server on HOSTNAME\nfine-grained (beta)\n1. first\n1. step GitHub Enterprise Server\n" +
			"1. enterprise step\n1. last\n   Note line one\n   line two\nInline: short text!\n",
		"ghes-3.9": "GitHub Enterprise Server on HOSTNAME\nclassic only\n1. first\n1. step GitHub Enterprise Server\n" +
			"1. enterprise step\n1. last\n   Note line one\n   line two\nInline: short text!\n",
	} {
		p, _ := s.Page("a")
		var diags diag.List
		e := s.expand(p.en, version(t, m, v), "en", false, &diags)
		if got := string(e.buf); got != want || diags.Len() > 0 {
			t.Errorf("%s:\n got  %q\n want %q\n%s", v, got, want, diagText(&diags))
		}
	}
	// The reusable's items join the page's list: one <ol> with four items on dotcom.
	r := mustRender(t, s, m, "a", "dotcom", "en")
	if n := strings.Count(string(r.Body), "<ol>"); n != 1 || strings.Count(string(r.Body), "<li>") != 3 {
		t.Errorf("list not joined: %s", r.Body)
	}
}

// TestPositionsInReusables checks that a problem in a reusable is reported in the reusable's file,
// and one in a variable value at its tag.
func TestPositionsInReusables(t *testing.T) {
	_, _, diags := load(t, map[string]string{
		"content/pages/a.md":     page("A", "Text\n\n   {% data reusables.r %}\n"),
		"content/reusables/r.md": "line one\n{% ifversion ghes %}\nsee [x](javascript:alert(1))\n{% endif %}\n",
	})
	wantDiags(t, diags, true, `content/reusables/r.md:3:5: javascript: URLs are not allowed`)
}
