package reference

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/scoperef/scoperef/internal/diff"
	"github.com/scoperef/scoperef/internal/model"
)

var (
	idAttr   = regexp.MustCompile(` id="([^"]+)"`)
	hrefAttr = regexp.MustCompile(` href="([^"]+)"`)
)

func pagesByPath(pages []Page) map[string]Page {
	out := map[string]Page{}
	for _, p := range pages {
		out[p.Path] = p
	}
	return out
}

// TestEndpointInvariants: in every version, every endpoint is on exactly one category page (its
// own) and on the page of every permission it names, linked to its anchor.
func TestEndpointInvariants(t *testing.T) {
	m := loadStarter(t)
	g := New(m, English{}, Options{})
	checked := 0
	for _, v := range m.Versions {
		vi := diff.IndexOf(m, v)
		pages := pagesByPath(g.Pages(v, "en"))
		for _, e := range m.EndpointsIn(vi) {
			anchor := `id="` + g.EndpointAnchor(e) + `"`
			var on []string
			for path, p := range pages {
				if strings.HasPrefix(path, "reference/endpoints/") && strings.Contains(string(p.Body), anchor) {
					on = append(on, path)
				}
			}
			if want := "reference/endpoints/" + e.Category.ID; len(on) != 1 || on[0] != want {
				t.Errorf("%s: %s is on category pages %v, want exactly [%s]", v.Name(), e.Operation, on, want)
			}
			link := `href="` + DefaultURL("en", v, "reference/endpoints/"+e.Category.ID, g.EndpointAnchor(e)) + `"`
			r := e.Requirement(vi)
			for _, set := range r.FineGrained.AnyOf {
				for _, gr := range set {
					p, ok := pages["reference/permissions/"+gr.Permission.ID]
					if !ok {
						t.Errorf("%s: no page for permission %s named by %s", v.Name(), gr.Permission.ID, e.Operation)
						continue
					}
					if !strings.Contains(string(p.Body), link) {
						t.Errorf("%s: page of %s does not link to %s", v.Name(), gr.Permission.ID, e.Operation)
					}
					checked++
				}
			}
		}
	}
	if checked == 0 {
		t.Fatal("no permission was checked: the test proves nothing")
	}
}

// namingCount counts, straight from the model, the endpoints of version index vi that name p.
func namingCount(m *model.Model, vi int, p *model.Permission) int {
	n := 0
	for _, e := range m.Endpoints {
		r := e.Requirement(vi)
		if r == nil || !r.FineGrained.Accepted {
			continue
		}
		if slices.ContainsFunc(r.FineGrained.AnyOf, func(set model.PermissionSet) bool {
			return slices.ContainsFunc(set, func(g model.Grant) bool { return g.Permission == p })
		}) {
			n++
		}
	}
	return n
}

// TestIndexCounts: the counts on the permissions and endpoints index pages equal the model's.
func TestIndexCounts(t *testing.T) {
	m := loadStarter(t)
	g := New(m, English{}, Options{})
	en := English{}
	for _, v := range m.Versions {
		vi := diff.IndexOf(m, v)
		pages := pagesByPath(g.Pages(v, "en"))
		perms := string(pages["reference/permissions"].Body)
		rows := 0
		for _, p := range m.Permissions {
			row := fmt.Sprintf(`<code>%s</code></th><td>`, p.ID)
			i := strings.Index(perms, row)
			if !p.Versions.Has(vi) {
				if i >= 0 {
					t.Errorf("%s: permission %s listed but absent from the version", v.Name(), p.ID)
				}
				continue
			}
			if i < 0 {
				t.Errorf("%s: permission %s missing from the index", v.Name(), p.ID)
				continue
			}
			rows++
			want := "<td>" + en.N("en", "reference.count.endpoints", namingCount(m, vi, p)) + "</td></tr>"
			if line := perms[i : strings.Index(perms[i:], "\n")+i]; !strings.HasSuffix(line, want) {
				t.Errorf("%s: index row %q does not end with %q", v.Name(), line, want)
			}
		}
		eps := string(pages["reference/endpoints"].Body)
		total := 0
		for _, c := range m.Categories {
			n := 0
			for _, e := range c.Endpoints {
				if e.Versions.Has(vi) {
					n++
				}
			}
			total += n
			row := fmt.Sprintf(`%s</a></th><td>%s</td>`, c.Title, en.N("en", "reference.count.endpoints", n))
			if (n > 0) != strings.Contains(eps, row) {
				t.Errorf("%s: category %s with %d endpoints: row %q present = %v", v.Name(), c.ID, n, row, !(n > 0))
			}
		}
		if total > 0 && !strings.Contains(eps, "("+en.N("en", "reference.count.endpoints", total)+")") {
			t.Errorf("%s: endpoints index lacks the total %d", v.Name(), total)
		}
		if rows != len(pagesWithPrefix(pages, "reference/permissions/")) {
			t.Errorf("%s: %d index rows but %d permission pages", v.Name(), rows, len(pagesWithPrefix(pages, "reference/permissions/")))
		}
	}
}

func pagesWithPrefix(pages map[string]Page, prefix string) []string {
	var out []string
	for p := range pages {
		if strings.HasPrefix(p, prefix) {
			out = append(out, p)
		}
	}
	return out
}

