package content

import (
	"os"
	"reflect"
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
