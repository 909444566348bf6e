package content

import (
	"fmt"
	"strings"
	"sync"
	"testing"
)

func TestHeadingIDsFromEnglish(t *testing.T) {
	en := page("Tokens", "## Creating a token (classic)\n\nText.\n\n### Using it {#use-it}\n\n## Deleting & revoking a token\n")
	s, m := loadClean(t, map[string]string{
		"content/pages/tokens.md":    en,
		"locales/ja/pages/tokens.md": translation("トークン", en, "## トークンの作成 (クラシック)\n\n本文。\n\n### 使い方\n\n## トークンの削除と取り消し\n"),
		"locales/ko/pages/tokens.md": translation("토큰", en, "## 토큰 만들기 (클래식)\n\n본문.\n\n### 사용하기 {#use-it}\n\n## 토큰 삭제 및 취소\n"),
	})
	wantIDs := []string{"creating-a-token-classic", "use-it", "deleting--revoking-a-token"}
	for _, lang := range []string{"en", "ja", "ko", "fr"} {
		r := mustRender(t, s, m, "tokens", "dotcom", lang)
		var ids []string
		for _, h := range r.Headings {
			ids = append(ids, h.ID)
		}
		if fmt.Sprint(ids) != fmt.Sprint(wantIDs) {
			t.Errorf("%s: ids = %q, want %q", lang, ids, wantIDs)
		}
		for _, id := range wantIDs {
			if !strings.Contains(string(r.Body), ` id="`+id+`"`) {
				t.Errorf("%s: body lacks id %q:\n%s", lang, id, r.Body)
			}
		}
		if strings.Contains(string(r.Body), `id="heading`) {
			t.Errorf("%s: goldmark-style id in %s", lang, r.Body)
		}
	}
	r := mustRender(t, s, m, "tokens", "dotcom", "ja")
	if r.Headings[0].Text != "トークンの作成 (クラシック)" || r.Headings[1].Level != 3 || r.Lang != "ja" || r.Fallback {
		t.Errorf("ja = %+v", r)
	}
	if !strings.Contains(string(r.Body), `<h2 id="creating-a-token-classic">トークンの作成 (クラシック)</h2>`) {
		t.Errorf("ja body:\n%s", r.Body)
	}
	if fr := mustRender(t, s, m, "tokens", "dotcom", "fr"); !fr.Fallback || fr.Lang != "en" || fr.Title != "Tokens" {
		t.Errorf("fr should fall back to English: %+v", fr)
	}
}

func TestHeadingIDErrors(t *testing.T) {
	en := page("A", "## One\n\n## Two\n")
	_, _, diags := load(t, map[string]string{
		"content/pages/a.md":    en,
		"content/pages/b.md":    page("B", "## Same {#x}\n\n## Other {#x}\n\n## ???\n\n## Bad {#Bad.Id}\n"),
		"locales/fr/pages/a.md": translation("A", en, "## Un {#un}\n\n## Deux\n\n## Trois\n"),
		"locales/ja/pages/a.md": translation("A", en, "## 一\n"),
	})
	wantDiags(t, diags, false,
		`content/pages/b.md:6:1: duplicate heading id "x" (first at content/pages/b.md:4:1)`,
		`content/pages/b.md:8:1: heading "???" gives no id: add an explicit {#id}`,
		`content/pages/b.md:10:1: heading id {#Bad.Id}: use lower-case letters, digits, "-" and "_"`,
		`locales/fr/pages/a.md:5:1: heading id {#un} differs from the English source's {#one} at the same place`,
		`locales/fr/pages/a.md:9:1: heading "Trois" has no counterpart in the English source, which has 2 headings in dotcom`,
		`locales/ja/pages/a.md:1:1: the translation has 1 headings where the English source has 2 in dotcom`,
	)
}

