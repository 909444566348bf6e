package content

import (
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/scoperef/scoperef/internal/model"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// loadGolden loads the fixture site in testdata/site with the fixture data. Its raw HTML
// warnings are expected; anything else fails.
func loadGolden(t *testing.T) (*Site, *model.Model) {
	t.Helper()
	files := map[string]string{}
	root := filepath.Join("testdata", "site")
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(root, p)
		files[filepath.ToSlash(rel)] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	s, m, diags := load(t, files)
	wantDiags(t, diags, true,
		`content/pages/guide/tokens.md:28:22: warning: raw HTML is not rendered; write Markdown instead`,
		`content/pages/guide/tokens.md:28:33: warning: raw HTML is not rendered; write Markdown instead`,
		`locales/fr/pages/guide/tokens.md:28:33: warning: raw HTML is not rendered; write Markdown instead`,
		`locales/fr/pages/guide/tokens.md:28:45: warning: raw HTML is not rendered; write Markdown instead`,
		`locales/ja/pages/guide/tokens.md:27:15: warning: raw HTML is not rendered; write Markdown instead`,
		`locales/ja/pages/guide/tokens.md:27:25: warning: raw HTML is not rendered; write Markdown instead`,
	)
	return s, m
}

// TestGolden renders every fixture page in three versions and four languages and compares the
// result with testdata/golden/<page>.txt (go test -run TestGolden -update rewrites them).
func TestGolden(t *testing.T) {
	s, m := loadGolden(t)
	for _, p := range s.Pages() {
		var b strings.Builder
		for _, vname := range []string{"dotcom", "ghes-3.9", "ghes-3.19"} {
			v := version(t, m, vname)
			for _, lang := range s.Langs() {
				fmt.Fprintf(&b, "==== %s %s\n", vname, lang)
				if !p.In(v) {
					b.WriteString("(not in this version)\n")
					continue
				}
				r, err := s.Render(p, v, lang)
				if err != nil {
					t.Fatalf("%s %s %s: %v", p.Path(), vname, lang, err)
				}
				writeRendered(&b, r)
			}
		}
		name := p.Path()
		if name == "" {
			name = "index"
		}
		file := filepath.Join("testdata", "golden", strings.ReplaceAll(name, "/", "_")+".txt")
		got := b.String()
		if *update {
			if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(file)
		if err != nil {
			t.Fatalf("%v (run go test -run TestGolden -update)", err)
		}
		if got != string(want) {
			t.Errorf("%s differs from the render (-want +got):\n%s", file, lineDiff(string(want), got))
		}
	}
}

func writeRendered(b *strings.Builder, r *Rendered) {
	fmt.Fprintf(b, "title: %s\nshort_title: %s\nintro: %s\n", r.Title, r.ShortTitle, r.Intro)
	fmt.Fprintf(b, "lang: %s fallback: %v fallback_parts: %d stale: %v\n", r.Lang, r.Fallback, r.FallbackParts, r.Stale)
	for _, h := range r.Headings {
		fmt.Fprintf(b, "heading: h%d #%s %s\n", h.Level, h.ID, h.Text)
	}
	for _, l := range r.Links {
		fmt.Fprintf(b, "link: /%s#%s at %s\n", l.Path, l.Anchor, l.Pos)
	}
	b.WriteString("body:\n")
	b.WriteString(string(r.Body))
}

// lineDiff lists the lines that differ, in order, as -want and +got.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	for i := 0; i < max(len(w), len(g)); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			fmt.Fprintf(&b, "line %d:\n-%s\n+%s\n", i+1, wl, gl)
		}
	}
	return b.String()
}
