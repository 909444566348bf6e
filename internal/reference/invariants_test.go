package reference

import (
	"fmt"
	"html/template"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/scoperef/scoperef/internal/diff"
	"github.com/scoperef/scoperef/internal/model"
	"github.com/scoperef/scoperef/internal/validate"
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

// models returns the models the invariant tests run on: the starter, and the project's own
// content (the full imported data) unless -short is given or it does not load.
func models(t *testing.T) map[string]*model.Model {
	out := map[string]*model.Model{"starter": loadStarter(t)}
	if testing.Short() {
		return out
	}
	schemas, err := validate.CompileSchemas(os.DirFS("../../schema"))
	if err != nil {
		t.Fatal(err)
	}
	if m, _ := validate.Load(validate.Options{Root: os.DirFS("../.."), Schemas: schemas, BuildDate: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)}); m != nil {
		out["content"] = m
	} else {
		t.Log("content/data does not load; checking the starter only")
	}
	return out
}

// attrs returns the set of values of one attribute on a page.
func attrs(re *regexp.Regexp, body template.HTML) map[string]bool {
	out := map[string]bool{}
	for _, mm := range re.FindAllStringSubmatch(string(body), -1) {
		out[mm[1]] = true
	}
	return out
}

// TestEndpointInvariants: in every version, every endpoint is on exactly one category page (its
// own) and on the page of every permission it names, linked to its anchor.
func TestEndpointInvariants(t *testing.T) {
	for name, m := range models(t) {
		g := New(m, English{}, Options{})
		checked := 0
		for _, v := range m.Versions {
			vi := diff.IndexOf(m, v)
			ids, hrefs := map[string]map[string]bool{}, map[string]map[string]bool{}
			for _, p := range g.Pages(v, "en") {
				ids[p.Path], hrefs[p.Path] = attrs(idAttr, p.Body), attrs(hrefAttr, p.Body)
			}
			for _, e := range m.EndpointsIn(vi) {
				var on []string
				for path, set := range ids {
					if strings.HasPrefix(path, "reference/endpoints/") && set[g.EndpointAnchor(e)] {
						on = append(on, path)
					}
				}
				if want := "reference/endpoints/" + e.Category.ID; len(on) != 1 || on[0] != want {
					t.Errorf("%s %s: %s is on category pages %v, want exactly [%s]", name, v.Name(), e.Operation, on, want)
				}
				link := DefaultURL("en", v, "reference/endpoints/"+e.Category.ID, g.EndpointAnchor(e))
				for _, set := range e.Requirement(vi).FineGrained.AnyOf {
					for _, gr := range set {
						page := "reference/permissions/" + gr.Permission.ID
						if hrefs[page] == nil {
							t.Errorf("%s %s: no page for permission %s named by %s", name, v.Name(), gr.Permission.ID, e.Operation)
						} else if !hrefs[page][link] {
							t.Errorf("%s %s: page of %s does not link to %s", name, v.Name(), gr.Permission.ID, e.Operation)
						}
						checked++
					}
				}
			}
		}
		if checked == 0 {
			t.Fatalf("%s: no permission was checked: the test proves nothing", name)
		}
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
	for name, m := range models(t) {
		t.Run(name, func(t *testing.T) { indexCounts(t, m) })
	}
}

func indexCounts(t *testing.T, m *model.Model) {
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
	for name, m := range models(t) {
		langs := []string{"en", "ja"}
		if name != "starter" {
			langs = langs[:1] // the full data is large; the starter covers a second language
		}
		t.Run(name, func(t *testing.T) { linksAndAnchors(t, m, langs) })
	}
}

func linksAndAnchors(t *testing.T, m *model.Model, langs []string) {
	g := New(m, English{}, Options{})
	for _, v := range m.Versions {
		for _, lang := range langs {
			pages := g.Pages(v, lang)
			ids := map[string]map[string]bool{}
			for _, p := range pages {
				all := idAttr.FindAllStringSubmatch(string(p.Body), -1)
				ids[p.Path] = attrs(idAttr, p.Body)
				if len(all) != len(ids[p.Path]) {
					t.Errorf("%s %s %s: %d ids but %d distinct", v.Name(), lang, p.Path, len(all), len(ids[p.Path]))
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
				for href := range attrs(hrefAttr, p.Body) {
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
