package site

import (
	"fmt"
	"html/template"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/scoperef/scoperef/internal/diag"
	"github.com/scoperef/scoperef/internal/i18n"
	"github.com/scoperef/scoperef/internal/model"
	"github.com/scoperef/scoperef/internal/vrange"
)

// fixtureModel is a small model with one version of every status: dotcom and ghec, a
// discontinued ghes-3.9, a supported ghes-3.19, a release candidate ghes-3.20 and a hidden
// ghes-3.21.
func fixtureModel() *model.Model {
	dotcom := &model.Product{ID: "dotcom", Name: "GitHub.com"}
	ghec := &model.Product{ID: "ghec", Name: "GitHub Enterprise Cloud", Segment: "enterprise-cloud@latest"}
	ghes := &model.Product{ID: "ghes", Name: "GitHub Enterprise Server", Segment: "enterprise-server@{release}"}
	day := func(s string) time.Time { t, _ := time.Parse(time.DateOnly, s); return t }
	rel := func(minor int, status model.Status, rc, ga, dep string) *model.Version {
		r := vrange.Release{Major: 3, Minor: minor}
		return &model.Version{
			Version: vrange.Version{Product: "ghes", Release: r}, Product: ghes,
			Segment: "enterprise-server@" + r.String(), Status: status,
			ReleaseCandidate: day(rc), GeneralAvailability: day(ga), Deprecation: day(dep),
		}
	}
	m := &model.Model{
		Products: []*model.Product{dotcom, ghec, ghes},
		Versions: []*model.Version{
			{Version: vrange.Version{Product: "dotcom"}, Product: dotcom},
			{Version: vrange.Version{Product: "ghec"}, Product: ghec, Segment: "enterprise-cloud@latest"},
			rel(9, model.Deprecated, "2023-06-08", "2023-06-29", "2024-07-26"),
			rel(19, model.Supported, "2025-12-02", "2025-12-09", "2026-12-09"),
			rel(20, model.ReleaseCandidate, "2026-03-03", "2026-03-24", "2027-03-24"),
			rel(21, model.Hidden, "2026-06-02", "2026-06-23", "2027-06-23"),
		},
		BuildDate: day("2026-03-10"),
	}
	for i, v := range m.Versions {
		v.Index = i
	}
	m.Index()
	return m
}

// fakePage is one page of fakeContent.
type fakePage struct {
	path      string
	versions  []string // version names; nil means every version
	redirects []string
	render    func(v *model.Version, lang string) *Page
}

// fakeContent implements Content with pages written in Go, standing in for the content stage.
type fakeContent struct{ pages []fakePage }

func (c *fakeContent) Paths() []string {
	var out []string
	for _, p := range c.pages {
		out = append(out, p.path)
	}
	return out
}

func (c *fakeContent) page(path string) *fakePage {
	for i := range c.pages {
		if c.pages[i].path == path {
			return &c.pages[i]
		}
	}
	return nil
}

func (c *fakeContent) In(path string, v *model.Version) bool {
	p := c.page(path)
	return p != nil && (p.versions == nil || slices.Contains(p.versions, v.Name()))
}

func (c *fakeContent) Redirects(path string) []string { return c.page(path).redirects }

func (c *fakeContent) Render(path string, v *model.Version, lang string) (*Page, error) {
	p := c.page(path)
	if p == nil {
		return nil, fmt.Errorf("no page %q", path)
	}
	return p.render(v, lang), nil
}