func TestAutoTitleAndLinksInFrench(t *testing.T) {
	scopes := page("Scopes for OAuth apps", "## Tokens {#tokens}\n")
	guide := page("Guide", "See [AUTOTITLE](/reference/scopes), [AUTOTITLE](/reference/permissions#levels), [this](#here) and [docs](https://docs.github.com/en).\n\n## Here {#here}\n")
	s, m := loadClean(t, map[string]string{
		"content/pages/reference/scopes.md":      scopes,
		"content/pages/reference/permissions.md": "---\ntitle: Permissions for fine-grained tokens\nversions: pat-v2\n---\n## Levels {#levels}\n",
		"content/pages/guide.md":                 "---\ntitle: Guide\nversions: pat-v2\n---\n" + strings.SplitN(guide, "---\n", 3)[2],
		"locales/fr/pages/reference/scopes.md":   translation("Étendues des applications OAuth", scopes, "## Jetons\n"),
		"locales/fr/pages/guide.md": translation("Guide", "---\ntitle: Guide\nversions: pat-v2\n---\n"+strings.SplitN(guide, "---\n", 3)[2],
			"Voir [AUTOTITLE](/reference/scopes), [AUTOTITLE](/reference/permissions#levels), [ceci](#here) et [docs](https://docs.github.com/en).\n\n## Ici\n"),
	})
	r := mustRender(t, s, m, "guide", "ghes-3.19", "fr")
	for _, want := range []string{
		`<a href="/fr/enterprise-server@3.19/reference/scopes">Étendues des applications OAuth</a>`,
		`<a href="/fr/enterprise-server@3.19/reference/permissions#levels"><span lang="en">Permissions for fine-grained tokens</span></a>`,
		`<a href="#here">ceci</a>`,
		`<a href="https://docs.github.com/en">docs</a>`,
	} {
		if !strings.Contains(string(r.Body), want) {
			t.Errorf("missing %s in\n%s", want, r.Body)
		}
	}
	if r.FallbackParts != 1 || r.Fallback || r.Lang != "fr" {
		t.Errorf("FallbackParts = %d, Fallback = %v, Lang = %q", r.FallbackParts, r.Fallback, r.Lang)
	}
	got := fmt.Sprint(r.Links)
	want := "[{reference/scopes  locales/fr/pages/guide.md:5:6} {reference/permissions levels locales/fr/pages/guide.md:5:38} {guide here locales/fr/pages/guide.md:5:82}]"
	if got != want {
		t.Errorf("links = %s\nwant %s", got, want)
	}
	if title, ok := s.Title("reference/scopes", "fr"); !ok || title != "Étendues des applications OAuth" {
		t.Errorf("Title fr = %q", title)
	}
	if title, ok := s.Title("reference/permissions", "ko"); !ok || title != "Permissions for fine-grained tokens" {
		t.Errorf("Title ko = %q", title)
	}
	// The English guide on dotcom: no segment; fallback French keeps English titles but French URLs.
	en := mustRender(t, s, m, "guide", "dotcom", "en")
	if !strings.Contains(string(en.Body), `<a href="/en/reference/scopes">Scopes for OAuth apps</a>`) {
		t.Errorf("en body:\n%s", en.Body)
	}
	ko := mustRender(t, s, m, "guide", "dotcom", "ko")
	if !strings.Contains(string(ko.Body), `<a href="/ko/reference/scopes">Scopes for OAuth apps</a>`) || !ko.Fallback {
		t.Errorf("ko body:\n%s", ko.Body)
	}
}

func TestURL(t *testing.T) {
	_, m := loadClean(t, nil)
	for _, tc := range []struct{ lang, v, path, anchor, want string }{
		{"en", "dotcom", "", "", "/en"},
		{"fr", "dotcom", "reference/scopes", "repo", "/fr/reference/scopes#repo"},
		{"ja", "ghec", "", "", "/ja/enterprise-cloud@latest"},
		{"ko", "ghes-3.19", "a/b", "", "/ko/enterprise-server@3.19/a/b"},
	} {
		if got := URL(tc.lang, version(t, m, tc.v), tc.path, tc.anchor); got != tc.want {
			t.Errorf("URL(%s, %s, %q, %q) = %q, want %q", tc.lang, tc.v, tc.path, tc.anchor, got, tc.want)
		}
	}
}