// TestLinksAndAnchors: ids are unique on each page, every link between reference pages reaches
// an existing page and anchor, every link to a download names a generated file, and every search
// record's anchor exists on its page.
func TestLinksAndAnchors(t *testing.T) {
	m := loadStarter(t)
	g := New(m, English{}, Options{})
	for _, v := range m.Versions {
		for _, lang := range []string{"en", "ja"} {
			pages := g.Pages(v, lang)
			ids := map[string]map[string]bool{}
			for _, p := range pages {
				ids[p.Path] = map[string]bool{}
				for _, mm := range idAttr.FindAllStringSubmatch(string(p.Body), -1) {
					if ids[p.Path][mm[1]] {
						t.Errorf("%s %s %s: duplicate id %q", v.Name(), lang, p.Path, mm[1])
					}
					ids[p.Path][mm[1]] = true
				}
			}
			files := g.Downloads(v)
			for name, data := range g.LangDownloads(v, lang) {
				files[name] = data
			}
			prefix := DefaultURL(lang, v, "", "")
			for _, p := range pages {
				for _, r := range p.Records {
					if r.Anchor != "" && !ids[p.Path][r.Anchor] {
						t.Errorf("%s %s %s: search record anchor %q is not on the page", v.Name(), lang, p.Path, r.Anchor)
					}
				}
				for _, mm := range hrefAttr.FindAllStringSubmatch(string(p.Body), -1) {
					href := mm[1]
					if strings.HasPrefix(href, "https://") {
						continue
					}
					target, anchor, _ := strings.Cut(href, "#")
					if target == "" {
						target = p.Path
					} else if !strings.HasPrefix(target, prefix) {
						t.Errorf("%s %s %s: link %q leaves the version", v.Name(), lang, p.Path, href)
						continue
					} else {
						target = strings.TrimPrefix(target, prefix)
					}
					if name, ok := strings.CutPrefix(target, DownloadsPath+"/"); ok {
						if _, ok := files[name]; !ok {
							t.Errorf("%s %s %s: link to missing download %q", v.Name(), lang, p.Path, href)
						}
						continue
					}
					if ids[target] == nil {
						t.Errorf("%s %s %s: link to missing page %q", v.Name(), lang, p.Path, href)
					} else if anchor != "" && !ids[target][anchor] {
						t.Errorf("%s %s %s: link to missing anchor %q", v.Name(), lang, p.Path, href)
					}
				}
			}
		}
	}
}

// TestEscaping: text from the data never becomes markup.
func TestEscaping(t *testing.T) {
	m := loadStarter(t)
	const evil = `<script>alert(1)</script>`
	e, _ := m.Endpoint("issues/create")
	e.Summary = evil
	e.Notes = []string{"note " + evil}
	s, _ := m.Scope("repo")
	s.Title = evil
	s.Description = evil
	p, _ := m.Permission("issues")
	p.Title = evil
	p.Description = evil
	g := New(m, English{}, Options{})
	v := version(t, m, "dotcom")
	found := 0
	for _, lang := range []string{"en", "fr"} {
		for _, page := range g.Pages(v, lang) {
			body := string(page.Body)
			if strings.Contains(body, "<script>alert") {
				t.Errorf("%s %s: unescaped data:\n%s", lang, page.Path, body)
			}
			found += strings.Count(body, "&lt;script&gt;alert(1)&lt;/script&gt;")
		}
		feed := string(g.LangDownloads(v, lang)[FeedName])
		if strings.Contains(feed, "<script>") {
			t.Errorf("%s feed: unescaped data", lang)
		}
	}
	if found < 6 {
		t.Errorf("escaped text found %d times; the evil strings should show, escaped, on several pages", found)
	}
}

// TestLangMarks: on a non-English page, English fallbacks carry lang="en"; on English pages no
// lang attribute appears.
func TestLangMarks(t *testing.T) {
	m := loadStarter(t)
	g := New(m, English{}, Options{})
	v := version(t, m, "dotcom")
	for _, p := range g.Pages(v, "en") {
		if strings.Contains(string(p.Body), "lang=") {
			t.Errorf("en %s has a lang attribute", p.Path)
		}
	}
	pages := pagesByPath(g.Pages(v, "ko"))
	for path, want := range map[string]string{
		"reference/endpoints/issues": `<span lang="en">Create an issue</span>`,
		"reference/scopes":           `<span lang="en">Full control of private repositories</span>`,
		"reference/permissions":      `<span lang="en">Issues</span>`,
	} {
		if !strings.Contains(string(pages[path].Body), want) {
			t.Errorf("ko %s lacks %s", path, want)
		}
	}
	tr := fakeTranslator{English{}}
	pages = pagesByPath(New(m, tr, Options{}).Pages(v, "ko"))
	if body := string(pages["reference/permissions"].Body); !strings.Contains(body, ">이슈</a>") || strings.Contains(body, `<span lang="en">Issues</span>`) {
		t.Errorf("translated permission title not used:\n%s", body)
	}
}

type fakeTranslator struct{ English }

func (fakeTranslator) Data(lang, kind, id, field string) (string, bool) {
	if kind == "permissions" && id == "issues" && field == "title" {
		return "이슈", true
	}
	return "", false
}
