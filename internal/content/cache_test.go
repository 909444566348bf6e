package content

import (
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/scoperef/scoperef/internal/diag"
	"github.com/scoperef/scoperef/internal/validate"
)

// TestRenderKeptEqualsFresh: what Render returns from Load's check renders is what rendering
// again gives, for every page, version and language of the fixture site and the shipped one,
// and changing a result does not change the next.
func TestRenderKeptEqualsFresh(t *testing.T) {
	golden, _ := loadGolden(t)
	sites := map[string]*Site{"testdata/site": golden}
	root := os.DirFS("../..")
	if m, _ := validate.Load(validate.Options{Root: root, Schemas: testSchemas(t), BuildDate: buildDate}); m != nil {
		shipped, diags := Load(Options{Root: root, Model: m, Langs: []string{"en", "fr", "ja", "ko"}})
		if diags.HasErrors() {
			t.Fatalf("shipped pages: %v", diags.Err())
		}
		sites["shipped"] = shipped
	}
	for name, s := range sites {
		kept := 0
		for _, p := range s.Pages() {
			for _, v := range s.m.Versions {
				if !p.In(v) {
					continue
				}
				for _, lang := range s.Langs() {
					if p.rendered[renderKey{v.Index, lang}] != nil {
						kept++
					}
					got, gotErr := s.Render(p, v, lang)
					var diags diag.List
					want, _, wantErr := s.render(p, v, lang, &diags)
					if wantErr == nil {
						wantErr = diags.Err()
					}
					if wantErr != nil {
						want = nil
					}
					if !reflect.DeepEqual(got, want) || !reflect.DeepEqual(gotErr, wantErr) {
						t.Errorf("%s: /%s %s %s: Render gives %+v, %v; rendering again %+v, %v", name, p.Path(), v.Name(), lang, got, gotErr, want, wantErr)
					}
					if got != nil {
						got.Body, got.Headings, got.Links = "changed", append(got.Headings, Heading{ID: "x"}), nil
						if again, _ := s.Render(p, v, lang); !reflect.DeepEqual(again, want) {
							t.Errorf("%s: /%s %s %s: changing a result changed the next", name, p.Path(), v.Name(), lang)
						}
					}
				}
			}
		}
		if kept == 0 {
			t.Errorf("%s: Load kept no render", name)
		}
	}
}

// TestParseCacheSameSite loads the fixture site three times with one ParseCache (as it is, with
// one page and one reusable edited, and with a page removed) and compares every render and
// diagnostic with a Load without the cache.
func TestParseCacheSameSite(t *testing.T) {
	_, _ = loadGolden(t) // the fixture loads
	files := map[string]string{}
	err := fs.WalkDir(os.DirFS("testdata/site"), ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(filepath.Join("testdata/site", name))
		files[name] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	edited := maps.Clone(files)
	edited["content/pages/guide/tokens.md"] += "\nOne more paragraph, with a [link](/guide/tokens).\n"
	edited["content/reusables/steps/verify.md"] += "\nAnd check it twice.\n"
	removed := maps.Clone(edited)
	delete(removed, "content/pages/reference/new.md")
	// What else a page's render reads: another page's title (AUTOTITLE), a translation of a
	// reusable, the positions of the text (a longer front matter), a reusable that appears.
	retitled := maps.Clone(files)
	retitled["content/pages/guide/tokens.md"] = strings.Replace(files["content/pages/guide/tokens.md"], "title: Managing your tokens", "title: Managing tokens", 1)
	reusableFr := maps.Clone(files)
	reusableFr["locales/fr/reusables/steps/open-settings.md"] += "\nUne ligne de plus.\n"
	shifted := maps.Clone(files)
	shifted["content/pages/index.md"] = strings.Replace(files["content/pages/index.md"], "---\n", "---\n# a comment line\n", 1)
	translated := maps.Clone(files)
	translated["locales/fr/pages/guide/tokens.md"] += "\nUn paragraphe de plus.\n"
	missing := maps.Clone(files)
	missing["content/pages/index.md"] += "\n{% data reusables.steps.later %}\n"
	appeared := maps.Clone(missing)
	appeared["content/reusables/steps/later.md"] = "Now it exists.\n"

	cache := NewParseCache()
	// The model is kept from one Load to the next, as serve keeps it when only pages change.
	m := loadModel(t, fixtureFS(t, files))
	for _, set := range []map[string]string{files, edited, removed, files, retitled, files, reusableFr, files, translated, files, shifted, files, missing, appeared, files, files} {
		fsys := fixtureFS(t, set)
		opts := Options{Root: fsys, Model: m, Langs: []string{"en", "fr", "ja", "ko"}, Label: testLabel}
		fresh, freshDiags := Load(opts)
		opts.Parsed = cache
		cached, cachedDiags := Load(opts)
		if got, want := diagText(cachedDiags), diagText(freshDiags); got != want {
			t.Fatalf("diagnostics with the cache:\n%s\nwithout:\n%s", got, want)
		}
		n := 0
		for _, p := range fresh.Pages() {
			q, ok := cached.Page(p.Path())
			if !ok {
				t.Fatalf("/%s is missing with the cache", p.Path())
			}
			for _, v := range m.Versions {
				if !p.In(v) {
					continue
				}
				for _, lang := range fresh.Langs() {
					want, wantErr := fresh.Render(p, v, lang)
					got, gotErr := cached.Render(q, v, lang)
					if (wantErr == nil) != (gotErr == nil) || !reflect.DeepEqual(got, want) {
						t.Fatalf("/%s in %s, %s: with the cache %+v (%v), without %+v (%v)", p.Path(), v.Name(), lang, got, gotErr, want, wantErr)
					}
					n++
				}
			}
		}
		if n == 0 {
			t.Fatal("nothing rendered")
		}
	}
	if len(cache.pages) == 0 {
		t.Fatal("the cache kept nothing")
	}
	memos := 0
	for _, ps := range cache.pages {
		memos += len(ps.renders)
	}
	if memos == 0 {
		t.Fatal("no render was remembered")
	}
}