func TestBadLinks(t *testing.T) {
	_, _, diags := load(t, map[string]string{
		"content/pages/b.md": "---\ntitle: B\nversions: ghes\n---\n",
		"content/pages/a.md": page("A", ""+
			"[a](javascript:alert(1))\n"+ // line 4
			"[b](JavaScript:alert(1))\n"+
			"[c](java&#9;script:alert(1))\n"+
			"[d](&#106;avascript:alert(1))\n"+
			"[e](vbscript:msgbox)\n"+
			"[f](data:text/html;base64,PHNjcmlwdD4=)\n"+
			"[g](file:///etc/passwd)\n"+
			"<javascript:alert(1)>\n"+
			"[h](ftp://x.test/)\n"+ // line 12
			"[i](//evil.test/)\n"+
			"[j](relative/page)\n"+
			"[k](/nope)\n"+
			"[l](/b)\n"+
			"[AUTOTITLE](https://x.test/)\n"+
			"![img](https://x.test/i.png)\n"+
			"[m](/b/)\n"+
			"[n](/b?x=1)\n"+
			"[o]( )\n"+
			"[p](#bad%anchor)\n"+
			"ok: [q](https://x.test/) [r](mailto:a@x.test) <https://x.test/>\n"+
			"<b>raw</b>\n"),
	})
	wantDiags(t, diags, true,
		`content/pages/a.md:4:1: javascript: URLs are not allowed`,
		`content/pages/a.md:5:1: javascript: URLs are not allowed`,
		`content/pages/a.md:6:1: javascript: URLs are not allowed`,
		`content/pages/a.md:7:1: javascript: URLs are not allowed`,
		`content/pages/a.md:8:1: vbscript: URLs are not allowed`,
		`content/pages/a.md:9:1: data: URLs are not allowed`,
		`content/pages/a.md:10:1: file: URLs are not allowed`,
		`content/pages/a.md:11:1: javascript: URLs are not allowed`,
		`content/pages/a.md:12:1: unsupported URL scheme "ftp": use https:, http: or mailto:`,
		`content/pages/a.md:13:1: link "//evil.test/" has no scheme: write https://`,
		`content/pages/a.md:14:1: relative link "relative/page": link to a page by its path from the site root, e.g. /reference/scopes`,
		`content/pages/a.md:15:1: link to /nope: no such page`,
		`content/pages/a.md:16:1: link to /b: the page does not exist in dotcom`,
		`content/pages/a.md:16:1: link to /b: the page does not exist in ghec`,
		`content/pages/a.md:17:1: [AUTOTITLE] needs a link to a page of this site, e.g. [AUTOTITLE](/reference/scopes)`,
		`content/pages/a.md:18:1: images are not supported: the site loads nothing from elsewhere and has no image files`,
		`content/pages/a.md:19:1: link "/b/": remove the trailing "/"`,
		`content/pages/a.md:20:1: link "/b?x=1": a page path has no query, spaces or backslashes`,
		`content/pages/a.md:21:1: empty link destination`,
		`content/pages/a.md:22:1: bad anchor "#bad%anchor"`,
		`content/pages/a.md:24:1: warning: raw HTML is not rendered; write Markdown instead`,
		`content/pages/a.md:24:7: warning: raw HTML is not rendered; write Markdown instead`,
	)
}

func TestCallouts(t *testing.T) {
	en := page("A", "> [!NOTE]\n> English note.\n\n> [!WARNING]\n> Careful.\n")
	s, m := loadClean(t, map[string]string{
		"content/pages/a.md":    en,
		"locales/fr/pages/a.md": translation("A", en, "> [!NOTE]\n> Remarque en français.\n\n> [!WARNING]\n> Attention.\n"),
	})
	r := mustRender(t, s, m, "a", "dotcom", "fr")
	want := `<div class="callout callout-note" role="note">` + "\n" + `<p class="callout-title">Remarque</p>` + "\n" +
		"<p>Remarque en français.</p>\n</div>\n" +
		`<div class="callout callout-warning" role="note">` + "\n" + `<p class="callout-title">Avertissement</p>` + "\n" +
		"<p>Attention.</p>\n</div>\n"
	if string(r.Body) != want {
		t.Errorf("fr body:\n%s\nwant:\n%s", r.Body, want)
	}
	if en := mustRender(t, s, m, "a", "dotcom", "en"); !strings.Contains(string(en.Body), `<p class="callout-title">Note</p>`) {
		t.Errorf("en body:\n%s", en.Body)
	}
	// A fallback page keeps English labels, since its text is English.
	if ja := mustRender(t, s, m, "a", "dotcom", "ja"); !strings.Contains(string(ja.Body), `<p class="callout-title">Warning</p>`) {
		t.Errorf("ja fallback body:\n%s", ja.Body)
	}
	_, _, diags := load(t, map[string]string{"content/pages/a.md": page("A", "text\n\n> [!DANGER]\n> x\n")})
	wantDiags(t, diags, true, `content/pages/a.md:6:3: unknown callout [!DANGER]: use [!NOTE], [!TIP], [!IMPORTANT], [!WARNING] or [!CAUTION]`)
}

