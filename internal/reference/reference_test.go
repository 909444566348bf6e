package reference

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/scoperef/scoperef/internal/model"
	"github.com/scoperef/scoperef/internal/validate"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden from the current output")

func loadStarter(t testing.TB) *model.Model { return loadFixture(t, "../../examples/starter") }

// loadFixture loads the dataset under dir (a folder holding content/data).
func loadFixture(t testing.TB, dir string) *model.Model {
	t.Helper()
	schemas, err := validate.CompileSchemas(os.DirFS("../../schema"))
	if err != nil {
		t.Fatal(err)
	}
	m, diags := validate.Load(validate.Options{Root: os.DirFS(dir), Schemas: schemas,
		BuildDate: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)})
	if m == nil {
		var b bytes.Buffer
		diags.WriteText(&b)
		t.Fatalf("%s does not load:\n%s", dir, b.String())
	}
	return m
}

func version(t testing.TB, m *model.Model, name string) *model.Version {
	t.Helper()
	v, ok := m.Version(name)
	if !ok {
		t.Fatalf("no version %s", name)
	}
	return v
}

// golden compares got with testdata/golden/name, or rewrites the file with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	file := filepath.Join("testdata", "golden", filepath.FromSlash(name))
	if *update {
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (run go test -run %s -update to create it)", err, t.Name())
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (run with -update and review the diff):\n%s", name, lineDiff(string(want), string(got)))
	}
}

// lineDiff shows the first lines where want and got differ, as (-want +got).
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	shown := 0
	for i := 0; i < max(len(w), len(g)) && shown < 10; i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			fmt.Fprintf(&b, "line %d:\n-%s\n+%s\n", i+1, wl, gl)
			shown++
		}
	}
	return b.String()
}

// TestGolden renders every page of three versions of the starter: English on GitHub.com and
// Enterprise Server 3.19, and French (with the English translator, so every data title falls back
// to English marked lang="en") on Enterprise Server 3.19.
func TestGolden(t *testing.T) {
	m := loadStarter(t)
	g := New(m, English{}, Options{})
	for _, c := range []struct{ version, lang string }{{"dotcom", "en"}, {"ghes-3.19", "en"}, {"ghes-3.19", "fr"}, {"ghes-3.9", "en"}} {
		for _, p := range g.Pages(version(t, m, c.version), c.lang) {
			golden(t, c.version+"/"+c.lang+"/"+p.Path+".html", []byte(p.Body))
		}
	}
	for _, name := range []string{"dotcom", "ghes-3.19"} {
		for file, data := range g.Downloads(version(t, m, name)) {
			if file != "migrate.js" && file != "calculator.js" {
				golden(t, name+"/downloads/"+file, data)
			}
		}
		golden(t, name+"/en/"+FeedName, g.LangDownloads(version(t, m, name), "en")[FeedName])
	}
}
