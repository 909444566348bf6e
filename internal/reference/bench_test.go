package reference

import (
	"os"
	"sync"
	"testing"
	"time"

	"github.com/scoperef/scoperef/internal/model"
	"github.com/scoperef/scoperef/internal/validate"
)

// BenchmarkPages renders every reference page and download of every built version of the
// project's content in four languages: go test -run - -bench Pages ./internal/reference
func BenchmarkPages(b *testing.B) {
	schemas, err := validate.CompileSchemas(os.DirFS("../../schema"))
	if err != nil {
		b.Fatal(err)
	}
	m, _ := validate.Load(validate.Options{Root: os.DirFS("../.."), Schemas: schemas, BuildDate: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)})
	if m == nil {
		b.Skip("content/data does not load")
	}
	b.ReportAllocs()
	for b.Loop() {
		g := New(m, English{}, Options{})
		pages := 0
		for _, v := range m.Built() {
			for _, lang := range []string{"en", "fr", "ja", "ko"} {
				pages += len(g.Pages(v, lang))
				g.LangDownloads(v, lang)
			}
			g.Downloads(v)
		}
		b.ReportMetric(float64(pages), "pages/op")
	}
}

// loadContent loads the project's own content/data, the dataset the site builds; nil when it does
// not load.
func loadContent(tb testing.TB) *model.Model {
	tb.Helper()
	schemas, err := validate.CompileSchemas(os.DirFS("../../schema"))
	if err != nil {
		tb.Fatal(err)
	}
	m, _ := validate.Load(validate.Options{Root: os.DirFS("../.."), Schemas: schemas, BuildDate: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)})
	return m
}

// BenchmarkDownloads makes the language-independent download files of every built version of the
// project's content: go test -run - -bench Downloads ./internal/reference
//
// "fresh" uses a new Generator per op, as a site build does (the per-version data and the
// calculator's tables are computed in the op); "warm" reuses one whose caches are filled, so it
// measures the file writers alone.
func BenchmarkDownloads(b *testing.B) {
	m := loadContent(b)
	if m == nil {
		b.Skip("content/data does not load")
	}
	bytesPerOp := func(g *Generator) (n int) {
		for _, v := range m.Built() {
			for _, data := range g.Downloads(v) {
				n += len(data)
			}
		}
		return n
	}
	b.Run("fresh", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			b.SetBytes(int64(bytesPerOp(New(m, English{}, Options{}))))
		}
	})
	b.Run("warm", func(b *testing.B) {
		g := New(m, English{}, Options{})
		bytesPerOp(g)
		b.ReportAllocs()
		for b.Loop() {
			b.SetBytes(int64(bytesPerOp(g)))
		}
	})
}

// BenchmarkLangDownloads makes the Atom feed of every built version of the project's content in
// four languages with a warm Generator (the diffs it counts are computed once per generator and
// shared with the changes pages).
func BenchmarkLangDownloads(b *testing.B) {
	m := loadContent(b)
	if m == nil {
		b.Skip("content/data does not load")
	}
	g := New(m, English{}, Options{})
	run := func() {
		for _, v := range m.Built() {
			for _, lang := range []string{"en", "fr", "ja", "ko"} {
				g.LangDownloads(v, lang)
			}
		}
	}
	run()
	b.ReportAllocs()
	for b.Loop() {
		run()
	}
}

// TestConcurrentPages: a generator serves several versions and languages at once (the site
// renders in parallel) and gives the same pages as one at a time.
func TestConcurrentPages(t *testing.T) {
	m := loadStarter(t)
	want := map[string]string{}
	seq := New(m, English{}, Options{})
	for _, v := range m.Versions {
		for _, lang := range []string{"en", "fr"} {
			for _, p := range seq.Pages(v, lang) {
				want[v.Name()+lang+p.Path] = string(p.Body)
			}
		}
	}
	g := New(m, English{}, Options{})
	var mu sync.Mutex
	var wg sync.WaitGroup
	for _, v := range m.Versions {
		for _, lang := range []string{"en", "fr"} {
			wg.Go(func() {
				for _, p := range g.Pages(v, lang) {
					mu.Lock()
					if want[v.Name()+lang+p.Path] != string(p.Body) {
						t.Errorf("%s %s %s differs when rendered concurrently", v.Name(), lang, p.Path)
					}
					mu.Unlock()
				}
			})
		}
	}
	wg.Wait()
}