func TestReusableFallbackMarkedEnglish(t *testing.T) {
	en := page("Steps", "Intro {% data reusables.inline %} here.\n\n1. First\n{% data reusables.steps %}\n1. Last\n\n{% data reusables.para %}\n")
	steps := "1. Open settings.\n1. Click **Tokens**.\n"
	s, m := loadClean(t, map[string]string{
		"content/pages/steps.md":        en,
		"content/reusables/inline.md":   "inline words\n",
		"content/reusables/steps.md":    steps,
		"content/reusables/para.md":     "> [!NOTE]\n> A note in English.\n",
		"locales/fr/reusables/steps.md": reusableTranslation(steps, "1. Ouvrez les paramètres.\n1. Cliquez sur **Jetons**.\n"),
		"locales/fr/pages/steps.md":     translation("Étapes", en, "Intro {% data reusables.inline %} ici.\n\n1. Premier\n{% data reusables.steps %}\n1. Dernier\n\n{% data reusables.para %}\n"),
		"locales/ja/pages/steps.md":     translation("手順", en, "導入 {% data reusables.inline %} です。\n\n1. 最初\n{% data reusables.steps %}\n1. 最後\n\n{% data reusables.para %}\n"),
	})
	fr := mustRender(t, s, m, "steps", "dotcom", "fr")
	wantFR := "<p>Intro <span lang=\"en\">inline words</span> ici.</p>\n" +
		"<ol>\n<li>Premier</li>\n<li>Ouvrez les paramètres.</li>\n<li>Cliquez sur <strong>Jetons</strong>.</li>\n<li>Dernier</li>\n</ol>\n" +
		"<div lang=\"en\">\n<div class=\"callout callout-note\" role=\"note\">\n<p class=\"callout-title\">Note</p>\n<p>A note in English.</p>\n</div>\n</div>\n"
	if string(fr.Body) != wantFR || fr.FallbackParts != 2 {
		t.Errorf("fr (FallbackParts %d):\n%s\nwant:\n%s", fr.FallbackParts, fr.Body, wantFR)
	}
	ja := mustRender(t, s, m, "steps", "dotcom", "ja")
	wantJA := "<p>導入 <span lang=\"en\">inline words</span> です。</p>\n" +
		"<ol>\n<li>最初</li>\n<li lang=\"en\">Open settings.</li>\n<li lang=\"en\">Click <strong>Tokens</strong>.</li>\n<li>最後</li>\n</ol>\n" +
		"<div lang=\"en\">\n<div class=\"callout callout-note\" role=\"note\">\n<p class=\"callout-title\">Note</p>\n<p>A note in English.</p>\n</div>\n</div>\n"
	if string(ja.Body) != wantJA || ja.FallbackParts != 3 || ja.Fallback {
		t.Errorf("ja (FallbackParts %d):\n%s\nwant:\n%s", ja.FallbackParts, ja.Body, wantJA)
	}
	// A page without translation is English as a whole, with no parts counted.
	ko := mustRender(t, s, m, "steps", "dotcom", "ko")
	if !ko.Fallback || ko.FallbackParts != 0 || strings.Contains(string(ko.Body), `lang="en"`) {
		t.Errorf("ko: %+v", ko)
	}
}