// fixtureContent is the fixture site: a home page, a guide (translated in French, stale in
// Korean, untranslated in Japanese), a reference section whose scopes page combines Markdown
// with a generated table, and a page that exists only in some versions.
func fixtureContent() *fakeContent {
	titles := map[string]map[string]string{
		"":                 {"en": "Fixture home", "fr": "Accueil de test", "ja": "テストのホーム", "ko": "테스트 홈"},
		"guide":            {"en": "Tokens & <keys>", "fr": "Jetons & <clés>", "ko": "토큰 & <키>"},
		"reference":        {"en": "Reference", "fr": "Référence", "ja": "リファレンス", "ko": "참조"},
		"reference/scopes": {"en": "Scopes", "fr": "Étendues", "ja": "スコープ", "ko": "범위"},
		"reference/new":    {"en": "New thing", "fr": "Nouveauté", "ja": "新機能", "ko": "새 기능"},
	}
	simple := func(path string, body func(v *model.Version, lang string) (string, []Heading, []Link)) func(*model.Version, string) *Page {
		return func(v *model.Version, lang string) *Page {
			title, textLang := titles[path][lang], lang
			fallback := false
			if title == "" {
				title, textLang, fallback = titles[path]["en"], "en", true
			}
			b, hs, ls := body(v, textLang)
			return &Page{Title: title, Intro: template.HTML("<p>" + template.HTMLEscapeString(title) + " — intro.</p>"),
				Body: template.HTML(b), Headings: hs, Links: ls, Lang: textLang, Fallback: fallback}
		}
	}
	pos := func(file string, line int) diag.Pos { return diag.Pos{File: file, Line: line, Col: 3} }
	return &fakeContent{pages: []fakePage{
		{path: "", render: simple("", func(v *model.Version, lang string) (string, []Heading, []Link) {
			body := `<h2 id="start">Start</h2>` + "\n" +
				`<p><a href="` + URL(lang, v, "guide", "") + `">guide</a> and <a href="` + URL(lang, v, "reference/scopes", "repo") + `">repo</a>.</p>`
			return body, []Heading{{ID: "start", Text: "Start", Level: 2}},
				[]Link{{Path: "guide", Pos: pos("content/pages/index.md", 7)}, {Path: "reference/scopes", Anchor: "repo", Pos: pos("content/pages/index.md", 8)}}
		})},
		{path: "guide", redirects: []string{"/old-guide"}, render: func(v *model.Version, lang string) *Page {
			p := simple("guide", func(v *model.Version, lang string) (string, []Heading, []Link) {
				return `<h2 id="about-tokens">About tokens</h2>` + "\n<p>Keep &lt;tokens&gt; secret.</p>\n" +
						`<h3 id="kinds">Kinds</h3>` + "\n<p>Two kinds.</p>",
					[]Heading{{ID: "about-tokens", Text: "About tokens", Level: 2}, {ID: "kinds", Text: "Kinds", Level: 3}},
					[]Link{{Path: "", Anchor: "start", Pos: pos("content/pages/guide.md", 12)}}
			})(v, lang)
			switch lang {
			case "fr":
				p.FallbackParts = 1
				p.Body += "\n<p lang=\"en\">An untranslated paragraph.</p>"
			case "ko":
				p.Stale = true
			}
			return p
		}},
		{path: "reference", render: simple("reference", func(*model.Version, string) (string, []Heading, []Link) {
			return "<p>Pages in this section.</p>", nil, nil
		})},
		{path: "reference/scopes", render: simple("reference/scopes", func(*model.Version, string) (string, []Heading, []Link) {
			return `<h2 id="about-scopes">About scopes</h2>` + "\n<p>Scopes narrow a token.</p>", []Heading{{ID: "about-scopes", Text: "About scopes", Level: 2}}, nil
		})},
		{path: "reference/new", versions: []string{"dotcom", "ghes-3.20"}, render: simple("reference/new", func(*model.Version, string) (string, []Heading, []Link) {
			return "<p>Only in some versions.</p>", nil, nil
		})},
	}}
}

// scopeTable is a Generator that appends a table to reference/scopes, with a row id per scope,
// a plural count and a search record per scope.
type scopeTable struct{ cat *i18n.Catalog }

func (g scopeTable) Pages(v *model.Version, lang string) ([]GeneratedPage, error) {
	scopes := []string{"repo", "user"}
	if v.Name() == "dotcom" {
		scopes = append(scopes, "project")
	}
	var b strings.Builder
	fmt.Fprintf(&b, "<h2 id=\"all-scopes\">All scopes</h2>\n<p>%s</p>\n<table>\n<thead><tr><th>Scope</th></tr></thead>\n<tbody>\n",
		template.HTMLEscapeString(g.cat.N(lang, "ScopeCount", len(scopes)).S))
	for _, s := range scopes {
		fmt.Fprintf(&b, "<tr id=\"%s\"><td><code>%s</code></td></tr>\n", s, s)
	}
	b.WriteString("</tbody>\n</table>\n")
	fmt.Fprintf(&b, "<p><a href=\"%s\">scopes.json</a></p>\n", URL(lang, v, "reference/scopes.json", ""))
	records := []SearchRecord{{Anchor: "all-scopes", Title: "All scopes", Text: g.cat.N(lang, "ScopeCount", len(scopes)).S}}
	for _, s := range scopes {
		records = append(records, SearchRecord{Anchor: s, Title: s, Text: "The " + s + " scope."})
	}
	return []GeneratedPage{{
		Path: "reference/scopes", Body: template.HTML(b.String()),
		Headings: []Heading{{ID: "all-scopes", Text: "All scopes", Level: 2}}, IDs: scopes, Records: records,
	}}, nil
}

// Files publishes the scopes as JSON beside the page.
func (g scopeTable) Files(v *model.Version, lang string) (map[string][]byte, error) {
	return map[string][]byte{"reference/scopes.json": []byte(`["repo","user"]` + "\n")}, nil
}

// fixtureOptions returns build options for the fixture site with the repository's templates and
// interface strings.
func fixtureOptions(t testing.TB) Options {
	t.Helper()
	cat, diags := i18n.Load(i18n.Languages, os.DirFS("../.."))
	if diags.HasErrors() {
		t.Fatal(diags.Err())
	}
	return Options{
		Model:      fixtureModel(),
		Content:    fixtureContent(),
		Generators: []Generator{scopeTable{cat}},
		Catalog:    cat,
		Templates:  os.DirFS("../../templates"),
		BaseURL:    "https://docs.example.com",
		Workers:    2,
	}
}