func TestStaleTranslations(t *testing.T) {
	en := page("A", "Text.\n")
	r := "A reusable.\n"
	s, m, diags := load(t, map[string]string{
		"content/pages/a.md":        en,
		"content/pages/b.md":        page("B", "{% data reusables.r %}\n"),
		"content/reusables/r.md":    r,
		"locales/fr/pages/a.md":     translation("A", en, "Texte.\n"),
		"locales/ja/pages/a.md":     translation("A", "an older English text", "テキスト。\n"),
		"locales/ko/pages/a.md":     "---\ntitle: A\n---\n텍스트.\n",
		"locales/fr/pages/b.md":     translation("B", page("B", "{% data reusables.r %}\n"), "{% data reusables.r %}\n"),
		"locales/fr/reusables/r.md": reusableTranslation("old", "Un texte.\n"),
	})
	wantDiags(t, diags, true,
		`locales/fr/reusables/r.md:2:14: warning: source_hash: stale translation: content/reusables/r.md changed since it was translated (source_hash `+SourceHash([]byte("old"))+`, now `+SourceHash([]byte(r))+`)`,
		`locales/ja/pages/a.md:3:14: warning: source_hash: stale translation: content/pages/a.md changed since it was translated (source_hash `+SourceHash([]byte("an older English text"))+`, now `+SourceHash([]byte(en))+`)`,
		`locales/ko/pages/a.md:1:1: source_hash: front matter lacks source_hash: once the translation matches content/pages/a.md, set source_hash: `+SourceHash([]byte(en)),
	)
	for lang, stale := range map[string]bool{"en": false, "fr": false, "ja": true, "ko": true} {
		if got := mustRender(t, s, m, "a", "dotcom", lang).Stale; got != stale {
			t.Errorf("a %s: Stale = %v, want %v", lang, got, stale)
		}
	}
	// A fresh page using a stale translated reusable is stale too.
	if b := mustRender(t, s, m, "b", "dotcom", "fr"); !b.Stale || !strings.Contains(string(b.Body), "Un texte.") {
		t.Errorf("b fr: %+v", b)
	}
	if got := SourceHash([]byte("abc")); got != "ba7816bf8f01cfea" {
		t.Errorf("SourceHash(abc) = %s", got)
	}
	c := s.Coverage("fr")
	if fmt.Sprint(c.Pages) != "{2 [content/pages/a.md content/pages/b.md] [] []}" ||
		fmt.Sprint(c.Reusables) != "{1 [content/reusables/r.md] [content/reusables/r.md] []}" {
		t.Errorf("fr coverage = %+v", c)
	}
	if c := s.Coverage("ja"); fmt.Sprint(c.Pages) != "{2 [content/pages/a.md] [content/pages/a.md] [content/pages/b.md]}" ||
		fmt.Sprint(c.Reusables) != "{1 [] [] [content/reusables/r.md]}" {
		t.Errorf("ja coverage = %+v", c)
	}
}

func TestTranslationStructureMismatch(t *testing.T) {
	en := page("A", ""+
		"{% ifversion pat-v2 %}\n"+
		"Fine-grained, see [AUTOTITLE](/b) and [x](/c#part).\n"+
		"{% else %}\n"+
		"Classic.\n"+
		"{% endif %}\n"+
		"{% data variables.product.name %} and {% data reusables.r %}\n"+
		"\n> [!NOTE]\n> n\n\n> [!WARNING]\n> w\n")
	r := "Reusable [AUTOTITLE](/b).\n"
	base := map[string]string{
		"content/pages/a.md":     en,
		"content/pages/b.md":     page("B", ""),
		"content/pages/c.md":     page("C", "## Part {#part}\n"),
		"content/reusables/r.md": r,
	}
	with := func(files map[string]string) map[string]string {
		for k, v := range base {
			files[k] = v
		}
		return files
	}
	// ja: same conditions in the same place, word order changed: no error.
	loadClean(t, with(map[string]string{
		"locales/ja/pages/a.md": translation("A", en, ""+
			"{% ifversion pat-v2 %}\n"+
			"[AUTOTITLE](/b) と [x](/c#part) を参照。\n"+
			"{% else %}\n"+
			"クラシック。\n"+
			"{% endif %}\n"+
			"{% data reusables.r %} と {% data variables.product.name %}\n"+
			"\n> [!NOTE]\n> n\n\n> [!WARNING]\n> w\n"),
	}))
	_, _, diags := load(t, with(map[string]string{
		// fr: another condition (links are then not compared), a variable missing, a reusable twice.
		"locales/fr/pages/a.md": translation("A", en, ""+
			"{% ifversion ghes %}\n"+ // line 5
			"Voir [AUTOTITLE](/b) et [x](/c#part).\n"+
			"{% else %}\n"+
			"Classique.\n"+
			"{% endif %}\n"+
			"{% data reusables.r %}, {% data reusables.r %}\n"+ // line 10
			"\n> [!NOTE]\n> n\n\n> [!WARNING]\n> w\n"),
		// ja: a condition missing.
		"locales/ja/pages/a.md": translation("A", en, ""+
			"[AUTOTITLE](/b) [x](/c#part)\n"+
			"{% data reusables.r %} {% data variables.product.name %}\n"+
			"\n> [!NOTE]\n> n\n\n> [!WARNING]\n> w\n"),
		// ko: same conditions; a link added, one missing, a callout of another kind; and the
		// reusable's translation lacks its link.
		"locales/ko/pages/a.md": translation("A", en, ""+
			"{% ifversion pat-v2 %}\n"+
			"[AUTOTITLE](/b), [y](/c).\n"+ // line 6
			"{% else %}\n"+
			"클래식.\n"+
			"{% endif %}\n"+
			"{% data reusables.r %} {% data variables.product.name %}\n"+
			"\n> [!NOTE]\n> n\n\n> [!TIP]\n> w\n"), // line 15: the TIP
		"locales/ko/reusables/r.md": reusableTranslation(r, "재사용 텍스트.\n"),
	}))
	wantDiags(t, diags, true,
		`locales/fr/pages/a.md:5:1: version conditions differ from the English source: found {% ifversion ghes %} where it has {% ifversion pat-v2 %} (content/pages/a.md:4:1)`,
		`locales/fr/pages/a.md:5:1: {% data variables.product.name %} of the English source (content/pages/a.md:9:1) is missing 1 time(s)`,
		`locales/fr/pages/a.md:10:25: {% data reusables.r %} is not in the English source, or not that many times`,
		`locales/ja/pages/a.md:5:1: version conditions differ from the English source: {% ifversion pat-v2 %} at content/pages/a.md:4:1 is missing`,
		`locales/ko/pages/a.md:6:18: link to /c is not in the English source`,
		`locales/ko/pages/a.md:5:1: the link to /c#part of the English source (content/pages/a.md:5:39) is missing`,
		`locales/ko/pages/a.md:15:1: callout [!TIP] where the English source has [!WARNING] (content/pages/a.md:14:1)`,
		`locales/ko/reusables/r.md:4:1: the link to /b of the English source (content/reusables/r.md:1:10) is missing`,
	)
}

func TestCoverageOrphansAndEnglish(t *testing.T) {
	s, _, _ := load(t, map[string]string{
		"content/pages/a.md":        page("A", ""),
		"locales/fr/pages/gone.md":  "---\ntitle: G\n---\n",
		"locales/fr/reusables/x.md": "---\nsource_hash: 0123456789abcdef\n---\n",
	})
	c := s.Coverage("fr")
	if fmt.Sprint(c.Orphans) != "[locales/fr/pages/gone.md locales/fr/reusables/x.md]" || fmt.Sprint(c.Pages.Missing) != "[content/pages/a.md]" {
		t.Errorf("fr coverage = %+v", c)
	}
	if c := s.Coverage("en"); c.Pages.Total != 1 || len(c.Pages.Translated) != 1 {
		t.Errorf("en coverage = %+v", c)
	}
}

// TestRenderConcurrent renders every page, version and language at once and compares with a
// sequential render (run with -race to check for data races).
func TestRenderConcurrent(t *testing.T) {
	s, m := loadGolden(t)
	type key struct{ path, v, lang string }
	want := map[key]string{}
	for _, p := range s.Pages() {
		for _, v := range m.Versions {
			if !p.In(v) {
				continue
			}
			for _, lang := range s.Langs() {
				r, err := s.Render(p, v, lang)
				if err != nil {
					t.Fatal(err)
				}
				want[key{p.Path(), v.Name(), lang}] = string(r.Body) + string(r.Intro)
			}
		}
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	for k, w := range want {
		wg.Add(1)
		go func() {
			defer wg.Done()
			p, _ := s.Page(k.path)
			v, _ := m.Version(k.v)
			r, err := s.Render(p, v, k.lang)
			mu.Lock()
			defer mu.Unlock()
			if err != nil || string(r.Body)+string(r.Intro) != w {
				t.Errorf("%v: concurrent render differs (err %v)", k, err)
			}
		}()
	}
	wg.Wait()
}
